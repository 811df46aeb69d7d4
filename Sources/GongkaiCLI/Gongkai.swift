import ArgumentParser
import Foundation

/// The `gongkai` command: ingest, delete, search, analyse, serve and generate corpora.
struct GongkaiCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gongkai",
        abstract: "Search Chinese government disclosure records: subsidy payouts, service guides, regulations.",
        subcommands: [IngestCommand.self, DeleteCommand.self, SearchCommand.self, AnalyzeCommand.self, ServeCommand.self, CorpusCommand.self]
    )
}

/// The entry point. It runs `GongkaiCommand` and maps its outcome to the contract's exit
/// statuses: 0 success, 1 failure (or rejected lines), 2 usage error — argument-parser's own
/// code for a usage error is 64, which the contract does not use.
@main
enum Main {
    static func main() async {
        do {
            var command = try GongkaiCommand.parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = GongkaiCommand.exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((GongkaiCommand.fullMessage(for: error) + "\n").utf8))
                exit(2)
            }
            GongkaiCommand.exit(withError: error)
        }
    }
}
