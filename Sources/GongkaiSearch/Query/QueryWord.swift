import GongkaiIndex
import GongkaiText

/// One query word, normalised and split into runs, with the index terms that find it.
public struct QueryWord: Sendable {
    /// How the index answers the word.
    public enum Plan: Sendable {
        /// One term's postings answer it: a lone Han character or a single alnum run.
        case term([UInt8])
        /// Terms that must occur at fixed distances from the first one (offsets in index
        /// positions; the first term is at offset 0).
        case phrase([(term: [UInt8], offset: UInt32)])
    }

    /// The terms the plan reads, with their offsets (a term plan's one term at offset 0).
    public var terms: [(term: [UInt8], offset: UInt32)] {
        switch plan {
        case .term(let term): return [(term, 0)]
        case .phrase(let terms): return terms
        }
    }

    /// The word's runs, in order.
    public let runs: [TextRun]
    /// The index plan.
    public let plan: Plan

    /// Plans the word made of `runs` (contract §2):
    /// - one Han run of one character: its char term (found inside any run);
    /// - one Han run of two characters: its bigram term;
    /// - one Han run of n ≥ 3 characters: the phrase of its n − 1 bigrams;
    /// - one alnum run: its word term;
    /// - several runs: a phrase across runs, where a leading Han run must end its field run
    ///   (its last character is a `runEnd`), a trailing Han run must start its field run
    ///   (`runStart`), and inner runs must equal whole field runs (both edges).
    public init(runs: [TextRun]) {
        self.runs = runs
        if runs.count == 1 {
            let run = runs[0]
            switch run.script {
            case .alnum:
                plan = .term(Term.word(run.text))
            case .han where run.scalars.count == 1:
                plan = .term(Term.han(.char, run.scalars[0]))
            case .han where run.scalars.count == 2:
                // One bigram: its postings answer it; there is no phrase to verify.
                plan = .term(Term.han(.bigram, run.scalars[0], run.scalars[1]))
            case .han:
                plan = .phrase((0..<(run.scalars.count - 1)).map { i in
                    (Term.han(.bigram, run.scalars[i], run.scalars[i + 1]), UInt32(i))
                })
            }
            return
        }
        var terms: [(term: [UInt8], offset: UInt32)] = []
        var offset: UInt32 = 0
        for (j, run) in runs.enumerated() {
            switch run.script {
            case .alnum:
                terms.append((Term.word(run.text), offset))
                offset += IndexPosition.runGap
            case .han:
                let s = run.scalars
                let last = UInt32(max(s.count - 2, 0))
                if j > 0 { terms.append((Term.han(.runStart, s[0]), offset)) }
                for i in 0..<(s.count - 1) { terms.append((Term.han(.bigram, s[i], s[i + 1]), offset + UInt32(i))) }
                if j < runs.count - 1 { terms.append((Term.han(.runEnd, s[s.count - 1]), offset + last)) }
                offset += last + IndexPosition.runGap
            }
        }
        // The first term must sit at offset 0: put the leading run's terms first.
        terms.sort { $0.offset < $1.offset }
        plan = .phrase(terms)
    }
}
