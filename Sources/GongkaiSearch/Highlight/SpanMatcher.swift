import GongkaiText

/// Finds where a query word matches one text value, by the rules of contract §2 applied to
/// runs directly (the index answers *whether*; this says *where*, for snippets).
public enum SpanMatcher {
    /// The spans, in original scalar offsets of the value, where `word` matches `runs`.
    public static func spans(of word: QueryWord, in runs: [TextRun]) -> [Range<Int>] {
        let q = word.runs
        guard !q.isEmpty else { return [] }
        var spans: [Range<Int>] = []
        if q.count == 1 {
            let w = q[0]
            for run in runs where run.script == w.script {
                if w.script == .alnum {
                    if run.scalars == w.scalars { spans.append(Int(run.starts[0])..<Int(run.ends[run.ends.count - 1])) }
                } else {
                    for start in occurrences(of: w.scalars, in: run.scalars) {
                        spans.append(Int(run.starts[start])..<Int(run.ends[start + w.scalars.count - 1]))
                    }
                }
            }
            return spans
        }
        guard runs.count >= q.count else { return [] }
        for i in 0...(runs.count - q.count) {
            var ok = true
            for j in q.indices {
                let field = runs[i + j], part = q[j]
                guard field.script == part.script else { ok = false; break }
                if j == 0 && part.script == .han {
                    ok = field.scalars.count >= part.scalars.count && field.scalars.suffix(part.scalars.count).elementsEqual(part.scalars)
                } else if j == q.count - 1 && part.script == .han {
                    ok = field.scalars.count >= part.scalars.count && field.scalars.prefix(part.scalars.count).elementsEqual(part.scalars)
                } else {
                    ok = field.scalars == part.scalars
                }
                if !ok { break }
            }
            guard ok else { continue }
            let first = runs[i], last = runs[i + q.count - 1]
            let startIndex = first.scalars.count - q[0].scalars.count
            let endIndex = q[q.count - 1].scalars.count - 1
            spans.append(Int(first.starts[startIndex])..<Int(last.ends[endIndex]))
        }
        return spans
    }

    /// Start indices of every occurrence of `needle` in `haystack`.
    static func occurrences(of needle: [Unicode.Scalar], in haystack: [Unicode.Scalar]) -> [Int] {
        guard !needle.isEmpty, haystack.count >= needle.count else { return [] }
        var result: [Int] = []
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { result.append(start) }
        }
        return result
    }
}
