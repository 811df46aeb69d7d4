import GongkaiIndex

/// One search: query words, filters, a page, an order and the facets to count.
public struct SearchRequest: Sendable, Hashable {
    /// The fields whose value counts are always reported.
    public static let defaultFacets = ["kind", "item", "level", "town", "year"]

    /// The query text; split on white space into words, all of which must match.
    public var query: String
    /// The filters; all must hold.
    public var filters: [Filter]
    /// The page size, 1 to ``SearchLimits/limit``.
    public var limit: Int
    /// How many hits to skip.
    public var offset: Int
    /// The order of hits.
    public var sort: SortOrder
    /// Extra fields to count values of, beyond ``defaultFacets``.
    public var facets: [String]
    /// Whether hits carry their (masked) records and highlighted snippets. Benchmarks that
    /// measure matching alone turn this off.
    public var includeRecords: Bool
    /// Whether the engine's caches may answer (and remember) this search: its match cache of
    /// large word and filter matches per segment, and its cache of whole answers per commit.
    /// Results are identical either way; benchmarks turn it off to time cold matching.
    public var useCache = true

    /// Creates a request.
    public init(query: String = "", filters: [Filter] = [], limit: Int = 20, offset: Int = 0,
                sort: SortOrder = .relevance, facets: [String] = [], includeRecords: Bool = true) {
        self.query = query
        self.filters = filters
        self.limit = limit
        self.offset = offset
        self.sort = sort
        self.facets = facets
        self.includeRecords = includeRecords
    }

    /// Checks every bound of ``SearchLimits``.
    public func validate() throws(QueryError) {
        // Every character takes a byte or more: counting characters (grapheme breaking, about
        // a hundred instructions each) is needed only past that many bytes.
        guard query.utf8.count <= SearchLimits.queryLength || query.count <= SearchLimits.queryLength else {
            throw QueryError("the query is longer than \(SearchLimits.queryLength) characters")
        }
        guard (1...SearchLimits.limit).contains(limit) else {
            throw QueryError("limit must be from 1 to \(SearchLimits.limit), not \(limit)")
        }
        guard (0...SearchLimits.offset).contains(offset) else {
            throw QueryError("offset must be from 0 to \(SearchLimits.offset), not \(offset)")
        }
        guard filters.count <= SearchLimits.filters else {
            throw QueryError("a search may have at most \(SearchLimits.filters) filters")
        }
        guard facets.count <= SearchLimits.facets else {
            throw QueryError("a search may name at most \(SearchLimits.facets) extra facets")
        }
        for facet in facets {
            guard FieldNameRule.isValid(facet) else { throw QueryError("facet \"\(facet.prefix(40))\" is not a field name") }
            guard facet != "id_number", facet != "id" else { throw QueryError("\(facet) cannot be counted as a facet") }
        }
    }

    /// Builds a request from URL query parameters, in order: `q`, `limit`, `offset`, `sort`,
    /// `facet` (repeatable or comma-separated), and any other name as a filter on that field.
    public init(parameters: [(name: String, value: String)]) throws(QueryError) {
        self.init()
        for (name, value) in parameters {
            switch name {
            case "q": query = value
            case "limit": limit = try Self.integer(value, name: "limit")
            case "offset": offset = try Self.integer(value, name: "offset")
            case "sort": sort = try SortOrder(parsing: value)
            case "facet": facets += value.split(separator: ",").map(String.init)
            default:
                guard filters.count < SearchLimits.filters else { throw QueryError("a search may have at most \(SearchLimits.filters) filters") }
                filters.append(try Filter(field: name, value: value))
            }
        }
        try validate()
    }

    static func integer(_ text: String, name: String) throws(QueryError) -> Int {
        guard text.utf8.count <= 9, let v = Int(text) else { throw QueryError("\(name) must be a whole number, not \"\(text.prefix(20))\"") }
        return v
    }
}
