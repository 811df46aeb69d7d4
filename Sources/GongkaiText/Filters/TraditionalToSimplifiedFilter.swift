import CICU

/// Folds traditional Chinese characters to simplified ones (`補貼` → `补贴`), one character
/// at a time, as ICU's `Traditional-Simplified` transliterator does.
///
/// The transliterator is slow, so its folding of every BMP ideograph was computed once and
/// committed (`gk_simplified_pairs`, from scripts/generate-simplified-pairs.sh); it fills a
/// 65,536-entry table, and applying the filter is one table look-up per scalar.
public struct TraditionalToSimplifiedFilter: TokenFilter {
    /// The folding table, built on first use from the committed pairs.
    static let table: [UInt16] = {
        var table = [UInt16](unsafeUninitializedCapacity: 65536) { buffer, count in
            for i in 0..<65536 { buffer[i] = UInt16(i) }
            count = 65536
        }
        var count: Int32 = 0
        let pairs = gk_simplified_pairs(&count)!
        for i in 0..<Int(count) { table[Int(pairs[i] >> 16)] = UInt16(truncatingIfNeeded: pairs[i]) }
        return table
    }()

    /// The table as this system's ICU computes it now (slow: for the test that the committed
    /// pairs are ICU's); `nil` when the transliterator is not available.
    public static func tableFromICU() -> [UInt16]? {
        var table = [UInt16](repeating: 0, count: 65536)
        let changed = table.withUnsafeMutableBufferPointer { gk_fill_simplified_table($0.baseAddress) }
        return changed < 0 ? nil : table
    }

    /// The first code unit that the committed folding maps otherwise than `table` (from
    /// ``tableFromICU()``); `nil` when they agree.
    public static func firstDifference(from table: [UInt16]) -> Int? {
        zip(table, Self.table).enumerated().first { $0.element.0 != $0.element.1 }?.offset
    }

    /// Creates the filter.
    public init() {}

    /// Folds `text` in place.
    public func apply(_ text: inout NormalizedText) {
        let table = Self.table
        for i in text.scalars.indices {
            let v = text.scalars[i].value
            guard v >= 0x3400, v <= 0x9FFF else { continue }
            let mapped = table[Int(v)]
            if UInt32(mapped) != v, let scalar = Unicode.Scalar(UInt32(mapped)) { text.scalars[i] = scalar }
        }
    }

    /// Folds one scalar.
    public static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar { table.withUnsafeBufferPointer { fold(scalar, using: $0) } }

    /// Folds one scalar through `table` (``table``'s storage, taken once by a caller folding
    /// many).
    @inline(__always)
    public static func fold(_ scalar: Unicode.Scalar, using table: UnsafeBufferPointer<UInt16>) -> Unicode.Scalar {
        let v = scalar.value
        guard v >= 0x3400, v <= 0x9FFF else { return scalar }
        return Unicode.Scalar(UInt32(table[Int(v)])) ?? scalar
    }
}
