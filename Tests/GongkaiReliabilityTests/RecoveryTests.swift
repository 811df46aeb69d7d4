import Foundation
import Testing
import Gongkai
import GongkaiTestSupport

/// Recovery, deterministically: the state a kill between the store's transaction and the
/// manifest's rename leaves (the store ahead of the index) is made by putting back an older
/// MANIFEST; opening the index must replay the store's later changes (records, replacements
/// and deletions) so that the index and the store agree again.
@Suite struct RecoveryTests {
    func record(_ id: String, _ title: String) -> Record {
        Record(id: id, kind: "notice", fields: [.init(name: "title", value: .string(title))])
    }

    @Test func openingReplaysWhatTheIndexLacks() throws {
        let path = temporaryIndexPath("recovery")
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            let engine = try SearchEngine.open(directory: path)
            _ = try engine.ingest(records: (0..<10).map { record("r\($0)", "旧 old\($0)") })
        }
        let old = try Data(contentsOf: URL(fileURLWithPath: "\(path)/MANIFEST"))
        do {
            let engine = try SearchEngine.open(directory: path)
            _ = try engine.ingest(records: (5..<15).map { record("r\($0)", "新 new\($0)") })  // 5 replaced, 5 new
            _ = try engine.delete(ids: ["r0", "r1"])
        }
        // The crash: the index never heard of the last two commits.
        try old.write(to: URL(fileURLWithPath: "\(path)/MANIFEST"))
        let reader = try SearchEngine.open(directory: path, readOnly: true)
        #expect(try reader.search(SearchRequest(query: "旧", limit: 1)).total == 10, "read-only shows the old commit as it is")

        let engine = try SearchEngine.open(directory: path)
        let (store, index) = try engine.consistency()
        #expect(store == ["notice": 13] && index == store)
        #expect(try engine.search(SearchRequest(query: "旧", limit: 100)).hits.map(\.id).sorted() == ["r2", "r3", "r4"])
        #expect(try engine.search(SearchRequest(query: "新", limit: 100)).total == 10)
        #expect(try engine.search(SearchRequest(query: "old7", limit: 1)).total == 0, "a replaced version must be gone")
        #expect(try engine.search(SearchRequest(filters: [Filter(field: "id", value: "r0")], limit: 1)).total == 0)
        #expect(try engine.record(id: "r0") == nil && engine.record(id: "r14") != nil)
        #expect(try reader.search(SearchRequest(query: "新", limit: 1)).total == 10, "another engine sees the recovered commit")
    }
}

/// A record whose stored JSON was damaged on disk is reported as a damaged store, naming
/// what no longer parses, not as a failure to read: stored records are not validated again
/// when read, but they must still parse.
@Suite struct DamagedStoreTests {
    @Test func aDamagedStoredRecordIsReportedAsCorrupt() throws {
        let path = temporaryIndexPath("damaged")
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            let engine = try SearchEngine.open(directory: path)
            _ = try engine.ingest(records: [Record(id: "q1", kind: "notice", fields: [.init(name: "title", value: .string("公开目录"))])])
        }  // Closed: SQLite moves its log into the database file.
        let store = URL(fileURLWithPath: "\(path)/records.sqlite")
        var bytes = [UInt8](try Data(contentsOf: store))
        let json = Array(#"{"id":"q1","kind":"notice""#.utf8)
        let at = try #require((0...(bytes.count - json.count)).first { bytes[$0..<($0 + json.count)].elementsEqual(json) })
        bytes[at] = UInt8(ascii: "[")  // No longer a JSON object; the same length, so SQLite reads it as before.
        try Data(bytes).write(to: store)
        let engine = try SearchEngine.open(directory: path, readOnly: true)
        let error = #expect(throws: EngineError.self) { try engine.search(SearchRequest(query: "公开")) }
        #expect(error?.code == .corrupt && error?.message.contains("no longer parses") == true, "\(String(describing: error))")
    }
}
