import Foundation

/// One line of `queries.tsv`: a query class, the query text (may be empty) and its filters.
public struct BenchQuery: Sendable, Hashable {
    public var queryClass: String
    public var text: String
    /// `FIELD=VALUE` filters, exact (or a `LOW..HIGH` range on `year`).
    public var filters: [String]
    /// Position in the file, to name a query in reports.
    public var index: Int

    /// The words of the query, split on white space as the engine does.
    public var words: [String] { text.split(whereSeparator: { $0.isWhitespace }).map(String.init) }
}

public enum BenchPaths {
    /// The Benchmarks folder: `GONGKAI_BENCH_DIR`, else the working directory when it holds
    /// `queries.tsv`, else `Benchmarks/` below it.
    public static var benchmarksDirectory: String {
        let env = ProcessInfo.processInfo.environment
        if let d = env["GONGKAI_BENCH_DIR"], !d.isEmpty { return d }
        let cwd = FileManager.default.currentDirectoryPath
        if FileManager.default.fileExists(atPath: cwd + "/queries.tsv") { return cwd }
        return cwd + "/Benchmarks"
    }

    /// The prebuilt 350,000-record index: `GONGKAI_BENCH_INDEX`, default `../index` relative to
    /// the Benchmarks folder.
    public static var index: String {
        let env = ProcessInfo.processInfo.environment
        if let d = env["GONGKAI_BENCH_INDEX"], !d.isEmpty { return d }
        return benchmarksDirectory + "/../index"
    }

    public static var queries: String { benchmarksDirectory + "/queries.tsv" }

    /// Whether the index is opened as `gongkai serve` opens it, its segments read into memory
    /// (the default), or mapped (`GONGKAI_BENCH_MAPPED=1`).
    public static var residentSegments: Bool { ProcessInfo.processInfo.environment["GONGKAI_BENCH_MAPPED"] != "1" }
}

public enum QueryMix {
    /// Reads `queries.tsv`: `class<TAB>query<TAB>filters` (filters space separated, `-` for
    /// none); `#` starts a comment line.
    public static func load(_ path: String = BenchPaths.queries) throws -> [BenchQuery] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var result: [BenchQuery] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("#") { continue }
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard cols.count >= 2 else { continue }
            let filters = cols.count > 2 && cols[2] != "-" ? cols[2].split(separator: " ").map(String.init) : []
            let q = cols[1] == "-" ? "" : cols[1]
            result.append(BenchQuery(queryClass: cols[0], text: q, filters: filters, index: result.count))
        }
        return result
    }

    /// The classes in file order.
    public static func classes(_ queries: [BenchQuery]) -> [String] {
        var seen: [String] = []
        for q in queries where !seen.contains(q.queryClass) { seen.append(q.queryClass) }
        return seen
    }
}

