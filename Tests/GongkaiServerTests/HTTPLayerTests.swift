import Foundation
import Gongkai
import Testing
@testable import GongkaiServer

/// The HTTP layer over a canned backend, through a live server and real sockets.
@Suite("HTTP layer (canned backend)")
struct HTTPLayerTests {
    let backend = CannedBackend()

    @Test func healthzReportsRecordCount() async throws {
        try await withServer(backend: backend) { port in
            let response = try await RawHTTP.request(port: port, target: "/healthz")
            #expect(response.status == 200)
            #expect(response.header("Content-Type") == "application/json; charset=utf-8")
            let json = try response.json()
            #expect(json["status"] as? String == "ok")
            #expect(json["records"] as? Int == 2)
        }
    }

    @Test func searchPassesResultJSONThrough() async throws {
        try await withServer(backend: backend) { port in
            let response = try await RawHTTP.request(port: port, target: "/search?q=%E6%B0%B4%E7%A8%BB&limit=5&level=%E6%9D%91%E7%BA%A7")
            #expect(response.status == 200)
            #expect(response.header("Content-Type") == "application/json; charset=utf-8")
            let expected = try backend.search(SearchRequest(limit: 5)).json()
            // took_us comes from the backend, so the whole body is byte-for-byte result.json().
            #expect(response.text == expected)
            let json = try response.json()
            #expect(json["total"] as? Int == 2)
            #expect(json["amount_sum"] as? String == "1234.50")
        }
    }

    @Test(arguments: [
        ("sort=popular", "sort"),
        ("limit=0", "limit"),
        ("limit=1001", "limit"),
        ("limit=ten", "limit"),
        ("offset=-1", "offset"),
        ("year=2018..abc", "year"),
        ("year=2019..2018", "backwards"),
        ("q=" + String(repeating: "%E7%A8%BB", count: 257), "256"),
        ("q=%ZZ", "percent"),
        ("q=abc%", "percent"),
        ("q=%E6%B0", "UTF-8"),
        ("q=%FF%FE", "UTF-8"),
        ("%FF=1", "UTF-8"),
        ("Level=x", "field name"),
    ])
    func badSearchRequestsAnswer400(query: String, mentions: String) async throws {
        try await withServer(backend: backend) { port in
            let response = try await RawHTTP.request(port: port, target: "/search?" + query)
            #expect(response.status == 400, "\(query)")
            #expect(response.header("Content-Type") == "application/json; charset=utf-8")
            let json = try response.json()
            let message = try #require(json["error"] as? String)
            #expect(message.localizedCaseInsensitiveContains(mentions), "\(query): \(message)")
            #expect(json.count == 1)
            // The server keeps serving after a client mistake.
            #expect(try await RawHTTP.request(port: port, target: "/healthz").status == 200)
        }
    }

    @Test func queryOf256CharactersIsAccepted() async throws {
        try await withServer(backend: backend) { port in
            let response = try await RawHTTP.request(port: port, target: "/search?q=" + String(repeating: "%E7%A8%BB", count: 256))
            #expect(response.status == 200)
        }
    }

    @Test func queryStringDecoding() throws {
        let parameters = try QueryParameters.parse(target: "/search?q=%E6%B0%B4+%E7%A8%BB&level=a%2Bb&&facet=town&facet=item&empty&x=#frag")
        #expect(parameters.map(\.name) == ["q", "level", "facet", "facet", "empty", "x"])
        #expect(parameters.map(\.value) == ["水 稻", "a+b", "town", "item", "", ""])
        #expect(try QueryParameters.parse(target: "/search").isEmpty)
        #expect(try QueryParameters.decodePathSegment("a%2Fb+c") == "a/b+c")
        #expect(throws: APIError.self) { try QueryParameters.parse(target: "/s?q=%G0") }
        #expect(throws: APIError.self) { try QueryParameters.parse(target: "/s?q=%C3%28") }
        #expect(throws: APIError.self) { try QueryParameters.parse(target: "/s?q=%ED%A0%80") }  // surrogate
        let request = try SearchRequest(target: "/search?q=%E6%B0%B4&facet=town,village&year=2016..2018&sort=amount&offset=20")
        #expect(request.query == "水")
        #expect(request.facets == ["town", "village"])
        #expect(request.sort == .amount)
        #expect(request.offset == 20)
        #expect(request.filters == [Filter(field: "year", condition: .range(lower: 2016, upper: 2018))])
    }

