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
        // The terms are made into a list of their own, then put in order of offset.
        var list = TermList(capacity: runs.reduce(0) { $0 + $1.scalars.count + 1 })
        var offsets: [UInt32] = []
        offsets.reserveCapacity(list.ends.capacity)
        var offset: UInt32 = 0
        for (j, run) in runs.enumerated() {
            switch run.script {
            case .alnum:
                list.append { Term.appendWord(scalars: run.scalars, to: &$0) }
                offsets.append(offset)
                offset += IndexPosition.runGap
            case .han:
                let s = run.scalars
                let last = UInt32(max(s.count - 2, 0))
                if j > 0 {
                    list.append { Term.appendHan(.runStart, s[0], to: &$0) }
                    offsets.append(offset)
                }
                for i in 0..<(s.count - 1) {
                    list.append { Term.appendHan(.bigram, s[i], s[i + 1], to: &$0) }
                    offsets.append(offset + UInt32(i))
                }
                if j < runs.count - 1 {
                    list.append { Term.appendHan(.runEnd, s[s.count - 1], to: &$0) }
                    offsets.append(offset + last)
                }
                offset += last + IndexPosition.runGap
            }
        }
        plan = .phrase
        // The first term must sit at offset 0: the terms in order of offset (as made, unless
        // a run's terms came out of order).
        if offsets.indices.dropFirst().allSatisfy({ offsets[$0 - 1] <= offsets[$0] }) {
            termList.append(contentsOf: list)
            terms = offsets.map { IndexTerm(offset: $0) }
            return
        }
        let order = offsets.indices.sorted { offsets[$0] < offsets[$1] }
        for i in order { termList.append(list[i]) }
        terms = order.map { IndexTerm(offset: offsets[$0]) }
    }
}
