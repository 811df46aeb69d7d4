import Foundation
import Testing
@testable import GongkaiIndex
import GongkaiText

/// The on-disk structures: round trips, and the named errors of a damaged or foreign file.
@Suite final class FormatTests {
    /// The folders this test made, removed when it ends (a suite instance serves one test).
    private var folders: [String] = []

    deinit { for folder in folders { try? FileManager.default.removeItem(atPath: folder) } }

    func temporaryDirectory() throws -> IndexDirectory {
        let path = "/tmp/gongkai-format-\(UInt64.random(in: 0...UInt64.max))"
        folders.append(path)
        return try IndexDirectory(path: path, create: true)
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
        var cursor = PostingsCursor(reader, bigram)
        var positions = [UInt32](repeating: 0, count: 4)
        let first = cursor.advance(to: 0)
        #expect(first && cursor.doc == 0 && cursor.frequency == 1 && cursor.titleFrequency == 1)
        let m = cursor.positions(into: &positions)
        #expect(m == 1 && positions[0] == 0)
        let second = cursor.advance(to: 1)
        #expect(second && cursor.doc == 1 && cursor.frequency == 2 && cursor.titleFrequency == 0)
        let n = cursor.positions(into: &positions)
        #expect(Array(positions[..<n]) == [1 << 20, 1 << 20 | 3])  // two runs, 3 apart (`IndexPosition.runGap`)
        let past = cursor.advance(to: 2)
        #expect(!past)
        let level = try #require(reader.keywordColumns["level"])
        #expect(level.ordinal(of: 1).map(level.value) == "村级")
        #expect(reader.termInfo(Term.exact(field: "id", value: "b")) != nil)
        // Exact values in at least one document in 32 are bitsets; their documents read back.
        let levelTerm = try #require(reader.termInfo(Term.exact(field: "level", value: "村级")))
        #expect(levelTerm.isBitset && PostingsReader.documents(reader, levelTerm) == [0, 1])
        #expect(reader.bitset(levelTerm).contains(1) && !bigram.isBitset)
    }

    @Test func denseExactValuesAreBitsetsAndSparseOnesVarints() throws {
        let directory = try temporaryDirectory()
        var builder = SegmentBuilder()
        for i in 0..<200 {
            try builder.add(IndexDocument(recordID: "d\(i)", texts: [("title", "标题")], keywords: [("id", ["d\(i)"]), ("kind", [i % 40 == 0 ? "rare" : "common"])],
                                          year: nil, amountFen: nil, dateDays: nil))
        }
        try directory.writeAtomically(SegmentFormat.fileName(1), SegmentWriter.serialize(builder))
        let reader = try SegmentReader(directory: directory, id: 1, verifyChecksum: true)
        let rare = try #require(reader.termInfo(Term.exact(field: "kind", value: "rare")))
        let common = try #require(reader.termInfo(Term.exact(field: "kind", value: "common")))
        #expect(!rare.isBitset && common.isBitset)  // 5 of 200 is under 1 in 32; 195 is over
        #expect(PostingsReader.documents(reader, rare) == (0..<5).map { UInt32($0 * 40) })
        #expect(PostingsReader.documents(reader, common) == (0..<200).filter { $0 % 40 != 0 }.map(UInt32.init))
        #expect(DocumentBitset.intersection([reader.bitset(common), reader.bitset(common)], bound: common.documentFrequency).count == 195)
    }

