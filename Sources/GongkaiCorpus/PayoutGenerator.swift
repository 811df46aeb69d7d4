/// One payout row before it is written, packed small so hundreds of thousands sort quickly.
struct PayoutRow: Sendable {
    var recipient: Int32
    var item: UInt8
    var level: UInt8
    var town: UInt8
    var village: UInt8
    var year: UInt16
    var month: UInt8
    var day: UInt8
    /// Quantity in tenths of a unit.
    var quantity: Int32
    /// Rate in tenths of a yuan per unit.
    var rate: Int32

    /// The amount in fen: exactly quantity × rate, since both are in tenths.
    var fen: Int { Int(quantity) * Int(rate) }
}

/// Draws the payout register: a population of households and organisations, each enrolled in a
/// few subsidy items over a run of years, paid in batches (one date per item, year, town and level).
struct PayoutGenerator {
    let vocab: Vocabulary
    let seed: UInt64

    /// Recipient kinds and how many of each are drawn.
    private static let kinds = ["person", "coop", "farm", "company", "village"]
    private static let kindWeights = [84, 6, 6, 3, 1]

    /// Draws `count` rows and the recipients they refer to, sorted by date, item and place.
    func draw(count: Int) -> (rows: [PayoutRow], recipients: [Recipient]) {
        var rng = SeededGenerator(seed: seed, stream: 1)
        var drawer = PopulationDrawer(vocab: vocab)
        var recipients: [Recipient] = []
        var rows: [PayoutRow] = []
        rows.reserveCapacity(count + 64)
        let items = vocab.items
        // For each kind, the items it may receive and their weights.
        let eligible: [[(Int, Int)]] = Self.kinds.map { kind in
            items.enumerated().compactMap { i, item in
                guard let w = item.recipients.first(where: { $0.kind == kind })?.weight else { return nil }
                return (i, item.weight * w)
            }
        }
        while rows.count < count {
            let k = rng.weighted(Self.kindWeights)
            let choices = eligible[k]
            guard !choices.isEmpty else { continue }
            let recipient = drawer.draw(kind: Self.kinds[k], rng: &rng)
            let index = Int32(recipients.count)
            recipients.append(recipient)
            let wanted = 1 + (k == 0 ? rng.weighted([30, 38, 22, 10]) : rng.weighted([50, 35, 15]))
            var picked: [Int] = []
            for _ in 0..<(wanted * 3) where picked.count < min(wanted, choices.count) {
                let c = choices[rng.weighted(choices.map { $0.1 })].0
                if !picked.contains(c) { picked.append(c) }
            }
            for i in picked {
                enrol(items[i], itemIndex: i, recipient: recipient, index: index, rng: &rng, into: &rows)
            }
        }
        if rows.count > count { rows.removeLast(rows.count - count) }
        rows.sort { a, b in
            if a.year != b.year { return a.year < b.year }
            if a.month != b.month { return a.month < b.month }
            if a.day != b.day { return a.day < b.day }
            if a.item != b.item { return a.item < b.item }
            if a.town != b.town { return a.town < b.town }
            if a.village != b.village { return a.village < b.village }
            return a.recipient < b.recipient
        }
        return (rows, recipients)
    }

    /// Adds one recipient's rows for one item: the years it was paid and at which level.
    private func enrol(_ item: SubsidyItem, itemIndex: Int, recipient: Recipient, index: Int32,
                       rng: inout SeededGenerator, into rows: inout [PayoutRow]) {
        let oneOff = item.unit == "个" || item.unit == "户" || item.unit == "台"
        let span = oneOff ? (rng.chance(85) ? 1 : 2) : 1 + rng.weighted([14, 18, 20, 18, 14, 10, 6])
        let start = 2015 + rng.below(11 - span + 1)
        let years = oneOff && span == 2 ? [start, min(2025, start + 1 + rng.below(3))] : Array(start..<(start + span))
        let baseRate = rng.pick(item.rateTenths)
        let range = item.quantityTenths
        // Quantities lean small: most households farm a few mu, a few farm a lot.
        let u = Double(rng.below(10_000)) / 10_000
        var base = range.lowerBound + Int(Double(range.count - 1) * u * u * u)
        if item.quantityDecimals == 0 { base = max(range.lowerBound, base / 10 * 10) }
        for year in Set(years).sorted() {
            var q = base
            if !oneOff && rng.chance(35) {
                let delta = max(1, q / 10)
                q = max(range.lowerBound, q - delta + rng.below(2 * delta + 1))
                if item.quantityDecimals == 0 { q = max(range.lowerBound, q / 10 * 10) }
            }
            let level = rng.weighted(item.levels.map { $0.weight })
            let (month, day) = batchDate(item: itemIndex, year: year, town: recipient.town, level: level, months: item.months)
            rows.append(PayoutRow(
                recipient: index, item: UInt8(itemIndex), level: UInt8(level),
                town: UInt8(recipient.town), village: UInt8(recipient.village),
                year: UInt16(year), month: UInt8(month), day: UInt8(day),
                quantity: Int32(q), rate: Int32(item.rate(base: baseRate, year: year))))
        }
    }

    /// The payment date of one batch, a pure function of the seed and the batch's key.
    private func batchDate(item: Int, year: Int, town: Int, level: Int, months: ClosedRange<Int>) -> (Int, Int) {
        var state = seed ^ UInt64(item << 24 | (year - 2000) << 12 | town << 4 | level) &* 0x9E37_79B9
        let h = SeededGenerator.splitMix(&state)
        let month = months.lowerBound + Int(h % UInt64(months.count))
        let day = 1 + Int((h >> 20) % UInt64(CalendarDates.daysIn(month: month, year: year)))
        return (month, day)
    }
}
