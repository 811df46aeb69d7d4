import CICU

/// Unicode NFKC with case folding (ICU's `nfkc_cf`): full-width letters, digits and
/// punctuation fold to ASCII, compatibility ideographs to unified ones, letters to lower case.
///
/// Text is normalised in chunks that start at normalisation boundaries, so every output scalar
/// can be traced back to the chunk of original scalars it came from.
public struct NFKCCaseFoldFilter: TokenFilter {
    /// Creates the filter.
    public init() {}

    /// Normalises `text` in place.
    public func apply(_ text: inout NormalizedText) {
        let units = utf16Units(text.scalars)
        let prefix = units.withUnsafeBufferPointer { gk_nfkc_casefold_normalized_prefix($0.baseAddress, Int32($0.count)) }
        if prefix == units.count { return }  // The common case: already normalised.

        // Scalars inside the quick-checked prefix stay as they are.
        var scalarIndex = 0
        var unitIndex = 0
        while unitIndex < Int(max(prefix, 0)) {
            unitIndex += text.scalars[scalarIndex].utf16.count
            scalarIndex += 1
        }
        var output = NormalizedText(
            scalars: Array(text.scalars[..<scalarIndex]),
            starts: Array(text.starts[..<scalarIndex]),
            ends: Array(text.ends[..<scalarIndex])
        )
        var chunk: [UInt16] = []
        var buffer = [UInt16](repeating: 0, count: 64)
        let scalars = text.scalars
        while scalarIndex < scalars.count {
            let s = scalars[scalarIndex]
            if scalarIndex + 1 == scalars.count || Self.startsChunk(scalars[scalarIndex + 1]) {
                // A scalar standing alone: stable ones copy through, common punctuation comes
                // from a table; only the rest needs a call into ICU.
                if TextAnalyzer.isNormalizationStable(s) {
                    output.scalars.append(s)
                    output.starts.append(text.starts[scalarIndex])
                    output.ends.append(text.ends[scalarIndex])
                    scalarIndex += 1
                    continue
                }
                if let mapped = Self.punctuation(s) {
                    for m in mapped {
                        output.scalars.append(m)
                        output.starts.append(text.starts[scalarIndex])
                        output.ends.append(text.ends[scalarIndex])
                    }
                    scalarIndex += 1
                    continue
                }
            }
            let chunkStart = scalarIndex
            chunk.removeAll(keepingCapacity: true)
            repeat {
                chunk.append(contentsOf: text.scalars[scalarIndex].utf16)
                scalarIndex += 1
            } while scalarIndex < text.scalars.count
                && gk_nfkc_casefold_boundary_before(text.scalars[scalarIndex].value) == 0
            let normalized = normalize(chunk, buffer: &buffer)
            let start = text.starts[chunkStart], end = text.ends[scalarIndex - 1]
            for scalar in String(decoding: normalized, as: UTF16.self).unicodeScalars {
                output.scalars.append(scalar)
                output.starts.append(start)
                output.ends.append(end)
            }
        }
        text = output
    }

    /// Whether `s` starts a normalisation chunk: what comes before it normalises on its own.
    @inline(__always)
    static func startsChunk(_ s: Unicode.Scalar) -> Bool {
        TextAnalyzer.isNormalizationStable(s) || gk_nfkc_casefold_boundary_before(s.value) != 0
    }

    /// NFKC-casefold images of the punctuation blocks Chinese text uses all the time
    /// (U+2000–U+206F, U+3000–U+303F, U+FF00–U+FFEF), computed once with ICU. Slot `k` (see
    /// ``punctuation(_:)``) is `scalars[starts[k]..<starts[k + 1]]`: a flat table read with
    /// no hashing, since a punctuation mark comes every few characters of a guide's body.
    static let punctuationTable: (starts: [Int], scalars: [Unicode.Scalar]) = {
        var starts: [Int] = [0]
        var scalars: [Unicode.Scalar] = []
        var buffer = [UInt16](repeating: 0, count: 64)
        let filter = NFKCCaseFoldFilter()
        for range in [0x2000...0x206F, 0x3000...0x303F, 0xFF00...0xFFEF] as [ClosedRange<UInt32>] {
            for v in range {
                let units = Array(Unicode.Scalar(v)!.utf16)  // No surrogates in these blocks.
                scalars += String(decoding: filter.normalize(units, buffer: &buffer), as: UTF16.self).unicodeScalars
                starts.append(scalars.count)
            }
        }
        return (starts, scalars)
    }()

    /// The image of `s` when it is in the punctuation table.
    @inline(__always)
    static func punctuation(_ s: Unicode.Scalar) -> ArraySlice<Unicode.Scalar>? {
        let v = s.value
        let slot: Int
        switch v {
        case 0x2000...0x206F: slot = Int(v - 0x2000)
        case 0x3000...0x303F: slot = Int(v - 0x3000) + 0x70
        case 0xFF00...0xFFEF: slot = Int(v - 0xFF00) + 0xB0
        default: return nil
        }
        let table = punctuationTable
        return table.scalars[table.starts[slot]..<table.starts[slot + 1]]
    }

    private func normalize(_ chunk: [UInt16], buffer: inout [UInt16]) -> ArraySlice<UInt16> {
        while true {
            let written = chunk.withUnsafeBufferPointer { src in
                buffer.withUnsafeMutableBufferPointer { dst in
                    gk_nfkc_casefold(src.baseAddress, Int32(src.count), dst.baseAddress, Int32(dst.count))
                }
            }
            if written < 0 { return chunk[...] }  // ICU failed: keep the text as it was.
            if Int(written) <= buffer.count { return buffer[..<Int(written)] }
            buffer = [UInt16](repeating: 0, count: Int(written))
        }
    }

    private func utf16Units(_ scalars: [Unicode.Scalar]) -> [UInt16] {
        var units: [UInt16] = []
        units.reserveCapacity(scalars.count)
        for s in scalars { units.append(contentsOf: s.utf16) }
        return units
    }
}
