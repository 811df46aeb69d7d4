import CPrefetch

/// Where a segment keeps what a search's hit reads, as plain addresses: its record id (offset,
/// then bytes) and its kind's ordinal. A page's hits are prefetched through these, a few
/// instructions each, with no reference to the segment reader taken per hit.
///
/// Unchecked `Sendable`: the addresses point into a segment's immutable memory, which the
/// snapshot holding these keeps open.
public struct HitLocations: @unchecked Sendable {
    let idOffsets: UnsafePointer<UInt32>
    let idBytes: UnsafePointer<UInt8>
    /// The dense `kind` column's ordinals, `kindWidth` bytes each; `nil` without the column.
    let kindOrdinals: UnsafeRawPointer?
    let kindWidth: Int

    /// Starts loading the line of document `doc`'s id offset.
    @inline(__always)
    public func prefetchIDOffset(_ doc: UInt32) { gk_prefetch(idOffsets + Int(doc)) }

    /// Starts loading the first line of document `doc`'s id bytes and the line of its kind.
    /// It reads the id's offset, so it waits for that line (``prefetchIDOffset(_:)``).
    @inline(__always)
    public func prefetchIDBytesAndKind(_ doc: UInt32) {
        gk_prefetch(idBytes + Int(idOffsets[Int(doc)]))
        if let kindOrdinals { gk_prefetch(kindOrdinals + Int(doc) * kindWidth) }
    }
}
