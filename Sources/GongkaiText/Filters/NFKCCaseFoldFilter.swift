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
        while scalarIndex < text.scalars.count {
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
