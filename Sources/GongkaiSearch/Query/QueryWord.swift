import GongkaiIndex
import GongkaiText

/// One query word, normalised and split into runs, with the index terms that find it.
public struct QueryWord: Sendable {
    /// How the index answers the word.
    public enum Plan: Sendable {
        /// One term's postings answer it: a lone Han character or a single alnum run.
        case term
        /// Terms that must occur at fixed distances from the first one.
        case phrase
    }

    /// One index term of a word, at its offset in index positions from the word's first term.
    // A named struct, not a tuple: an array of tuples looks its type up at run time.
    public struct IndexTerm: Sendable {
        /// The term's bytes.
        public let bytes: [UInt8]
        /// Its offset (0 for the first term, and for a term plan's one term).
        public let offset: UInt32
    }

    /// The word's runs, in order (their scalars and script; a query's runs carry no source
    /// offsets).
    public let runs: [TextRun]
    /// The index plan.
    public let plan: Plan
    /// The terms the plan reads, the first at offset 0.
    public let terms: [IndexTerm]

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
                (plan, terms) = (.term, [IndexTerm(bytes: Term.word(run.text), offset: 0)])
            case .han where run.scalars.count == 1:
                (plan, terms) = (.term, [IndexTerm(bytes: Term.han(.char, run.scalars[0]), offset: 0)])
            case .han where run.scalars.count == 2:
                // One bigram: its postings answer it; there is no phrase to verify.
                (plan, terms) = (.term, [IndexTerm(bytes: Term.han(.bigram, run.scalars[0], run.scalars[1]), offset: 0)])
            case .han:
                plan = .phrase
                terms = (0..<(run.scalars.count - 1)).map { i in
                    IndexTerm(bytes: Term.han(.bigram, run.scalars[i], run.scalars[i + 1]), offset: UInt32(i))
                }
            }
            return
        }
        var terms: [IndexTerm] = []
        var offset: UInt32 = 0
        for (j, run) in runs.enumerated() {
            switch run.script {
            case .alnum:
                terms.append(IndexTerm(bytes: Term.word(run.text), offset: offset))
                offset += IndexPosition.runGap
            case .han:
                let s = run.scalars
                let last = UInt32(max(s.count - 2, 0))
                if j > 0 { terms.append(IndexTerm(bytes: Term.han(.runStart, s[0]), offset: offset)) }
                for i in 0..<(s.count - 1) { terms.append(IndexTerm(bytes: Term.han(.bigram, s[i], s[i + 1]), offset: offset + UInt32(i))) }
                if j < runs.count - 1 { terms.append(IndexTerm(bytes: Term.han(.runEnd, s[s.count - 1]), offset: offset + last)) }
                offset += last + IndexPosition.runGap
            }
        }
        // The first term must sit at offset 0: put the leading run's terms first.
        terms.sort { $0.offset < $1.offset }
        plan = .phrase
        self.terms = terms
    }
}
