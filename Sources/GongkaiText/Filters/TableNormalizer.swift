/// The analysis chain's normalisation done by tables, without ICU, for the text it covers:
/// ASCII without capitals, unified ideographs, and punctuation from ``NFKCCaseFoldFilter``'s
/// table, every scalar its own normalisation chunk (no combining mark after it). Chinese
/// text is such text. What it gives, offsets included, is what the filter chain gives (tested).
enum TableNormalizer {
    /// Normalised scalars and where each came from.
    struct Output {
        /// The normalised scalars.
        var scalars: [Unicode.Scalar]
        /// Per normalised scalar, the offset of the original scalar it is (part of) the image
        /// of; `nil` when that is its own index (every image one scalar: in place).
        var sources: [Int32]?
    }

    /// The normalisation of `scalars`; `nil` for text the tables do not cover.
    static func normalized(_ scalars: [Unicode.Scalar]) -> Output? {
        TraditionalToSimplifiedFilter.table.withUnsafeBufferPointer { folding in
            // Most fields (names, places, numbers) have no punctuation: every scalar stable.
            if scalars.allSatisfy(TextAnalyzer.isNormalizationStable) {
                var folded = scalars
                for i in folded.indices where folded[i].value >= 0x3400 { folded[i] = TraditionalToSimplifiedFilter.fold(folded[i], using: folding) }
                return Output(scalars: folded, sources: nil)
            }
            return scalars.withUnsafeBufferPointer { normalized($0, folding: folding) }
        }
    }

    /// What one scalar becomes.
    private enum Image {
        case one(Unicode.Scalar)
        case several(ArraySlice<Unicode.Scalar>)
        case uncovered
    }

    /// The image of `scalars[i]`, traditional characters folded.
    @inline(__always)
    private static func image(_ i: Int, in scalars: UnsafeBufferPointer<Unicode.Scalar>, folding: UnsafeBufferPointer<UInt16>) -> Image {
        if i + 1 < scalars.count, !NFKCCaseFoldFilter.startsChunk(scalars[i + 1]) { return .uncovered }
        let s = scalars[i]
        if TextAnalyzer.isNormalizationStable(s) { return .one(TraditionalToSimplifiedFilter.fold(s, using: folding)) }
        guard let image = NFKCCaseFoldFilter.punctuation(s) else { return .uncovered }
        return image.count == 1 ? .one(TraditionalToSimplifiedFilter.fold(image[image.startIndex], using: folding)) : .several(image)
    }

    /// ``normalized(_:)`` of text with something besides stable scalars.
    private static func normalized(_ scalars: UnsafeBufferPointer<Unicode.Scalar>, folding: UnsafeBufferPointer<UInt16>) -> Output? {
        // Written in place into storage of the text's size; an image of another length (an
        // ellipsis's three dots) stops that, and the text is done again with room to grow.
        var covered = true
        var resized = false
        let images = [Unicode.Scalar](unsafeUninitializedCapacity: scalars.count) { out, count in
            var written = 0
            defer { count = written }
            for i in 0..<scalars.count {
                switch image(i, in: scalars, folding: folding) {
                case .one(let s): out[i] = s
                case .several: resized = true; return
                case .uncovered: covered = false; return
                }
                written = i + 1
            }
        }
        guard covered else { return nil }
        guard resized else { return Output(scalars: images, sources: nil) }
        var out = Output(scalars: [], sources: [])
        out.scalars.reserveCapacity(scalars.count + 16)
        out.sources!.reserveCapacity(scalars.count + 16)
        for i in 0..<scalars.count {
            switch image(i, in: scalars, folding: folding) {
            case .one(let s):
                out.scalars.append(s)
                out.sources!.append(Int32(i))
            case .several(let several):
                for m in several {
                    out.scalars.append(TraditionalToSimplifiedFilter.fold(m, using: folding))
                    out.sources!.append(Int32(i))
                }
            case .uncovered: return nil
            }
        }
        return out
    }
}
