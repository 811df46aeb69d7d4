/// Records with the JSON the record store keeps of each (unmasked: ``Record/writeJSON(to:masked:)``).
/// A batch's JSON is written on the cores that invert it, so that the store's core, which
/// writes beside the segment's, only inserts; a record whose input line is already that JSON
/// (``StoredForms``) is kept as a place in the batch's line bytes, not copied.
struct EncodedRecords: Sendable {
    /// The records, in order.
    private(set) var records: [Record] = []
    /// The JSON written, one record's after another.
    private var json: [UInt8] = []
    /// The batch's line bytes, where records in their stored form are.
    private let lines: [UInt8]
    /// Per record, where its JSON is: in `json` (`isLine` false) or in `lines`.
    private var places: [(isLine: Bool, range: Range<Int>)] = []
    private var scratch = JSONWriter()

    /// No records; those appended in their stored form are in `lines`.
    init(lines: [UInt8] = []) { self.lines = lines }

    /// The number of records.
    var count: Int { records.count }

    /// Encodes `record` after the others.
    mutating func append(_ record: Record) {
        scratch.removeAll()
        record.writeJSON(to: &scratch, masked: false)
        let start = json.count
        json.append(contentsOf: scratch.bytes)
        places.append((false, start..<json.count))
        records.append(record)
    }

    /// Adds `record` after the others: its JSON, as ``append(_:)`` writes it, is `line` of
    /// the line bytes.
    mutating func append(_ record: Record, line: Range<Int>) {
        places.append((true, line))
        records.append(record)
    }

    /// Calls `body` with each record, in order, and its JSON.
    func forEach(_ body: (Record, UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        try json.withUnsafeBufferPointer { json in
            try lines.withUnsafeBufferPointer { lines in
                for (record, place) in zip(records, places) {
                    try body(record, UnsafeBufferPointer(rebasing: (place.isLine ? lines : json)[place.range]))
                }
            }
        }
    }
}
