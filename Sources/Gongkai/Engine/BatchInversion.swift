import GongkaiIndex

/// Inverts a batch of records into one segment on every core: the batch is cut into
/// consecutive parts, each part is inverted by its own ``SegmentBuilder`` at the same time as
/// the others, and the parts are joined in order (``SegmentBuilder/append(_:)``), so the
/// segment is the one a single builder would have made.
struct BatchInversion {
    /// The segment of the accepted records.
    var builder: SegmentBuilder
    /// The positions in the batch of the records the builder took, increasing.
    var accepted: [Int] = []
    /// The records it refused (a text too large to index), by position, with the reason.
    var refused: [(index: Int, reason: String)] = []

    /// A part smaller than this is not worth a core of its own.
    static let minimumPart = 2_000

    /// Inverts `records` with `analyzer`.
    init(_ records: [Record], analyzer: TextAnalyzer) {
        let done = ParallelParts.map(count: records.count, minimumPart: Self.minimumPart) { Part(records, $0, analyzer: analyzer) }
        builder = done[0].builder
        for part in done.dropFirst() { builder.append(part.builder) }
        for part in done {
            accepted += part.accepted
            refused += part.refused
        }
    }

    /// One part's inversion.
    private struct Part: Sendable {
        var builder: SegmentBuilder
        var accepted: [Int] = []
        var refused: [(index: Int, reason: String)] = []

        init(_ records: [Record], _ range: Range<Int>, analyzer: TextAnalyzer) {
            builder = SegmentBuilder(analyzer: analyzer)
            for i in range {
                do {
                    try builder.add(records[i].indexDocument())
                    accepted.append(i)
                } catch {
                    refused.append((i, error.description))
                }
            }
        }
    }
}
