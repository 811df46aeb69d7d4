/// What went wrong in the index layer, in plain words.
public enum IndexError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A file is damaged.
    case corrupt(file: String, detail: String)
    /// A file was written by an older format version this code no longer reads.
    case formatTooOld(file: String, found: UInt32, supported: UInt32)
    /// A file was written by a newer version of Gongkai.
    case formatTooNew(file: String, found: UInt32, supported: UInt32)
    /// A system call on a file failed.
    case io(path: String, operation: String, errno: Int32)
    /// A document breaks a limit of the index format.
    case documentTooLarge(String)

    public var description: String {
        switch self {
        case .corrupt(let file, let detail):
            return "index file \(file) is damaged: \(detail); rebuild the index from the record store or the source files"
        case .formatTooOld(let file, let found, let supported):
            return "index file \(file) has format version \(found), older than the version \(supported) this gongkai reads; rebuild the index"
        case .formatTooNew(let file, let found, let supported):
            return "index file \(file) has format version \(found), newer than the version \(supported) this gongkai reads; use a newer gongkai"
        case .io(let path, let operation, let errno):
            return "could not \(operation) \(path): \(String(cString: strerror(errno)))"
        case .documentTooLarge(let detail):
            return detail
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
