import Foundation
import Gongkai
import Hummingbird
import HummingbirdTesting
@testable import GongkaiServer

/// Starts the real server on a free loopback port (HummingbirdTesting `.live`) and hands the
/// port to `body`, which talks to it over real HTTP with ``RawHTTP``.
func withServer(backend: any SearchBackend, _ body: @Sendable @escaping (Int) async throws -> Void) async throws {
    let app = makeApplication(backend: backend, configuration: ServerConfiguration(host: "127.0.0.1", port: 0, logLevel: .critical))
    try await app.test(.live) { client in
        guard let port = client.port else { throw RawHTTPError("the live test server reported no port") }
        try await body(port)
    }
}

/// Starts the real server over the real engine and the fixture index.
func withServer(engine: SearchEngine, _ body: @Sendable @escaping (Int) async throws -> Void) async throws {
    try await withServer(backend: engine as any SearchBackend, body)
}

/// Finds unmasked ID numbers (18 characters: 17 digits and a digit or X).
func unmaskedIDNumbers(in text: String) -> [String] {
    let regex = try! NSRegularExpression(pattern: "[0-9]{17}[0-9Xx]")
    return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
        Range($0.range, in: text).map { String(text[$0]) }
    }
}

/// Percent-encodes every byte outside the unreserved set, as a browser's URLSearchParams would.
func encode(_ text: String) -> String {
    var out = ""
    for byte in text.utf8 {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
            out.append(Character(Unicode.Scalar(byte)))
        default:
            out += String(format: "%%%02X", byte)
        }
    }
    return out
}
