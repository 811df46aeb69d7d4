import GRDB
import GRDBSQLite

/// The source of truth for records: an SQLite database (WAL mode, `synchronous=FULL`) read
/// and written through GRDB. Every write is one transaction; each record or deletion it
/// makes gets the next number of a sequence, which the index manifest records as the point
/// it has reached, so that an index can always catch up with its store after a crash.
///
/// Tables: `record(id PRIMARY KEY, kind, json, seq)` — the record as ingested, unmasked;
/// `tombstone(seq PRIMARY KEY, id)` — deletions; `meta(key PRIMARY KEY, value)` — `last_seq`.
final class RecordStore: Sendable {
    static let fileName = "records.sqlite"
    private let pool: DatabasePool

    /// Opens (or, unless `readOnly`, creates) the store at `path`.
    init(path: String, readOnly: Bool) throws(EngineError) {
        var configuration = Configuration()
        configuration.readonly = readOnly
        configuration.busyMode = .timeout(10)
        if !readOnly {
            configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            if !readOnly { try Self.migrator.migrate(pool) }
        } catch {
            throw EngineError(.io, "could not open the record store \(path): \(error)")
        }
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE record (id TEXT PRIMARY KEY NOT NULL, kind TEXT NOT NULL, json TEXT NOT NULL, seq INTEGER NOT NULL);
                CREATE INDEX record_seq ON record(seq);
                CREATE TABLE tombstone (seq INTEGER PRIMARY KEY NOT NULL, id TEXT NOT NULL);
                CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value INTEGER NOT NULL);
                INSERT INTO meta (key, value) VALUES ('last_seq', 0);
                """)
        }
        return migrator
    }

    /// Stores `records`, already encoded, in the order of their parts (replacing same ids),
    /// and deletes `deletions`, in one transaction. Returns the last sequence number used.
    func write(records: [EncodedRecords], deletions: [String]) throws(EngineError) -> Int64 {
        do {
            return try pool.write { db in
                var seq = try Int64.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'last_seq'") ?? 0
                let upsert = try db.makeStatement(sql: """
                    INSERT INTO record (id, kind, json, seq) VALUES (?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, json = excluded.json, seq = excluded.seq
                    """)
                // Bound through SQLite's C API from the bytes in place: GRDB's argument arrays
                // box every value and copy every string (a third of ingest's store time).
                for part in records {
                    try part.forEach { record, json in
                        seq += 1
                        try Self.upsert(record, json: json, seq: seq, statement: upsert.sqliteStatement, db: db)
                    }
                }
                let delete = try db.cachedStatement(sql: "DELETE FROM record WHERE id = ?")
                let tombstone = try db.cachedStatement(sql: "INSERT INTO tombstone (seq, id) VALUES (?, ?)")
                for id in deletions {
                    seq += 1
                    try delete.execute(arguments: [id])
                    try tombstone.execute(arguments: [seq, id])
                }
                try db.execute(sql: "UPDATE meta SET value = ? WHERE key = 'last_seq'", arguments: [seq])
                return seq
            }
        } catch {
            throw EngineError(.io, "could not write to the record store: \(error)")
        }
    }

    /// Runs the prepared upsert `statement` for `record`, its stored JSON `json`, and `seq`.
    private static func upsert(_ record: Record, json: UnsafeBufferPointer<UInt8>, seq: Int64, statement: SQLiteStatement, db: Database) throws {
        var (id, kind) = (record.id, record.kind)
        let code: (Int32, String?) = id.withUTF8 { id in
            kind.withUTF8 { kind in
                // SQLITE_STATIC (a null destructor): the bytes outlive the step, so SQLite
                // reads them in place instead of copying them.
                sqlite3_bind_text(statement, 1, id.baseAddress, Int32(id.count), nil)
                sqlite3_bind_text(statement, 2, kind.baseAddress, Int32(kind.count), nil)
                sqlite3_bind_text(statement, 3, json.baseAddress, Int32(json.count), nil)
                sqlite3_bind_int64(statement, 4, seq)
                let step = sqlite3_step(statement)
                let message = step == SQLITE_DONE ? nil : db.lastErrorMessage
                sqlite3_reset(statement)
                sqlite3_clear_bindings(statement)
                return (step, message)
            }
        }
        guard code.0 == SQLITE_DONE else { throw DatabaseError(resultCode: ResultCode(rawValue: code.0), message: code.1) }
    }

    /// Moves the write-ahead log into the database file and truncates it (after a large
    /// ingest the log would otherwise hold a copy of everything just written).
    func checkpoint() throws(EngineError) {
        do {
            try pool.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
        } catch {
            throw EngineError(.io, "could not checkpoint the record store: \(error)")
        }
    }

    /// The last sequence number written.
    func lastSequence() throws(EngineError) -> Int64 {
        try read { db in try Int64.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'last_seq'") ?? 0 }
    }

    /// The changes after sequence number `seq`, in order: records to (re)index and ids deleted.
    func changes(after seq: Int64) throws(EngineError) -> [(seq: Int64, record: Record?, deletedID: String?)] {
        let rows = try read { db in
            let records = try Row.fetchAll(db, sql: "SELECT seq, json FROM record WHERE seq > ? ORDER BY seq", arguments: [seq])
            let deletions = try Row.fetchAll(db, sql: "SELECT seq, id FROM tombstone WHERE seq > ? ORDER BY seq", arguments: [seq])
            // Typed column reads: `Int64(row[0])` would pick `Int64(String)`, decode the
            // integer column as a String, and trap inside GRDB.
            return (records.map { ($0[0] as Int64, $0[1] as String) }, deletions.map { ($0[0] as Int64, $0[1] as String) })
        }
        var changes: [(seq: Int64, record: Record?, deletedID: String?)] = []
        var earlier = RepeatedStrings()
        for (s, var json) in rows.0 {
            let record = json.withUTF8 { json in Result { () throws(EngineError) in try Self.decode(json, reusing: &earlier) } }
            changes.append((s, try record.get(), nil))
        }
        for (s, id) in rows.1 { changes.append((s, nil, id)) }
        return changes.sorted { $0.seq < $1.seq }
    }

    /// The records with these ids that exist, by id.
    func records(ids: [String]) throws(EngineError) -> [String: Record] {
        guard !ids.isEmpty else { return [:] }
        var result: [String: Record] = [:]
        // A page's records share many values (an item, a town, a level): each string is made
        // once and reused by the records after it (``RepeatedStrings``).
        var earlier = RepeatedStrings()
        try read { db in
            // One statement for the whole page (cached per page size, so compiled once for the
            // usual 20), stepped through SQLite itself: each record's JSON is parsed where
            // SQLite holds it, with no String made of it (GRDB's fetching validated and copied
            // its UTF-8, then looked up type metadata per row).
            let statement = try db.cachedStatement(sql: "SELECT json FROM record WHERE id IN (" + Array(repeating: "?", count: ids.count).joined(separator: ",") + ")")
            try statement.setArguments(StatementArguments(ids))
            let sqlite = statement.sqliteStatement
            defer { sqlite3_reset(sqlite) }
            while true {
                let step = sqlite3_step(sqlite)
                if step == SQLITE_DONE { break }
                guard step == SQLITE_ROW else { throw DatabaseError(resultCode: ResultCode(rawValue: step), message: db.lastErrorMessage) }
                let json = UnsafeBufferPointer(start: sqlite3_column_text(sqlite, 0), count: Int(sqlite3_column_bytes(sqlite, 0)))
                let record = try Self.decode(json, reusing: &earlier)
                result[record.id] = record
            }
        }
        return result
    }

    /// Counts of records per kind (for consistency checks).
    func countsByKind() throws(EngineError) -> [String: Int] {
        try read { db in
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT kind, COUNT(*) FROM record GROUP BY kind") {
                counts[row[0] as String] = row[1] as Int
            }
            return counts
        }
    }

    private func read<T>(_ body: (Database) throws -> T) throws(EngineError) -> T {
        do { return try pool.read(body) } catch let error as EngineError { throw error } catch { throw EngineError(.io, "could not read the record store: \(error)") }
    }

    /// The record stored as `json`, reusing the strings of the one decoded before (`earlier`).
    private static func decode(_ json: UnsafeBufferPointer<UInt8>, reusing earlier: inout RepeatedStrings) throws(EngineError) -> Record {
        do { return try Record(storedJSON: json, reusing: &earlier) } catch { throw EngineError(.corrupt, "a stored record no longer parses: \(error.reason)") }
    }
}
