/// Reads one keyword column: the distinct values of a field in a segment, as written, and
/// each document's value ordinals. Facets count ordinals, then name the winners.
public struct KeywordColumnReader: @unchecked Sendable {
    /// The field's name.
    public let field: String
    /// The number of distinct values.
    public let valueCount: Int
    /// Whether each document has at most one value (`ordinals[doc]`, `UInt32.max` = none).
    public let isDense: Bool
    private let valueOffsets: UnsafePointer<UInt32>
    private let valueBytes: UnsafePointer<UInt8>
    private let documentOffsets: UnsafePointer<UInt32>?
    /// Dense: one ordinal per document, `width` bytes each (all ones = none). Multi: every
    /// document's ordinals, back to back, four bytes each.
    private let ordinals: UnsafeRawPointer
    private let width: Int

    /// The narrowest width (1, 2 or 4 bytes) that holds every ordinal and the "none" marker.
    public static func width(valueCount: Int) -> Int { valueCount < 0xFF ? 1 : (valueCount < 0xFFFF ? 2 : 4) }

    /// The ordinal of document `doc`'s value in a dense column; `nil` when it has none.
    @inline(__always)
    public func ordinal(of doc: UInt32) -> UInt32? {
        let v: UInt32
        switch width {
        case 1: v = UInt32(ordinals.load(fromByteOffset: Int(doc), as: UInt8.self)); return v == 0xFF ? nil : v
        case 2: v = UInt32(ordinals.loadUnaligned(fromByteOffset: 2 * Int(doc), as: UInt16.self).littleEndian); return v == 0xFFFF ? nil : v
        default: v = ordinals.loadUnaligned(fromByteOffset: 4 * Int(doc), as: UInt32.self).littleEndian; return v == UInt32.max ? nil : v
        }
    }

    /// The raw ordinals and their width in bytes, for loops that specialise on the width
    /// (dense: `UInt8.max`, `UInt16.max` or `UInt32.max` marks "none").
    public var rawOrdinals: (base: UnsafeRawPointer, width: Int) { (ordinals, width) }

    /// The ordinal at position `index` of a multi-valued column (see ``range(of:)``).
    @inline(__always)
    public func ordinal(at index: Int) -> UInt32 {
        ordinals.loadUnaligned(fromByteOffset: 4 * index, as: UInt32.self).littleEndian
    }

    /// The value with ordinal `ordinal`.
    public func value(_ ordinal: UInt32) -> String { String(decoding: valueBytes(ordinal), as: UTF8.self) }

    /// The UTF-8 of the value with ordinal `ordinal`, in the segment's memory map.
    public func valueBytes(_ ordinal: UInt32) -> UnsafeBufferPointer<UInt8> {
        let start = Int(valueOffsets[Int(ordinal)]), end = Int(valueOffsets[Int(ordinal) + 1])
        return UnsafeBufferPointer(start: valueBytes + start, count: end - start)
    }

    /// The indices holding document `doc`'s values in a multi-valued column.
    @inline(__always)
    public func range(of doc: UInt32) -> Range<Int> {
        guard let documentOffsets else { return 0..<0 }
        return Int(documentOffsets[Int(doc)])..<Int(documentOffsets[Int(doc) + 1])
    }

    /// Parses the column directory of a segment's columns section.
    static func directory(_ section: UnsafeRawBufferPointer, documentCount: Int, file: String) throws(IndexError) -> [String: KeywordColumnReader] {
        guard section.count >= 8, let base = section.baseAddress else { throw .corrupt(file: file, detail: "the columns section is cut short") }
        let count = Int(section.loadUnaligned(as: UInt32.self).littleEndian)
        guard 8 + count * SegmentFormat.columnEntrySize <= section.count else {
            throw .corrupt(file: file, detail: "the column directory lies outside its section")
        }
        var columns: [String: KeywordColumnReader] = [:]
        for i in 0..<count {
            let e = 8 + i * SegmentFormat.columnEntrySize
            func u32(_ o: Int) -> Int { Int(section.loadUnaligned(fromByteOffset: e + o, as: UInt32.self).littleEndian) }
            func u64(_ o: Int) -> Int { Int(section.loadUnaligned(fromByteOffset: e + o, as: UInt64.self).littleEndian) }
            let nameOffset = u32(0), nameLength = u32(4), valueCount = u32(8), mode = UInt32(u32(12)) & 0xFF
            let width = u32(12) >> 8
            let valueOffsets = u64(16), valueBytes = u64(24), docOffsets = u64(32), ordinalsOffset = u64(40), ordinalCount = u64(48)
            let dense = mode == SegmentFormat.denseColumn
            guard [1, 2, 4].contains(width), nameOffset + nameLength <= section.count, valueOffsets + 4 * (valueCount + 1) <= section.count,
                  ordinalsOffset + width * ordinalCount <= section.count, !dense || ordinalCount == documentCount,
                  dense || docOffsets + 4 * (documentCount + 1) <= section.count
            else { throw .corrupt(file: file, detail: "keyword column \(i) lies outside its section") }
            let name = String(decoding: UnsafeRawBufferPointer(start: base + nameOffset, count: nameLength), as: UTF8.self)
            columns[name] = KeywordColumnReader(
                field: name,
                valueCount: valueCount,
                isDense: dense,
                valueOffsets: (base + valueOffsets).assumingMemoryBound(to: UInt32.self),
                valueBytes: (base + valueBytes).assumingMemoryBound(to: UInt8.self),
                documentOffsets: dense ? nil : (base + docOffsets).assumingMemoryBound(to: UInt32.self),
                ordinals: base + ordinalsOffset,
                width: width
            )
        }
        return columns
    }
}
