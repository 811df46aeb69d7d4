// fts5-peer: SQLite FTS5 measured with the same loop as gongkai-latency.
//
//   fts5-peer prepare --work DIR [--queries FILE] CORPUS.jsonl...   pre-split text + query plans
//   fts5-peer build   --work DIR --variant trigram|bigram --out FILE
//   fts5-peer search  --work DIR --variant trigram|bigram --out FILE [--rounds N]
//
// Both databases hold one row per record in `rec` (the JSON line, as Gongkai's store, and the
// filterable fields with indexes) and a contentless FTS5 table: `trigram` over the raw text of
// every text field, or `unicode61` over the same text pre-split into bigrams (`bi`) and single
// Han characters (`uni`, for one-character words).
import BenchSupport
import CSQLite
import Foundation

let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
let filterColumns = ["kind", "item", "level", "town", "recipient", "village"]
/// Keys and typed fields that are not text (contract §2).
let untextual: Set<String> = ["id", "kind", "id_number", "amount", "date"]

func arg(_ name: String, _ args: [String]) -> String? {
    guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
    return args[i + 1]
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write((message + "\n").data(using: .utf8)!)
    exit(1)
}

final class DB {
    let handle: OpaquePointer
    init(_ path: String) {
        var h: OpaquePointer?
        guard sqlite3_open(path, &h) == SQLITE_OK, let h else { fail("cannot open \(path)") }
        handle = h
    }
    deinit { sqlite3_close(handle) }
    func exec(_ sql: String) {
        var err: UnsafeMutablePointer<CChar>?
        if sqlite3_exec(handle, sql, nil, nil, &err) != SQLITE_OK { fail("sqlite: \(String(cString: err!)) in \(sql)") }
    }
    func prepare(_ sql: String) -> OpaquePointer {
        var s: OpaquePointer?
        guard sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &s, nil) == SQLITE_OK, let s else {
            fail("sqlite: \(String(cString: sqlite3_errmsg(handle))) in \(sql)")
        }
        return s
    }
}

func fen(_ v: Any?) -> Int64 {
    guard let v else { return 0 }
    let s = (v as? String) ?? "\(v)"
    let parts = s.split(separator: ".", maxSplits: 1)
    let yuan = Int64(parts.first ?? "0") ?? 0
    var frac = parts.count > 1 ? String(parts[1]) : "0"
    while frac.count < 2 { frac += "0" }
    return yuan * 100 + (Int64(frac.prefix(2)) ?? 0)
}

