/// Writes the 327 service guides (办事指南): one application guide for each subsidy item and the
/// rest across the district's departments, each with the ten elements a published guide carries.
struct GuideGenerator {
    let vocab: Vocabulary
    let seed: UInt64

    /// The total number of guides, as in the district's published catalogue.
    static let count = 327

    /// The guides' JSON lines, ids `guide-0001`…
    func lines() -> [[UInt8]] {
        var rng = SeededGenerator(seed: seed, stream: 2)
        var out: [[UInt8]] = []
        let others = Array(vocab.guideTitles.prefix(Self.count - vocab.items.count))
        var n = 0
        func nextID() -> String { n += 1; return "guide-" + TextKit.padded(n, width: 4) }
        for (dept, title) in others {
            out.append(general(id: nextID(), title: title, department: vocab.department(dept), rng: &rng))
        }
        for item in vocab.items {
            out.append(subsidy(id: nextID(), item: item, rng: &rng))
        }
        return out
    }

    private func timeLimit(_ rng: inout SeededGenerator) -> String {
        let legal = rng.pick([10, 15, 20, 20, 30])
        let promised = max(1, legal / rng.pick([2, 3, 4]))
        return rng.pick(["法定\(legal)个工作日，承诺\(promised)个工作日",
                         "法定办结时限\(legal)个工作日；承诺办结时限\(promised)个工作日",
                         "承诺\(promised)个工作日（法定\(legal)个工作日）"])
    }

    private func fee(_ rng: inout SeededGenerator, title: String) -> String {
        if title.contains("不动产登记") { return rng.pick(["住宅类每件收取登记费80元", "非住宅类每件收取登记费550元"]) }
        if rng.chance(92) { return rng.pick(["不收费", "不收费", "本事项不收取任何费用"]) }
        return "收取工本费\(rng.pick([5, 10, 20]))元"
    }

    private func mode(_ rng: inout SeededGenerator) -> String {
        ["全程网办", "最多跑一次", "窗口办理"][rng.weighted([45, 40, 15])]
    }

    private func basis(_ laws: [String], _ rng: inout SeededGenerator) -> String {
        let cited = rng.sample(laws.isEmpty ? ["《中华人民共和国行政许可法》"] : laws, count: 1 + rng.below(2))
        return cited.map { "\($0)第\(TextKit.numeral(2 + rng.below(60)))条" }.joined(separator: "；")
    }

    private static let commonMaterials = [
        "申请人有效身份证件（原件，现场核验）", "法定代表人身份证明及复印件1份", "授权委托书及受托人身份证件（委托办理的）",
        "营业执照副本复印件（加盖公章）", "经营场所使用证明（产权证明或租赁合同）", "相关平面布局图及设施设备清单",
        "近期一寸免冠照片2张", "户口簿或居住证（原件及复印件）", "承诺书（按规定格式填写）", "相关证明材料（按实际情形提供）",
    ]

    private func general(id: String, title: String, department: Department, rng: inout SeededGenerator) -> [UInt8] {
        let base = title.split(separator: "（").first.map(String.init) ?? title
        let isPermit = base.hasSuffix("许可") || base.hasSuffix("核发") || base.hasSuffix("审批")
        let objects = isPermit
            ? rng.pick(["在本区范围内从事相关经营活动的法人、非法人组织", "拟在本区开展相关活动的企业及其他组织", "本区辖区内的申请单位"])
            : rng.pick(["符合条件的本区户籍居民", "本区常住人员及相关单位", "符合规定条件的自然人、法人或者其他组织"])
        let conditions = rng.pick([
            "申请材料齐全、符合法定形式；具备与申请事项相适应的场所、设施和人员。",
            "申请人符合法律法规规定的条件，且无不良信用记录；所报材料真实有效。",
            "按规定提交全部材料，经审查符合相关标准和要求。",
        ])
        var materials = ["《\(base)申请表》（原件1份）"]
        materials += rng.sample(Self.commonMaterials, count: 2 + rng.below(4))
        let window = "\(department.window)\(1 + rng.below(40))号窗口（金山区金山大道2000号）"
        let steps = rng.pick([
            "申请人提交材料—窗口受理—部门审查—作出决定—制证送达",
            "网上申报或窗口递交—受理—审核—决定—办结",
            "申请—受理—审查（必要时现场核查）—决定—送达",
        ])
        let md = mode(&rng), tl = timeLimit(&rng)
        let phone = TextKit.phone(&rng)
        let body = TextKit.paragraphs([
            "\(TextKit.heading(1))事项说明。本指南适用于\(title)的申请和办理，由\(department.full)负责实施。",
            "\(TextKit.heading(2))办理方式。本事项实行\(md)，申请人可通过“一网通办”平台提交申请，也可到\(department.window)现场办理。"
                + rng.pick(["材料齐全、符合法定形式的，当场予以受理。", "材料不齐全的，窗口一次性告知需要补正的全部内容。"]),
            "\(TextKit.heading(3))审查要求。" + rng.pick([
                "承办科室对申请材料进行审查，需要现场核查的，指派两名以上工作人员开展核查。",
                "审查中发现申请事项直接关系他人重大利益的，依法告知利害关系人并听取意见。",
                "经审查符合条件的作出准予决定，不符合条件的书面说明理由并告知救济途径。",
            ]),
            "\(TextKit.heading(4))咨询投诉。咨询电话\(phone)，投诉可拨打12345市民服务热线。",
        ])
        var line = JSONLine()
        line.add("id", id)
        line.add("kind", "guide")
        line.add("title", title)
        line.add("department", department.short)
        line.add("basis", basis(department.laws, &rng))
        line.add("objects", objects)
        line.add("conditions", conditions)
        line.add("materials", materials)
        line.add("process", steps)
        line.add("location", window)
        line.add("time_limit", tl)
        line.add("fee", fee(&rng, title: title))
        line.add("mode", md)
        line.add("body", body)
        return line.finish()
    }

