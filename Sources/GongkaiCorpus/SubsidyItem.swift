/// One of the district's subsidy items (涉农补贴事项), as listed in `Corpora/words/subsidy-items.txt`.
///
/// Quantities and rates are kept in tenths so that `quantity × rate` is an exact number of fen.
public struct SubsidyItem: Sendable, Hashable {
    /// The item's name, e.g. `水稻种植补贴`; the value of `item` and `subsidy_item`.
    public let name: String
    /// `农业项目类` or `生产补贴类`.
    public let category: String
    /// The reporting line: `蔬菜`, `畜牧水产`, `农机`, `农经`, `林业` or `种植业`.
    public let line: String
    /// The unit a rate is paid per: `亩`, `头`, `台`, …
    public let unit: String
    /// The alternative base rates in tenths of a yuan per unit (one is drawn per enrolment).
    public let rateTenths: [Int]
    /// How much the rate rises each year after 2015, in tenths of a yuan.
    public let yearlyStepTenths: Int
    /// The smallest and largest quantity in tenths of a unit.
    public let quantityTenths: ClosedRange<Int>
    /// Decimals shown in `quantity`: 1 for areas and weights, 0 for counted units.
    public let quantityDecimals: Int
    /// The paying levels (`区级`, `镇级`, `村级`) with their weights.
    public let levels: [(name: String, weight: Int)]
    /// Recipient kinds (`person`, `coop`, `farm`, `company`, `village`) with their weights.
    public let recipients: [(kind: String, weight: Int)]
    /// How often the item is taken up, relative to the other items.
    public let weight: Int
    /// The months in which it is usually paid.
    public let months: ClosedRange<Int>
    /// Who may apply, as the policy words it.
    public let object: String
    /// The body that issues the policy and pays.
    public let issuer: String

    /// The rate in tenths of a yuan for one enrolment's base rate in a given year.
    func rate(base: Int, year: Int) -> Int { base + yearlyStepTenths * (year - 2015) }

    /// Items are equal when their names are.
    public static func == (a: SubsidyItem, b: SubsidyItem) -> Bool { a.name == b.name }
    /// Hashes the name.
    public func hash(into h: inout Hasher) { h.combine(name) }

    /// Parses one tab-separated line of `subsidy-items.txt`.
    init?(line text: Substring) {
        let f = text.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard f.count == 15, !text.hasPrefix("#") else { return nil }
        func pairs(_ s: String) -> [(String, Int)] {
            s.split(separator: " ").map { p in
                let kv = p.split(separator: ":")
                return (String(kv[0]), Int(kv[1])!)
            }
        }
        let months = f[12].split(separator: "-").map { Int($0)! }
        name = f[0]; category = f[1]; line = f[2]; unit = f[3]
        rateTenths = f[4].split(separator: "|").map { Tenths.parse(String($0)) }
        yearlyStepTenths = Tenths.parse(f[5])
        quantityTenths = Tenths.parse(f[6])...Tenths.parse(f[7])
        quantityDecimals = Int(f[8])!
        levels = pairs(f[9]).map { (name: $0.0, weight: $0.1) }
        recipients = pairs(f[10]).map { (kind: $0.0, weight: $0.1) }
        weight = Int(f[11])!
        self.months = months[0]...months[1]
        object = f[13]; issuer = f[14]
    }
}

/// Fixed-point helpers for values kept in tenths or hundredths.
enum Tenths {
    /// `"22.5"` → 225, `"105"` → 1050.
    static func parse(_ s: String) -> Int {
        let parts = s.split(separator: ".")
        let whole = Int(parts[0])! * 10
        return parts.count > 1 ? whole + Int(parts[1].prefix(1))! : whole
    }

    /// Formats tenths with one decimal (`125` → `"12.5"`) or none when `decimals` is 0.
    static func format(_ v: Int, decimals: Int) -> String {
        decimals == 0 ? String(v / 10) : "\(v / 10).\(v % 10)"
    }

    /// Formats hundredths (fen) as yuan with two decimals (`123450` → `"1234.50"`).
    static func yuan(fen: Int) -> String {
        let r = fen % 100
        return "\(fen / 100)." + (r < 10 ? "0\(r)" : "\(r)")
    }
}