    @Test func recordIsMaskedAndIdIsPercentDecoded() async throws {
        try await withServer(backend: backend) { port in
            let payout = try await RawHTTP.request(port: port, target: "/records/p1")
            #expect(payout.status == 200)
            #expect(payout.header("Content-Type") == "application/json; charset=utf-8")
            #expect(try payout.json()["id_number"] as? String == "110101********1234")
            #expect(unmaskedIDNumbers(in: payout.text).isEmpty)

            let guide = try await RawHTTP.request(port: port, target: "/records/a%2Fb%20c+d")
            #expect(guide.status == 200)
            #expect(try guide.json()["id"] as? String == "a/b c+d")
        }
    }

    @Test func unknownRecordIs404() async throws {
        try await withServer(backend: backend) { port in
            let response = try await RawHTTP.request(port: port, target: "/records/nope%E6%B0%B4")
            #expect(response.status == 404)
            #expect(try response.json()["error"] as? String == "no record has id \"nope水\"")
            let bad = try await RawHTTP.request(port: port, target: "/records/%FF")
            #expect(bad.status == 400)
        }
    }

    @Test func subsidyChain() async throws {
        try await withServer(backend: backend) { port in
            let response = try await RawHTTP.request(port: port, target: "/subsidies/" + encode("稻谷补贴"))
            #expect(response.status == 200)
            let json = try response.json()
            #expect(json["item"] as? String == "稻谷补贴")
            let stages = try #require(json["stages"] as? [[String: Any]])
            #expect(stages.map { $0["stage"] as? String } == ["决策", "执行", "管理", "服务"])
            let payouts = try #require(json["payouts"] as? [String: Any])
            #expect(payouts["stage"] as? String == "结果")
            #expect(unmaskedIDNumbers(in: response.text).isEmpty)

            let missing = try await RawHTTP.request(port: port, target: "/subsidies/" + encode("不存在的补贴"))
            #expect(missing.status == 404)
            #expect((try missing.json()["error"] as? String)?.contains("不存在的补贴") == true)

            #expect(try await RawHTTP.request(port: port, target: "/subsidies/x?limit=0").status == 400)
            #expect(try await RawHTTP.request(port: port, target: "/subsidies/x?sort=date").status == 400)
        }
    }

    @Test func unknownRouteIsJSON404() async throws {
        try await withServer(backend: backend) { port in
            let response = try await RawHTTP.request(port: port, target: "/nothing/here")
            #expect(response.status == 404)
            #expect(response.header("Content-Type") == "application/json; charset=utf-8")
            #expect(try response.json()["error"] is String)
        }
    }

