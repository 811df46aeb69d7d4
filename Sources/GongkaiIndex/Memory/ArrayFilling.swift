extension Array where Element: BitwiseCopyable {
    /// `count` copies of `value`: what `Array(repeating:count:)` makes, for less. That
    /// initialiser allocates through a standard-library function that is not specialised, which
    /// looks the storage type up at run time (hundreds of instructions, and a probe of a table
    /// that a large search leaves out of cache), then stores element by element. This one goes
    /// through the sequence copy, specialised for `Element`, whose fill compiles to block
    /// stores (a fifth of the instructions for 100,000 elements).
    @inlinable
    public init(filling value: Element, count: Int) {
        self.init(repeatElement(value, count: count))
    }
}

extension Array where Element: BitwiseCopyable {
    /// The elements `body` writes into storage for `capacity` of them, returning how many it
    /// wrote: `Array(unsafeUninitializedCapacity:initializingWith:)`, whose allocation costs
    /// what ``init(filling:count:)`` avoids. Short arrays (up to 64 elements, where that
    /// allocation would outweigh the rest) are filled with `filler` first, then written.
    @inlinable
    public init(capacity: Int, filler: Element, writing body: (UnsafeMutableBufferPointer<Element>) -> Int) {
        if capacity <= 64 {
            self.init(filling: filler, count: capacity)
            let written = withUnsafeMutableBufferPointer { body($0) }
            removeLast(capacity - written)
        } else {
            self.init(unsafeUninitializedCapacity: capacity) { buffer, count in count = body(buffer) }
        }
    }
}
