import GongkaiText

/// Inverts documents in memory into the contents of one segment: the term dictionary,
/// postings with positions, and the per-document columns. ``SegmentWriter`` serialises it,
/// alone or as one of the parts of a segment built on several cores (``SegmentPart``).
public struct SegmentBuilder: Sendable {
    private let analyzer: TextAnalyzer
    private var hanTerms = PackedTermTable()
    /// Word and exact-value terms, keyed by their bytes.
    private var textTerms = MemoTable<TermBytesKey, UInt32>()
    private(set) var termBytes: [[UInt8]] = []
    private(set) var postings = PostingsArena()
    private(set) var documents = SegmentDocuments()
    private var occurrences: [UInt64] = []
    /// What analysing a short text gave (its occurrences at value 0, and its token count),
    /// by the text: records repeat a few dozen values (an item, a town, a level), and each is
    /// analysed once per builder.
    private var textMemo = MemoTable<MemoKey, MemoizedText>()
    /// Per field and value: its exact-value term and column ordinal, found once per builder.
    private var keywordMemo = MemoTable<MemoKey, MemoizedKeyword>()
    /// The last document's short texts and keyword pairs, by place, with their memos.
    private var recentTexts = RecentValues<MemoizedText>()
    private var recentKeywords = RecentValues<MemoizedKeyword>()
    /// Texts longer than this (UTF-8 bytes) are analysed every time: they seldom repeat.
    static let memoizedTextBytes = 64
    /// Each memo stops growing at this many values, which bounds its memory.
    private let memoLimit: Int

    /// The fields whose exact values are compared without normalisation (an array: a few
    /// short names compare faster than a set hashes one, and every keyword value asks).
    public static let rawKeywordFields = ["id", "kind", "id_number"]
    /// The fields that get no keyword column (unique per record, or private).
    public static let columnlessFields = ["id", "id_number"]

    /// Creates an empty builder.
    public init(analyzer: TextAnalyzer = TextAnalyzer()) { self.init(analyzer: analyzer, memoLimit: 1 << 16) }

    /// Creates an empty builder whose memos hold at most `memoLimit` values each (0: none, for tests).
    init(analyzer: TextAnalyzer, memoLimit: Int) {
        self.analyzer = analyzer
        self.memoLimit = memoLimit
    }

    /// Makes room for the postings of documents read from about `bytes` bytes of JSON (a
    /// word of postings a byte, and a quarter more: what payouts and regulations take).
    public mutating func reserveCapacity(inputBytes bytes: Int) { postings.reserveCapacity(bytes + bytes / 4) }

    /// The number of documents added.
    public var documentCount: Int { documents.count }

    /// Adds a document; it gets the next document id.
    ///
    /// - Throws: ``IndexError/documentTooLarge(_:)`` when a value has more than 2²⁰ positions
    ///   or the record more than 4,096 text values. Nothing is added then.
    public mutating func add(_ document: IndexDocument) throws(IndexError) {
        occurrences.removeAll(keepingCapacity: true)  // A refused document may have left some.
        let doc = UInt32(documents.count)
        var length: UInt32 = 0
        var nextValue: UInt32 = 1
        var titleValues = 0
        var textSlot = 0
        // Titles first: their positions (value 0) then come before the others', and each
        // term's positions arrive in order.
        for pass in 0..<2 {
            for (field, text) in document.texts where field.isFieldName("title") == (pass == 0) {
                let isTitle = pass == 0
                let valueIndex: UInt32
                if isTitle { valueIndex = 0; titleValues += 1 } else { valueIndex = nextValue; nextValue += 1 }
                guard valueIndex < UInt32(IndexPosition.maximumValues) else {
                    throw .documentTooLarge("record \(document.recordID) has more than \(IndexPosition.maximumValues) text values")
                }
                let tokens = try invertMemoized(text, base: valueIndex << IndexPosition.offsetBits, slot: textSlot, recordID: document.recordID)
                textSlot += 1
                length += isTitle ? tokens * IndexPosition.titleWeight : tokens
            }
        }
        for (slot, (field, value)) in document.keywordPairs.enumerated() {
            let known = recentKeywords.find(slot, field: field, value: value) ?? keyword(field, value, slot: slot)
            if known.term != UInt32.max { occurrences.append(UInt64(known.term) << 32 | UInt64(UInt32.max)) }
            if known.column >= 0 { documents.columns[known.column].entries.append((doc, known.ordinal)) }
        }
        // Every title value is value 0: a second one's positions would come out of order,
        // which sorting by term, then position, puts right.
        if titleValues > 1 { occurrences.sort() }
        post(doc: doc)
        documents.recordIDs.append(document.recordID)
        documents.lengths.append(length)
        documents.years.append(document.year ?? Int32.min)
        documents.amounts.append(document.amountFen ?? -1)
        documents.dates.append(document.dateDays ?? Int32.min)
    }

    /// The exact-value term, column and ordinal of `value` in `field`, through the keyword memo,
    /// kept as the document's keyword at `slot` for the next document.
    private mutating func keyword(_ field: String, _ value: String, slot: Int) -> MemoizedKeyword {
        let raw = Self.rawKeywordFields.contains(field)
        var known = MemoizedKeyword(term: UInt32.max, column: -1, ordinal: 0)
        if Self.columnlessFields.contains(where: field.isFieldName) {
            // Unique per record (an id): not in the memo, no column.
            known.term = exactTerm(field: field, value: value, raw: raw) ?? UInt32.max
        } else {
            let key = MemoKey(field: field, value: value)
            if let found = keywordMemo[key] {
                known = found
            } else {
                let column = documents.columnNumber(field)
                known = MemoizedKeyword(term: exactTerm(field: field, value: value, raw: raw) ?? UInt32.max, column: column,
                                        ordinal: documents.columns[column].ordinal(of: value))
                if keywordMemo.count < memoLimit { keywordMemo.insert(known, for: key) }
            }
        }
        if memoLimit > 0 { recentKeywords.keep(known, at: slot, field: field, value: value) }
        return known
    }

