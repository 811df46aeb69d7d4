import Foundation
import GongkaiIndex

/// One filter: exact equality on a field, or a range on a typed field (`year`, `amount`,
/// `date`). An absent filter means any value.
public struct Filter: Sendable, Hashable {
    /// What a filter requires of its field.
    public enum Condition: Sendable, Hashable {
        /// The field (or one element of an array field) equals the value.
        case equals(String)
        /// The typed field lies within the bounds, both inclusive; `nil` is unbounded.
        case range(lower: Int64?, upper: Int64?)
    }

    /// The field filtered on.
    public var field: String
    /// The condition.
    public var condition: Condition

    /// Creates a filter from parts.
    public init(field: String, condition: Condition) {
        self.field = field
        self.condition = condition
    }

    /// Parses `FIELD=VALUE` as given on the command line.
    public init(parsing text: String) throws(QueryError) {
        guard let eq = text.firstIndex(of: "=") else {
            throw QueryError("filter \"\(text.prefix(40))\" needs the form FIELD=VALUE, for example level=村级")
        }
        try self.init(field: String(text[..<eq]), value: String(text[text.index(after: eq)...]))
    }

    /// Parses a filter value for `field`. On the typed fields `year`, `amount` and `date`, the
    /// value is a single value or a range `LOW..HIGH`, `LOW..` or `..HIGH`, both inclusive.
    public init(field: String, value: String) throws(QueryError) {
        guard FieldNameRule.isValid(field) else {
            throw QueryError("filter field \"\(field.prefix(40))\" is not a field name (lower-case letters, digits and '_')")
        }
        guard value.count <= SearchLimits.filterValueLength else {
            throw QueryError("the filter value for \(field) is longer than \(SearchLimits.filterValueLength) characters")
        }
        self.field = field
        guard TypedValue.rangeFields.contains(field) else {
            condition = .equals(value)
            return
        }
        func bound(_ text: Substring) throws(QueryError) -> Int64? {
            if text.isEmpty { return nil }
            guard let v = TypedValue.columnValue(field: field, text: String(text)) else {
                throw QueryError(Self.typedHint(field: field, value: String(text)))
            }
            return v
        }
        if let dots = value.range(of: "..") {
            let lower = try bound(value[..<dots.lowerBound])
            let upper = try bound(value[dots.upperBound...])
            guard lower != nil || upper != nil else { throw QueryError("the range for \(field) needs at least one bound, as in \(field)=2016..2018") }
            if let lower, let upper, lower > upper {
                throw QueryError("the range for \(field) runs backwards (\(value)); write the smaller bound first")
            }
            condition = .range(lower: lower, upper: upper)
        } else {
            guard let v = try bound(value[...]) else { throw QueryError(Self.typedHint(field: field, value: value)) }
            condition = .range(lower: v, upper: v)
        }
    }

    static func typedHint(field: String, value: String) -> String {
        let shown = "\"\(value.prefix(40))\""
        switch field {
        case "year": return "\(shown) is not a year from 1949 to 2100 (ranges: year=2016..2018)"
        case "amount": return "\(shown) is not an amount in yuan with at most 2 decimals (ranges: amount=1000..)"
        default: return "\(shown) is not a date written YYYY-MM-DD (ranges: date=2018-01-01..2018-06-30)"
        }
    }
}
