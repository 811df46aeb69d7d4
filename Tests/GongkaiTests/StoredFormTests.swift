import Testing
@testable import Gongkai

/// An input line already in the form the record store keeps is stored as it came, not
/// written again: the parser may say so only of lines the writer would write byte for byte.
@Suite struct StoredFormTests {
    /// Whether the parser takes `line` for the stored form, and what the writer makes of its record.
    func parse(_ line: String) throws -> (isStoredForm: Bool, written: String) {
        var earlier = RepeatedStrings()
        var isStoredForm = false
        let record = try Array(line.utf8).withUnsafeBufferPointer { bytes throws(RecordError) in
            try Record(jsonLine: bytes, reusing: &earlier, isStoredForm: &isStoredForm)
        }
        var writer = JSONWriter()
        record.writeJSON(to: &writer, masked: false)
        return (isStoredForm, writer.text)
    }

    @Test func compactUnescapedLinesAreTheirStoredForm() throws {
        let lines = [
            #"{"id":"a","kind":"guide","title":"水稻 种植","n":12.50,"m":-1e3,"b":true,"c":false,"tags":["x","稻"],"e":[]}"#,
            #"{"id":"p1","kind":"payout","item":"绿叶菜","recipient":"杨龙根","id_number":"310228196011276297","amount":"85.50","year":2015}"#,
        ]
        for line in lines {
            let (isStoredForm, written) = try parse(line)
            #expect(isStoredForm && written == line, "\(line)")
        }
    }

    /// Spaces, escapes, what the writer escapes, `null`, and `id` or `kind` out of place.
    @Test func anythingTheWriterWouldWriteOtherwiseIsNot() throws {
        let lines = [
            #"{"id":"a","kind":"guide","title":"t" }"#,
            #" {"id":"a","kind":"guide","title":"t"}"#,
            #"{"id": "a","kind":"guide","title":"t"}"#,
            #"{"id":"a","kind":"guide","tags":["x", "y"],"title":"t"}"#,
            #"{"kind":"guide","id":"a","title":"t"}"#,
            #"{"id":"a","title":"t","kind":"guide"}"#,
            #"{"id":"a","kind":"guide","title":"t","z":null}"#,
            #"{"id":"a","kind":"guide","title":"a\"b"}"#,
            #"{"id":"a","kind":"guide","title":"\u6c34"}"#,
            #"{"id":"a","kind":"guide","title":"a\/b"}"#,
            "{\"id\":\"a\",\"kind\":\"guide\",\"title\":\"a\u{7F}b\"}",
            "{\"id\":\"a\",\"kind\":\"guide\",\"title\":\"a\u{2028}b\"}",
            "{\"id\":\"a\",\"kind\":\"guide\",\"title\":\"a\u{2029}b\"}",
        ]
        for line in lines {
            let (isStoredForm, written) = try parse(line)
            #expect(!isStoredForm, "\(line) is written \(written)")
        }
    }
}
