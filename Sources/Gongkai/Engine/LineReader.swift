#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads newline-separated lines from a file descriptor in large chunks, without copying a
/// line unless it straddles two chunks. A line longer than ``maximumLineBytes`` is reported
/// as too long and skipped, so hostile input cannot exhaust memory.
struct LineReader: ~Copyable {
    /// The longest line accepted.
    static let maximumLineBytes = 16 << 20

    private let fd: Int32
    private let ownsDescriptor: Bool
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var carry: [UInt8] = []
    private var overlong = false
    private var finished = false
    /// Bytes read so far.
    private(set) var bytesRead = 0

    /// A reader of the file at `path`, or of standard input for `nil`.
    init(path: String?) throws(EngineError) {
        if let path {
            fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw EngineError(.io, "could not open \(path): \(String(cString: strerror(errno)))") }
            ownsDescriptor = true
        } else {
            fd = 0
            ownsDescriptor = false
        }
        buffer = [UInt8](repeating: 0, count: 1 << 20)
    }

    deinit { if ownsDescriptor { close(fd) } }

    /// One line read: its bytes, or the fact that it was too long.
    enum Line {
        case bytes(UnsafeBufferPointer<UInt8>)
        case tooLong
    }

    /// Calls `body` with each line in turn and the bytes read so far (without its `\n`, and without a trailing `\r`).
    mutating func forEachLine(_ body: (Line, _ bytesRead: Int) throws(EngineError) -> Void) throws(EngineError) {
        while true {
            if start == end {
                if finished { break }
                try fill()
                continue
            }
            let (from, to) = (start, end)
            let newline: Int? = buffer.withUnsafeBufferPointer { b -> Int? in
                guard let base = b.baseAddress, let p = memchr(base + from, 0x0A, to - from) else { return nil }
                return UnsafeRawPointer(p) - UnsafeRawPointer(base)
            }
            guard let newline else {
                appendCarry(start..<end)
                start = end
                continue
            }
            if carry.isEmpty && !overlong {
                try buffer.withUnsafeBufferPointer { b throws(EngineError) in
                    try body(.bytes(Self.trimmed(UnsafeBufferPointer(rebasing: b[start..<newline]))), bytesRead)
                }
            } else {
                appendCarry(start..<newline)
                if overlong {
                    try body(.tooLong, bytesRead)
                } else {
                    try carry.withUnsafeBufferPointer { b throws(EngineError) in try body(.bytes(Self.trimmed(b)), bytesRead) }
                }
                carry.removeAll(keepingCapacity: false)
                overlong = false
            }
            start = newline + 1
        }
        if overlong {
            try body(.tooLong, bytesRead)
        } else if !carry.isEmpty {
            try carry.withUnsafeBufferPointer { b throws(EngineError) in try body(.bytes(Self.trimmed(b)), bytesRead) }
        }
        carry = []
        overlong = false
    }

    private mutating func appendCarry(_ range: Range<Int>) {
        guard !overlong else { return }
        if carry.count + range.count > Self.maximumLineBytes {
            overlong = true
            carry = []
        } else {
            carry.append(contentsOf: buffer[range])
        }
    }

    private mutating func fill() throws(EngineError) {
        let fd = self.fd
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n < 0 {
            if errno == EINTR { return }
            throw EngineError(.io, "could not read the input: \(String(cString: strerror(errno)))")
        }
        if n == 0 { finished = true }
        start = 0
        end = n
        bytesRead += n
    }

    private static func trimmed(_ line: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        if let last = line.last, last == 0x0D { return UnsafeBufferPointer(rebasing: line.dropLast()) }
        return line
    }
}
