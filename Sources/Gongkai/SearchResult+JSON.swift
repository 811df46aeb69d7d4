extension SearchResult {
    /// The result as the JSON document shared by `gongkai search --json` and `GET /search`:
    /// `{"total", "took_us", "amount_sum", "hits": [{"id", "kind", "score", "record",
    /// "highlights"}], "facets"}`.
    public func json() -> String {
        var w = JSONWriter()
        w.beginObject()
        w.key("total"); w.int(total)
        w.key("took_us"); w.int(tookMicroseconds)
        w.key("amount_sum"); w.string(amountSum)
        w.key("hits"); w.beginArray()
        for hit in hits { hit.writeJSON(to: &w) }
        w.endArray()
        w.key("facets"); Facet.writeJSON(facets, to: &w)
        w.endObject()
        return w.text
    }

    /// ``json()`` cut around the value of `took_us`, the one part that differs between two
    /// answers to the same search: `head + String(took) + tail` is the whole document.
    public func jsonAroundTook() -> (head: String, tail: String) {
        var copy = self
        copy.tookMicroseconds = 0
        let text = copy.json()
        // "total" is a number, so the first "took_us" is the top-level key; its value is "0".
        let key = text.utf8.firstRange(of: #""took_us":"#.utf8)!
        return (String(text[..<key.upperBound]), String(text[text.utf8.index(after: key.upperBound)...]))
    }
}

extension Hit {
    /// Writes the hit as `{"id", "kind", "score", "record", "highlights"}`.
    public func writeJSON(to w: inout JSONWriter) {
        w.beginObject()
        w.key("id"); w.string(id)
        w.key("kind"); w.string(kind)
        w.key("score"); w.double(score)
        w.key("record")
        if let record { record.writeJSON(to: &w, masked: true) } else { w.null() }
        w.key("highlights"); w.beginObject()
        for h in highlights {
            w.key(h.field); w.beginArray()
            for s in h.snippets { w.string(s) }
            w.endArray()
        }
        w.endObject()
        w.endObject()
    }
}

extension Facet {
    /// Writes facets as `{"field": [{"value", "count", "amount_sum"}]}`.
    public static func writeJSON(_ facets: [Facet], to w: inout JSONWriter) {
        w.beginObject()
        for facet in facets {
            w.key(facet.field); w.beginArray()
            for v in facet.values {
                w.beginObject()
                w.key("value"); w.string(v.value)
                w.key("count"); w.int(v.count)
                w.key("amount_sum"); w.string(Money.format(fen: v.amountSumFen))
                w.endObject()
            }
            w.endArray()
        }
        w.endObject()
    }
}
