import GongkaiIndex

extension Record {
    /// The record as the index sees it: text fields (every string and string array except
    /// the keys and the typed `amount` and `date`), exact values of every field but `amount`,
    /// and the typed column values.
    func indexDocument() -> IndexDocument {
        var texts: [(field: String, text: String)] = []
        var keywords: [(field: String, value: String)] = [("id", id), ("kind", kind)]
        texts.reserveCapacity(fields.count)
        keywords.reserveCapacity(fields.count + 2)
        var year: Int32?, amount: Int64?, date: Int32?
        for field in fields {
            if !FieldName.isUntextual(field.name) {
                field.value.forEachText { texts.append((field.name, $0)) }
            }
            if field.name.isFieldName("amount") {
                amount = Self.scalarText(field.value).flatMap { Money.fen($0) }
                continue
            } else if field.name.isFieldName("year") {
                year = Self.scalarText(field.value).flatMap { TypedValue.year($0) }
            } else if field.name.isFieldName("date") {
                date = Self.scalarText(field.value).flatMap { CalendarDate.days($0) }
            }
            field.value.forEachElement { keywords.append((field.name, $0)) }
        }
        return IndexDocument(recordID: id, texts: texts, keywordPairs: keywords, year: year, amountFen: amount, dateDays: date)
    }
}
