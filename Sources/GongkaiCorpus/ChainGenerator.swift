/// Writes `regulations.jsonl`: for each subsidy item its policy (stage 决策), its inspection and
/// acceptance record (管理) and its supervision and feedback record (服务), then other district
/// policy documents that belong to no subsidy.
struct ChainGenerator {
    let vocab: Vocabulary
    let seed: UInt64
    /// How many policy documents without a subsidy to add.
    let others: Int

    private struct DocNumbers {
        var used: [String: Int] = [:]
        /// The next free number of a prefix in a year: `金农委〔2018〕12号`.
        mutating func next(_ prefix: String, _ year: Int, _ rng: inout SeededGenerator) -> String {
            let key = "\(prefix)\(year)"
            let n = (used[key] ?? rng.int(1...8)) + rng.int(1...9)
            used[key] = n
            return "\(prefix)〔\(year)〕\(n)号"
        }
    }

    /// The regulation lines, ids `reg-0001`…
    func lines() -> [[UInt8]] {
        var rng = SeededGenerator(seed: seed, stream: 3)
        var numbers = DocNumbers()
        var out: [[UInt8]] = []
        var n = 0
        func nextID() -> String { n += 1; return "reg-" + TextKit.padded(n, width: 4) }
        for item in vocab.items {
            out.append(policy(id: nextID(), item: item, numbers: &numbers, rng: &rng))
            out.append(inspection(id: nextID(), item: item, rng: &rng))
            out.append(feedback(id: nextID(), item: item, rng: &rng))
        }
        for i in 0..<others {
            out.append(other(id: nextID(), index: i, numbers: &numbers, rng: &rng))
        }
        return out
    }

    private func rateText(_ item: SubsidyItem) -> String {
        let rates = item.rateTenths.map { Tenths.format($0, decimals: $0 % 10 == 0 ? 0 : 1) + "元/\(item.unit)" }
        return rates.count == 1 ? rates[0] : "按类型分档，分别为" + rates.joined(separator: "、")
    }

    private func policy(id: String, item: SubsidyItem, numbers: inout DocNumbers, rng: inout SeededGenerator) -> [UInt8] {
        let year = 2015 + rng.below(4)
        let (y, m, d) = CalendarDates.draw(year: year, months: 1...4, rng: &rng)
        let finance = item.issuer.contains("财政")
        let prefix = finance ? "金财农" : rng.pick(["金农委", "金农委规", "金农委发"])
        let docNumber = numbers.next(prefix, y, &rng)
        let title = rng.pick([
            "关于印发《金山区\(item.name)实施办法》的通知",
            "关于做好\(y)年度\(item.name)工作的通知",
            "金山区\(item.name)实施方案",
        ])
        let levels = item.levels.map { $0.name }
        let share = levels.count > 1
            ? "补贴资金由\(levels.joined(separator: "、"))财政按规定比例分担，\(levels[0])财政承担主要部分。"
            : "补贴资金由区级财政全额承担，纳入年度部门预算统筹安排。"
        let step = item.yearlyStepTenths > 0
            ? "自\(y + 1)年起，标准每年视财力状况适度提高。" : "标准如有调整，另行发文明确。"
        let body = TextKit.paragraphs([
            rng.pick(["为进一步稳定农业生产、提高种养主体积极性，", "为落实国家和本市强农惠农政策，规范补贴资金管理，",
                      "为推动本区\(item.line)生产高质量发展，"])
                + "根据市有关文件精神，结合本区实际，\(title.hasSuffix("方案") ? "制定本方案" : (!title.contains("办法") ? "现就有关事项通知如下" : "制定本办法"))。",
            "\(TextKit.heading(1))补贴对象。\(item.object)。承包地已流转的，补贴发放给实际经营者，另有约定的从其约定。",
            "\(TextKit.heading(2))补贴标准。\(item.name)\(rateText(item))。\(step)\(share)",
            "\(TextKit.heading(3))申报程序。补贴对象向所在村申报，村委会负责核实\(item.unit == "亩" ? "面积" : "数量")并公示，"
                + "镇农业服务中心审核汇总，区农业农村委会同区财政局复核后拨付，资金通过“一卡通”直接发放到户。",
            "\(TextKit.heading(4))监督管理。各镇要将补贴对象、数量和金额在村务公开栏公示不少于7天，"
                + "对弄虚作假、虚报冒领的，追回补贴资金并取消其\(rng.pick(["三", "两"]))年内申报资格。",
            "\(TextKit.heading(5))\(title.hasSuffix("方案") ? "本方案" : (!title.contains("办法") ? "本通知" : "本办法"))自\(CalendarDates.chinese(y, min(12, m + 1), 1))起施行，由金山区农业农村委员会负责解释。",
        ])
        var line = JSONLine()
        line.add("id", id)
        line.add("kind", "regulation")
        line.add("title", title)
        line.add("issuer", finance ? "金山区财政局 金山区农业农村委员会" : (rng.chance(50) ? item.issuer : "\(item.issuer) 金山区财政局"))
        line.add("doc_number", docNumber)
        line.add("date", CalendarDates.iso(y, m, d))
        line.add("body", body)
        line.add("subsidy_item", item.name)
        line.add("stage", "决策")
        return line.finish()
    }

