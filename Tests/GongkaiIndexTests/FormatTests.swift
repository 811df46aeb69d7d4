import Foundation
import Testing
@testable import GongkaiIndex
import GongkaiText

/// The on-disk structures: round trips, and the named errors of a damaged or foreign file.
@Suite struct FormatTests {
    func temporaryDirectory() throws -> IndexDirectory {
        try IndexDirectory(path: "/tmp/gongkai-format-\(UInt64.random(in: 0...UInt64.max))", create: true)
    }

    func document(_ id: String, _ title: String, body: String = "", amount: Int64? = nil) -> IndexDocument {
        IndexDocument(recordID: id, texts: [("title", title), ("body", body)], keywords: [("id", [id]), ("kind", ["guide"]), ("level", ["村级"])],
                      year: 2018, amountFen: amount, dateDays: CalendarDate.days("2018-05-01"))
    }

    @Test func segmentRoundTrips() throws {
        let directory = try temporaryDirectory()
        var builder = SegmentBuilder()
        try builder.add(document("a", "水稻种植", body: "pm2 2018年", amount: 12345))
        try builder.add(document("b", "稻田", body: "水稻 水稻"))
        try directory.writeAtomically(SegmentFormat.fileName(1), SegmentWriter.serialize(builder))
        let reader = try SegmentReader(directory: directory, id: 1, verifyChecksum: true)
        #expect(reader.documentCount == 2)
        #expect(reader.recordID(1) == "b")
        #expect(reader.amounts[0] == 12345 && reader.amounts[1] == -1)
        let bigram = try #require(reader.termInfo(Term.han(.bigram, "水", "稻")))
        let list = PostingsReader.decode(reader, bigram)
        #expect(list.documents == [0, 1])
        #expect(list.frequencies == [1, 2])
        #expect(list.titleFrequencies == [1, 0])
        var cursor = PositionsCursor(reader, bigram, list)
        var positions = [UInt32](repeating: 0, count: 4)
        #expect(cursor.positions(at: 0, into: &positions) == 1 && positions[0] == 0)
        let n = cursor.positions(at: 1, into: &positions)
        #expect(Array(positions[..<n]) == [1 << 20, 1 << 20 | 2])
        let level = try #require(reader.keywordColumns["level"])
        #expect(level.ordinal(of: 1).map(level.value) == "村级")
        #expect(reader.termInfo(Term.exact(field: "id", value: "b")) != nil)
    }

    @Test func positionCodingRoundTrips() {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            var positions = (0..<Int.random(in: 1...20, using: &random)).map { _ in
                UInt32.random(in: 0..<64, using: &random) << 20 | UInt32.random(in: 0..<5000, using: &random)
            }
            positions = Array(Set(positions)).sorted()
            var w = ByteWriter()
            var previous: UInt32 = 0
            for p in positions { PositionCoding.write(p, after: previous, to: &w); previous = p }
            w.bytes.withUnsafeBufferPointer { buffer in
                var p = buffer.baseAddress!
                var previous: UInt32 = 0
                for expected in positions {
                    previous = PositionCoding.read(after: previous, from: &p)
                    #expect(previous == expected)
                }
            }
        }
    }

    @Test func damagedAndForeignFilesAreRefusedByName() throws {
        let directory = try temporaryDirectory()
        var builder = SegmentBuilder()
        try builder.add(document("a", "标题"))
        var bytes = SegmentWriter.serialize(builder)
        try directory.writeAtomically(SegmentFormat.fileName(1), Array(bytes.dropLast(3)))
        #expect(throws: IndexError.self) { try SegmentReader(directory: directory, id: 1) }
        bytes[8] = 9  // version 9
        try directory.writeAtomically(SegmentFormat.fileName(2), bytes)
        do {
            _ = try SegmentReader(directory: directory, id: 2)
            Issue.record("a version-9 segment opened")
        } catch {
            #expect(error == .formatTooNew(file: SegmentFormat.fileName(2), found: 9, supported: 1))
        }
        bytes[8] = 1
        bytes[bytes.count - 40] ^= 0xFF
        try directory.writeAtomically(SegmentFormat.fileName(3), bytes)
        #expect(throws: IndexError.self) { try SegmentReader(directory: directory, id: 3, verifyChecksum: true) }
    }

    @Test func liveDocumentsRoundTrip() throws {
        var live = LiveDocuments(documentCount: 130)
        for d in [0, 63, 64, 129] as [UInt32] { live.delete(d) }
        let parsed = try LiveDocuments(bytes: live.serialize(), name: "x")
        #expect(parsed == live)
        #expect(parsed.liveCount == 126)
        #expect(!parsed.isLive(64) && parsed.isLive(65))
    }

    @Test func moneyAndDatesAreExact() {
        #expect(Money.fen("1234.5") == 123450)
        #expect(Money.fen("0.01") == 1)
        #expect(Money.fen("1.234") == nil)
        #expect(Money.fen("-1") == nil)
        #expect(Money.fen("1.") == nil)
        #expect(Money.format(fen: 123405) == "1234.05")
        #expect(CalendarDate.days("1970-01-01") == 0)
        #expect(CalendarDate.days("2000-02-29") != nil)
        #expect(CalendarDate.days("1900-02-29") == nil)
        #expect(CalendarDate.format(days: CalendarDate.days("2024-12-31")!) == "2024-12-31")
    }

    @Test func manifestRoundTripsAndRefusesNewerFormats() throws {
        let directory = try temporaryDirectory()
        var manifest = Manifest()
        manifest.generation = 3
        manifest.segments = [.init(id: 1, documents: 10, deleted: 2, deletesGeneration: 3)]
        try manifest.write(directory)
        #expect(try Manifest.read(directory) == manifest)
        manifest.format = 2
        try manifest.write(directory)
        #expect(throws: IndexError.self) { try Manifest.read(directory) }
    }
}