    /// The exact-value term of `value` in `field` (normalised unless `raw`); `nil` when the
    /// value is too long to get one.
    private mutating func exactTerm(field: String, value: String, raw: Bool) -> UInt32? {
        let normalized = raw ? value : analyzer.normalizedString(value)
        guard normalized.utf8.count <= Term.maximumExactValueBytes else { return nil }
        return intern(Term.exact(field: field, value: normalized))
    }

    /// ``invert(_:base:recordID:)`` through the text memo: a short text met before adds the
    /// occurrences it gave then. An occurrence's position is `base | offset`, and the memo
    /// keeps them at base 0, so one OR puts them in place.
    private mutating func invertMemoized(_ text: String, base: UInt32, slot: Int, recordID: String) throws(IndexError) -> UInt32 {
        guard text.utf8.count <= Self.memoizedTextBytes else { return try invert(text, base: base, recordID: recordID) }
        let known: MemoizedText
        if let recent = recentTexts.find(slot, field: "", value: text) {
            known = recent
        } else if let memoized = textMemo[MemoKey(field: "", value: text)] {
            known = memoized
            if memoLimit > 0 { recentTexts.keep(known, at: slot, field: "", value: text) }
        } else {
            let start = occurrences.count
            let tokens = try invert(text, base: 0, recordID: recordID)
            let analysed = MemoizedText(occurrences: Array(occurrences[start...]), tokens: tokens)
            if textMemo.count < memoLimit { textMemo.insert(analysed, for: MemoKey(field: "", value: text)) }
            if memoLimit > 0 { recentTexts.keep(analysed, at: slot, field: "", value: text) }
            for i in start..<occurrences.count { occurrences[i] |= UInt64(base) }
            return tokens
        }
        for o in known.occurrences { occurrences.append(o | UInt64(base)) }
        return known.tokens
    }

    /// Analyses one text value into occurrences; returns its Lucene token count.
    private mutating func invert(_ text: String, base: UInt32, recordID: String) throws(IndexError) -> UInt32 {
        var offset: UInt32 = 0
        var tokens: UInt32 = 0
        var tooLong = false
        analyzer.forEachRun(text) { script, s in
            guard !tooLong, offset + UInt32(s.count) + IndexPosition.runGap <= IndexPosition.maximumOffset else {
                tooLong = true
                return
            }
            let p = base | offset
            switch script {
            case .alnum:
                add(intern(Term.word(scalars: s)), at: p)
                tokens += 1
                offset += IndexPosition.runGap
            case .han:
                let first = s.startIndex
                let last = UInt32(max(s.count - 2, 0))
                for i in 0..<s.count {
                    add(intern(.char, s[first + i]), at: p + min(UInt32(i), last))
                    if i + 1 < s.count { add(intern(.bigram, s[first + i], s[first + i + 1]), at: p + UInt32(i)) }
                }
                add(intern(.runStart, s[first]), at: p)
                add(intern(.runEnd, s[s.endIndex - 1]), at: p + last)
                tokens += max(UInt32(s.count) - 1, 1)
                offset += last + IndexPosition.runGap
            }
        }
        if tooLong {
            throw .documentTooLarge("a text value of record \(recordID) is too long: more than about 500,000 characters")
        }
        return tokens
    }

    @inline(__always)
    private mutating func add(_ term: UInt32, at position: UInt32) {
        occurrences.append(UInt64(term) << 32 | UInt64(position))
    }

    /// Appends this document's occurrences, in the order they were met, to their terms'
    /// postings, and empties them.
    private mutating func post(doc: UInt32) {
        postings.record(occurrences, doc: doc)
        occurrences.removeAll(keepingCapacity: true)
    }

    private mutating func intern(_ tag: TermTag, _ a: Unicode.Scalar, _ b: Unicode.Scalar? = nil) -> UInt32 {
        // Han terms pack into 64 bits: tag, then two 24-bit scalars (0 when absent).
        let key = UInt64(tag.rawValue) << 48 | UInt64(a.value) << 24 | UInt64(b?.value ?? 0)
        if let id = hanTerms.id(key) { return id }
        let id = newTerm(Term.han(tag, a, b))
        hanTerms.insert(key, id)
        return id
    }

    private mutating func intern(_ bytes: [UInt8]) -> UInt32 {
        let key = TermBytesKey(bytes)
        if let id = textTerms[key] { return id }
        let id = newTerm(bytes)
        textTerms.insert(id, for: key)
        return id
    }

    private mutating func newTerm(_ bytes: [UInt8]) -> UInt32 {
        termBytes.append(bytes)
        postings.addTerm(isPositional: TermTag(rawValue: bytes[0])?.isPositional ?? false)
        return UInt32(termBytes.count - 1)
    }
}

/// A term's bytes as a dictionary key, hashed in one call (an array of bytes hashes byte by
/// byte, and a string checks its normalisation first).
struct TermKey: Hashable, Sendable {
    let bytes: [UInt8]

    func hash(into hasher: inout Hasher) { bytes.withUnsafeBytes { hasher.combine(bytes: $0) } }
}

/// A text's analysis: its occurrences (term << 32 | position at value 0) and token count.
struct MemoizedText: Sendable {
    let occurrences: [UInt64]
    let tokens: UInt32
}

/// A keyword value's exact-value term (`UInt32.max`: none) and its column (-1: none) and
/// ordinal there.
struct MemoizedKeyword: Sendable {
    var term: UInt32
    var column: Int
    var ordinal: UInt32
}
