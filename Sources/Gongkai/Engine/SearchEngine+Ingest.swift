import Foundation
import GongkaiIndex

extension SearchEngine {
    /// Ingests JSON Lines from `inputs`: each valid line is stored and indexed (replacing any
    /// record with the same id); each invalid line is reported and skipped; blank lines are
    /// ignored. Records are committed in batches of `batchSize`; once a batch is committed
    /// its records survive any later crash. `progress` is called about once a second and
    /// after every commit; its `committed` counts only lines whose batch has committed, so
    /// it is an acknowledgement.
    public func ingest(_ inputs: [IngestInput], batchSize: Int = 100_000,
                       progress: (@Sendable (IngestProgress) -> Void)? = nil) throws(EngineError) -> IngestReport {
        try write { (context) throws(EngineError) -> IngestReport in
            var run = IngestRun(engine: self, batchSize: max(batchSize, 1), progress: progress)
            for input in inputs {
                switch input {
                case .lines(let name, let lines):
                    for (i, line) in lines.enumerated() {
                        try Array(line.utf8).withUnsafeBufferPointer { b throws(EngineError) in try run.take(.bytes(b), source: name, line: i + 1, context: &context) }
                    }
                case .file, .standardInput:
                    var reader: LineReader
                    if case .file(let path) = input { reader = try LineReader(path: path) } else { reader = try LineReader(path: nil) }
                    var number = 0
                    let earlierFiles = run.bytes
                    try reader.forEachLine { (line, bytesRead) throws(EngineError) in
                        number += 1
                        run.bytes = earlierFiles + bytesRead
                        try run.take(line, source: input.name, line: number, context: &context)
                    }
                }
            }
            try run.flush(&context)
            // Best effort: a busy reader can hold the log; it is truncated at a later ingest.
            try? store.checkpoint()
            return run.report
        }
    }

    /// Stores and indexes `records` in one commit, replacing records with the same ids.
    public func ingest(records: [Record]) throws(EngineError) -> IngestReport {
        try write { (context) throws(EngineError) -> IngestReport in
            var run = IngestRun(engine: self, batchSize: Int.max, progress: nil)
            for (i, record) in records.enumerated() { run.add(record, source: "records", line: i + 1) }
            try run.flush(&context)
            return run.report
        }
    }

    /// Deletes the records with these ids in one commit; returns how many existed.
    public func delete(ids: [String]) throws(EngineError) -> Int {
        try write { (context) throws(EngineError) -> Int in
            let existing = ids.filter { !context.base.locate(recordID: $0).isEmpty }
            guard !existing.isEmpty else { return 0 }
            try context.commit(records: [], segmentParts: [], deletions: Array(Set(existing)))
            return Set(existing).count
        }
    }
}

/// One ingest call: parses lines, gathers a batch (the last line with an id wins), and
/// commits it when full.
struct IngestRun {
    let engine: SearchEngine
    let batchSize: Int
    let progress: (@Sendable (IngestProgress) -> Void)?
    var report = IngestReport()
    var bytes = 0
    private var lines = 0
    /// Accepted lines whose batch has committed (``IngestReport/accepted`` also counts the
    /// in-batch replacements of the batch still being gathered).
    private var committed = 0
    private var records: [Record] = []
    private var origins: [(source: String, line: Int)] = []
    /// Per record, where in `lineBytes` its line is when the line is the JSON the store
    /// keeps of it (``JSONLineParser/parse(_:reusing:isStoredForm:)``): stored from there, not
    /// written again.
    private var storedForms: [Range<Int>?] = []
    /// Lines taken but not parsed yet (a batch is parsed at once, on every core).
    private var pending: [PendingLine] = []
    /// The bytes of the batch's lines, one after another (an array per line cost an
    /// allocation and a free each on the reading thread); kept until the batch commits.
    private var lineBytes: [UInt8] = []
    private var slotByID = BatchSlots()
    private var batchBytes = 0
    /// A batch is committed once its input reaches this size, whatever its record count:
    /// it bounds memory and keeps every section of a segment far below 4 GiB.
    static let maximumBatchBytes = 256 << 20
    private let started = Date()
    private var lastReport = Date()

    init(engine: SearchEngine, batchSize: Int, progress: (@Sendable (IngestProgress) -> Void)?) {
        self.engine = engine
        self.batchSize = batchSize
        self.progress = progress
    }

    /// Takes one input line.
    mutating func take(_ line: LineReader.Line, source: String, line number: Int, context: inout WriteContext) throws(EngineError) {
        lines += 1
        switch line {
        case .tooLong:
            pending.append(PendingLine(bytes: nil, source: source, line: number))
        case .bytes(let b):
            if b.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { break }
            batchBytes += b.count
            let start = lineBytes.count
            lineBytes.append(contentsOf: b)
            pending.append(PendingLine(bytes: start..<lineBytes.count, source: source, line: number))
        }
        // A batch holds `batchSize` records (a line replacing one already in it adds none):
        // enough lines to fill it are parsed at once, and it commits when it is full.
        if pending.count >= batchSize - records.count || batchBytes >= Self.maximumBatchBytes {
            parsePending()
            if records.count >= batchSize || batchBytes >= Self.maximumBatchBytes { try flush(&context) }
        }
        if let progress, Date().timeIntervalSince(lastReport) >= 1 {
            lastReport = Date()
            progress(IngestProgress(lines: lines, bytes: bytes, committed: committed, seconds: lastReport.timeIntervalSince(started)))
        }
    }

