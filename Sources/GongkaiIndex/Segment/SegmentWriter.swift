#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Serialises ``SegmentBuilder``s into the bytes of one segment file (format in FORMAT.md).
public enum SegmentWriter {
    /// The segment file image of `builder`, in one buffer.
    public static func serialize(_ builder: SegmentBuilder) -> [UInt8] { Array(chunks([SegmentPart(builder)]).joined()) }

    /// The segment file image of the documents of `parts`, in order, as consecutive chunks
    /// (header and section table, each section and its padding, footer), which are written
    /// one after another: a segment of tens of megabytes is not copied into one buffer.
    public static func chunks(_ parts: [SegmentPart]) -> [[UInt8]] {
        var documents = parts.first?.builder.documents ?? SegmentDocuments()
        for part in parts.dropFirst() { documents.append(part.builder.documents) }
        let documentCount = documents.count
        var sections: [[UInt8]] = []
        let columns = columnContents(documents)
        var summaries = TermSummaryWriter(documents, denseColumns: columns.compactMap { column in
            column.dense.map { (column.name, column.values.values.count, $0) }
        })

        var termOffsets = ByteWriter(), termBytes = ByteWriter(), termInfos = ByteWriter()
        var postings = ByteWriter(), positions = ByteWriter()
        // A term's postings go to a buffer first: its skip table, which precedes them, needs
        // the byte offset of every block.
        var termPostings = ByteWriter(), skips = ByteWriter()
        var merge = TermMerge(parts)
        var sources: [PartPostings] = []
        while let term = merge.next(into: &sources) {
            termOffsets.fixed(UInt32(termBytes.count))
            termBytes.append(contentsOf: term)
            var documentFrequency = 0
            for source in sources { documentFrequency += source.documentCount }
            let isPositional = sources[0].chain.isPositional
            if SegmentFormat.usesBitset(term: term, documentFrequency: documentFrequency, documentCount: documentCount) {
                // One bit per document of the segment, in 64-bit little-endian words.
                var words = [UInt64](filling: 0, count: (documentCount + 63) / 64)
                sources.forEachDocument { doc, _, _, _ in words[Int(doc >> 6)] |= 1 << (doc & 63) }
                termInfos.fixed(UInt32(documentFrequency) | SegmentFormat.bitsetFlag)
                termInfos.fixed(UInt32(postings.count))
                termInfos.fixed(UInt32(positions.count))
                for w in words { postings.fixed(w) }
                continue
            }
            termPostings.removeAll()
            skips.removeAll()
            let positionsStart = positions.count
            var previousDoc: UInt32 = 0
            var i = 0
            sources.forEachDocument { doc, frequency, titleFrequency, termPositions in
                if i > 0, i % SegmentFormat.postingsBlockSize == 0 {
                    skips.fixed(previousDoc)
                    skips.fixed(UInt32(termPostings.count))
                    skips.fixed(UInt32(positions.count - positionsStart))
                }
                i += 1
                // The common posting (once, not in the title) is one varint: delta << 1 | 1.
                let simple = frequency == 1 && titleFrequency == 0
                termPostings.varint((doc - previousDoc) << 1 | (simple ? 1 : 0))
                if !simple {
                    termPostings.varint(frequency)
                    termPostings.varint(titleFrequency)
                }
                previousDoc = doc
                var previous: UInt32 = 0
                for position in termPositions {
                    PositionCoding.write(position, after: previous, to: &positions)
                    previous = position
                }
            }
            postings.append(contentsOf: skips.bytes)
            if TermSummaryWriter.summarises(documentFrequency: documentFrequency) {
                summaries.add(sources, documentFrequency: documentFrequency, postingsOffset: UInt32(postings.count))
            }
            termInfos.fixed(UInt32(documentFrequency) | (isPositional ? SegmentFormat.positionalFlag : 0))
            termInfos.fixed(UInt32(postings.count))
            termInfos.fixed(UInt32(positionsStart))
            postings.append(contentsOf: termPostings.bytes)
        }
        termOffsets.fixed(UInt32(termBytes.count))
        sections += [termOffsets.bytes, termBytes.bytes, termInfos.bytes, postings.bytes, positions.bytes]

        var idOffsets = ByteWriter(), idBytes = ByteWriter()
        for id in documents.recordIDs {
            idOffsets.fixed(UInt32(idBytes.count))
            idBytes.append(contentsOf: id.utf8)
        }
        idOffsets.fixed(UInt32(idBytes.count))
        sections += [idOffsets.bytes, idBytes.bytes]
        sections.append(fixedArray(documents.lengths))
        sections.append(fixedArray(documents.years))
        sections.append(fixedArray(documents.amounts))
        sections.append(fixedArray(documents.dates))
        sections.append(self.columns(columns, documentCount: documentCount))
        var stats = ByteWriter()
        stats.fixed(documents.lengths.reduce(UInt64(0)) { $0 + UInt64($1) })
        sections.append(stats.bytes)
        sections.append(summaries.section())
        return layOut(sections, documentCount: documentCount)
    }

