import ArgumentParser
import Gongkai

/// `gongkai delete --index DIR ID...`: deletes records by id.
struct DeleteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete records by id.")

    @Option(name: .long, help: "The index directory.")
    var index: String

    @Argument(help: "Ids of the records to delete.")
    var ids: [String]

    func validate() throws {
        guard !ids.isEmpty else { throw ValidationError("name at least one record id to delete") }
    }

    func run() throws {
        let engine = try SearchEngine.open(directory: index)
        let deleted = try engine.delete(ids: ids)
        print("deleted \(deleted) of \(ids.count)")
    }
}