    @Test(arguments: ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"])
    func writeMethodsAre405(method: String) async throws {
        try await withServer(backend: backend) { port in
            for target in ["/search?q=a", "/records/p1", "/", "/nowhere"] {
                let response = try await RawHTTP.request(port: port, method: method, target: target)
                #expect(response.status == 405, "\(method) \(target)")
                #expect(response.header("Allow") == "GET, HEAD")
                #expect(try response.json()["error"] is String)
            }
        }
    }

    @Test func requestBodyIs413() async throws {
        try await withServer(backend: backend) { port in
            let response = try await RawHTTP.request(port: port, target: "/search?q=a", body: Array("{\"q\":\"a\"}".utf8))
            #expect(response.status == 413)
            #expect(try response.json()["error"] is String)
            let chunked = try await RawHTTP.request(port: port, target: "/healthz", headers: [("Transfer-Encoding", "chunked")],
                                                    body: nil)
            #expect(chunked.status == 413 || chunked.status == 400)
            #expect(try await RawHTTP.request(port: port, target: "/healthz", headers: [("Content-Length", "0")]).status == 200)
        }
    }

    @Test func longURLIs414() async throws {
        try await withServer(backend: backend) { port in
            let base = "/healthz?pad="
            let fits = base + String(repeating: "a", count: RequestLimits.urlBytes - base.utf8.count)
            #expect(try await RawHTTP.request(port: port, target: fits).status == 200)
            let response = try await RawHTTP.request(port: port, target: fits + "a")
            #expect(response.status == 414)
            #expect(try response.json()["error"] is String)
        }
    }

    @Test func largeHeaderBlockIs431() async throws {
        try await withServer(backend: backend) { port in
            let small = try await RawHTTP.request(port: port, target: "/healthz", headers: [("X-Pad", String(repeating: "a", count: 12_000))])
            #expect(small.status == 200)
            let response = try await RawHTTP.request(port: port, target: "/healthz",
                                                     headers: [("X-Pad", String(repeating: "a", count: 9000)),
                                                               ("X-Pad2", String(repeating: "b", count: 9000))])
            #expect(response.status == 431)
            #expect(try response.json()["error"] is String)
        }
    }

    @Test func headAnswersWithoutBody() async throws {
        try await withServer(backend: backend) { port in
            let response = try await RawHTTP.request(port: port, method: "HEAD", target: "/healthz")
            #expect(response.status == 200)
            #expect(response.body.isEmpty)
        }
    }

    @Test func pageAndAssets() async throws {
        try await withServer(backend: backend) { port in
            let page = try await RawHTTP.request(port: port, target: "/?q=%E6%B0%B4%E7%A8%BB")
            #expect(page.status == 200)
            #expect(page.header("Content-Type") == "text/html; charset=utf-8")
            #expect(page.text.hasPrefix("<!doctype html>"))
            #expect(page.text.contains("补贴项目"))
            #expect(!page.text.contains("http://") && !page.text.contains("https://"))
            let script = try await RawHTTP.request(port: port, target: "/app.js")
            #expect(script.status == 200)
            #expect(script.header("Content-Type") == "text/javascript; charset=utf-8")
            #expect(!script.text.contains("http://") && !script.text.contains("https://"))
            let style = try await RawHTTP.request(port: port, target: "/style.css")
            #expect(style.header("Content-Type") == "text/css; charset=utf-8")
        }
    }

    @Test func openAPIDocument() async throws {
        try await withServer(backend: backend) { port in
            let response = try await RawHTTP.request(port: port, target: "/openapi.json")
            #expect(response.status == 200)
            #expect(response.header("Content-Type") == "application/json; charset=utf-8")
            let json = try response.json()
            #expect(json["openapi"] as? String == "3.1.0")
            let paths = try #require(json["paths"] as? [String: Any])
            #expect(Set(paths.keys) == ["/search", "/records/{id}", "/subsidies/{item}", "/healthz", "/", "/openapi.json"])
        }
    }

    @Test func twoHundredConcurrentRequests() async throws {
        try await withServer(backend: backend) { port in
            let targets = ["/search?q=a", "/healthz", "/records/p1", "/search?limit=0", "/subsidies/" + encode("稻谷补贴")]
            let statuses = try await withThrowingTaskGroup(of: (String, Int).self) { group in
                for i in 0..<200 {
                    let target = targets[i % targets.count]
                    group.addTask { (target, try await RawHTTP.request(port: port, target: target).status) }
                }
                return try await group.reduce(into: [(String, Int)]()) { $0.append($1) }
            }
            #expect(statuses.count == 200)
            for (target, status) in statuses {
                #expect(status == (target.contains("limit=0") ? 400 : 200), "\(target)")
            }
        }
    }

    @Test func noResponseCarriesAnUnmaskedIDNumber() async throws {
        try await withServer(backend: backend) { port in
            for target in ["/search?q=a", "/search?id_number=" + CannedBackend.idNumber, "/records/p1",
                           "/subsidies/" + encode("稻谷补贴"), "/healthz", "/records/" + CannedBackend.idNumber] {
                let response = try await RawHTTP.request(port: port, target: target)
                // A filter value or a missing id may be echoed in an error: never an 18-character number.
                #expect(unmaskedIDNumbers(in: response.text).isEmpty, "\(target): \(response.text.prefix(300))")
            }
        }
    }
}