/// Text runs and the bigram pre-splitting the peers index (contract §2: Han runs and alnum runs).
public enum Bigrams {
    public static func isHan(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3134F: return true
        default: return false
        }
    }

    public enum Run: Equatable { case han([Unicode.Scalar]), alnum(String) }

    public static func runs(_ text: String) -> [Run] {
        var out: [Run] = []
        var han: [Unicode.Scalar] = []
        var alnum = String.UnicodeScalarView()
        func flush() {
            if !han.isEmpty { out.append(.han(han)); han.removeAll(keepingCapacity: true) }
            if !alnum.isEmpty { out.append(.alnum(String(alnum).lowercased())); alnum = String.UnicodeScalarView() }
        }
        for s in text.unicodeScalars {
            if isHan(s) {
                if !alnum.isEmpty { flush() }
                han.append(s)
            } else if s.properties.isAlphabetic || s.properties.numericType != nil || s.properties.generalCategory == .nonspacingMark {
                if !han.isEmpty { flush() }
                alnum.append(s)
            } else {
                flush()
            }
        }
        flush()
        return out
    }

    static func bigrams(_ han: [Unicode.Scalar]) -> [String] {
        if han.count == 1 { return [String(Character(han[0]))] }
        var out: [String] = []
        out.reserveCapacity(han.count - 1)
        for i in 0..<(han.count - 1) {
            var s = String.UnicodeScalarView(); s.append(han[i]); s.append(han[i + 1])
            out.append(String(s))
        }
        return out
    }

    /// The `bi` stream: overlapping bigrams of each Han run (a 1-character run as itself),
    /// alnum runs lower-cased, space separated.
    public static func biStream(_ text: String, into out: inout String) {
        for run in runs(text) {
            switch run {
            case .han(let h): for b in bigrams(h) { out += b; out += " " }
            case .alnum(let a): out += a; out += " "
            }
        }
    }

    /// The `uni` stream: every Han character, space separated (for one-character words).
    public static func uniStream(_ text: String, into out: inout String) {
        for s in text.unicodeScalars where isHan(s) { out.unicodeScalars.append(s); out += " " }
    }

    /// How a word is asked of the pre-split text: a phrase of tokens in column `bi` (the
    /// last token possibly a prefix), or one token in `uni`; nil when it cannot be expressed.
    public struct Clause: Codable, Sendable, Equatable {
        public var column: String
        public var tokens: [String]
        public var prefixLast: Bool
    }

    public static func clause(word: String) -> Clause? {
        let rs = runs(word)
        guard !rs.isEmpty else { return nil }
        if rs.count == 1 {
            switch rs[0] {
            case .han(let h) where h.count == 1: return Clause(column: "uni", tokens: [String(Character(h[0]))], prefixLast: false)
            case .han(let h): return Clause(column: "bi", tokens: bigrams(h), prefixLast: false)
            case .alnum(let a): return Clause(column: "bi", tokens: [a], prefixLast: false)
            }
        }
        var tokens: [String] = []
        var prefix = false
        for (i, r) in rs.enumerated() {
            switch r {
            case .alnum(let a): tokens.append(a)
            case .han(let h):
                if i == 0 && h.count == 1 { return nil }  // "end of a field run" of one char: no token says that
                if i == rs.count - 1 && h.count == 1 { tokens.append(String(Character(h[0]))); prefix = true }
                else { tokens += bigrams(h) }
            }
        }
        return Clause(column: "bi", tokens: tokens, prefixLast: prefix)
    }
}

/// Latency statistics over repeated runs.
public enum Stats {
    public static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }
}

/// Monotonic nanoseconds.
@inline(__always) public func nowNanos() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

/// Writes a JSON object to a file (or stdout for "-").
public func writeJSON(_ object: Any, to path: String) throws {
    let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
    if path == "-" { FileHandle.standardOutput.write(data); print() } else { try data.write(to: URL(fileURLWithPath: path)) }
}

/// The per-class summary every runner writes, so the report compares like with like:
/// each query of a class is run `rounds` times after a warm-up; median and p99 are over all
/// (query, round) timings of the class.
public struct ClassTimer {
    public var samples: [String: [Double]] = [:]  // class -> microseconds
    public var totals: [Int: Int] = [:]           // query index -> total
    public var unsupported: Set<String> = []
    public init() {}

    public mutating func add(_ q: BenchQuery, micros: Double) { samples[q.queryClass, default: []].append(micros) }

    public func summary(classes: [String], extra: [String: Any] = [:]) -> [String: Any] {
        var perClass: [String: Any] = [:]
        var all: [Double] = []
        for c in classes {
            if unsupported.contains(c) { perClass[c] = ["n/a": true]; continue }
            let s = (samples[c] ?? []).sorted()
            all += s
            perClass[c] = ["median_us": Stats.percentile(s, 50), "p90_us": Stats.percentile(s, 90), "p99_us": Stats.percentile(s, 99), "n": s.count]
        }
        all.sort()
        var out = extra
        out["classes"] = perClass
        out["mix"] = ["median_us": Stats.percentile(all, 50), "p90_us": Stats.percentile(all, 90), "p99_us": Stats.percentile(all, 99), "n": all.count]
        out["totals"] = Dictionary(uniqueKeysWithValues: totals.map { (String($0.key), $0.value) })
        return out
    }
}
