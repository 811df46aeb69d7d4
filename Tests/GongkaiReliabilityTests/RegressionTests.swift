import Foundation
import Testing
import Gongkai
import GongkaiTestSupport

/// Inputs that crashed the engine once, found by the reliability tests.
@Suite struct RegressionTests {
    /// `amount` with 19 or more leading digits overflowed Int64 in `Money.fen` and trapped:
    /// `/search?amount=9999999999999999999` took the whole server down, and the same amount in
    /// an ingested line killed `gongkai ingest`.
    @Test(arguments: ["9999999999999999999", "9223372036854775808", "99999999999999999999999", "9999999999999999999.99",
                      "999999999999999999.99", "1000000000000000.01"])
    func hugeAmountsAreRefusedNotFatal(text: String) throws {
        #expect(Money.fen(text) == nil)
        #expect(throws: QueryError.self) { try Filter(parsing: "amount=\(text)") }
        #expect(throws: QueryError.self) { try Filter(parsing: "amount=1..\(text)") }
        #expect(throws: QueryError.self) { try SearchRequest(parameters: [("amount", text)]) }
        for value in [text, "\"\(text)\""] {
            let line = #"{"id":"1","kind":"payout","item":"x","recipient":"y","year":2018,"amount":\#(value)}"#
            #expect(throws: RecordError.self) { try Record(jsonLine: line) }
        }
    }

    @Test func largestAmountStillParses() {
        #expect(Money.fen("1000000000000000") == Money.maximumFen)
        #expect(Money.fen("1000000000000000.00") == Money.maximumFen)
        #expect(Money.fen("999999999999999.99") == Money.maximumFen - 1)
    }
}
