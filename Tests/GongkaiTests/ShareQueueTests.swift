import Foundation
import Synchronization
import Testing
@testable import GongkaiSearch

/// The shares of a split search (``ShareQueue``): each is handed out once, each thread's in
/// increasing order, and a helper shut out (the caller took every share before it started)
/// is never called.
@Suite struct ShareQueueTests {
    let shares = (0..<12).map { SegmentShare(entry: $0 / 4, documents: UInt32($0 % 4 * 100)..<UInt32($0 % 4 * 100 + 100)) }

    /// A share's number in `shares`.
    @Sendable static func number(_ share: SegmentShare) -> Int { share.entry * 4 + Int(share.documents.lowerBound) / 100 }

    /// A helper that starts before the caller takes a share takes them all, and is waited for.
    @Test func aHelperStartedFirstTakesEveryShare() {
        let helperTook = Taken()
        var callerTook: [Int] = []
        let started = ShareQueue(shares).run(caller: { callerTook.append(Self.number($0)) },
                                             helper: { share in helperTook.numbers.withLock { $0.append(Self.number(share)) } },
                                             startingHelper: { $0() })
        #expect(started)
        #expect(callerTook.isEmpty && helperTook.numbers.withLock { $0 } == Array(0..<12))
    }

    /// A helper that starts only after the caller took every share is shut out: the caller
    /// does not wait for it, and it is never called.
    @Test func aHelperStartedLateIsShutOut() {
        let helperTook = Taken()
        var callerTook: [Int] = []
        var late: (@Sendable () -> Void)?
        let started = ShareQueue(shares).run(caller: { callerTook.append(Self.number($0)) },
                                             helper: { share in helperTook.numbers.withLock { $0.append(Self.number(share)) } },
                                             startingHelper: { late = $0 })
        #expect(!started)
        #expect(callerTook == Array(0..<12))
        late?()
        #expect(late != nil && helperTook.numbers.withLock { $0.isEmpty })
    }

    /// On two threads, whichever way a round ends, every share is handed out once and each
    /// thread's in increasing order; a shut-out helper is never called.
    @Test(arguments: [false, true])
    func everyShareIsTakenOnceAndInOrder(slowCaller: Bool) throws {
        // The helpers shut out, with what each was handed: checked again at the end.
        var shutOutHelpers: [Taken] = []
        for _ in 0..<100 {
            let helperTook = Taken()
            var callerTook: [Int] = []
            let started = ShareQueue(shares).run(caller: { share in
                // A slow caller leaves the helper time to start and take shares.
                if slowCaller { usleep(200) }
                callerTook.append(Self.number(share))
            }, helper: { share in helperTook.numbers.withLock { $0.append(Self.number(share)) } })
            let helperShares = helperTook.numbers.withLock { $0 }
            #expect((callerTook + helperShares).sorted() == Array(0..<12))
            #expect(callerTook == callerTook.sorted() && helperShares == helperShares.sorted())
            if !started {
                #expect(callerTook == Array(0..<12))
                shutOutHelpers.append(helperTook)
            }
        }
        // Shut-out helpers run later, find the queue closed and call nothing: give them time.
        usleep(20_000)
        #expect(shutOutHelpers.allSatisfy { $0.numbers.withLock { $0.isEmpty } })
    }
}

/// The numbers of the shares one helper was handed.
private final class Taken: Sendable {
    let numbers = Mutex<[Int]>([])
}
