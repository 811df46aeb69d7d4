import ArgumentParser
import Foundation
import GongkaiCorpus

/// `gongkai corpus`: writes the bundled corpus (contract-format JSON Lines) into a directory.
struct CorpusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corpus",
        abstract: "Generate the bundled corpus: payouts, guides, regulations, inspections, meetings.",
        discussion: "The same options always write byte-identical files. See Corpora/README.md."
    )

    @Option(help: "The seed every part of the corpus is drawn from.")
    var seed: UInt64 = 1

    @Option(help: "Number of payout rows.")
    var payouts: Int = 350_000

    @Option(help: "Number of market supervision inspection records.")
    var inspections: Int = 300

    @Option(help: "Number of meeting notices.")
    var meetings: Int = 200

    @Option(help: "Output directory (created when missing).")
    var out: String = "Corpora/generated"

    func validate() throws {
        guard payouts >= 0, inspections >= 0, meetings >= 0 else {
            throw ValidationError("counts must not be negative")
        }
    }

    func run() throws {
        let options = CorpusOptions(seed: seed, payouts: payouts, inspections: inspections, meetings: meetings)
        let directory = URL(fileURLWithPath: out, isDirectory: true)
        let summary = try CorpusGenerator(options: options).generate(to: directory) { p in
            FileHandle.standardError.write(Data("\(p.file): \(p.written)/\(p.total)\n".utf8))
        }
        for file in summary.files {
            print("\(directory.appendingPathComponent(file.name).path)\t\(file.records) records\t\(file.bytes) bytes")
        }
        print("payout recipients: \(summary.recipients); payout total: \(PayoutTotal.yuan(fen: summary.totalFen)) yuan")
    }
}
