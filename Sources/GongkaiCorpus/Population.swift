/// One payee: a person (household head) or an organisation.
struct Recipient: Sendable {
    /// `person`, `coop`, `farm`, `company` or `village`.
    let kind: String
    let name: String
    /// A resident ID (persons), a credit code (most organisations) or empty.
    let idNumber: String
    let town: Int
    let village: Int
}

/// Draws recipients: names with a skewed surname and given-name distribution (so that many
/// share a surname and some share a full name), unique ID numbers, unique organisation names.
struct PopulationDrawer {
    private let vocab: Vocabulary
    private var usedIDs: Set<String> = []
    private var usedOrgs: Set<String> = []
    private var orgSerial = 0

    init(vocab: Vocabulary) { self.vocab = vocab }

    /// Index skewed toward the start of a list of `n` (a rough Zipf shape).
    private func skewed(_ n: Int, _ rng: inout SeededGenerator) -> Int {
        let a = rng.below(n), b = rng.below(n)
        return rng.chance(70) ? min(a, b) : a
    }

    /// Town weights: rural towns pay far more than 石化街道 and 金山工业区.
    private static let townWeights = [12, 13, 9, 11, 10, 9, 8, 7, 5, 1, 2]

    private func drawPlace(_ rng: inout SeededGenerator) -> (Int, Int) {
        let weights = Array(Self.townWeights.prefix(vocab.towns.count))
            + Array(repeating: 5, count: max(0, vocab.towns.count - Self.townWeights.count))
        let t = rng.weighted(weights)
        return (t, rng.below(vocab.towns[t].villages.count))
    }

    /// A new recipient of the given kind.
    mutating func draw(kind: String, rng: inout SeededGenerator) -> Recipient {
        let (t, v) = drawPlace(&rng)
        switch kind {
        case "person": return drawPerson(town: t, village: v, rng: &rng)
        default: return drawOrganisation(kind: kind, town: t, village: v, rng: &rng)
        }
    }

    private mutating func drawPerson(town: Int, village: Int, rng: inout SeededGenerator) -> Recipient {
        let male = rng.chance(68)
        let surname = vocab.surnames[skewed(vocab.surnames.count, &rng)]
        let pool = male ? vocab.maleNames : vocab.femaleNames
        let given = pool[skewed(pool.count, &rng)]
        var id = ""
        repeat {
            let year = 1938 + rng.below(55)
            let month = 1 + rng.below(12)
            let day = 1 + rng.below(CalendarDates.daysIn(month: month, year: year))
            let birth = String(year) + CalendarDates.two(month) + CalendarDates.two(day)
            var seq = rng.below(500) * 2
            if male { seq += 1 }
            id = IdentityNumbers.residentID(region: "310228", birth: birth, sequence: seq)
        } while usedIDs.contains(id)
        usedIDs.insert(id)
        return Recipient(kind: "person", name: surname + given, idNumber: id, town: town, village: village)
    }

    private mutating func drawOrganisation(kind: String, town: Int, village: Int, rng: inout SeededGenerator) -> Recipient {
        let townName = vocab.towns[town].name
        let villageName = vocab.towns[town].villages[village]
        let place = String(villageName.dropLast())
        var name = ""
        var attempts = 0
        repeat {
            attempts += 1
            let brand = rng.pick(vocab.brands)
            let line = rng.pick(vocab.orgLines)
            switch kind {
            case "coop":
                name = rng.chance(50)
                    ? "上海\(brand)\(line)专业合作社"
                    : "金山区\(townName.dropLast())\(place)\(line)专业合作社"
            case "farm":
                let s = vocab.surnames[skewed(vocab.surnames.count, &rng)]
                let g = rng.pick(rng.chance(70) ? vocab.maleNames : vocab.femaleNames)
                name = "上海市金山区\(townName)\(s)\(g)家庭农场"
            case "company":
                let suffix = rng.pick(["农业发展有限公司", "生态农业科技有限公司", "畜牧有限公司", "农业科技有限公司", "水产养殖有限公司"])
                name = rng.chance(60) ? "上海\(brand)\(suffix)" : "上海金山\(brand)\(line)\(suffix)"
            default:
                name = "\(townName)\(villageName)股份经济合作社"
            }
            if attempts > 6 { name += "（\(rng.pick(["一", "二", "三", "四"]))分社）" }
        } while usedOrgs.contains(name) && attempts < 12
        usedOrgs.insert(name)
        orgSerial += 1
        var idNumber = ""
        if kind != "village" || rng.chance(80) {
            let type = kind == "coop" ? "93" : (kind == "farm" ? "92" : (kind == "village" ? "N2" : "91"))
            let digits = (0..<8).map { _ in rng.below(10) }
            idNumber = IdentityNumbers.creditCode(type: type, region: "310116", organisation: digits)
        }
        return Recipient(kind: kind, name: name, idNumber: idNumber, town: town, village: village)
    }
}
