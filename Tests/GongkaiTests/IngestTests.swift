import Foundation
import Testing
import Gongkai
import GongkaiIndex
import GongkaiTestSupport

/// Contract §1: what is accepted, what is rejected and why, replacement and deletion.
@Suite struct IngestTests {
    static let rejected: [(line: String, reason: String)] = [
        (#"{"kind":"guide","title":"x"}"#, "no \"id\""),
        (#"{"id":"x","title":"x"}"#, "no \"kind\""),
        (#"{"id":"x","kind":"Guide","title":"x"}"#, "\"kind\""),
        (#"{"id":"","kind":"guide","title":"x"}"#, "1 to 128"),
        (#"{"id":"\#(String(repeating: "x", count: 129))","kind":"guide","title":"x"}"#, "1 to 128"),
        (#"{"id":"x","kind":"guide"}"#, "needs the field \"title\""),
        (#"{"id":"x","kind":"payout","item":"a","recipient":"b","year":2018}"#, "needs the field \"amount\""),
        (#"{"id":"x","kind":"guide","title":"x","Bad":1}"#, "field name"),
        (#"{"id":"x","kind":"guide","title":"x","o":{"a":1}}"#, "is an object"),
        (#"{"id":"x","kind":"guide","title":"x","a":[1,2]}"#, "not a string"),
        (#"{"id":"x","kind":"guide","title":"x","amount":"1.234"}"#, "\"amount\""),
        (#"{"id":"x","kind":"guide","title":"x","amount":-1}"#, "\"amount\""),
        (#"{"id":"x","kind":"guide","title":"x","amount":1e3}"#, "\"amount\""),
        (#"{"id":"x","kind":"guide","title":"x","year":1948}"#, "\"year\""),
        (#"{"id":"x","kind":"guide","title":"x","date":"2018-02-30"}"#, "\"date\""),
        (#"{"id":"x","kind":"guide","title":"x","id_number":""}"#, "\"id_number\""),
        (#"{"id":"x","kind":"guide","title":"x","title":"y"}"#, "twice"),
        // Many fields (names are then checked through a set).
        (#"{"id":"x","kind":"guide","title":"x","# + (0..<40).map { #""f\#($0)":"v""# }.joined(separator: ",") + #","f7":"w"}"#, "\"f7\" appears twice"),
        (#"{"id":"x","kind":"guide","title":"x""#, "expected ','"),
        (#"[1,2]"#, "not a JSON object"),
        (#"{"id":"x","kind":"guide","title":"x"} trailing"#, "after the JSON object"),
        (#"{"id":"x","kind":"guide","title":"\ud800"}"#, "surrogate"),
    ]

    @Test func badLinesAreRejectedWithLineNumbersAndTheRestKept() throws {
        let index = try TestIndex()
        var lines = [#"{"id":"ok1","kind":"guide","title":"第一"}"#]
        lines += Self.rejected.map(\.line)
        lines.append(#"{"id":"ok2","kind":"guide","title":"第二"}"#)
        let report = try index.engine.ingest([.lines(name: "in.jsonl", lines)])
        #expect(report.accepted == 2)
        #expect(report.rejected == Self.rejected.count)
        for (i, expected) in Self.rejected.enumerated() {
            let rejection = report.rejections[i]
            #expect(rejection.line == i + 2)
            #expect(rejection.description.hasPrefix("in.jsonl:\(i + 2): "))
            #expect(rejection.reason.contains(expected.reason), "\(rejection.reason) should mention \(expected.reason)")
        }
        #expect(try index.ids("") == ["ok1", "ok2"])
    }

    /// A line's names and strings that repeat the line before's are reused, not read again:
    /// a raw control character, an escaped name, a name breaking the rule where a valid one
    /// stood, and a name that is a prefix of the one before are each still read for what
    /// they are.
    @Test func stringsRepeatedFromTheLineBeforeAreReadForWhatTheyAre() throws {
        let index = try TestIndex()
        let lines = [
            #"{"id":"r1","kind":"guide","title":"水稻","note":"a\tb"}"#,
            "{\"id\":\"r2\",\"kind\":\"guide\",\"title\":\"水稻\",\"note\":\"a\tb\"}",  // A raw tab.
            #"{"id":"r3","kind":"guide","\u0074itle":"稻谷"}"#,
            #"{"id":"r4","kind":"guide","title":"麦子","Title":"x"}"#,
            #"{"id":"r5","kind":"guide","title":"麦子","tItle":"x"}"#,
            #"{"id":"r6","kind":"guide","title":"麦子","note":"x"}"#,
            #"{"id":"r7","kind":"guide","titl":"麦子"}"#,
        ]
        let report = try index.engine.ingest([.lines(name: "in.jsonl", lines)])
        #expect(report.rejections.map(\.line) == [2, 4, 5, 7])
        let reasons = report.rejections.map(\.reason)
        #expect(reasons.count == 4 && reasons[0].contains("control character") && reasons[1].contains("\"Title\"")
                && reasons[2].contains("\"tItle\"") && reasons[3].contains("needs the field \"title\""), "\(reasons)")
        #expect(try index.ids("") == ["r1", "r3", "r6"])
        #expect(try index.ids("稻谷") == ["r3"])
        #expect(try index.ids("麦子") == ["r6"])
    }

    /// A string in the place where the line before had a number or `true` is read for what it
    /// is: an empty string, a string equal to the line before's next value, or another.
    @Test func stringsWhereTheLineBeforeHadNoStringAreReadForWhatTheyAre() throws {
        let index = try TestIndex()
        let lines = [
            #"{"id":"s1","kind":"guide","n":1,"title":"稻谷","tag":"甲"}"#,
            #"{"id":"s2","kind":"guide","n":"","title":"稻谷","tag":true}"#,
            #"{"id":"s3","kind":"guide","n":"稻谷","title":"麦子","tag":"乙"}"#,
        ]
        let report = try index.engine.ingest([.lines(name: "in.jsonl", lines)])
        #expect(report.accepted == 3 && report.rejected == 0)
        #expect(try index.ids("稻谷") == ["s1", "s2", "s3"])
        #expect(try index.ids("麦子") == ["s3"])
        #expect(try index.ids("", "n=稻谷") == ["s3"])
        #expect(try index.ids("乙") == ["s3"])
        #expect(try index.ids("甲") == ["s1"])
    }

    /// Strings must be valid UTF-8: overlong forms, encoded surrogates, bytes that never occur
    /// and cut sequences are rejected by name; the valid lines around them are kept.
    @Test func invalidUTF8InAStringIsRejected() throws {
        let index = try TestIndex()
        let bad: [[UInt8]] = [[0xC0, 0x80], [0xED, 0xA0, 0x80], [0xFF], [0xE6, 0xB0], [0x80], [0xF4, 0x90, 0x80, 0x80]]
        var file = Array(#"{"id":"ok1","kind":"guide","title":"第一"}"#.utf8) + [0x0A]
        for (i, bytes) in bad.enumerated() {
            file += Array(#"{"id":"bad\#(i)","kind":"guide","title":"水"#.utf8) + bytes + Array(#"稻"}"#.utf8) + [0x0A]
        }
        file += Array(#"{"id":"ok2","kind":"guide","title":"第二 \u6c34"}"#.utf8) + [0x0A]
        let path = temporaryIndexPath("utf8") + ".jsonl"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(file).write(to: URL(fileURLWithPath: path))
        let report = try index.engine.ingest([.file(path)])
        #expect(report.accepted == 2)
        #expect(report.rejections.map(\.line) == Array(2...(bad.count + 1)))
        for rejection in report.rejections { #expect(rejection.reason.contains("UTF-8"), "\(rejection.reason)") }
        #expect(try index.ids("") == ["ok1", "ok2"])
        #expect(try index.ids("水") == ["ok2"])
    }

    /// A batch large enough to be parsed and inverted on several cores keeps input order:
    /// rejections come in line order, and of two lines with one id the later wins.
    @Test func aLargeBatchKeepsLineOrder() throws {
        let index = try TestIndex()
        var lines: [String] = []
        var bad: [Int] = []
        for i in 0..<6_000 {
            if i % 997 == 5 {
                lines.append(#"{"id":"x\#(i)","kind":"guide"}"#)
                bad.append(i + 1)
            } else if i % 1_500 == 7 {
                lines.append(#"{"id":"r\#(i - 1)","kind":"guide","title":"后来 \#(i)"}"#)
            } else {
                lines.append(#"{"id":"r\#(i)","kind":"guide","title":"先前 \#(i)"}"#)
            }
        }
        let report = try index.engine.ingest([.lines(name: "big", lines)])
        #expect(report.rejections.map(\.line) == bad)
        #expect(report.replaced == 4)
        #expect(report.accepted == 6_000 - bad.count)
        #expect(try index.ids("后来").sorted() == ["r1506", "r3006", "r4506", "r6"])
        #expect(try index.ids("先前 1506").isEmpty)
    }

    @Test func valuesAreKeptExactlyAsWritten() throws {
        let index = try TestIndex(lines: [#"{"id":"n","kind":"payout","item":"i","recipient":"r","amount":1234.50,"year":2018,"quantity":12.50,"ok":true,"gone":null,"list":["a","b"]}"#])
        let json = try #require(try index.engine.record(id: "n")).maskedJSON()
        #expect(json == #"{"id":"n","kind":"payout","item":"i","recipient":"r","amount":1234.50,"year":2018,"quantity":12.50,"ok":true,"list":["a","b"]}"#)
        #expect(try index.engine.search(SearchRequest()).amountSum == "1234.50")
    }

    @Test func ingestingAnExistingIdReplacesIt() throws {
        let index = try TestIndex(lines: [#"{"id":"r","kind":"guide","title":"旧标题"}"#])
        let report = try index.engine.ingest([.lines(name: "b", [#"{"id":"r","kind":"guide","title":"新标题"}"#, #"{"id":"r","kind":"guide","title":"最新标题"}"#])])
        #expect(report.accepted == 2)
        #expect(report.replaced == 2)
        #expect(try index.ids("旧") == [])
        #expect(try index.ids("新") == ["r"])
        #expect(try index.engine.record(id: "r")?.string("title") == "最新标题")
        #expect(try index.engine.recordCount() == 1)
    }

    @Test func deleteRemovesRecordsFromIndexAndStore() throws {
        let index = try TestIndex(lines: (0..<10).map { #"{"id":"d\#($0)","kind":"guide","title":"指南"}"# })
        #expect(try index.engine.delete(ids: ["d1", "d2", "nope"]) == 2)
        #expect(try index.ids("指南").count == 8)
        #expect(try index.engine.record(id: "d1") == nil)
        let (store, indexed) = try index.engine.consistency()
        #expect(store == indexed)
    }

    @Test func anIndexReopensFromDiskWithTheSameAnswers() throws {
        let index = try TestIndex(lines: ResultTests.payouts())
        _ = try index.engine.ingest([.lines(name: "more", [#"{"id":"extra","kind":"guide","title":"水稻"}"#])])
        let before = try index.engine.search(SearchRequest(query: "水稻", limit: 100)).hits.map(\.id)
        let reopened = try SearchEngine.open(directory: index.path, readOnly: true)
        #expect(try reopened.search(SearchRequest(query: "水稻", limit: 100)).hits.map(\.id) == before)
        #expect(before.count == 46)
    }

    @Test func manySmallCommitsAreMerged() throws {
        let index = try TestIndex()
        for i in 0..<(SearchEngine.mergeThresholdForTesting + 3) {
            _ = try index.engine.ingest([.lines(name: "b\(i)", [#"{"id":"m\#(i)","kind":"guide","title":"合并\#(i)"}"#])])
        }
        #expect(try index.engine.segmentCountForTesting() <= SearchEngine.mergeThresholdForTesting)
        #expect(try index.ids("合并").count == SearchEngine.mergeThresholdForTesting + 3)
    }

    @Test func anotherEnginesCommitIsSeenAtTheNextSearch() throws {
        let index = try TestIndex(lines: [#"{"id":"a","kind":"guide","title":"水稻"}"#])
        let reader = try SearchEngine.open(directory: index.path, readOnly: true)
        #expect(try reader.search(SearchRequest(query: "水稻")).total == 1)
        // A writer announces each commit: the reader's very next search has it, without
        // waiting for its periodic look at the manifest.
        for i in 0..<5 {
            _ = try index.engine.ingest([.lines(name: "b\(i)", [#"{"id":"n\#(i)","kind":"guide","title":"水稻"}"#])])
            #expect(try reader.search(SearchRequest(query: "水稻")).total == 2 + i)
        }
    }

    @Test func aCommitThatWasNotAnnouncedIsSeenWithinTheCheckInterval() throws {
        let index = try TestIndex(lines: [#"{"id":"a","kind":"guide","title":"水稻"}"#])
        let reader = try SearchEngine.open(directory: index.path, readOnly: true)
        #expect(try reader.search(SearchRequest(query: "水稻")).total == 1)
        // A writer that dies between its manifest and its announcement: the announcement file
        // still holds the old generation while the manifest is new.
        let path = index.path + "/" + LatestGeneration.fileName
        let stale = try Data(contentsOf: URL(fileURLWithPath: path))
        _ = try index.engine.ingest([.lines(name: "late", [#"{"id":"b","kind":"guide","title":"水稻"}"#])])
        try stale.write(to: URL(fileURLWithPath: path))
        Thread.sleep(forTimeInterval: SearchEngine.manifestCheckIntervalSeconds + 0.2)
        #expect(try reader.search(SearchRequest(query: "水稻")).total == 2)
    }

    @Test func anIndexWithoutTheAnnouncementFileIsCheckedAtEverySearch() throws {
        let index = try TestIndex(lines: [#"{"id":"a","kind":"guide","title":"水稻"}"#])
        try FileManager.default.removeItem(atPath: index.path + "/" + LatestGeneration.fileName)
        let reader = try SearchEngine.open(directory: index.path, readOnly: true)
        #expect(try reader.search(SearchRequest(query: "水稻")).total == 1)
        _ = try index.engine.ingest([.lines(name: "more", [#"{"id":"b","kind":"guide","title":"水稻"}"#])])
        #expect(try reader.search(SearchRequest(query: "水稻")).total == 2)
    }

    @Test func residentSegmentsAnswerAsMappedOnesDo() throws {
        let index = try TestIndex(lines: ResultTests.payouts())
        _ = try index.engine.ingest([.lines(name: "more", [#"{"id":"extra","kind":"guide","title":"水稻种植指南"}"#])])
        let mapped = try SearchEngine.open(directory: index.path, readOnly: true)
        let resident = try SearchEngine.open(directory: index.path, readOnly: true, residentSegments: true)
        for query in ["水稻", "补贴", "水稻 种植", "种植补贴", "不存在的词"] {
            var request = SearchRequest(query: query, limit: 100)
            request.useCache = false
            let (a, b) = (try mapped.search(request), try resident.search(request))
            #expect(a.total > 0 || query == "不存在的词")
            #expect(a.total == b.total && a.amountSumFen == b.amountSumFen && a.facets == b.facets, "\(query)")
            #expect(a.hits.map(\.id) == b.hits.map(\.id) && a.hits.map(\.score) == b.hits.map(\.score), "\(query)")
        }
        // A commit made after the resident engine opened: its new segment is read in too.
        _ = try index.engine.ingest([.lines(name: "late", [#"{"id":"late","kind":"guide","title":"水稻晚到"}"#])])
        #expect(try resident.search(SearchRequest(query: "晚到")).hits.map(\.id) == ["late"])
    }

    @Test func openingReadOnlyWithoutAnIndexSaysSo() {
        #expect(throws: EngineError.self) { try SearchEngine.open(directory: "/tmp/gongkai-no-such-index", readOnly: true) }
    }
}
