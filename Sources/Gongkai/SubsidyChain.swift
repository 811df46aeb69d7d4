/// The whole disclosure chain of one subsidy item (打包公开, contract §6), in stage order.
public struct SubsidyChain: Sendable {
    /// The subsidy item.
    public var item: String
    /// 决策: regulations with `subsidy_item` = the item (other than 管理/服务 records).
    public var policies: [Record]
    /// 执行: guides with `subsidy_item` = the item.
    public var procedures: [Record]
    /// 管理: records with `stage` = 管理 for the item.
    public var inspections: [Record]
    /// 服务: records with `stage` = 服务 for the item.
    public var feedback: [Record]
    /// 结果: the item's payouts — totals by level, year and town, and the first page of rows.
    public var payouts: SearchResult

    /// Creates a chain.
    public init(item: String, policies: [Record], procedures: [Record], inspections: [Record], feedback: [Record], payouts: SearchResult) {
        self.item = item
        self.policies = policies
        self.procedures = procedures
        self.inspections = inspections
        self.feedback = feedback
        self.payouts = payouts
    }

    /// The chain as JSON: `{"item", "stages": [{"stage", "name", "records"}], "payouts":
    /// {"total", "amount_sum", "by_level", "by_year", "by_town", "rows"}}`.
    public func json() -> String {
        var w = JSONWriter()
        w.beginObject()
        w.key("item"); w.string(item)
        w.key("stages"); w.beginArray()
        for (stage, name, records) in [("决策", "policy", policies), ("执行", "procedure", procedures),
                                       ("管理", "inspection", inspections), ("服务", "feedback", feedback)] {
            w.beginObject()
            w.key("stage"); w.string(stage)
            w.key("name"); w.string(name)
            w.key("records"); w.beginArray()
            for r in records { r.writeJSON(to: &w, masked: true) }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        w.key("payouts"); w.beginObject()
        w.key("stage"); w.string("结果")
        w.key("total"); w.int(payouts.total)
        w.key("amount_sum"); w.string(payouts.amountSum)
        for (key, field) in [("by_level", "level"), ("by_year", "year"), ("by_town", "town")] {
            w.key(key)
            Facet.writeJSON(payouts.facets.filter { $0.field == field }, to: &w)
        }
        w.key("rows"); w.beginArray()
        for hit in payouts.hits { hit.record?.writeJSON(to: &w, masked: true) }
        w.endArray()
        w.endObject()
        w.endObject()
        return w.text
    }
}
