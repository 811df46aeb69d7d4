#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The generation of an index's latest commit, in the small file `COMMITS` that every process
/// with the index open maps shared. A writer stores each new generation right after renaming
/// its manifest into place; a search compares it with its snapshot's generation, which is one
/// load from memory where looking at the manifest is a system call, and reads the manifest
/// only when they differ.
///
/// The value is a hint, never a source of truth: a torn or stale read only costs a look at the
/// manifest. A writer that dies between its manifest and this store is noticed by the periodic
/// check of the manifest that readers keep (see FORMAT.md, "Latest generation").
///
/// ```
/// COMMITS --> Header("GKCOMMIT", version 1) Generation(u64) Footer(checksum 0, "GKEND\0\0\0")
/// ```
public final class LatestGeneration: @unchecked Sendable {
    /// The file's name in the index folder.
    public static let fileName = "COMMITS"
    static let header = FileHeader(magic: "GKCOMMIT", version: 1)
    static let size = FileHeader.size + 8 + FileHeader.footerSize

    private let base: UnsafeMutableRawPointer

    /// Maps the file of `directory`. A writer (`writable`) makes the file, holding
    /// `generation`, when it is missing or not one this code reads; a reader gets `nil` then.
    public init?(directory: IndexDirectory, writable: Bool, generation: UInt64) {
        func map() -> UnsafeMutableRawPointer? {
            let fd = open(directory.url(Self.fileName), (writable ? O_RDWR : O_RDONLY) | O_CLOEXEC)
            guard fd >= 0 else { return nil }
            defer { close(fd) }
            var s = stat()
            guard fstat(fd, &s) == 0, Int(s.st_size) == Self.size,
                  let base = mmap(nil, Self.size, PROT_READ | (writable ? PROT_WRITE : 0), MAP_SHARED, fd, 0), base != MAP_FAILED
            else { return nil }
            do {
                try Self.header.check(UnsafeRawBufferPointer(start: base, count: Self.size), name: Self.fileName, verifyChecksum: false)
                return base
            } catch {
                munmap(base, Self.size)
                return nil
            }
        }
        if let base = map() {
            self.base = base
            return
        }
        guard writable else { return nil }
        var w = ByteWriter()
        Self.header.write(to: &w)
        w.fixed(generation)
        w.fixed(UInt64(0))  // No checksum: the generation is rewritten in place.
        w.append(contentsOf: FileHeader.endMagic)
        guard (try? directory.writeAtomically(Self.fileName, w.bytes)) != nil, let base = map() else { return nil }
        self.base = base
    }

    deinit { munmap(base, Self.size) }

    /// The generation last stored.
    public var generation: UInt64 {
        // An aligned 8-byte load: one access on the machines Swift runs on.
        base.load(fromByteOffset: FileHeader.size, as: UInt64.self).littleEndian
    }

    /// Stores `generation` (writers only, under the index's write lock).
    public func store(_ generation: UInt64) {
        base.storeBytes(of: generation.littleEndian, toByteOffset: FileHeader.size, as: UInt64.self)
    }
}