    private func subsidyMaterials(_ item: SubsidyItem, _ rng: inout SeededGenerator) -> [String] {
        var m = ["《\(item.name)申请表》（经村委会签字盖章）", "申请人身份证或营业执照复印件", "惠农补贴“一卡通”账户信息"]
        switch item.unit {
        case "亩": m += ["土地承包经营权证或土地流转合同复印件", "种植（经营）面积核实表"]
        case "台": m += ["购机发票原件及复印件", "机具铭牌及人机合影照片", "农机具登记或报废回收证明"]
        case "头": m += ["畜禽养殖备案及存栏、出栏记录", "动物检疫合格证明"]
        case "吨": m += ["商品有机肥购买凭证", "施用地块清单"]
        case "千瓦": m += ["渔业船舶证书复印件", "渔业捕捞或养殖许可证"]
        default: m += ["项目实施方案及验收材料", "财务会计报表或资金使用明细"]
        }
        return m + (rng.chance(40) ? ["其他需要提供的相关证明材料"] : [])
    }

    private func subsidy(id: String, item: SubsidyItem, rng: inout SeededGenerator) -> [UInt8] {
        let dept = vocab.department("区农业农村委")
        let rate = Tenths.format(item.rateTenths[0], decimals: item.rateTenths[0] % 10 == 0 ? 0 : 1)
        let title = rng.pick(["\(item.name)申请", "\(item.name)申报", "\(item.name)的申领"])
        let time = "法定20个工作日，承诺\(rng.pick([5, 7, 10]))个工作日"
        let md = rng.pick(["最多跑一次", "窗口办理", "全程网办"])
        let phone = TextKit.phone(&rng)
        let body = TextKit.paragraphs([
            "\(TextKit.heading(1))补贴对象。\(item.object)。",
            "\(TextKit.heading(2))补贴标准。按\(item.unit)计补，基准标准为每\(item.unit)\(rate)元，"
                + "具体以当年度区农业农村委、区财政局联合下发的文件为准。",
            "\(TextKit.heading(3))办理程序。申请人向所在村提出申请，村委会核实后张榜公示不少于7天；"
                + "公示无异议的，由镇农业服务中心汇总审核报区农业农村委，经复核后由区财政局通过“一卡通”直接拨付。",
            "\(TextKit.heading(4))公开与监督。补贴发放明细在村务公开栏、“金山农业网”及“金山三农”微信公众号公开，"
                + "如有疑问可拨打\(phone)或12316“三农”服务热线反映。",
        ])
        var line = JSONLine()
        line.add("id", id)
        line.add("kind", "guide")
        line.add("title", title)
        line.add("department", dept.short)
        line.add("basis", "《金山区涉农补贴信息公开实施办法（试行）》；《金山区\(item.name)实施办法》第\(TextKit.numeral(3 + rng.below(6)))条")
        line.add("objects", item.object)
        line.add("conditions", rng.pick([
            "申报内容真实，\(item.unit == "亩" ? "面积经村、镇两级核实" : "数量经核查属实")，且当年未因同一事项重复享受补贴。",
            "符合本年度实施方案规定的条件，无虚报冒领记录，按规定程序申报。",
        ]))
        line.add("materials", subsidyMaterials(item, &rng))
        line.add("process", "个人申请—村级初审公示—镇级审核—区级复核—资金拨付—结果公开")
        line.add("location", "所在村村民委员会；镇农业服务中心；\(dept.window)（金山区金山大道2000号）")
        line.add("time_limit", time)
        line.add("fee", "不收费")
        line.add("mode", md)
        line.add("body", body)
        line.add("subsidy_item", item.name)
        line.add("stage", "执行")
        return line.finish()
    }
}