    /// Parses the pending lines, on every core, and adds their records to the batch in line
    /// order (rejecting the invalid ones).
    private mutating func parsePending() {
        let parts = { [lines = pending, bytes = lineBytes] in
            ParallelParts.map(count: lines.count, minimumPart: 2_000) { range in
                bytes.withUnsafeBufferPointer { bytes in
                    var earlier = RepeatedStrings()
                    return range.map { lines[$0].parse(in: bytes, reusing: &earlier) }
                }
            }
        }()
        for (line, parsed) in zip(pending, parts.joined()) {
            switch parsed {
            case .success(let (record, isStoredForm, idHash)):
                add(record, source: line.source, line: line.line, storedForm: isStoredForm ? line.bytes : nil, idHash: idHash)
            case .failure(let error): report.rejections.append(.init(source: line.source, line: line.line, reason: error.reason))
            }
        }
        // Kept for the next batch: the buffer is no longer shared, so nothing is copied.
        pending.removeAll(keepingCapacity: true)
    }

    /// Adds a valid record to the batch; a later record with the same id replaces it.
    /// `storedForm` is where its line is in the line bytes, when that is its stored JSON;
    /// `idHash`, when given, is its id's ``BatchSlots/hash(_:)``.
    mutating func add(_ record: Record, source: String, line: Int, storedForm: Range<Int>? = nil, idHash: UInt64? = nil) {
        let hash = idHash ?? BatchSlots.hash(record.id)
        if let slot = slotByID.slot(of: record.id, hash: hash, idAt: { records[$0].id }) {
            records[slot] = record
            origins[slot] = (source, line)
            storedForms[slot] = storedForm
            report.accepted += 1
            report.replaced += 1
        } else {
            slotByID.insert(records.count, hash: hash)
            records.append(record)
            origins.append((source, line))
            storedForms.append(storedForm)
        }
    }

    /// Indexes and commits the batch.
    mutating func flush(_ context: inout WriteContext) throws(EngineError) {
        parsePending()
        guard !records.isEmpty else { return }
        let inversion = BatchInversion(records, storedForms: StoredForms(bytes: lineBytes, ranges: storedForms), analyzer: engine.analyzer)
        for (i, reason) in inversion.refused {
            report.rejections.append(.init(source: origins[i].source, line: origins[i].line, reason: reason))
        }
        // From here the inversion alone holds the batch, and the commit frees it on the
        // threads that write it (serially here, freeing it took a tenth of a second a batch).
        records.removeAll(keepingCapacity: true)
        origins.removeAll(keepingCapacity: true)
        storedForms.removeAll(keepingCapacity: true)
        slotByID.removeAll()
        let acceptedCount = inversion.acceptedCount
        let (accepted, parts) = (inversion.accepted, inversion.parts)
        _ = consume inversion
        report.replaced += try context.commit(records: consume accepted, segmentParts: consume parts, deletions: [])
        // Emptied once the commit has let go of the lines (stored as they came), so that the
        // next batch's lines reuse the buffer.
        lineBytes.removeAll(keepingCapacity: true)
        report.accepted += acceptedCount
        batchBytes = 0
        committed = report.accepted
        if let progress {
            lastReport = Date()
            progress(IngestProgress(lines: lines, bytes: bytes, committed: committed, seconds: lastReport.timeIntervalSince(started)))
        }
    }
}

/// A line taken for the batch, parsed when the batch is.
private struct PendingLine: Sendable {
    /// Where the line's bytes are in the line bytes; `nil` when it was too long to read.
    let bytes: Range<Int>?
    let source: String
    let line: Int

    /// The line's record, its bytes read from `all`, the line bytes, whether the line is the
    /// record's stored JSON, and its id's hash; the strings of the line parsed before are in
    /// `earlier`.
    func parse(in all: UnsafeBufferPointer<UInt8>, reusing earlier: inout RepeatedStrings)
        -> Result<(Record, isStoredForm: Bool, idHash: UInt64), RecordError> {
        guard let bytes else { return .failure(RecordError("the line is longer than \(LineReader.maximumLineBytes >> 20) MB")) }
        return Result { () throws(RecordError) in
            var isStoredForm = false
            let record = try Record(jsonLine: UnsafeBufferPointer(rebasing: all[bytes]), reusing: &earlier, isStoredForm: &isStoredForm)
            return (record, isStoredForm, BatchSlots.hash(record.id))
        }
    }
}
