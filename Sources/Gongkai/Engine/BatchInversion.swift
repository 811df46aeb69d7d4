import GongkaiIndex

/// Inverts a batch of records into one segment on every core: the batch is cut into
/// consecutive parts, one per core, each part is inverted and its terms sorted by its own
/// ``SegmentBuilder`` at the same time as the others, and the parts, written in order
/// (``SegmentPart``), make the segment a single builder would have made. Each part also
/// encodes the JSON the record store keeps of its records (``EncodedRecords``).
struct BatchInversion: Sendable {
    /// The segment of the accepted records, in parts to be written in order.
    var parts: [SegmentPart] = []
    /// The records the builders took, in order, encoded for the store, by part.
    var accepted: [EncodedRecords] = []
    /// The records they refused (a text too large to index), by position, with the reason.
    var refused: [(index: Int, reason: String)] = []

    /// A part smaller than this is not worth a core of its own.
    static let minimumPart = 2_000

    /// The number of records the builders took.
    var acceptedCount: Int { accepted.reduce(0) { $0 + $1.count } }

    /// Inverts `records` with `analyzer`; the JSON the store keeps of those in `storedForms`
    /// is copied from there.
    init(_ records: [Record], storedForms: StoredForms = StoredForms(), analyzer: TextAnalyzer) {
        let done = ParallelParts.map(count: records.count, minimumPart: Self.minimumPart) {
            Part(records, $0, storedForms: storedForms, analyzer: analyzer)
        }
        for part in done {
            parts.append(part.sorted)
            accepted.append(part.accepted)
            refused += part.refused
        }
    }

    /// One part's inversion.
    private struct Part: Sendable {
        let sorted: SegmentPart
        var accepted: EncodedRecords
        var refused: [(index: Int, reason: String)] = []

        init(_ records: [Record], _ range: Range<Int>, storedForms: StoredForms, analyzer: TextAnalyzer) {
            var builder = SegmentBuilder(analyzer: analyzer)
            builder.reserveCapacity(inputBytes: storedForms.lineBytes(of: range))
            accepted = EncodedRecords(lines: storedForms.bytes)
            for i in range {
                do throws(IndexError) {
                    try builder.add(records[i].indexDocument())
                    if i < storedForms.ranges.count, let line = storedForms.ranges[i] {
                        accepted.append(records[i], line: line)
                    } else {
                        accepted.append(records[i])
                    }
                } catch {
                    refused.append((i, error.description))
                }
            }
            sorted = SegmentPart(builder)
        }
    }
}

/// Records' input lines that are already the JSON the record store keeps of them: per record,
/// where its line is in `bytes`, or `nil` when the JSON is to be written.
struct StoredForms: Sendable {
    var bytes: [UInt8] = []
    var ranges: [Range<Int>?] = []

    /// The number of bytes of the lines of the records in `records` that are stored as they came.
    func lineBytes(of records: Range<Int>) -> Int {
        records.clamped(to: ranges.indices).reduce(0) { $0 + (ranges[$1]?.count ?? 0) }
    }
}
