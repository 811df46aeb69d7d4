import ArgumentParser

/// The `gongkai` command: ingest, delete, search, analyse, serve and generate corpora.
@main
struct GongkaiCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gongkai",
        abstract: "Search Chinese government disclosure records: subsidy payouts, service guides, regulations.",
        subcommands: [IngestCommand.self, DeleteCommand.self, SearchCommand.self, AnalyzeCommand.self, ServeCommand.self, CorpusCommand.self]
    )
}
