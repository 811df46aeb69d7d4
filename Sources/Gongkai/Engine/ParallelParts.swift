import Dispatch
import Foundation
import Synchronization

/// Runs work over `0..<count` on every core: the range is cut into consecutive parts, one
/// per core (none smaller than `minimumPart`), each part runs at the same time as the others,
/// and the results come back in the order of the parts.
enum ParallelParts {
    /// The results of `body` over the parts of `0..<count`, in order.
    static func map<T: Sendable>(count: Int, minimumPart: Int, _ body: @Sendable (Range<Int>) -> T) -> [T] {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let partCount = max(1, min(cores, count / max(minimumPart, 1)))
        if partCount == 1 { return [body(0..<count)] }
        let bounds = (0...partCount).map { count * $0 / partCount }
        let results = Mutex<[T?]>(Array(repeating: nil, count: partCount))
        DispatchQueue.concurrentPerform(iterations: partCount) { p in
            let result = body(bounds[p]..<bounds[p + 1])
            results.withLock { $0[p] = result }
        }
        return results.withLock { $0.map { $0! } }
    }
}
