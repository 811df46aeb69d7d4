import Foundation
import Testing
import GongkaiTestSupport

/// Contract §4 through the real `gongkai` binary (built by `swift build --build-tests`).
@Suite struct CLITests {
    static let binary = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent(".build/debug/gongkai").path

    static var built: Bool { FileManager.default.isExecutableFile(atPath: binary) }

    struct Outcome { let status: Int32; let out: String; let err: String }

    func run(_ arguments: [String], input: String? = nil) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments
        let out = Pipe(), err = Pipe(), stdin = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, out: String(decoding: o, as: UTF8.self), err: String(decoding: e, as: UTF8.self))
    }

    @Test(.enabled(if: CLITests.built, "the gongkai binary is not built"))
    func ingestSearchDeleteAnalyzeWithContractExitCodes() throws {
        let index = temporaryIndexPath("cli")
        defer { try? FileManager.default.removeItem(atPath: index) }
        let file = index + ".jsonl"
        defer { try? FileManager.default.removeItem(atPath: file) }
        try """
        {"id":"a","kind":"payout","item":"水稻种植补贴","recipient":"胡小弟","id_number":"310228198001011234","amount":"100.50","year":2018}
        {"id":"b","kind":"guide"}
        {"id":"c","kind":"guide","title":"水稻"}

        """.write(toFile: file, atomically: true, encoding: .utf8)

        let ingest = try run(["ingest", "--index", index, file])
        #expect(ingest.status == 1)
        #expect(ingest.out.contains("accepted 2, replaced 0, rejected 1"))
        #expect(ingest.err.contains("\(file):2: a guide record needs the field \"title\""))

        let clean = try run(["ingest", "--index", index, "-"], input: #"{"id":"c","kind":"guide","title":"稻田"}"# + "\n")
        #expect(clean.status == 0)
        #expect(clean.out.contains("accepted 1, replaced 1, rejected 0"))

        let search = try run(["search", "--index", index, "--json", "--filter", "year=2018", "稻"])
        #expect(search.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(search.out.utf8)) as? [String: Any])
        #expect(json["total"] as? Int == 1)
        #expect(json["amount_sum"] as? String == "100.50")
        #expect(search.out.contains("310228********1234"))
        #expect(!search.out.contains("310228198001011234"))

        #expect(try run(["search", "--index", index, "--sort", "price", "稻"]).status == 2)
        #expect(try run(["search", "--index", index, "--filter", "year=2019..2018"]).status == 2)
        #expect(try run(["ingest", "--index", index]).status == 2)
        #expect(try run(["frobnicate"]).status == 2)

        let delete = try run(["delete", "--index", index, "a", "zzz"])
        #expect(delete.status == 0 && delete.out.contains("deleted 1 of 2"))
        #expect(try run(["search", "--index", index, "--json", "稻"]).out.contains(#""total":1"#))

        let analyze = try run(["analyze", "2018年稻"])
        #expect(analyze.out.trimmingCharacters(in: .whitespacesAndNewlines)
                == #"[{"term":"2018","start":0,"end":4,"position":0},{"term":"年稻","start":4,"end":6,"position":1}]"#)
    }
}
