import Gongkai
import GongkaiText

/// Answers searches by scanning records and applying contract §2 literally, with none of the
/// index's machinery: the reference the engine is compared with.
///
/// It shares only ICU normalisation with the engine (that is tested on its own); runs,
/// matching, filters and sums are written here again, from the contract's words.
public struct BruteForceOracle {
    /// The answer to one request.
    public struct Answer: Equatable, CustomStringConvertible {
        public var ids: Set<String>
        public var amountSumFen: Int64
        public var total: Int { ids.count }
        public init(ids: Set<String>, amountSumFen: Int64) {
            self.ids = ids
            self.amountSumFen = amountSumFen
        }
        public var description: String { "total \(total), sum \(amountSumFen), ids \(ids.sorted().prefix(12))" }
    }

    enum Script { case han, alnum }
    typealias Run = (script: Script, scalars: [Unicode.Scalar])

    private let analyzer = TextAnalyzer()
    public private(set) var records: [String: Record] = [:]
    private var fieldRuns: [String: [[Run]]] = [:]

    public init() {}

    /// Adds or replaces a record.
    public mutating func put(_ record: Record) {
        records[record.id] = record
        fieldRuns[record.id] = textValues(record).map { runs(Array(normalize($0).unicodeScalars)) }
    }

    /// Removes a record.
    public mutating func remove(_ id: String) {
        records[id] = nil
        fieldRuns[id] = nil
    }

    /// Every record matching `query` and `filters` (contract §2).
    public func answer(query: String, filters: [Filter]) -> Answer {
        let words = normalize(query).unicodeScalars.split(whereSeparator: { $0.properties.isWhitespace }).map { runs(Array($0)) }.filter { !$0.isEmpty }
        var ids = Set<String>()
        var sum: Int64 = 0
        for record in records.values {
            let fields = fieldRuns[record.id] ?? []
            guard words.allSatisfy({ word in fields.contains { matches(word, $0) } }) else { continue }
            guard filters.allSatisfy({ holds($0, record) }) else { continue }
            ids.insert(record.id)
            if let a = record["amount"]?.elements.first, let fen = Money.fen(a) { sum += fen }
        }
        return Answer(ids: ids, amountSumFen: sum)
    }

    /// How often one facet value occurs over a match set, and the sum of `amount` over those
    /// records in fen (an absent amount adds 0).
    public struct FacetTotal: Equatable, CustomStringConvertible {
        public var count = 0
        public var amountSumFen: Int64 = 0
        public init(count: Int = 0, amountSumFen: Int64 = 0) {
            self.count = count
            self.amountSumFen = amountSumFen
        }
        public var description: String { "\(count)/\(amountSumFen)" }
    }

    /// The counts of `field`'s values over the records `ids` (contract §3): each element of an
    /// array counts as a value of its own, as written.
    public func facet(_ field: String, over ids: Set<String>) -> [String: FacetTotal] {
        var totals: [String: FacetTotal] = [:]
        for id in ids {
            guard let record = records[id], let value = record[field] else { continue }
            let fen = record["amount"]?.elements.first.flatMap { Money.fen($0) } ?? 0
            for element in value.elements {
                totals[element, default: FacetTotal()].count += 1
                totals[element, default: FacetTotal()].amountSumFen += fen
            }
        }
        return totals
    }

    /// The text values of a record: strings and string arrays, except keys, amount and date.
    func textValues(_ record: Record) -> [String] {
        record.fields.filter { !["id", "kind", "id_number", "amount", "date"].contains($0.name) }.flatMap { field -> [String] in
            switch field.value {
            case .string(let s): return [s]
            case .strings(let a): return a
            default: return []
            }
        }
    }

    func normalize(_ text: String) -> String { analyzer.normalize(text).string }

    /// Splits into Han runs (ideographs) and alnum runs (general categories L and N, with the
    /// marks that follow them); anything else ends the current run.
    func runs<S: Sequence>(_ scalars: S) -> [Run] where S.Element == Unicode.Scalar {
        var result: [Run] = []
        var open: Script? = nil
        for s in scalars {
            let p = s.properties
            let letterOrDigit: Set<Unicode.GeneralCategory> = [.uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter,
                                                               .otherLetter, .decimalNumber, .letterNumber, .otherNumber]
            let marks: Set<Unicode.GeneralCategory> = [.nonspacingMark, .spacingMark, .enclosingMark]
            let script: Script?
            if p.isIdeographic { script = .han }
            else if letterOrDigit.contains(p.generalCategory) { script = .alnum }
            else if marks.contains(p.generalCategory), open == .alnum { script = .alnum }
            else { script = nil }
            if let script, script == open {
                result[result.count - 1].scalars.append(s)
            } else if let script {
                result.append((script, [s]))
            }
            open = script
        }
        return result
    }

    /// Contract §2: whether a query word (its runs) matches one field value (its runs).
    func matches(_ word: [Run], _ field: [Run]) -> Bool {
        if word.count == 1 {
            let w = word[0]
            return field.contains { f in
                guard f.script == w.script else { return false }
                if w.script == .alnum { return f.scalars == w.scalars }
                return contains(f.scalars, w.scalars)
            }
        }
        guard field.count >= word.count else { return false }
        for start in 0...(field.count - word.count) {
            var ok = true
            for (j, w) in word.enumerated() {
                let f = field[start + j]
                if f.script != w.script { ok = false; break }
                let leading = j == 0, trailing = j == word.count - 1
                if w.script == .han && leading {
                    ok = f.scalars.count >= w.scalars.count && Array(f.scalars.suffix(w.scalars.count)) == w.scalars
                } else if w.script == .han && trailing {
                    ok = f.scalars.count >= w.scalars.count && Array(f.scalars.prefix(w.scalars.count)) == w.scalars
                } else {
                    ok = f.scalars == w.scalars
                }
                if !ok { break }
            }
            if ok { return true }
        }
        return false
    }

    func contains(_ haystack: [Unicode.Scalar], _ needle: [Unicode.Scalar]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        for i in 0...(haystack.count - needle.count) where Array(haystack[i..<(i + needle.count)]) == needle { return true }
        return false
    }

    /// Whether `filter` holds for `record`: exact equality of normalised values (keys raw), one
    /// array element sufficing; typed fields compared as values.
    func holds(_ filter: Filter, _ record: Record) -> Bool {
        guard let value = record[filter.field] else { return false }
        switch filter.condition {
        case .equals(let wanted):
            let raw = ["id", "kind", "id_number"].contains(filter.field)
            let target = raw ? wanted : normalize(wanted)
            return value.elements.contains { (raw ? $0 : normalize($0)) == target }
        case .range(let lower, let upper):
            guard let text = value.elements.first else { return false }
            let v: Int64?
            switch filter.field {
            case "year": v = TypedValue.year(text).map(Int64.init)
            case "amount": v = Money.fen(text)
            default: v = CalendarDate.days(text).map(Int64.init)
            }
            guard let v else { return false }
            return v >= (lower ?? Int64.min) && v <= (upper ?? Int64.max)
        }
    }
}
