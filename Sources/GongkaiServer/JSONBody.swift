import Gongkai
import Hummingbird

/// Builds JSON responses from JSON text the engine already wrote (``SearchResult/json()``,
/// ``SubsidyChain/json()``, ``Record/maskedJSON()``), so the server never re-encodes a result.
enum JSONBody {
    /// The media type of every API response.
    static let contentType = "application/json; charset=utf-8"

    /// A response carrying `json` as its body.
    static func response(_ json: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: json)))
    }

    /// The headers of every API response, built once.
    static let headers: HTTPFields = [.contentType: contentType, .init("X-Content-Type-Options")!: "nosniff", .cacheControl: "no-store"]

    /// `{"error": message}`. Messages may echo what the client sent (an id, a filter value);
    /// anything in them that looks like an ID number is masked first, so no response ever
    /// carries one unmasked.
    static func error(_ message: String) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.key("error"); w.string(maskingIDNumbers(in: message))
        w.endObject()
        return w.text
    }
}

extension JSONBody {
    /// Masks every run of 18 or more characters from `0-9`, `X`, `x` as ``Record/mask(idNumber:)``
    /// does (first 6 and last 4 kept), which leaves no 18-character ID number readable.
    static func maskingIDNumbers(in text: String) -> String {
        func isIDCharacter(_ s: Unicode.Scalar) -> Bool { ("0"..."9").contains(s) || s == "X" || s == "x" }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            guard isIDCharacter(scalars[i]) else { out.append(scalars[i]); i += 1; continue }
            var j = i
            while j < scalars.count, isIDCharacter(scalars[j]) { j += 1 }
            var run = String.UnicodeScalarView()
            run.append(contentsOf: scalars[i..<j])
            out.append(contentsOf: j - i >= 18 ? Record.mask(idNumber: String(run)).unicodeScalars : run)
            i = j
        }
        return String(out)
    }
}
