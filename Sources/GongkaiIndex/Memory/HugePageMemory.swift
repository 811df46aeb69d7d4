#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Anonymous memory that starts on a 2 MB boundary and is advised to be backed by 2 MB pages
/// (`MADV_HUGEPAGE`; ignored where unsupported), zero-filled, released when the last reference
/// goes.
///
/// For large structures that a search reads a few bytes at a time in many places: a resident
/// segment, the term hash tables, the document rows. With 4 KB pages each such read is likely
/// a TLB miss, dear under virtualisation (a nested page walk).
final class HugePageMemory: @unchecked Sendable {
    /// The first byte, on a 2 MB boundary when the memory was mapped.
    let base: UnsafeMutableRawPointer
    /// The reserved region to unmap, `nil` when the memory came from the allocator instead.
    private let region: UnsafeMutableRawBufferPointer?

    /// Reserves `byteCount` zeroed bytes. Under 512 KB (a small segment's tables), and where
    /// the system will not map them, they come from the allocator, with ordinary pages: a
    /// huge page would take 2 MB of memory for each.
    init(byteCount: Int) {
        let huge = 2 << 20
        let size = max(byteCount, 1)
        // Room to start at a 2 MB boundary, so that whole huge pages back the bytes.
        let rounded = (size + huge - 1) / huge * huge
        guard size >= huge / 4,
              let reserved = mmap(nil, rounded + huge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
              reserved != MAP_FAILED
        else {
            base = .allocate(byteCount: size, alignment: 64)
            base.initializeMemory(as: UInt8.self, repeating: 0, count: size)
            region = nil
            return
        }
        region = UnsafeMutableRawBufferPointer(start: reserved, count: rounded + huge)
        base = UnsafeMutableRawPointer(bitPattern: (Int(bitPattern: reserved) + huge - 1) & ~(huge - 1))!
        _ = madvise(base, rounded, Self.adviseHugePages)
    }

    /// Reserves room for `count` values of `type`, bound to it, and returns them (zeroed).
    static func array<T: BitwiseCopyable>(of type: T.Type, count: Int) -> (memory: HugePageMemory, values: UnsafeMutableBufferPointer<T>) {
        let memory = HugePageMemory(byteCount: count * MemoryLayout<T>.stride)
        return (memory, UnsafeMutableBufferPointer(start: memory.base.bindMemory(to: T.self, capacity: count), count: count))
    }

    deinit {
        if let region { munmap(region.baseAddress, region.count) } else { base.deallocate() }
    }

    #if os(Linux)
    private static let adviseHugePages: Int32 = 14  // MADV_HUGEPAGE
    #else
    private static let adviseHugePages: Int32 = 0  // MADV_NORMAL: no such advice
    #endif
}
