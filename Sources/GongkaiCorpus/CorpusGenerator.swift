import Foundation

/// What to generate. The same options always give byte-identical files.
public struct CorpusOptions: Sendable, Equatable {
    /// The seed every stream of the corpus is derived from.
    public var seed: UInt64
    /// Number of payout rows (`payouts.jsonl`).
    public var payouts: Int
    /// Number of market supervision inspection records (`inspections.jsonl`).
    public var inspections: Int
    /// Number of meeting notices (`meetings.jsonl`).
    public var meetings: Int
    /// Number of policy documents that belong to no subsidy (added to `regulations.jsonl`).
    public var otherRegulations: Int

    /// Creates options; the defaults are the bundled default corpus.
    public init(seed: UInt64 = 1, payouts: Int = 350_000, inspections: Int = 300, meetings: Int = 200, otherRegulations: Int = 30) {
        self.seed = seed
        self.payouts = payouts
        self.inspections = inspections
        self.meetings = meetings
        self.otherRegulations = otherRegulations
    }
}

/// Progress of a generation run, reported as each file is written.
public struct CorpusProgress: Sendable {
    /// The file being written, e.g. `payouts.jsonl`.
    public let file: String
    /// Lines written to it so far.
    public let written: Int
    /// Lines it will have.
    public let total: Int
}

/// One written file.
public struct CorpusFile: Sendable, Equatable {
    /// File name inside the output directory.
    public let name: String
    /// Number of lines (records).
    public let records: Int
    /// Size in bytes.
    public let bytes: Int
}

/// Exact payout totals for one subsidy item at one paying level.
public struct PayoutTotal: Sendable, Equatable {
    /// The subsidy item.
    public let item: String
    /// The paying level: `区级`, `镇级` or `村级`.
    public let level: String
    /// Number of payout rows.
    public let rows: Int
    /// Sum of `amount` in fen.
    public let fen: Int

    /// The sum as a decimal string of yuan (`"1234.50"`).
    public var amount: String { Tenths.yuan(fen: fen) }
}

/// What a run wrote.
public struct CorpusSummary: Sendable {
    /// The files in the order they were written.
    public let files: [CorpusFile]
    /// Distinct payout recipients (people and organisations).
    public let recipients: Int
    /// Payout totals per item and level, items in catalogue order, levels 区级, 镇级, 村级.
    public let totals: [PayoutTotal]

    /// Sum of all payouts in fen.
    public var totalFen: Int { totals.reduce(0) { $0 + $1.fen } }
}

/// The corpus generator: writes `payouts.jsonl`, `guides.jsonl`, `regulations.jsonl`,
/// `inspections.jsonl` and `meetings.jsonl` in the contract's JSON Lines format.
///
/// Word lists are embedded in the library (`WordLists.swift`, generated from
/// `Corpora/words/*.txt` by `Corpora/words/embed.sh`), so a built binary runs anywhere.
public struct CorpusGenerator: Sendable {
    /// The options this generator writes with.
    public let options: CorpusOptions

    /// The output files, in writing order.
    public static let fileNames = ["payouts.jsonl", "guides.jsonl", "regulations.jsonl", "inspections.jsonl", "meetings.jsonl"]

    /// The subsidy items of the district, in catalogue order.
    public static var subsidyItems: [SubsidyItem] { Vocabulary.shared.items }

    /// Creates a generator.
    public init(options: CorpusOptions = CorpusOptions()) {
        self.options = options
    }

    /// Writes the five files into `directory` (created when missing), replacing older ones.
    /// - Parameter progress: called from the calling thread as files fill up.
    /// - Returns: the files, their counts and the payout totals per item and level.
    @discardableResult
    public func generate(to directory: URL, progress: (@Sendable (CorpusProgress) -> Void)? = nil) throws -> CorpusSummary {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let vocab = Vocabulary.shared
        var files: [CorpusFile] = []

        let (rows, recipients) = PayoutGenerator(vocab: vocab, seed: options.seed).draw(count: options.payouts)
        let payoutFile = "payouts.jsonl"
        let writer = try JSONLWriter(url: directory.appendingPathComponent(payoutFile))
        let levelNames = ["区级", "镇级", "村级"]
        var sums = [[(rows: Int, fen: Int)]](repeating: Array(repeating: (0, 0), count: 3), count: vocab.items.count)
        let width = max(6, String(options.payouts).count)
        for (i, row) in rows.enumerated() {
            let item = vocab.items[Int(row.item)]
            let level = item.levels[Int(row.level)].name
            let r = recipients[Int(row.recipient)]
            let town = vocab.towns[Int(row.town)]
            var line = JSONLine()
            line.add("id", "payout-" + TextKit.padded(i + 1, width: width))
            line.add("kind", "payout")
            line.add("item", item.name)
            line.add("category", item.category)
            line.add("line", item.line)
            line.add("level", level)
            line.add("recipient", r.name)
            if !r.idNumber.isEmpty { line.add("id_number", r.idNumber) }
            line.add("town", town.name)
            line.add("village", town.villages[Int(row.village)])
            line.add("quantity", Tenths.format(Int(row.quantity), decimals: item.quantityDecimals))
            line.add("unit", item.unit)
            line.add("rate", Tenths.yuan(fen: Int(row.rate) * 10))
            line.add("amount", Tenths.yuan(fen: row.fen))
            line.add("year", Int(row.year))
            line.add("date", CalendarDates.iso(Int(row.year), Int(row.month), Int(row.day)))
            try writer.write(line.finish())
            let li = levelNames.firstIndex(of: level) ?? 0
            sums[Int(row.item)][li].rows += 1
            sums[Int(row.item)][li].fen += row.fen
            if (i + 1) % 50_000 == 0 { progress?(CorpusProgress(file: payoutFile, written: i + 1, total: rows.count)) }
        }
        try writer.close()
        progress?(CorpusProgress(file: payoutFile, written: rows.count, total: rows.count))
        files.append(CorpusFile(name: payoutFile, records: writer.lines, bytes: writer.byteCount))

        let others: [(String, [[UInt8]])] = [
            ("guides.jsonl", GuideGenerator(vocab: vocab, seed: options.seed).lines()),
            ("regulations.jsonl", ChainGenerator(vocab: vocab, seed: options.seed, others: options.otherRegulations).lines()),
            ("inspections.jsonl", GenericRecordGenerator(vocab: vocab, seed: options.seed).inspections(count: options.inspections)),
            ("meetings.jsonl", GenericRecordGenerator(vocab: vocab, seed: options.seed).meetings(count: options.meetings)),
        ]
        for (name, lines) in others {
            let w = try JSONLWriter(url: directory.appendingPathComponent(name))
            for l in lines { try w.write(l) }
            try w.close()
            progress?(CorpusProgress(file: name, written: lines.count, total: lines.count))
            files.append(CorpusFile(name: name, records: w.lines, bytes: w.byteCount))
        }

        var totals: [PayoutTotal] = []
        for (i, item) in vocab.items.enumerated() {
            for (li, level) in levelNames.enumerated() where sums[i][li].rows > 0 {
                totals.append(PayoutTotal(item: item.name, level: level, rows: sums[i][li].rows, fen: sums[i][li].fen))
            }
        }
        return CorpusSummary(files: files, recipients: recipients.count, totals: totals)
    }
}

extension PayoutTotal {
    /// Formats a sum in fen as a decimal string of yuan (`123450` → `"1234.50"`).
    public static func yuan(fen: Int) -> String { Tenths.yuan(fen: fen) }
}
