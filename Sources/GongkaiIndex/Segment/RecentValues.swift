/// What the document added before had at each place (its n-th keyword pair, its n-th short
/// text), with what a memo gave it. Records in a row repeat most of their values, and two
/// equal strings (often one string, shared since parsing) compare in fewer instructions than
/// a ``MemoKey`` takes to hash.
struct RecentValues<Value: Sendable>: Sendable {
    private var fields: [String] = []
    private var values: [String] = []
    private var memos: [Value] = []

    /// What was kept at `slot`, when it was for `field` and `value`.
    @inline(__always)
    func find(_ slot: Int, field: String, value: String) -> Value? {
        guard slot < memos.count, values[slot] == value, fields[slot] == field else { return nil }
        return memos[slot]
    }

    /// Keeps `memo` for `field` and `value` at `slot`, when the slots before it are filled.
    mutating func keep(_ memo: Value, at slot: Int, field: String, value: String) {
        if slot < memos.count {
            fields[slot] = field
            values[slot] = value
            memos[slot] = memo
        } else if slot == memos.count {
            fields.append(field)
            values.append(value)
            memos.append(memo)
        }
    }
}