    private func inspection(id: String, item: SubsidyItem, rng: inout SeededGenerator) -> [UInt8] {
        let year = 2018 + rng.below(7)
        let (y, m, d) = CalendarDates.draw(year: year, months: item.months, rng: &rng)
        let towns = rng.sample(vocab.towns.prefix(9).map { $0.name }, count: 3)
        let pct = rng.pick([5, 10, 15, 20])
        let found = rng.below(6)
        let body = TextKit.paragraphs([
            "根据\(item.name)实施办法要求，\(y)年\(m)月，区农业农村委\(item.line)条线会同区财政局、相关镇组成核查组，"
                + "对\(towns.joined(separator: "、"))等镇申报的\(item.name)开展核查验收。",
            "核查采取资料审核与实地抽查相结合的方式，按申报对象的\(pct)%随机抽取，"
                + (item.unit == "亩" ? "利用农用地综合管理平台比对地块面积，并逐户到田间核实种植情况。" : "现场清点核对\(item.unit)数及相关凭证。"),
            found == 0
                ? "经核查，抽查对象申报内容与实际相符，资料齐全，同意按程序拨付补贴资金。"
                : "经核查，发现\(found)户申报数量与实际不符，已责令所在村重新核实并核减，其余对象符合要求，同意拨付。",
            "核查结果已反馈各镇，并在“金山农业网”涉农补贴信息公开专栏公开。",
        ])
        var line = JSONLine()
        line.add("id", id)
        line.add("kind", "regulation")
        line.add("title", "\(y)年度\(item.name)核查验收情况")
        line.add("issuer", "金山区农业农村委员会")
        line.add("date", CalendarDates.iso(y, m, d))
        line.add("body", body)
        line.add("subsidy_item", item.name)
        line.add("stage", "管理")
        return line.finish()
    }

    private func feedback(id: String, item: SubsidyItem, rng: inout SeededGenerator) -> [UInt8] {
        let (y, m, d) = CalendarDates.draw(year: 2018 + rng.below(7), months: 1...12, rng: &rng)
        let phone = TextKit.phone(&rng)
        let body = TextKit.paragraphs([
            "为接受社会监督，现将\(item.name)的咨询、投诉和意见反馈渠道公布如下。",
            "监督举报电话：\(phone)（区农业农村委\(item.line)条线，工作日上午8:30—11:30，下午13:30—17:00）；"
                + "12345市民服务热线；12316“三农”服务热线。",
            "来信地址：金山区金山大道2000号金山区农业农村委员会，邮编201500。",
            rng.pick(["对反映的问题，受理部门在5个工作日内核实，15个工作日内答复。",
                      "收到的意见建议将分类登记、限时办理，办理结果及时向反映人反馈。"]),
        ])
        var line = JSONLine()
        line.add("id", id)
        line.add("kind", "regulation")
        line.add("title", rng.pick(["\(item.name)监督举报渠道", "\(item.name)意见反馈与投诉渠道公告"]))
        line.add("issuer", "金山区农业农村委员会")
        line.add("date", CalendarDates.iso(y, m, d))
        line.add("body", body)
        line.add("subsidy_item", item.name)
        line.add("stage", "服务")
        line.add("hotline", "12345")
        line.add("phone", phone)
        return line.finish()
    }

