import Gongkai
@testable import GongkaiServer

/// A backend with fixed answers, so the HTTP layer (routing, decoding, limits, error mapping,
/// assets) is tested on its own, whatever state the engine is in. Its search ignores the
/// query: it returns every record (paged), with a title highlight, so the tests can see the
/// server pass `SearchResult.json()` through untouched.
struct CannedBackend: SearchBackend {
    static let idNumber = "110101199003071234"

    let records: [Record] = [
        Record(id: "p1", kind: "payout", fields: [
            .init(name: "item", value: .string("稻谷补贴")), .init(name: "level", value: .string("村级")),
            .init(name: "recipient", value: .string("胡小弟")), .init(name: "id_number", value: .string(CannedBackend.idNumber)),
            .init(name: "town", value: .string("青浦镇")), .init(name: "amount", value: .number("1234.50")),
            .init(name: "year", value: .number("2018")),
        ]),
        Record(id: "a/b c+d", kind: "guide", fields: [
            .init(name: "title", value: .string("水稻种植补贴申领指南")), .init(name: "subsidy_item", value: .string("稻谷补贴")),
        ]),
    ]

    func search(_ request: SearchRequest) throws -> SearchResult {
        let page = records.dropFirst(request.offset).prefix(request.limit)
        let hits = page.map {
            Hit(id: $0.id, kind: $0.kind, score: 1.5, record: $0,
                highlights: [Highlight(field: "title", snippets: ["<mark>水稻</mark>种植 &lt;b&gt;"])])
        }
        return SearchResult(total: records.count, tookMicroseconds: 7, amountSumFen: 123_450, hits: Array(hits),
                            facets: [Facet(field: "level", values: [.init(value: "村级", count: 1, amountSumFen: 123_450)])])
    }

    func record(id: String) throws(EngineError) -> Record? {
        records.first { $0.id == id }
    }

    func chain(item: String, limit: Int) throws -> SubsidyChain {
        let payouts = try search(SearchRequest(limit: limit))
        guard item == "稻谷补贴" else {
            return SubsidyChain(item: item, policies: [], procedures: [], inspections: [], feedback: [],
                                payouts: SearchResult(total: 0, tookMicroseconds: 1, amountSumFen: 0, hits: [], facets: []))
        }
        return SubsidyChain(item: item, policies: [], procedures: [records[1]], inspections: [], feedback: [],
                            payouts: SearchResult(total: 1, tookMicroseconds: 1, amountSumFen: 123_450,
                                                  hits: Array(payouts.hits.prefix(1)), facets: payouts.facets))
    }

    func recordCount() throws(EngineError) -> Int { records.count }
}
