import Foundation
import Synchronization
import Testing
@testable import GongkaiSearch

/// The shares of a split search (``ShareQueue``): each is handed out once, each thread's in
/// increasing order, and a helper shut out (the caller took every share before it started)
/// is never called.
@Suite struct ShareQueueTests {
    @Test(arguments: [false, true])
    func everyShareIsTakenOnceAndInOrder(slowCaller: Bool) throws {
        let shares = (0..<12).map { SegmentShare(entry: $0 / 4, documents: UInt32($0 % 4 * 100)..<UInt32($0 % 4 * 100 + 100)) }
        /// A share's number in `shares`.
        @Sendable func number(_ share: SegmentShare) -> Int { share.entry * 4 + Int(share.documents.lowerBound) / 100 }
        var (helped, shutOut) = (0, 0)
        // The helpers shut out, with what each was handed: checked again at the end.
        var shutOutHelpers: [Taken] = []
        for _ in 0..<100 {
            let helperTook = Taken()
            var callerTook: [Int] = []
            let started = ShareQueue(shares).run(caller: { share in
                // A slow caller leaves the helper time to start and take shares.
                if slowCaller { usleep(200) }
                callerTook.append(number(share))
            }, helper: { share in helperTook.numbers.withLock { $0.append(number(share)) } })
            let helperShares = helperTook.numbers.withLock { $0 }
            #expect((callerTook + helperShares).sorted() == Array(0..<12))
            #expect(callerTook == callerTook.sorted() && helperShares == helperShares.sorted())
            if started {
                helped += 1
            } else {
                shutOut += 1
                #expect(callerTook == Array(0..<12))
                shutOutHelpers.append(helperTook)
            }
        }
        // Shut-out helpers run later, find the queue closed and call nothing: give them time.
        usleep(20_000)
        #expect(shutOutHelpers.allSatisfy { $0.numbers.withLock { $0.isEmpty } })
        if slowCaller {
            #expect(helped > 0, "a helper never started while the caller was slow")
        } else {
            #expect(shutOut > 0, "a helper always started before a quick caller had finished")
        }
    }
}

/// The numbers of the shares one helper was handed.
private final class Taken: Sendable {
    let numbers = Mutex<[Int]>([])
}