    /// The indices of `terms` in bytewise order. Sorted by each term's first 16 bytes as two
    /// big-endian numbers (a Han term is at most 7 bytes; exact-value terms share their field
    /// name's bytes), kept beside each index so that comparing two reaches for no other array,
    /// comparing whole terms (as memory) only on ties.
    static func termOrder(_ terms: [[UInt8]]) -> [Int] {
        var keyed = terms.indices.map { i in
            // The first 16 bytes, zero-padded, as two big-endian numbers.
            var prefix: (UInt64, UInt64) = (0, 0)
            terms[i].withUnsafeBytes { term in
                withUnsafeMutableBytes(of: &prefix) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: term.prefix(16))) }
            }
            return (high: UInt64(bigEndian: prefix.0), low: UInt64(bigEndian: prefix.1), index: i)
        }
        keyed.sort { a, b in
            if a.high != b.high { return a.high < b.high }
            if a.low != b.low { return a.low < b.low }
            return compare(terms[a.index], terms[b.index]) < 0
        }
        return keyed.map(\.index)
    }

    /// Bytewise order of two terms, compared as memory: negative when `a` comes first, 0 when
    /// they are the same term.
    static func compare(_ a: [UInt8], _ b: [UInt8]) -> Int {
        a.withUnsafeBytes { x in
            b.withUnsafeBytes { y in
                let order = memcmp(x.baseAddress!, y.baseAddress!, min(x.count, y.count))
                return order != 0 ? Int(order) : x.count - y.count
            }
        }
    }

    /// Lays out header, section table, 8-aligned sections and footer, as chunks.
    static func layOut(_ sections: [[UInt8]], documentCount: Int) -> [[UInt8]] {
        var head = ByteWriter()
        SegmentFormat.header.write(to: &head)
        head.fixed(UInt32(documentCount))
        head.fixed(UInt32(sections.count))
        var offset = (FileHeader.size + 8 + sections.count * 16 + 7) & ~7
        for s in sections {
            head.fixed(UInt64(offset))
            head.fixed(UInt64(s.count))
            offset = (offset + s.count + 7) & ~7
        }
        head.align(8)
        var chunks = [head.bytes]
        for s in sections {
            chunks.append(s)
            if s.count % 8 != 0 { chunks.append([UInt8](filling: 0, count: 8 - s.count % 8)) }
        }
        chunks.append(SegmentFormat.header.footer(after: chunks))
        return chunks
    }

    static func fixedArray<T: FixedWidthInteger>(_ values: [T]) -> [UInt8] {
        #if _endian(little)
        return values.withUnsafeBytes { Array($0) }  // Already the file's byte order.
        #else
        var w = ByteWriter(reserving: values.count * MemoryLayout<T>.size)
        for v in values { w.fixed(v) }
        return w.bytes
        #endif
    }

    /// A field given a column: its values, and when it has at most one per document, each
    /// document's ordinal (`UInt32.max`: none).
    struct ColumnContents {
        let name: String
        let values: SegmentDocuments.KeywordColumn
        let dense: [UInt32]?
    }

    /// The fields given columns (every value at most ``SegmentFormat/maximumColumnValueBytes``),
    /// by name.
    static func columnContents(_ documents: SegmentDocuments) -> [ColumnContents] {
        documents.keywordFields
            .filter { $0.value.longestValueBytes <= SegmentFormat.maximumColumnValueBytes }
            .sorted { $0.key < $1.key }
            .map { name, column in
                var previousDoc: UInt32? = nil
                for entry in column.entries {
                    if entry.doc == previousDoc { return ColumnContents(name: name, values: column, dense: nil) }
                    previousDoc = entry.doc
                }
                var dense = [UInt32](filling: UInt32.max, count: documents.count)
                for entry in column.entries { dense[Int(entry.doc)] = entry.ordinal }
                return ColumnContents(name: name, values: column, dense: dense)
            }
    }

    /// The keyword columns section: a directory of fixed entries, then each column's data.
    static func columns(_ fields: [ColumnContents], documentCount docCount: Int) -> [UInt8] {
        var data = ByteWriter()
        var directory = ByteWriter()
        let dataStart = 8 + fields.count * SegmentFormat.columnEntrySize
        for field in fields {
            let (name, column, dense) = (field.name, field.values, field.dense)
            let nameOffset = dataStart + data.count
            data.append(contentsOf: name.utf8)
            data.align(8)
            let valueOffsetsOffset = dataStart + data.count
            var valueBytes = ByteWriter()
            for v in column.values {
                data.fixed(UInt32(valueBytes.count))
                valueBytes.append(contentsOf: v.utf8)
            }
            data.fixed(UInt32(valueBytes.count))
            data.align(8)
            let valueBytesOffset = dataStart + data.count
            data.append(contentsOf: valueBytes.bytes)
            data.align(8)
            let isDense = dense != nil
            var docOffsetsOffset = 0
            if !isDense {
                docOffsetsOffset = dataStart + data.count
                var e = 0
                for doc in 0..<docCount {
                    data.fixed(UInt32(e))
                    while e < column.entries.count, column.entries[e].doc == UInt32(doc) { e += 1 }
                }
                data.fixed(UInt32(column.entries.count))
                data.align(8)
            }
            let ordinalsOffset = dataStart + data.count
            let width = isDense ? KeywordColumnReader.width(valueCount: column.values.count) : 4
            if let dense {
                switch width {
                case 1: for v in dense { data.u8(UInt8(truncatingIfNeeded: v)) }
                case 2: for v in dense { data.fixed(UInt16(truncatingIfNeeded: v)) }
                default: for v in dense { data.fixed(v) }
                }
            } else {
                for entry in column.entries { data.fixed(entry.ordinal) }
            }
            data.align(8)
            directory.fixed(UInt32(nameOffset))
            directory.fixed(UInt32(name.utf8.count))
            directory.fixed(UInt32(column.values.count))
            directory.fixed((isDense ? SegmentFormat.denseColumn : SegmentFormat.multiColumn) | UInt32(width) << 8)
            directory.fixed(UInt64(valueOffsetsOffset))
            directory.fixed(UInt64(valueBytesOffset))
            directory.fixed(UInt64(docOffsetsOffset))
            directory.fixed(UInt64(ordinalsOffset))
            directory.fixed(UInt64(isDense ? docCount : column.entries.count))
            directory.fixed(UInt64(0))
        }
        var w = ByteWriter()
        w.fixed(UInt32(fields.count))
        w.fixed(UInt32(0))
        w.append(contentsOf: directory.bytes)
        w.append(contentsOf: data.bytes)
        return w.bytes
    }
}