    private static let topics: [(String, String, String)] = [
        ("农村生活垃圾分类", "金山区人民政府办公室", "金府办发"), ("河长制工作", "金山区人民政府办公室", "金府办发"),
        ("政务公开工作", "金山区人民政府办公室", "金府办发"), ("农村宅基地管理", "金山区人民政府", "金府发"),
        ("农村集体资产管理", "金山区农业农村委员会", "金农委"), ("农村土地承包经营权流转", "金山区农业农村委员会", "金农委"),
        ("安全生产责任制", "金山区人民政府", "金府发"), ("养老服务补贴", "金山区民政局", "金民"),
        ("就业困难人员援助", "金山区人力资源和社会保障局", "金人社"), ("食品安全监管", "金山区市场监督管理局", "金市监"),
        ("乡村振兴示范村建设", "金山区人民政府", "金府发"), ("农业面源污染治理", "金山区农业农村委员会", "金农委"),
        ("中小河道综合整治", "金山区水务局", "金水"), ("村级公益事业一事一议财政奖补", "金山区财政局", "金财农"),
        ("农民合作社规范化建设", "金山区农业农村委员会", "金农委"), ("政府信息公开申请办理", "金山区人民政府办公室", "金府办发"),
        ("重大行政决策程序", "金山区人民政府", "金府发"), ("农村人居环境整治", "金山区人民政府办公室", "金府办发"),
        ("高标准农田建设管护", "金山区农业农村委员会", "金农委"), ("困难群众临时救助", "金山区民政局", "金民"),
    ]

    private func other(id: String, index: Int, numbers: inout DocNumbers, rng: inout SeededGenerator) -> [UInt8] {
        let (topic, issuer, prefix) = Self.topics[index % Self.topics.count]
        let year = 2015 + rng.below(11)
        let (y, m, d) = CalendarDates.draw(year: year, months: 1...12, rng: &rng)
        let kindWord = index < Self.topics.count ? rng.pick(["管理办法", "实施意见", "工作方案"]) : rng.pick(["实施细则", "考核办法", "三年行动计划"])
        let title = "关于印发《金山区\(topic)\(kindWord)》的通知"
        let body = TextKit.paragraphs([
            "各镇人民政府、街道办事处，区政府各委、办、局：",
            "现将《金山区\(topic)\(kindWord)》印发给你们，请认真按照执行。",
            "\(TextKit.heading(1))总体要求。坚持问题导向和目标导向，到\(y + 2)年，全区\(topic)工作机制基本健全，责任体系全面落实。",
            "\(TextKit.heading(2))主要任务。" + rng.pick([
                "明确区、镇、村三级职责，建立工作台账，实行清单化管理和定期通报。",
                "完善制度标准，细化工作流程，推动事项办理全过程留痕、可追溯。",
                "加强部门协同和信息共享，形成横向到边、纵向到底的工作格局。",
            ]),
            "\(TextKit.heading(3))保障措施。各单位要将\(topic)纳入年度重点工作，所需经费列入预算，并接受社会监督。",
            "本文件自印发之日起施行，有效期\(rng.pick(["三", "五"]))年。",
        ])
        var line = JSONLine()
        line.add("id", id)
        line.add("kind", "regulation")
        line.add("title", title)
        line.add("issuer", issuer)
        line.add("doc_number", numbers.next(prefix, y, &rng))
        line.add("date", CalendarDates.iso(y, m, d))
        line.add("body", body)
        return line.finish()
    }
}
