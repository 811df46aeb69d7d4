import Foundation

/// Builds one JSON object as UTF-8 bytes, fields in the order they are added.
///
/// Only the value shapes the contract allows are offered: strings, integers and arrays of strings.
struct JSONLine {
    private(set) var bytes: [UInt8] = []
    private var empty = true

    init() { bytes.reserveCapacity(512); bytes.append(UInt8(ascii: "{")) }

    private mutating func key(_ k: String) {
        if !empty { bytes.append(UInt8(ascii: ",")) }
        empty = false
        Self.appendQuoted(k, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
    }

    /// Adds a string field.
    mutating func add(_ k: String, _ v: String) {
        key(k)
        Self.appendQuoted(v, to: &bytes)
    }

    /// Adds an integer field (written as a JSON number).
    mutating func add(_ k: String, _ v: Int) {
        key(k)
        bytes.append(contentsOf: String(v).utf8)
    }

    /// Adds an array-of-strings field.
    mutating func add(_ k: String, _ v: [String]) {
        key(k)
        bytes.append(UInt8(ascii: "["))
        for (i, s) in v.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            Self.appendQuoted(s, to: &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// The finished object followed by a newline.
    mutating func finish() -> [UInt8] {
        bytes.append(UInt8(ascii: "}"))
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    /// Appends `s` as a JSON string literal, escaping quotes, backslashes and control characters.
    static func appendQuoted(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): out.append(contentsOf: [92, 34])
            case UInt8(ascii: "\\"): out.append(contentsOf: [92, 92])
            case UInt8(ascii: "\n"): out.append(contentsOf: [92, 110])
            case UInt8(ascii: "\t"): out.append(contentsOf: [92, 116])
            case UInt8(ascii: "\r"): out.append(contentsOf: [92, 114])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [92, 117, 48, 48, hex[Int(b >> 4)], hex[Int(b & 15)]])
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

/// Writes JSON Lines to a file through a 1 MiB buffer.
final class JSONLWriter {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    /// Lines written so far.
    private(set) var lines = 0
    /// Bytes written so far (including what is still buffered).
    private(set) var byteCount = 0

    /// Creates (or truncates) the file at `url`.
    init(url: URL) throws {
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: 0)
        buffer.reserveCapacity(1 << 20)
    }

    /// Appends one finished line.
    func write(_ line: [UInt8]) throws {
        buffer.append(contentsOf: line)
        lines += 1
        byteCount += line.count
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// Writes out what is buffered.
    func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and closes the file.
    func close() throws {
        try flush()
        try handle.close()
    }
}
