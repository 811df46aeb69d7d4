import ArgumentParser
import Foundation
import Gongkai

/// `gongkai ingest --index DIR FILE...`: stores and indexes JSON Lines records.
struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Ingest JSON Lines records (`-` reads standard input).",
        discussion: "Prints accepted, replaced and rejected counts; each rejected line goes to standard error as FILE:LINE: reason. Exit status 0 when nothing was rejected, 1 when something was (what was accepted stays), 2 on a usage error."
    )

    @Option(name: .long, help: "The index directory (created when missing).")
    var index: String

    @Option(name: .long, help: "Records per commit.")
    var batchSize = 100_000

    @Argument(help: "JSON Lines files; `-` for standard input.")
    var files: [String]

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("name at least one file to ingest (or - for standard input)") }
        guard batchSize > 0 else { throw ValidationError("--batch-size must be positive") }
    }

    func run() throws {
        let engine = try SearchEngine.open(directory: index)
        let inputs: [IngestInput] = files.map { $0 == "-" ? .standardInput : .file($0) }
        let report = try engine.ingest(inputs, batchSize: batchSize) { p in
            let mb = Double(p.bytes) / 1_048_576
            FileHandle.standardError.write(Data(String(format: "gongkai: %d lines, %.1f MB read, %d committed, %.0f s\n", p.lines, mb, p.committed, p.seconds).utf8))
        }
        for rejection in report.rejections {
            FileHandle.standardError.write(Data("\(rejection)\n".utf8))
        }
        print("accepted \(report.accepted), replaced \(report.replaced), rejected \(report.rejected)")
        if report.rejected > 0 { throw ExitCode(1) }
    }
}
