import Dispatch
import Synchronization

/// The shares of one search (parts of segments, in increasing order), collected by the
/// calling thread and one helper thread, each taking the next share as soon as it is free.
///
/// On a shared machine a thread is paused at any moment for milliseconds. With the work cut
/// in two fixed halves, a pause of either thread delays the whole search by its length; here
/// the other thread goes on taking shares, and a search waits only for the share a paused
/// thread is in. When the helper has not started by the time the shares run out, it is shut
/// out and not waited for at all.
final class ShareQueue: Sendable {
    private let shares: [SegmentShare]
    /// The index of the next share to take.
    private let next = Atomic<Int>(0)
    /// The helper's state: ``waiting``, ``collecting`` or ``shutOut``.
    private let helperState = Atomic<Int>(ShareQueue.waiting)
    private static let waiting = 0, collecting = 1, shutOut = 2
    /// Signalled when a helper that started has taken its last share.
    private let helperDone = DispatchSemaphore(value: 0)

    /// A queue of `shares`, which must be in increasing order (entry, then documents).
    init(_ shares: [SegmentShare]) {
        self.shares = shares
    }

    /// Collects every share into `caller` (on this thread) or `helper` (on another), each
    /// collector given its shares in increasing order. Returns whether `helper` took part:
    /// only then may there be anything to absorb from it.
    func collect(into caller: SegmentCollector, helper: SegmentCollector) -> Bool {
        run(caller: caller.collect, helper: { helper.collect($0) })
    }

    /// Hands every share to `caller` (on this thread) or `helper` (on another, which `start`
    /// runs the helper's work on), each given its shares in increasing order; returns whether
    /// the helper started (and so took part, with none or more shares). A helper shut out is
    /// never called.
    func run(caller: (SegmentShare) -> Void, helper: @escaping @Sendable (SegmentShare) -> Void,
             startingHelper start: (@escaping @Sendable () -> Void) -> Void = { DispatchQueue.global(qos: .userInitiated).async(execute: $0) })
        -> Bool {
        start { [self] in
            guard helperState.compareExchange(expected: Self.waiting, desired: Self.collecting, ordering: .acquiringAndReleasing).exchanged
            else { return }
            take(helper)
            helperDone.signal()
        }
        take(caller)
        if helperState.compareExchange(expected: Self.waiting, desired: Self.shutOut, ordering: .acquiringAndReleasing).exchanged {
            return false
        }
        // The semaphore orders the helper's writes before the caller's reads.
        helperDone.wait()
        return true
    }

    /// Hands shares to `body` until none is left. Shares are taken in increasing order, so
    /// each thread's are too.
    private func take(_ body: (SegmentShare) -> Void) {
        while true {
            let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
            guard i < shares.count else { return }
            body(shares[i])
        }
    }
}
