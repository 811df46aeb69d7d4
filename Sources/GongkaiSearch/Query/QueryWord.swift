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

    /// One index term of a word, at its offset in index positions from the word's first term;
    /// its bytes are in the query's ``TermList``.
    // A named struct, not a tuple: an array of tuples looks its type up at run time.
    public struct IndexTerm: Sendable {
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
    ///
    /// The bytes of `terms` are appended to `termList`, in the same order: one buffer for all
    /// the terms of a query.
    public init(runs: [TextRun], appendingTermsTo termList: inout TermList) {
        self.runs = runs
        let first = termList.count
        if runs.count == 1 {
            let run = runs[0]
            let s = run.scalars
            switch run.script {
            case .alnum:
                plan = .term
                termList.append { Term.appendWord(scalars: run.scalars, to: &$0) }
            case .han where s.count == 1:
                plan = .term
                termList.append { Term.appendHan(.char, s[0], to: &$0) }
            case .han where s.count == 2:
                // One bigram: its postings answer it; there is no phrase to verify.
                plan = .term
                termList.append { Term.appendHan(.bigram, s[0], s[1], to: &$0) }
            case .han:
                plan = .phrase
                for i in 0..<(s.count - 1) { termList.append { Term.appendHan(.bigram, s[i], s[i + 1], to: &$0) } }
            }
            terms = (0..<termList.count - first).map { IndexTerm(offset: UInt32($0)) }
            return
        }
        // Each run's terms come after the run before's, its edges at the offsets of its first
        // and last bigrams: the terms are made in order of offset, the first at offset 0.
        var terms: [IndexTerm] = []
        terms.reserveCapacity(runs.reduce(0) { $0 + $1.scalars.count + 1 })
        var offset: UInt32 = 0
        for (j, run) in runs.enumerated() {
            switch run.script {
            case .alnum:
                termList.append { Term.appendWord(scalars: run.scalars, to: &$0) }
                terms.append(IndexTerm(offset: offset))
                offset += IndexPosition.runGap
            case .han:
                let s = run.scalars
                let last = UInt32(max(s.count - 2, 0))
                if j > 0 {
                    termList.append { Term.appendHan(.runStart, s[0], to: &$0) }
                    terms.append(IndexTerm(offset: offset))
                }
                for i in 0..<(s.count - 1) {
                    termList.append { Term.appendHan(.bigram, s[i], s[i + 1], to: &$0) }
                    terms.append(IndexTerm(offset: offset + UInt32(i)))
                }
                if j < runs.count - 1 {
                    termList.append { Term.appendHan(.runEnd, s[s.count - 1], to: &$0) }
                    terms.append(IndexTerm(offset: offset + last))
                }
                offset += last + IndexPosition.runGap
            }
        }
        plan = .phrase
        self.terms = terms
    }
}
