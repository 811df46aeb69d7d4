import ArgumentParser
import Foundation
import Gongkai

/// `gongkai search --index DIR [--filter F=V]... [QUERY]`: searches an index.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "search", abstract: "Search an index.")

    @Option(name: .long, help: "The index directory.")
    var index: String

    @Option(name: .long, help: "FIELD=VALUE, or a range on year, amount or date (year=2016..2018). Repeatable.")
    var filter: [String] = []

    @Option(name: .long, help: "Extra field to count values of. Repeatable.")
    var facet: [String] = []

    @Option(name: .long, help: "Hits per page (1–1000).")
    var limit = 20

    @Option(name: .long, help: "Hits to skip.")
    var offset = 0

    @Option(name: .long, help: "relevance, date or amount.")
    var sort = "relevance"

    @Flag(name: .long, help: "Print the JSON document the HTTP endpoint returns.")
    var json = false

    @Option(name: .customLong("repeat"), help: "Run the search this many times and print the median and 99th percentile time.")
    var repetitions: Int = 0

    @Flag(name: .long, help: "Return ids only: no records, no snippets (with --repeat: time matching alone).")
    var idsOnly = false

    @Flag(name: .long, help: "Do not use the engine's match cache (with --repeat: time cold matching).")
    var noCache = false

    @Argument(help: "Query words; all must match.")
    var query: [String] = []

    func run() throws {
        let request: SearchRequest
        do {
            request = SearchRequest(query: query.joined(separator: " "), filters: try filter.map { try Filter(parsing: $0) },
                                    limit: limit, offset: offset, sort: try SortOrder(parsing: sort), facets: facet)
            try request.validate()
        } catch let error as QueryError {
            throw ValidationError(error.message)
        }
        let engine = try SearchEngine.open(directory: index, readOnly: !FileManager.default.isWritableFile(atPath: index))
        var request2 = request
        request2.includeRecords = !idsOnly
        request2.useCache = !noCache
        if repetitions > 0 {
            var times: [Int] = []
            for _ in 0..<repetitions { times.append(try engine.search(request2).tookMicroseconds) }
            times.sort()
            print("\(repetitions) runs: median \(times[times.count / 2]) µs, p99 \(times[min(times.count - 1, times.count * 99 / 100)]) µs")
            return
        }
        let result = try engine.search(request2)
        if json {
            print(result.json())
            return
        }
        print("\(result.total) records, amount total \(result.amountSum) yuan, \(result.tookMicroseconds) µs")
        for (i, hit) in result.hits.enumerated() {
            let title = hit.record.map { r in ["title", "recipient", "item"].compactMap { r.string($0) }.joined(separator: " · ") } ?? ""
            print("\(request.offset + i + 1). [\(hit.kind)] \(hit.id)  \(title)")
            if let amount = hit.record?["amount"] { print("   amount \(amount.elements.first ?? "")") }
            for h in hit.highlights.prefix(2) {
                print("   \(h.field): \(h.snippets[0].replacingOccurrences(of: "<mark>", with: "[").replacingOccurrences(of: "</mark>", with: "]"))")
            }
        }
        for facet in result.facets where !facet.values.isEmpty {
            print("\(facet.field): " + facet.values.prefix(8).map { "\($0.value) \($0.count)" }.joined(separator: ", "))
        }
    }
}
