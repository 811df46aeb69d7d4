#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The folder that holds one index, with the few durable file operations a commit needs.
///
/// Every file is written once under a temporary name, synced, then renamed into place, and
/// the folder itself is synced after a rename: a crash leaves either the old file or the new
/// one, never a torn one.
public struct IndexDirectory: Sendable {
    /// The folder's path.
    public let path: String
    /// Whether segments are read into memory when opened rather than mapped (see
    /// ``MappedFile``): for long-running searchers.
    public let residentSegments: Bool

    /// Uses the folder at `path`; with `create`, makes it (and its parents) when missing.
    /// With `residentSegments`, segments opened through it are read into memory.
    public init(path: String, create: Bool, residentSegments: Bool = false) throws(IndexError) {
        self.path = path
        self.residentSegments = residentSegments
        if create {
            var current = path.hasPrefix("/") ? "" : "."
            for part in path.split(separator: "/") {
                current += "/" + part
                if mkdir(current, 0o755) != 0, errno != EEXIST {
                    throw .io(path: current, operation: "create the folder", errno: errno)
                }
            }
        }
    }

    /// The full path of `name` in the folder.
    public func url(_ name: String) -> String { path + "/" + name }

    /// Whether `name` exists.
    public func exists(_ name: String) -> Bool { access(url(name), F_OK) == 0 }

    /// Writes `bytes` to `name` durably and atomically (temporary file, fsync, rename, fsync folder).
    public func writeAtomically(_ name: String, _ bytes: [UInt8]) throws(IndexError) {
        try writeAtomically(name, chunks: [bytes])
    }

    /// Writes a file whose bytes are `chunks`, in order, as ``writeAtomically(_:_:)`` does: a
    /// large file need not be copied into one buffer first.
    public func writeAtomically(_ name: String, chunks: [[UInt8]]) throws(IndexError) {
        let temporary = url(name + ".tmp")
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .io(path: temporary, operation: "create", errno: errno) }
        var failure: Int32? = nil
        for chunk in chunks where failure == nil {
            failure = chunk.withUnsafeBytes { buffer in
                var written = 0
                while written < buffer.count {
                    let n = systemWrite(fd, buffer.baseAddress! + written, buffer.count - written)
                    if n < 0 { if errno == EINTR { continue }; return errno }
                    written += n
                }
                return nil
            }
        }
        if failure == nil, fsync(fd) != 0 { failure = errno }
        close(fd)
        if let failure { unlink(temporary); throw .io(path: temporary, operation: "write", errno: failure) }
        guard rename(temporary, url(name)) == 0 else { throw .io(path: url(name), operation: "rename into place", errno: errno) }
        try syncFolder()
    }

    /// Syncs the folder, making renames and deletions in it durable.
    public func syncFolder() throws(IndexError) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw .io(path: path, operation: "open the folder", errno: errno) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw .io(path: path, operation: "sync the folder", errno: errno) }
    }

    /// Reads a whole (small) file; `nil` when it does not exist.
    public func read(_ name: String) throws(IndexError) -> [UInt8]? {
        let fd = open(url(name), O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw .io(path: url(name), operation: "open", errno: errno)
        }
        defer { close(fd) }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; throw .io(path: url(name), operation: "read", errno: errno) }
            if n == 0 { return result }
            result.append(contentsOf: chunk[..<n])
        }
    }

    /// The names of the files in the folder.
    public func fileNames() -> [String] {
        guard let dir = opendir(path) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Removes `name`; a missing file is not an error.
    public func remove(_ name: String) { unlink(url(name)) }

    /// A cheap fingerprint of `name` (inode, size, modification time) that changes whenever
    /// the file is replaced; `nil` when it does not exist.
    public func fingerprint(_ name: String) -> FileFingerprint? {
        var s = stat()
        guard stat(url(name), &s) == 0 else { return nil }
        return FileFingerprint(inode: UInt64(s.st_ino), size: Int64(s.st_size), seconds: Int64(s.st_mtim.tv_sec), nanoseconds: Int64(s.st_mtim.tv_nsec))
    }
}

/// What ``IndexDirectory/fingerprint(_:)`` compares: a file's inode, size and modification time.
public struct FileFingerprint: Sendable, Equatable {
    let inode: UInt64
    let size: Int64
    let seconds: Int64
    let nanoseconds: Int64
}

#if canImport(Glibc)
private let systemRead = Glibc.read
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
private let systemRead = Darwin.read
private let systemWrite = Darwin.write
#endif
