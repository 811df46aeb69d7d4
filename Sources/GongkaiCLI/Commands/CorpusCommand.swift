import ArgumentParser

/// `gongkai corpus`: generates the bundled corpus (placeholder until the generator lands).
struct CorpusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "corpus", abstract: "Generate the bundled corpus.")
    func run() throws { throw ValidationError("the corpus generator is not built yet") }
}
