#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The index folder's writer lock: an exclusive `flock` on the file `LOCK`, so that one
/// process at a time changes an index. The kernel releases it when the process dies, so a
/// killed ingest never leaves a stale lock behind.
struct WriteLock: ~Copyable {
    private let fd: Int32

    /// Takes the lock, waiting for another writer to finish.
    init(directory: String) throws(EngineError) {
        let path = directory + "/LOCK"
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw EngineError(.io, "could not open the lock file \(path): \(String(cString: strerror(errno)))") }
        while flock(fd, LOCK_EX) != 0 {
            if errno == EINTR { continue }
            let message = String(cString: strerror(errno))
            close(fd)
            throw EngineError(.locked, "could not lock \(path) for writing: \(message)")
        }
    }

    deinit { close(fd) }
}
