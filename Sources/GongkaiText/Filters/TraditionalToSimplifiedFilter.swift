import CICU

/// Folds traditional Chinese characters to simplified ones (`補貼` → `补贴`), one character
/// at a time, with ICU's `Traditional-Simplified` transliterator.
///
/// The transliterator is slow per call, so it runs once, over every BMP ideograph, to fill a
/// 65,536-entry table; applying the filter is then one table look-up per scalar.
public struct TraditionalToSimplifiedFilter: TokenFilter {
    /// The folding table, built on first use.
    static let table: [UInt16] = {
        var table = [UInt16](repeating: 0, count: 65536)
        let changed = table.withUnsafeMutableBufferPointer { gk_fill_simplified_table($0.baseAddress) }
        if changed < 0 { return (0..<65536).map { UInt16($0) } }
        return table
    }()

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
    public static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        let v = scalar.value
        guard v >= 0x3400, v <= 0x9FFF else { return scalar }
        return Unicode.Scalar(UInt32(table[Int(v)])) ?? scalar
    }
}