func clean(_ s: String) -> String { s.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ") }

let args = Array(CommandLine.arguments.dropFirst())
guard let command = args.first else { fail("usage: fts5-peer prepare|build|search ...") }
let work = arg("--work", args) ?? BenchPaths.benchmarksDirectory + "/work"
try? FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
let presplitPath = work + "/presplit.tsv"
let plansPath = work + "/plans.json"

switch command {
case "prepare":
    // presplit.tsv columns: kind item level town year recipient village amount_fen text bi uni json
    let files = args.dropFirst().filter { $0.hasSuffix(".jsonl") }
    FileManager.default.createFile(atPath: presplitPath, contents: nil)
    let out = FileHandle(forWritingAtPath: presplitPath)!
    var buffer = String()
    var count = 0
    for f in files {
        let text = try String(contentsOfFile: f, encoding: .utf8)
        for line in text.split(separator: "\n") {
            guard let obj = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { continue }
            var texts: [String] = []
            for (k, v) in obj where !untextual.contains(k) {
                if let s = v as? String { texts.append(s) } else if let a = v as? [String] { texts += a }
            }
            let raw = clean(texts.joined(separator: " | "))
            var bi = String(); var uni = String()
            for t in texts { Bigrams.biStream(t, into: &bi); bi += "| "; Bigrams.uniStream(t, into: &uni) }
            var cols: [String] = filterColumns.map { clean((obj[$0] as? String) ?? "") }
            cols.insert((obj["year"] as? Int).map(String.init) ?? "", at: 4)
            cols.append(String(fen(obj["amount"])))
            cols += [raw, bi, uni, String(line)]
            buffer += cols.joined(separator: "\t"); buffer += "\n"
            count += 1
            if buffer.utf8.count > 4 << 20 { out.write(buffer.data(using: .utf8)!); buffer = "" }
        }
    }
    out.write(buffer.data(using: .utf8)!)
    try out.close()
    // Query plans: the FTS5 match expressions, and the bigram clauses tantivy_peer.py uses.
    let queries = try QueryMix.load(arg("--queries", args) ?? BenchPaths.queries)
    var plans: [[String: Any]] = []
    for q in queries {
        var p: [String: Any] = ["index": q.index, "class": q.queryClass, "query": q.text, "filters": q.filters]
        let words = q.words
        if words.allSatisfy({ $0.count >= 3 }) {
            p["trigram"] = words.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: " AND ")
        }
        let clauses = words.map { Bigrams.clause(word: $0) }
        if clauses.allSatisfy({ $0 != nil }) {
            let cs = clauses.map { $0! }
            p["clauses"] = cs.map { ["column": $0.column, "tokens": $0.tokens, "prefix_last": $0.prefixLast] as [String: Any] }
            p["bigram"] = cs.map { "\($0.column) : \"\($0.tokens.joined(separator: " "))\"\($0.prefixLast ? " *" : "")" }.joined(separator: " AND ")
        }
        plans.append(p)
    }
    try writeJSON(plans, to: plansPath)
    print("prepared \(count) records, \(queries.count) queries")

case "build":
    guard let variant = arg("--variant", args), ["trigram", "bigram"].contains(variant) else { fail("--variant trigram|bigram") }
    let dbPath = work + "/fts5-\(variant).db"
    for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: dbPath + suffix) }
    let inputBytes = (try FileManager.default.attributesOfItem(atPath: presplitPath)[.size] as? Int) ?? 0
    let t0 = nowNanos()
    let db = DB(dbPath)
    db.exec("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA page_size=4096; PRAGMA cache_size=-262144;")
    db.exec("CREATE TABLE rec(id INTEGER PRIMARY KEY, kind TEXT, item TEXT, level TEXT, town TEXT, year INTEGER, recipient TEXT, village TEXT, amount_fen INTEGER, doc TEXT)")
    if variant == "trigram" {
        db.exec("CREATE VIRTUAL TABLE fts USING fts5(text, content='', tokenize='trigram')")
    } else {
        db.exec("CREATE VIRTUAL TABLE fts USING fts5(bi, uni, content='', tokenize='unicode61')")
    }
    db.exec("BEGIN")
    let insRec = db.prepare("INSERT INTO rec VALUES(?,?,?,?,?,?,?,?,?,?)")
    let insFTS = db.prepare(variant == "trigram" ? "INSERT INTO fts(rowid, text) VALUES(?,?)" : "INSERT INTO fts(rowid, bi, uni) VALUES(?,?,?)")
    let text = try String(contentsOfFile: presplitPath, encoding: .utf8)
    var rowid: Int64 = 0
    for line in text.split(separator: "\n") {
        let c = line.split(separator: "\t", omittingEmptySubsequences: false)
        rowid += 1
        sqlite3_bind_int64(insRec, 1, rowid)
        for i in 0..<4 { sqlite3_bind_text(insRec, Int32(i + 2), String(c[i]), -1, transient) }
        if let y = Int64(c[4]) { sqlite3_bind_int64(insRec, 6, y) } else { sqlite3_bind_null(insRec, 6) }
        sqlite3_bind_text(insRec, 7, String(c[5]), -1, transient)
        sqlite3_bind_text(insRec, 8, String(c[6]), -1, transient)
        sqlite3_bind_int64(insRec, 9, Int64(c[7]) ?? 0)
        sqlite3_bind_text(insRec, 10, String(c[11]), -1, transient)
        guard sqlite3_step(insRec) == SQLITE_DONE else { fail("insert rec: \(String(cString: sqlite3_errmsg(db.handle)))") }
        sqlite3_reset(insRec)
        sqlite3_bind_int64(insFTS, 1, rowid)
        if variant == "trigram" {
            sqlite3_bind_text(insFTS, 2, String(c[8]), -1, transient)
        } else {
            sqlite3_bind_text(insFTS, 2, String(c[9]), -1, transient)
            sqlite3_bind_text(insFTS, 3, String(c[10]), -1, transient)
        }
        guard sqlite3_step(insFTS) == SQLITE_DONE else { fail("insert fts: \(String(cString: sqlite3_errmsg(db.handle)))") }
        sqlite3_reset(insFTS)
    }
    sqlite3_finalize(insRec); sqlite3_finalize(insFTS)
    // The indexes a SQLite application would give a subsidy look-up: one per filter field, plus
    // the composite look-ups (item+town+year, item+level, recipient+year).
    for col in ["item", "town", "recipient", "year", "level", "kind"] { db.exec("CREATE INDEX rec_\(col) ON rec(\(col))") }
    db.exec("CREATE INDEX rec_item_town_year ON rec(item, town, year)")
    db.exec("CREATE INDEX rec_item_level ON rec(item, level)")
    db.exec("CREATE INDEX rec_recipient_year ON rec(recipient, year)")
    db.exec("COMMIT")
    db.exec("INSERT INTO fts(fts) VALUES('optimize')")
    db.exec("ANALYZE")
    let seconds = Double(nowNanos() - t0) / 1e9
    let size = (try FileManager.default.attributesOfItem(atPath: dbPath)[.size] as? Int) ?? 0
    let corpusBytes = Int(arg("--corpus-bytes", args) ?? "") ?? inputBytes
    try writeJSON(["engine": "fts5-\(variant)", "records": Int(rowid), "seconds": seconds, "records_per_s": Double(rowid) / seconds,
                   "mb_per_s": Double(corpusBytes) / 1e6 / seconds, "disk_bytes": size, "input_bytes": corpusBytes,
                   "note": "timed from the pre-split TSV (JSON parsing and bigram splitting excluded)"], to: arg("--out", args) ?? "-")

