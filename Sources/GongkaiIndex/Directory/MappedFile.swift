#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A read-only memory map of a whole file, unmapped when the last reference goes away.
/// The bytes never change while mapped: index files are immutable once written.
public final class MappedFile: @unchecked Sendable {
    /// The mapped bytes.
    public let bytes: UnsafeRawBufferPointer
    /// The file's path (for messages).
    public let path: String

    /// Maps the file at `path`.
    public init(path: String) throws(IndexError) {
        self.path = path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .io(path: path, operation: "open", errno: errno) }
        defer { close(fd) }
        var s = stat()
        guard fstat(fd, &s) == 0 else { throw .io(path: path, operation: "inspect", errno: errno) }
        let size = Int(s.st_size)
        guard size > 0 else { throw .corrupt(file: path, detail: "the file is empty") }
        guard let base = mmap(nil, size, PROT_READ, MAP_SHARED, fd, 0), base != MAP_FAILED else {
            throw .io(path: path, operation: "map", errno: errno)
        }
        bytes = UnsafeRawBufferPointer(start: base, count: size)
    }

    deinit { munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count) }
}
