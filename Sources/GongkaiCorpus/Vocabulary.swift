/// A town or street of the district with the villages under it.
struct Town: Sendable {
    let name: String
    let villages: [String]
}

/// A district department that publishes service guides.
struct Department: Sendable {
    /// Short name, e.g. `区民政局`.
    let short: String
    /// Full name, e.g. `金山区民政局`.
    let full: String
    /// The service window that receives applications.
    let window: String
    /// Laws and rules its guides cite as basis.
    let laws: [String]
}

/// The parsed word lists of `Corpora/words`, shared by every generator.
struct Vocabulary: Sendable {
    let surnames: [String]
    let maleNames: [String]
    let femaleNames: [String]
    let towns: [Town]
    let brands: [String]
    let orgLines: [String]
    let departments: [Department]
    /// Service item titles with their department, variants expanded (`食品经营许可（新办）`).
    let guideTitles: [(department: String, title: String)]
    let items: [SubsidyItem]

    /// The vocabulary built from the embedded lists.
    static let shared = Vocabulary(files: WordLists.files)

    init(files: [String: String]) {
        func lines(_ name: String) -> [Substring] {
            (files[name] ?? "").split(separator: "\n").filter { !$0.isEmpty && !$0.hasPrefix("#") }
        }
        func words(_ name: String) -> [String] { lines(name).map { String($0) } }
        surnames = words("surnames")
        maleNames = words("given-male")
        femaleNames = words("given-female")
        brands = words("org-brands")
        orgLines = words("org-lines")
        towns = lines("towns-villages").map { l in
            let f = l.split(separator: "\t")
            return Town(name: String(f[0]), villages: f[1].split(separator: " ").map(String.init))
        }
        var laws: [String: [String]] = [:]
        for l in lines("laws") {
            let f = l.split(separator: "\t")
            laws[String(f[0])] = f[1].split(separator: " ").map(String.init)
        }
        departments = lines("departments").map { l in
            let f = l.split(separator: "\t").map(String.init)
            return Department(short: f[0], full: f[1], window: f[2], laws: laws[f[0]] ?? [])
        }
        guideTitles = lines("guide-items").flatMap { l -> [(department: String, title: String)] in
            let f = l.split(separator: "\t").map(String.init)
            if f[2] == "-" { return [(f[0], f[1])] }
            return f[2].split(separator: " ").map { (f[0], "\(f[1])（\($0)）") }
        }
        items = lines("subsidy-items").compactMap { SubsidyItem(line: $0) }
    }

    /// The department with a short name (the first one when unknown).
    func department(_ short: String) -> Department {
        departments.first { $0.short == short } ?? departments[0]
    }
}