case "search":
    guard let variant = arg("--variant", args), ["trigram", "bigram"].contains(variant) else { fail("--variant trigram|bigram") }
    let rounds = Int(arg("--rounds", args) ?? "") ?? 30
    let queries = try QueryMix.load(arg("--queries", args) ?? BenchPaths.queries)
    let classes = QueryMix.classes(queries)
    let plans = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: plansPath))) as! [[String: Any]]
    let db = DB(work + "/fts5-\(variant).db")
    db.exec("PRAGMA cache_size=-1048576; PRAGMA mmap_size=4294967296;")
    // Per query: a count statement and a top-20 statement, prepared once.
    struct Plan { var count: OpaquePointer; var top: OpaquePointer; var binds: [Any] }
    var prepared: [Int: Plan] = [:]
    var timer = ClassTimer()
    for q in queries {
        let plan = plans[q.index]
        var whereParts: [String] = []
        var binds: [Any] = []
        let match = plan[variant] as? String
        if !q.words.isEmpty {
            guard let match else { timer.unsupported.insert(q.queryClass); continue }
            whereParts.append("fts MATCH ?"); binds.append(match)
        }
        for f in q.filters {
            let kv = f.split(separator: "=", maxSplits: 1).map(String.init)
            if kv[0] == "year" {
                let r = kv[1].components(separatedBy: "..")
                if r.count == 2 { whereParts.append("rec.year BETWEEN ? AND ?"); binds += [Int64(r[0])!, Int64(r[1])!] }
                else { whereParts.append("rec.year = ?"); binds.append(Int64(kv[1])!) }
            } else {
                whereParts.append("rec.\(kv[0]) = ?"); binds.append(kv[1])
            }
        }
        let hasText = !q.words.isEmpty
        let hasFilters = !q.filters.isEmpty
        let from = hasText ? (hasFilters ? "fts JOIN rec ON rec.id = fts.rowid" : "fts") : "rec"
        let w = whereParts.joined(separator: " AND ")
        let countSQL = "SELECT count(*) FROM \(from) WHERE \(w)"
        let topSQL = hasText ? "SELECT fts.rowid FROM \(from) WHERE \(w) ORDER BY fts.rank LIMIT 20" : "SELECT rec.id FROM rec WHERE \(w) LIMIT 20"
        prepared[q.index] = Plan(count: db.prepare(countSQL), top: db.prepare(topSQL), binds: binds)
    }
    func bind(_ s: OpaquePointer, _ binds: [Any]) {
        for (i, b) in binds.enumerated() {
            if let v = b as? Int64 { sqlite3_bind_int64(s, Int32(i + 1), v) } else { sqlite3_bind_text(s, Int32(i + 1), b as? String, -1, transient) }
        }
    }
    func run(_ p: Plan) -> (Int, Int) {
        bind(p.count, p.binds)
        guard sqlite3_step(p.count) == SQLITE_ROW else { fail("count: \(String(cString: sqlite3_errmsg(db.handle)))") }
        let total = Int(sqlite3_column_int64(p.count, 0))
        sqlite3_reset(p.count)
        bind(p.top, p.binds)
        var n = 0
        var sink: Int64 = 0
        while sqlite3_step(p.top) == SQLITE_ROW { sink &+= sqlite3_column_int64(p.top, 0); n += 1 }
        sqlite3_reset(p.top)
        withExtendedLifetime(sink) {}
        return (total, n)
    }
    for q in queries { if let p = prepared[q.index] { timer.totals[q.index] = run(p).0 } }
    // A query stops being repeated once it has taken 2 s in all (after at least 3 runs).
    var spent: [Int: Double] = [:]
    for round in 0..<rounds {
        for q in queries {
            guard let p = prepared[q.index] else { continue }
            if round >= 3 && spent[q.index, default: 0] > 2_000_000 { continue }
            let t0 = nowNanos()
            _ = run(p)
            let us = Double(nowNanos() - t0) / 1000
            spent[q.index, default: 0] += us
            timer.add(q, micros: us)
        }
    }
    // A class where only some queries can be expressed is reported as n/a as a whole.
    try writeJSON(timer.summary(classes: classes, extra: ["engine": "fts5-\(variant)", "rounds": rounds]), to: arg("--out", args) ?? "-")

default:
    fail("unknown command \(command)")
}