    @Test func aResidentFileHoldsTheMappedBytes() throws {
        let directory = try temporaryDirectory()
        // Larger than one 2 MB page, and not a multiple of it.
        let bytes = (0..<(3 << 20) + 12_345).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) }
        try directory.writeAtomically("blob", bytes)
        let mapped = try MappedFile(path: directory.url("blob"))
        let resident = try MappedFile(path: directory.url("blob"), resident: true)
        #expect(resident.bytes.count == bytes.count && resident.bytes.elementsEqual(mapped.bytes))
        #expect(Int(bitPattern: resident.bytes.baseAddress) % (2 << 20) == 0)  // Starts on a huge page.
        #expect(throws: IndexError.self) { try MappedFile(path: directory.url("missing"), resident: true) }
        // A small file (a small segment) is copied into ordinary memory: the same bytes.
        try directory.writeAtomically("small", Array(bytes.prefix(5_000)))
        let small = try MappedFile(path: directory.url("small"), resident: true)
        #expect(small.bytes.elementsEqual(bytes.prefix(5_000)))
    }

    @Test func bitsetIntersectionsAreExactForEveryNumberOfBitsetsAndAnyBound() {
        // Four bitsets over 300 documents: every 2nd, 3rd, 5th and 7th document.
        let strides = [2, 3, 5, 7]
        let storage = strides.map { k in
            (0..<5).map { w in (0..<64).reduce(UInt64(0)) { bits, b in (w * 64 + b) % k == 0 && w * 64 + b < 300 ? bits | 1 << UInt64(b) : bits }.littleEndian }
        }
        for count in 1...4 {
            let want = (0..<300).filter { d in strides.prefix(count).allSatisfy { d % $0 == 0 } }.map(UInt32.init)
            let joined = withBitsets(storage.prefix(count).map { $0 }) { DocumentBitset.intersection($0, bound: want.count) }
            #expect(joined == want, "\(count) bitsets")
            // A bound below the true size (a damaged count) still gives every document.
            #expect(withBitsets(storage.prefix(count).map { $0 }) { DocumentBitset.intersection($0, bound: want.count / 2) } == want)
        }
    }

    /// Runs `body` with bitsets over `storage`'s words, valid for the call.
    private func withBitsets<T>(_ storage: [[UInt64]], _ body: ([DocumentBitset]) -> T) -> T {
        let buffers = storage.map { words in
            let p = UnsafeMutableRawPointer.allocate(byteCount: 8 * words.count, alignment: 8)
            words.withUnsafeBytes { p.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
            return p
        }
        defer { buffers.forEach { $0.deallocate() } }
        return body(buffers.map { DocumentBitset(words: UnsafeRawPointer($0), documentCount: 300) })
    }

    /// A document's positions of a term are increasing and distinct whatever order its
    /// values come in: a title after the body, two title values (both value 0) whose
    /// positions interleave and repeat. Terms without positions count every occurrence.
    @Test func positionsAreOrderedAndDistinctInAnyOrderOfValues() throws {
        let directory = try temporaryDirectory()
        var builder = SegmentBuilder()
        try builder.add(IndexDocument(recordID: "a", texts: [("body", "水稻"), ("title", "稻水稻"), ("title", "水稻")], keywords: [("id", ["a"])]))
        try directory.writeAtomically(SegmentFormat.fileName(1), SegmentWriter.serialize(builder))
        let reader = try SegmentReader(directory: directory, id: 1, verifyChecksum: true)
        func postings(_ term: [UInt8]) throws -> (frequency: UInt32, title: UInt32, positions: [UInt32]) {
            var cursor = PostingsCursor(reader, try #require(reader.termInfo(term)))
            #expect(cursor.advance(to: 0) && cursor.doc == 0)
            var positions: [UInt32] = []
            let n = term[0] == TermTag.char.rawValue ? 0 : cursor.positions(into: &positions)
            return (cursor.frequency, cursor.titleFrequency, Array(positions.prefix(n)))
        }
        let body: UInt32 = 1 << IndexPosition.offsetBits
        // 水稻: the second title's @0, the first's @1, the body's.
        let bigram = try postings(Term.han(.bigram, "水", "稻"))
        #expect(bigram.frequency == 3 && bigram.title == 2 && bigram.positions == [0, 1, body])
        // runEnd(稻): @1 in the first title, @0 in the second, @0 of the body.
        let end = try postings(Term.han(.runEnd, "稻"))
        #expect(end.frequency == 3 && end.title == 2 && end.positions == [0, 1, body])
        // 稻 as a character (no positions): 稻, 稻 in the first title, 稻 in the second, the body's.
        let char = try postings(Term.han(.char, "稻"))
        #expect(char.frequency == 4 && char.title == 3)
    }

    /// A builder keeps each term's postings in slices of growing size: a document's positions
    /// that run on over several slices (more than the largest slice holds, too), and headers
    /// that meet a slice's end, read back whole and in order, two terms interleaving.
    @Test func longPostingsReadBackAcrossSlices() throws {
        var builder = SegmentBuilder()
        let runs = (0..<60).map { i in [1, 2, 3, 5, 700, 3000, 1, 1300][i % 8] + i }
        for (i, n) in runs.enumerated() {
            let body = (0..<n).map { $0 % 2 == 0 ? "水稻" : "麦子" }.joined(separator: " ")
            try builder.add(document("d\(i)", "标题", body: body))
        }
        let directory = try temporaryDirectory()
        try directory.writeAtomically(SegmentFormat.fileName(1), SegmentWriter.serialize(builder))
        let reader = try SegmentReader(directory: directory, id: 1, verifyChecksum: true)
        let body: UInt32 = 1 << IndexPosition.offsetBits
        for (term, parity) in [(Term.han(.bigram, "水", "稻"), 0), (Term.han(.bigram, "麦", "子"), 1)] {
            var cursor = PostingsCursor(reader, try #require(reader.termInfo(term)))
            var positions: [UInt32] = []
            var documents = 0
            for (i, n) in runs.enumerated() {
                // Run k starts 3k into the body (`IndexPosition.runGap`); the two words alternate.
                let expected = stride(from: parity, to: n, by: 2).map { body | UInt32(3 * $0) }
                guard !expected.isEmpty else { continue }
                #expect(cursor.advance(to: UInt32(i)) && cursor.doc == UInt32(i))
                #expect(cursor.frequency == UInt32(expected.count))
                let m = cursor.positions(into: &positions)
                #expect(Array(positions.prefix(m)) == expected, "document \(i)")
                documents += 1
            }
            #expect(!cursor.advance(to: UInt32(runs.count)) && documents > 50)
        }
    }

    /// A document refused for too many text values adds nothing: the next document's
    /// postings hold none of its words.
    @Test func aRefusedDocumentLeavesNothingBehind() throws {
        var builder = SegmentBuilder()
        let values = (0..<IndexPosition.maximumValues).map { (field: "body", text: "refusedword\($0 % 7)") }
        #expect(throws: IndexError.self) { try builder.add(IndexDocument(recordID: "big", texts: values, keywords: [("id", ["big"])])) }
        try builder.add(document("ok", "水稻"))
        #expect(builder.documentCount == 1)
        let directory = try temporaryDirectory()
        try directory.writeAtomically(SegmentFormat.fileName(1), SegmentWriter.serialize(builder))
        let reader = try SegmentReader(directory: directory, id: 1, verifyChecksum: true)
        #expect((reader.termInfo(Term.word("refusedword0"))?.documentFrequency ?? 0) == 0)
        #expect(reader.termInfo(Term.han(.bigram, "水", "稻"))?.documentFrequency == 1)
    }

    @Test func skipTablesLandOnEveryDocumentAndItsPositions() throws {
        // 1,000 documents, 水稻 in every third with a growing number of occurrences: the
        // cursor, jumping blocks, must find exactly the documents and positions written.
        let directory = try temporaryDirectory()
        var builder = SegmentBuilder()
        var expected: [UInt32: Int] = [:]
        for i in 0..<1000 {
            let occurrences = i % 3 == 0 ? 1 + i % 5 : 0
            let body = (0..<occurrences).map { _ in "水稻" }.joined(separator: " ") + " 田"
            if occurrences > 0 { expected[UInt32(i)] = occurrences }
            try builder.add(document("d\(i)", "标题", body: body))
        }
        try directory.writeAtomically(SegmentFormat.fileName(1), SegmentWriter.serialize(builder))
        let reader = try SegmentReader(directory: directory, id: 1, verifyChecksum: true)
        let info = try #require(reader.termInfo(Term.han(.bigram, "水", "稻")))
        #expect(info.documentFrequency == expected.count && expected.count > 2 * SegmentFormat.postingsBlockSize)
        var positions: [UInt32] = []
        // Targets that are exactly the documents at block edges (the last before a skip entry
        // and the first after it), from a fresh cursor and from one that moves on.
        let listed = expected.keys.sorted()
        let edges = [127, 128, 255, 256].map { listed[$0] }
        var moving = PostingsCursor(reader, info)
        for target in edges {
            var fresh = PostingsCursor(reader, info)
            let foundFresh = fresh.advance(to: target), foundMoving = moving.advance(to: target)
            #expect(foundFresh && fresh.doc == target && foundMoving && moving.doc == target)
            let n = fresh.positions(into: &positions)
            #expect(n == expected[target])
        }
        // Every target, in steps of various sizes, finds the first listed document at or after it.
        for step in [1, 7, 130, 400] {
            var cursor = PostingsCursor(reader, info)
            var target: UInt32 = 0
            while target < 1000 {
                let want = expected.keys.filter { $0 >= target }.min()
                let found = cursor.advance(to: target)
                #expect(found == (want != nil), "target \(target) step \(step)")
                guard found, let want else { break }
                #expect(cursor.doc == want, "target \(target) step \(step)")
                if step != 7 || want % 2 == 0 {  // step 7 passes some documents without reading their positions
                    let n = cursor.positions(into: &positions)
                    #expect(n == expected[want], "positions of \(want)")
                    // "水稻 水稻 …": one run each, runs `runGap` (3) positions apart, in value 1.
                    let wanted: [UInt32] = (0..<n).map { UInt32(1 << 20) | IndexPosition.runGap * UInt32($0) }
                    #expect(Array(positions[..<n]) == wanted)
                }
                target = want + UInt32(step)
            }
        }
        // Galloping from any block whose entry is before the target ends where a binary
        // search over the whole table does.
        let skips = SkipTable(reader, info)
        for target in UInt32(0)...1000 {
            let whole = skips.lastBlock(before: target)
            for start in 1..<skips.blockCount where skips.entry(start).lastBefore < target {
                #expect(skips.lastBlock(before: target, from: start) == whole, "target \(target) from \(start)")
            }
        }
    }

    @Test func commonTermsAreSummarisedByValueAndBlock() throws {
        // 5,000 documents: 水稻 in four of five, 1–4 times, in every seventh title too; three
        // levels and none; amounts and none; lengths that vary; 稀有 in one document of 100.
        let directory = try temporaryDirectory()
        var builder = SegmentBuilder()
        let levels = ["区级", "镇级", "村级"]
        for i in 0..<5000 {
            let body = String(repeating: "水稻 ", count: i % 5 == 0 ? 0 : 1 + i % 4) + String(repeating: "田", count: i % 11)
                + (i % 100 == 0 ? " 稀有" : "")
            try builder.add(IndexDocument(recordID: "d\(i)", texts: [("title", i % 7 == 0 ? "水稻" : "标题"), ("body", body)],
                                          keywords: [("id", ["d\(i)"]), ("level", i % 13 == 0 ? [] : [levels[i % 3]]), ("recipient", ["r\(i)"])],
                                          year: 2018, amountFen: i % 9 == 0 ? nil : Int64(i), dateDays: nil))
        }
        try directory.writeAtomically(SegmentFormat.fileName(1), SegmentWriter.serialize(builder))
        let reader = try SegmentReader(directory: directory, id: 1, verifyChecksum: true)
        // Columns of few values are summarised; one of a value per document is not.
        #expect(reader.summaries.column("level")?.valueCount == 3 && reader.summaries.column("recipient") == nil)
        let rare = try #require(reader.termInfo(Term.han(.bigram, "稀", "有")))
        #expect(rare.documentFrequency == 50 && reader.summaries.summary(rare) == nil)

        let info = try #require(reader.termInfo(Term.han(.bigram, "水", "稻")))
        #expect(info.documentFrequency >= SegmentFormat.summaryMinimumDocuments)
        let summary = try #require(reader.summaries.summary(info))
        let column = try #require(reader.keywordColumns["level"])
        let summarised = try #require(reader.summaries.column("level"))
        var byLevel: [String: (documents: Int, amount: Int64)] = [:]
        var amount: Int64 = 0
        var postings: [(doc: UInt32, weight: Float)] = []
        PostingsReader.forEachPosting(reader, info) { doc, weight in postings.append((doc, weight)) }
        for (doc, _) in postings {
            let fen = max(reader.amounts[Int(doc)], 0)
            amount += fen
            if let o = column.ordinal(of: doc) { byLevel[column.value(o), default: (0, 0)].documents += 1; byLevel[column.value(o)]!.amount += fen }
        }
        #expect(summary.amountSumFen == amount)
        // 水稻 is in one document in 32 or more: its summary lists them in a bitset.
        let bitset = try #require(summary.bitset)
        #expect((0..<UInt32(reader.documentCount)).filter(bitset.contains) == postings.map(\.doc))
        #expect(SegmentFormat.hasDocumentBitset(documentFrequency: 4_096, documentCount: 131_072)
                && !SegmentFormat.hasDocumentBitset(documentFrequency: 4_096, documentCount: 131_073))
        for o in 0..<column.valueCount {
            let tally = summary.tally(summarised, ordinal: o), want = byLevel[column.value(UInt32(o))]!
            #expect(tally.documents == want.documents && tally.amountSumFen == want.amount, "level \(column.value(UInt32(o)))")
        }
        // Each block's bound is its highest weighted frequency and shortest length, and the
        // postings of one block are its 32.
        let size = SegmentFormat.postingsBlockSize
        for block in 0..<(postings.count + size - 1) / size {
            let part = postings[(block * size)..<min(postings.count, (block + 1) * size)]
            let bound = summary.bound(block: block)
            #expect(bound.weightedFrequency == part.map(\.weight).max()! && bound.length == part.map { reader.documentLengths[Int($0.doc)] }.min()!)
            var decoded: [UInt32] = []
            PostingsReader.forEachPosting(reader, info, block: block) { doc, _ in decoded.append(doc) }
            #expect(decoded == part.map(\.doc))
        }
        #expect(Set(postings.map(\.weight)).count > 3)
    }

    @Test func postingsInARangeAreTheListedOnesAndSplitsFallOnBlocks() throws {
        // 水稻 in every third of 1,000 documents: 334 postings, several blocks.
        let directory = try temporaryDirectory()
        var builder = SegmentBuilder()
        for i in 0..<1000 { try builder.add(document("d\(i)", "标题", body: i % 3 == 0 ? "水稻" : "田")) }
        try directory.writeAtomically(SegmentFormat.fileName(1), SegmentWriter.serialize(builder))
        let reader = try SegmentReader(directory: directory, id: 1, verifyChecksum: true)
        let info = try #require(reader.termInfo(Term.han(.bigram, "水", "稻")))
        let listed = (0..<1000).filter { $0 % 3 == 0 }.map(UInt32.init)
        let block = SegmentFormat.postingsBlockSize
        // Ranges that start or end at a block's first document (posting `block` is document 3·block).
        let boundary = UInt32(3 * block)
        for range in [0..<UInt32.max, 0..<1, 1..<2, boundary - 1..<boundary + 1, boundary..<1000, 100..<700, 767..<769, 999..<1000, 500..<500] {
            var seen: [UInt32] = []
            PostingsReader.forEachPosting(reader, info, in: range) { doc, _ in seen.append(doc) }
            #expect(seen == listed.filter(range.contains), "\(range)")
            var docs: [UInt32] = [], weights: [Float] = []
            PostingsReader.decodeWeighted(reader, info, in: range, documents: &docs, weightedFrequencies: &weights)
            #expect(docs == seen && weights.count == docs.count, "\(range)")
        }
        // A split at posting n falls at the start of n's block: the documents below it are
        // the whole blocks before.
        for posting in [0, block - 1, block, block + block / 2, 2 * block, 333] {
            let cut = PostingsReader.splitDocument(reader, info, atPosting: posting)
            #expect(listed.filter { $0 < cut }.count == posting / block * block, "posting \(posting)")
        }
        #expect(PostingsReader.splitDocument(reader, info, atPosting: 400) == UInt32.max)
    }

    /// The in-memory term sample narrows every look-up to the right stretch: for each term,
    /// and for probes between, before and after terms, `lowerBound` equals a plain binary
    /// search; the in-memory hash table finds exactly the terms. Exact-value terms share long prefixes (`tag, "recipient", 0`), so many samples
    /// tie on their first 8 bytes; short keys pad with zeros.
    /// Terms are laid out in bytewise order (sorted by an 8-byte prefix, whole terms on ties),
    /// and the segment written chunk by chunk is the one `serialize` lays out, checksum and all.
    @Test func termsAreInBytewiseOrderAndChunksMakeTheSegmentFile() throws {
        let exact = { (value: String) in [UInt8(16)] + Array("recipient".utf8) + [0] + Array(value.utf8) }
        var terms: [[UInt8]] = [[2], [2, 0], [1, 0xFF], [0xFF], exact("王1"), exact("王10"), exact("王1") + [0], exact("王"),
                                [16, 1, 2, 3, 4, 5, 6, 7], [16, 1, 2, 3, 4, 5, 6, 7, 0], [16, 1, 2, 3, 4, 5, 6, 8], [16, 1, 2, 3, 4, 5, 6]]
        terms += terms.map { $0 + [0x80] }
        terms.reverse()
        #expect(SegmentWriter.termOrder(terms).map { terms[$0] } == terms.sorted { $0.lexicographicallyPrecedes($1) })

        let directory = try temporaryDirectory()
        var builder = SegmentBuilder()
        for i in 0..<100 { try builder.add(document("r\(i)", "水稻种植补贴 第\(i)批")) }
        try directory.writeAtomically(SegmentFormat.fileName(1), chunks: SegmentWriter.chunks([SegmentPart(builder)]))
        #expect(try Data(contentsOf: URL(fileURLWithPath: directory.url(SegmentFormat.fileName(1)))) == Data(SegmentWriter.serialize(builder)))
        _ = try SegmentReader(directory: directory, id: 1, verifyChecksum: true)
    }

    @Test func termLookUpsAgreeWithAPlainBinarySearch() throws {
        let directory = try temporaryDirectory()
        var builder = SegmentBuilder()
        let han = Array("水稻种植补贴耕地地力保护渔业发展金山区朱泾镇村级")
        for i in 0..<600 {
            let title = String([han[i % han.count], han[(i * 7 + 3) % han.count], han[(i * 13 + 5) % han.count]]) + " w\(i % 97)"
            try builder.add(IndexDocument(recordID: "r\(i)", texts: [("title", title)],
                                          keywords: [("id", ["r\(i)"]), ("recipient", ["王\(i % 250)"]), ("kind", ["payout"])]))
        }
        try directory.writeAtomically(SegmentFormat.fileName(1), SegmentWriter.serialize(builder))
        let reader = try SegmentReader(directory: directory, id: 1)
        #expect(reader.termCount > 40 * TermSampleIndex.stride)
        func plain(_ key: [UInt8]) -> Int {
            var low = 0, high = reader.termCount
            while low < high {
                let mid = (low + high) / 2
                if Array(reader.term(at: mid)).lexicographicallyPrecedes(key) { low = mid + 1 } else { high = mid }
            }
            return low
        }
        var probes: [[UInt8]] = [[], [0], [0xFF], [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], Term.exactPrefix(field: "recipient")]
        for t in 0..<reader.termCount {
            let term = Array(reader.term(at: t))
            probes.append(term)
            probes.append(term + [0])
            probes.append(Array(term.dropLast()))
            if let last = term.last, last > 0 { probes.append(Array(term.dropLast()) + [last - 1, 0xFF]) }
        }
        for key in probes { #expect(reader.lowerBound(key) == plain(key), "key \(key)") }
        // Exact look-ups go through the in-memory hash table: every term is found, and no
        // probe that is not a term (a prefix, an extension, a neighbour) is.
        for t in 0..<reader.termCount { #expect(reader.termInfo(Array(reader.term(at: t))) == reader.termInfo(at: t)) }
        for key in probes {
            let at = plain(key)
            let isTerm = at < reader.termCount && Array(reader.term(at: at)) == key
            #expect((reader.termInfo(key) != nil) == isTerm, "key \(key)")
        }
        // Every probe looked up in two segments at once (staged, the misses overlapping) finds,
        // segment by segment, what one look-up at a time finds.
        var second = SegmentBuilder()
        for i in 0..<50 { try second.add(document("s\(i)", "渔业发展 \(han[i % han.count])\(han[(i * 3) % han.count]) w\(i)")) }
        try directory.writeAtomically(SegmentFormat.fileName(2), SegmentWriter.serialize(second))
        let segments = [reader, try SegmentReader(directory: directory, id: 2)]
        probes += (0..<segments[1].termCount).map { Array(segments[1].term(at: $0)) }  // Some in the second only.
        let batched = TermLookups.infos(of: probes, in: segments)
        #expect(batched.count == 2 * probes.count && batched.contains { $0 != nil } && batched.contains { $0 == nil })
        for (s, segment) in segments.enumerated() {
            for (t, key) in probes.enumerated() { #expect(batched[s * probes.count + t] == segment.termInfo(key), "segment \(s) key \(key)") }
        }
        #expect(TermLookups.infos(of: [], in: segments).isEmpty && TermLookups.infos(of: probes, in: []).isEmpty)
        // The snapshot's one table of terms finds the same: short terms (bigrams, ids) by
        // their key, long ones (recipients, `level` in the second only, `kind` in the first)
        // by their bytes, and no term absent from both.
        #expect(probes.contains { $0.count > SnapshotTermTable.inlineLimit && segments[0].termInfo($0) != nil && segments[1].termInfo($0) == nil })
        #expect(probes.contains { $0.count > SnapshotTermTable.inlineLimit && segments[0].termInfo($0) == nil && segments[1].termInfo($0) != nil })
        let table = try #require(SnapshotTermTable(segments))
        #expect(table.segmentCount == 2)
        let tabled = TermLookups.infos(of: TermList(probes), in: table)
        let differing = tabled.indices.filter { tabled[$0] != batched[$0] }
        #expect(tabled.count == batched.count && differing.isEmpty,
                "\(differing.count) differ, the first: segment \((differing.first ?? 0) / probes.count) key \(probes[(differing.first ?? 0) % probes.count])")
        #expect(SnapshotTermTable([]) == nil && TermLookups.infos(of: TermList(), in: table).isEmpty)
    }

    /// A batch is inverted in parts on several cores and written without joining them
    /// (``SegmentPart``, as ingest does): the segment of the parts, in order, is the very one a
    /// single builder of all the documents makes, byte for byte. Terms and column values are
    /// met in some parts only, a part holds one document, and a summarised term (in 4,096
    /// documents or more: `年`) has its documents in every part.
    @Test func partsWrittenTogetherMakeTheSegmentOfOneBuilder() throws {
        let han = Array("水稻种植补贴耕地地力保护渔业發展金山区朱泾镇村级區級")
        let documents = (0..<4_400).map { i in
            IndexDocument(recordID: "p\(i)",
                          texts: [("title", String([han[i % han.count], han[(i * 7) % han.count], han[(i * 11 + 1) % han.count]]) + " pm\(i % 13)"),
                                  ("body", String(repeating: String(han[(i * 5) % han.count]), count: 1 + i % 4) + " 2018年")],
                          keywords: [("id", ["p\(i)"]), ("kind", [i % 3 == 0 ? "guide" : "payout"]), ("town", ["镇\(i % 17 + (i < 2_000 ? 0 : 20))"]),
                                     ("tags", (0..<(i % 3)).map { "t\((i + $0) % 29)" })],
                          year: Int32(2010 + i % 9), amountFen: i % 5 == 0 ? nil : Int64(i * 100), dateDays: Int32(17_000 + i))
        }
        var whole = SegmentBuilder()
        for d in documents { try whole.add(d) }
        var parts: [SegmentPart] = []
        for range in [0..<40, 40..<41, 41..<2_000, 2_000..<4_400] {
            var part = SegmentBuilder()
            for d in documents[range] { try part.add(d) }
            parts.append(SegmentPart(part))
        }
        let (a, b) = (Array(SegmentWriter.chunks(parts).joined()), SegmentWriter.serialize(whole))
        let firstDifference = a == b ? nil : zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
        #expect(firstDifference == nil, "the segments differ from byte \(firstDifference ?? 0) (\(a.count) and \(b.count) bytes)")
        let directory = try temporaryDirectory()
        try directory.writeAtomically(SegmentFormat.fileName(1), a)
        let reader = try SegmentReader(directory: directory, id: 1, verifyChecksum: true)
        let year = try #require(reader.termInfo(Term.han(.char, "年")))
        #expect(reader.summaries.summary(year) != nil)
    }

    /// Repeated values are analysed once and their occurrences reused (the builder's memos,
    /// and what it keeps of the document before): the segment is byte for byte the one made
    /// with no memo, or with memos that fill up.
    @Test func rememberedValuesMakeTheSameSegment() throws {
        let values = ["水稻种植补贴", "區級", "镇级", "朱泾镇", "A-12 號", "pm2.5", String(repeating: "耕地地力保护补贴", count: 5)]
        let documents = (0..<200).map { i in
            IndexDocument(recordID: "r\(i)",
                          texts: [("title", values[i % 3]), ("item", values[(i * 5) % values.count]),
                                  ("town", values[(i * 3 + 1) % values.count]), ("tags", "t\(i % 4) \(values[i % 2])")],
                          keywords: [("id", ["r\(i)"]), ("kind", ["payout"]), ("item", [values[(i * 5) % values.count]]),
                                     ("town", [values[(i * 3 + 1) % values.count], values[i % 4]]), ("level", [i % 2 == 0 ? "區級" : "区级"])],
                          year: Int32(2015 + i % 7), amountFen: Int64(i * 250))
        }
        // Runs of documents repeating values in the same places (which the builder keeps from
        // the document before), some of them under another field there.
        + (0..<120).map { i in
            let value = values[(i / 7) % values.count]
            return IndexDocument(recordID: "s\(i)",
                                 texts: [("title", value), (i % 3 == 0 ? "body" : "item", values[(i / 5) % values.count])],
                                 keywords: [("id", ["s\(i)"]), ("id_number", ["31022819600101\(i / 3)"]),
                                            (i % 2 == 0 ? "item" : "town", [value]), ("level", [values[(i / 4) % 2 + 1]])],
                                 year: nil, amountFen: nil)
        }
        func segment(memoLimit: Int) throws -> [UInt8] {
            var builder = SegmentBuilder(analyzer: TextAnalyzer(), memoLimit: memoLimit)
            for d in documents { try builder.add(d) }
            return SegmentWriter.serialize(builder)
        }
        let unremembered = try segment(memoLimit: 0)
        #expect(try segment(memoLimit: 1 << 16) == unremembered)
        #expect(try segment(memoLimit: 3) == unremembered)
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

    /// A segment of the previous version (blocks of 128 postings, read with blocks of 32,
    /// would decode wrong documents) is refused by name, never read.
    @Test func aSegmentOfAnOlderVersionIsRefusedAsTooOld() throws {
        let directory = try temporaryDirectory()
        var builder = SegmentBuilder()
        try builder.add(document("a", "标题"))
        var bytes = SegmentWriter.serialize(builder)
        let older = SegmentFormat.header.version - 1
        bytes[8] = UInt8(older)
        try directory.writeAtomically(SegmentFormat.fileName(1), bytes)
        do {
            _ = try SegmentReader(directory: directory, id: 1)
            Issue.record("a version-\(older) segment opened")
        } catch {
            #expect(error == .formatTooOld(file: SegmentFormat.fileName(1), found: older, supported: SegmentFormat.header.version))
            #expect(error.description.contains("version \(older)"), "\(error.description)")
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
            #expect(error == .formatTooNew(file: SegmentFormat.fileName(2), found: 9, supported: SegmentFormat.header.version))
        }
        bytes[8] = UInt8(SegmentFormat.header.version)
        bytes[bytes.count - 40] ^= 0xFF
        try directory.writeAtomically(SegmentFormat.fileName(3), bytes)
        _ = try SegmentReader(directory: directory, id: 3)  // The checksum is not read on every open.
        do {
            _ = try SegmentReader(directory: directory, id: 3, verifyChecksum: true)
            Issue.record("a damaged segment passed its checksum")
        } catch {
            #expect(error == .corrupt(file: SegmentFormat.fileName(3), detail: "its checksum does not match its contents"))
        }
    }

    /// A segment's checksum is that of its bytes however they are cut into pieces, and a
    /// change of any one byte, or of the length, changes it.
    @Test func wordChecksumsTakeAnyPiecesAndSeeEveryByte() {
        var random = SystemRandomNumberGenerator()
        let bytes = (0..<301).map { _ in UInt8.random(in: 0...255, using: &random) }
        let whole = bytes.withUnsafeBytes { WordChecksum.of($0) }
        for _ in 0..<50 {
            var checksum = WordChecksum()
            var start = 0
            while start < bytes.count {
                let end = min(bytes.count, start + Int.random(in: 0...40, using: &random))
                bytes[start..<end].withUnsafeBytes { checksum.add($0) }
                start = end
            }
            #expect(checksum.value == whole)
        }
        for i in bytes.indices {
            var changed = bytes
            changed[i] ^= 1 << UInt8(i % 8)
            #expect(changed.withUnsafeBytes { WordChecksum.of($0) } != whole, "byte \(i)")
        }
        #expect(bytes.dropLast().withUnsafeBytes { WordChecksum.of($0) } != whole)
        #expect((bytes + [0]).withUnsafeBytes { WordChecksum.of($0) } != whole)
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

/// The array initialisers that avoid the standard library's unspecialised allocation.
@Suite struct ArrayFillingTests {
    @Test func fillingEqualsRepeating() {
        for count in [0, 1, 63, 64, 65, 100_000] {
            #expect([UInt32](filling: 7, count: count) == [UInt32](repeating: 7, count: count))
        }
    }

    /// Short (filled first) and long (uninitialised) storage keep exactly what was written.
    @Test func writtenStorageKeepsWhatWasWritten() {
        for (capacity, written) in [(0, 0), (10, 3), (64, 64), (65, 40), (1000, 1000)] {
            let array = [Int](capacity: capacity, filler: -1) { buffer in
                for i in 0..<written { buffer[i] = i * 3 }
                return written
            }
            #expect(array == (0..<written).map { $0 * 3 }, "capacity \(capacity), written \(written)")
        }
    }
}

/// Byte buffers compared as memory (``UnsafeBufferPointer/hasSameBytes(as:)``), as term
/// look-ups and the JSON parser compare them.
@Suite struct ByteEqualityTests {
    @Test func sameBytesMeansSameLengthAndContent() {
        let cases: [([UInt8], [UInt8], Bool)] = [
            ([], [], true),
            ([2, 0xE5, 0xA9, 0x9A], [2, 0xE5, 0xA9, 0x9A], true),
            ([2, 0xE5, 0xA9, 0x9A], [2, 0xE5, 0xA9], false),  // a prefix
            ([2, 0xE5, 0xA9], [2, 0xE5, 0xA9, 0x9A], false),
            ([2, 0xE5, 0xA9, 0x9A], [2, 0xE5, 0xA9, 0x9B], false),  // the last byte differs
            ([1, 0xE5, 0xA9, 0x9A], [2, 0xE5, 0xA9, 0x9A], false),  // the first byte differs
            ([], [0], false),
        ]
        for (a, b, same) in cases {
            let result = a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { a.hasSameBytes(as: $0) } }
            #expect(result == same, "\(a) against \(b)")
        }
    }
}
