/// Records with the JSON the record store keeps of each (unmasked: ``Record/writeJSON(to:masked:)``),
/// one after another in one buffer. A batch's JSON is written on the cores that invert it,
/// so that the store's core, which writes beside the segment's, only inserts.
struct EncodedRecords: Sendable {
    /// The records, in order.
    private(set) var records: [Record] = []
    private var json: [UInt8] = []
    /// Where each record's JSON ends in `json`.
    private var ends: [Int] = []
    private var scratch = JSONWriter()

    /// No records.
    init() {}

    /// The number of records.
    var count: Int { records.count }

    /// Encodes `record` after the others.
    mutating func append(_ record: Record) {
        scratch.removeAll()
        record.writeJSON(to: &scratch, masked: false)
        let encoded = scratch.bytes
        encoded.withUnsafeBufferPointer { append(record, json: $0) }
    }

    /// Adds `record` after the others with `json`, which is its JSON as ``append(_:)`` writes it.
    mutating func append(_ record: Record, json encoded: UnsafeBufferPointer<UInt8>) {
        json.append(contentsOf: encoded)
        ends.append(json.count)
        records.append(record)
    }

    /// Calls `body` with each record, in order, and its JSON.
    func forEach(_ body: (Record, UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        try json.withUnsafeBufferPointer { json in
            var start = 0
            for (record, end) in zip(records, ends) {
                try body(record, UnsafeBufferPointer(rebasing: json[start..<end]))
                start = end
            }
        }
    }
}
