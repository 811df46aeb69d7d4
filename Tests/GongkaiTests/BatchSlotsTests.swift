import Testing
@testable import Gongkai

/// The batch's records by id: ids whose hashes collide are told apart by the ids themselves,
/// and the table keeps every slot as it grows.
@Suite struct BatchSlotsTests {
    @Test func collidingHashesAreToldApartAndGrowthKeepsEverySlot() {
        var slots = BatchSlots()
        var ids: [String] = []
        for i in 0..<5_000 {
            ids.append("r\(i)")
            // Every id in ten shares its hash with the id before it.
            slots.insert(i, hash: i % 10 == 1 ? UInt64(i - 1) : UInt64(i))
        }
        for i in 0..<5_000 {
            let hash = i % 10 == 1 ? UInt64(i - 1) : UInt64(i)
            #expect(slots.slot(of: "r\(i)", hash: hash, idAt: { ids[$0] }) == i)
        }
        #expect(slots.slot(of: "other", hash: 0, idAt: { ids[$0] }) == nil)
        slots.removeAll()
        #expect(slots.slot(of: "r0", hash: 0, idAt: { ids[$0] }) == nil)
    }
}
