import Foundation
import Gongkai
import Testing
@testable import GongkaiServer

/// The server over the real engine and the fixture index (``Fixture``), through a live server
/// and real sockets. These need the engine's bodies; until they land they fail at the fixture.
@Suite("Server over the real engine")
struct EngineEndToEndTests {
    @Test func healthzCountsFixtureRecords() async throws {
        let engine = try Fixture.engine()
        try await withServer(engine: engine) { port in
            let json = try await RawHTTP.request(port: port, target: "/healthz").json()
            #expect(json["status"] as? String == "ok")
            #expect(json["records"] as? Int == Fixture.count)
        }
    }

    @Test func searchFindsPayoutsWithFacetsAndSum() async throws {
        let engine = try Fixture.engine()
        try await withServer(engine: engine) { port in
            let response = try await RawHTTP.request(port: port, target: "/search?q=" + encode("水稻") + "&limit=100")
            #expect(response.status == 200)
            // The HTTP body is exactly the engine's JSON, apart from the timing.
            let direct = try engine.search(SearchRequest(query: "水稻", limit: 100))
            let json = try response.json()
            #expect(json["total"] as? Int == direct.total)
            #expect(json["amount_sum"] as? String == direct.amountSum)
            #expect(direct.total > 0)
            let facets = try #require(json["facets"] as? [String: Any])
            for field in SearchRequest.defaultFacets { #expect(facets[field] != nil, "facet \(field)") }

            let village = try await RawHTTP.request(port: port, target: "/search?item=" + encode("水稻种植补贴") + "&level=" + encode("村级"))
            let villageJSON = try village.json()
            let hits = try #require(villageJSON["hits"] as? [[String: Any]])
            #expect(!hits.isEmpty)
            for hit in hits {
                let record = try #require(hit["record"] as? [String: Any])
                #expect(record["level"] as? String == "村级")
            }

            let ranged = try await RawHTTP.request(port: port, target: "/search?kind=payout&year=2016..2017&sort=amount&limit=1000")
            #expect(ranged.status == 200)
            #expect(try ranged.json()["total"] as? Int == 16)
        }
    }

    @Test func aRepeatedTargetIsAnsweredFromTheCacheWithTheSameBody() async throws {
        let engine = try Fixture.engine()
        try await withServer(engine: engine) { port in
            func withoutTook(_ body: [UInt8]) -> String {
                String(decoding: body, as: UTF8.self).replacing(/"took_us":\d+/, with: "\"took_us\":0")
            }
            let target = "/search?q=" + encode("水稻") + "&level=" + encode("村级") + "&limit=5"
            let first = try await RawHTTP.request(port: port, target: target)
            let second = try await RawHTTP.request(port: port, target: target)
            // The same search written another way (parameters reordered) is another key.
            let reordered = try await RawHTTP.request(port: port, target: "/search?limit=5&level=" + encode("村级") + "&q=" + encode("水稻"))
            #expect(first.status == 200 && second.status == 200 && reordered.status == 200)
            #expect(withoutTook(second.body) == withoutTook(first.body))
            #expect(withoutTook(reordered.body) == withoutTook(first.body))
            #expect(try first.json()["total"] as? Int == engine.search(SearchRequest(query: "水稻", filters: [Filter(field: "level", value: "村级")])).total)
            // A bad target is refused every time, cached or not.
            for _ in 0..<2 { #expect(try await RawHTTP.request(port: port, target: "/search?limit=x").status == 400) }
        }
    }

    @Test func recordAndChain() async throws {
        let engine = try Fixture.engine()
        try await withServer(engine: engine) { port in
            let record = try await RawHTTP.request(port: port, target: "/records/pay-0")
            #expect(record.status == 200)
            #expect(try record.json()["id_number"] as? String == "310229********2345")
            #expect(try await RawHTTP.request(port: port, target: "/records/pay-999").status == 404)

            let chain = try await RawHTTP.request(port: port, target: "/subsidies/" + encode("水稻种植补贴"))
            #expect(chain.status == 200)
            let json = try chain.json()
            let stages = try #require(json["stages"] as? [[String: Any]])
            #expect(stages.map { $0["stage"] as? String } == ["决策", "执行", "管理", "服务"])
            for stage in stages { #expect((stage["records"] as? [Any])?.count == 1, "\(stage["stage"] ?? "")") }
            let payouts = try #require(json["payouts"] as? [String: Any])
            #expect(payouts["total"] as? Int == 15)
            #expect(try await RawHTTP.request(port: port, target: "/subsidies/" + encode("没有这个补贴")).status == 404)
        }
    }

    @Test func concurrentSearchesAllSucceed() async throws {
        let engine = try Fixture.engine()
        try await withServer(engine: engine) { port in
            let queries = ["水稻", "补贴", "12345热线", "农户1号", "耕地"]
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for i in 0..<200 {
                    let q = queries[i % queries.count]
                    group.addTask { try await RawHTTP.request(port: port, target: "/search?q=" + encode(q)).status }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses == Array(repeating: 200, count: 200))
        }
    }

    @Test func noResponseCarriesAnUnmaskedIDNumber() async throws {
        let engine = try Fixture.engine()
        try await withServer(engine: engine) { port in
            var targets = ["/search?limit=1000", "/search?q=" + encode("农户") + "&limit=1000",
                           "/search?facet=id_number", "/search?facet=recipient,village&limit=1000",
                           "/subsidies/" + encode("水稻种植补贴") + "?limit=1000",
                           "/subsidies/" + encode("耕地地力保护补贴") + "?limit=1000"]
            targets += (0..<30).map { "/records/pay-\($0)" }
            targets += Fixture.idNumbers.flatMap { ["/search?id_number=\($0)&limit=1000", "/search?q=\($0)", "/records/\($0)"] }
            for target in targets {
                let response = try await RawHTTP.request(port: port, target: target)
                #expect(unmaskedIDNumbers(in: response.text).isEmpty, "\(target): \(response.text.prefix(300))")
            }
            // Filtering by an exact ID number works, and still answers masked.
            let byID = try await RawHTTP.request(port: port, target: "/search?id_number=\(Fixture.idNumbers[0])&limit=1000")
            #expect(try byID.json()["total"] as? Int == 10)
        }
    }
}
