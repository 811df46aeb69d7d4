/// Several terms' bytes in one buffer: a query's terms, built and looked up with one
/// allocation for the bytes and one for their ends, not one per term.
public struct TermList: Sendable {
    /// The terms' bytes, one after the other.
    public private(set) var bytes: [UInt8] = []
    /// Where each term ends in `bytes`; term `i` starts where term `i − 1` ends.
    public private(set) var ends: [Int] = []

    /// An empty list with room for `count` terms of about `bytesPerTerm` bytes.
    public init(capacity count: Int = 0, bytesPerTerm: Int = 7) {
        bytes.reserveCapacity(count * bytesPerTerm)
        ends.reserveCapacity(count)
    }

    /// The list of `terms`.
    public init(_ terms: [[UInt8]]) {
        self.init(capacity: terms.count)
        for term in terms { append(term) }
    }

    /// The number of terms.
    public var count: Int { ends.count }

    /// Where term `i` lies in ``bytes``.
    public func range(_ i: Int) -> Range<Int> { (i == 0 ? 0 : ends[i - 1])..<ends[i] }

    /// Adds a term. (Not generic over its bytes: unspecialised in another module, a generic
    /// append looked its types up at run time.)
    public mutating func append(_ term: [UInt8]) {
        bytes.append(contentsOf: term)
        ends.append(bytes.count)
    }

    /// Adds a term whose bytes `write` appends to the buffer it is given.
    public mutating func append(writing write: (inout [UInt8]) -> Void) {
        write(&bytes)
        ends.append(bytes.count)
    }
}
