/// Writes the generic kinds: market supervision inspection records (`inspection`) and meeting
/// notices (`meeting`).
struct GenericRecordGenerator {
    let vocab: Vocabulary
    let seed: UInt64

    private static let checks: [(String, [String])] = [
        ("食品安全监督检查", ["许可证件在有效期内并按规定公示", "从业人员健康证明齐全", "进货查验记录完整", "食品贮存条件符合要求"]),
        ("特种设备安全检查", ["电梯维护保养记录按期填写", "安全管理人员持证上岗", "设备定期检验合格标志张贴", "应急救援预案按时演练"]),
        ("价格行为检查", ["商品明码标价", "收费项目和标准公示", "无价格欺诈行为"]),
        ("计量器具监督检查", ["计量器具经检定合格", "电子计价秤铅封完好", "计量偏差在允许范围内"]),
        ("药品经营质量检查", ["执业药师在岗", "处方药凭处方销售", "温湿度监测记录完整", "购销票据可追溯"]),
        ("产品质量监督抽查", ["产品标识标注规范", "出厂检验报告齐全", "抽样产品检验合格"]),
        ("农资市场专项检查", ["农药经营许可证有效", "限用农药实行专柜销售", "农资购销台账完整"]),
    ]

    private static let shops = ["超市有限公司", "餐饮店", "便利店", "农资经营部", "大药房有限公司", "食品有限公司", "饭店", "电梯工程有限公司", "物业管理有限公司"]

    private static let results = ["符合要求", "符合要求", "符合要求", "基本符合，已当场整改", "责令限期整改", "立案调查"]

    /// `count` inspection lines, ids `inspection-0001`…
    func inspections(count: Int) -> [[UInt8]] {
        var rng = SeededGenerator(seed: seed, stream: 4)
        return (0..<count).map { i in
            let town = rng.pick(vocab.towns)
            let (check, points) = rng.pick(Self.checks)
            let shop = rng.pick(Self.shops)
            let entity = shop.hasSuffix("公司") || shop.hasSuffix("有限公司")
                ? "上海\(rng.pick(vocab.brands))\(shop)"
                : "金山区\(town.name)\(rng.pick(vocab.surnames))记\(shop)"
            let result = rng.pick(Self.results)
            let (y, m, d) = CalendarDates.draw(year: 2017 + rng.below(9), months: 1...12, rng: &rng)
            let inspector = rng.chance(75) ? "金山区市场监督管理局\(town.name.dropLast())市场监督管理所" : "金山区市场监督管理局执法大队"
            let checked = rng.sample(points, count: 2 + rng.below(points.count - 1))
            var tail: String
            switch result {
            case "符合要求": tail = "未发现违法违规行为，检查结果为符合要求。"
            case "责令限期整改": tail = "发现\(rng.pick(["台账记录不完整", "部分商品未明码标价", "个别从业人员健康证明过期", "设备检验标志未张贴"]))等问题，已下达责令改正通知书，限\(rng.pick([3, 5, 7, 15]))日内整改完毕并复查。"
            case "立案调查": tail = "发现涉嫌违法行为，已依法立案调查，相关情况待调查终结后依法公示。"
            default: tail = "发现的轻微问题已督促当事人当场整改到位。"
            }
            let body = TextKit.paragraphs([
                "\(CalendarDates.chinese(y, m, d))，\(inspector)执法人员\(rng.pick(["两", "三"]))名依据“双随机、一公开”抽查计划，对\(entity)开展\(check)。",
                "检查内容包括：" + checked.joined(separator: "；") + "。",
                tail,
            ])
            var line = JSONLine()
            line.add("id", "inspection-" + TextKit.padded(i + 1, width: 4))
            line.add("kind", "inspection")
            line.add("title", "\(entity)\(check)结果公示")
            line.add("entity", entity)
            line.add("inspector", inspector)
            line.add("result", result)
            line.add("date", CalendarDates.iso(y, m, d))
            line.add("town", town.name)
            line.add("body", body)
            return line.finish()
        }
    }

    private static let agendaPool = [
        "审议《金山区涉农补贴资金管理办法（修订稿）》", "听取全区春耕生产准备情况汇报", "研究部署农村人居环境整治工作",
        "审议区级财政预算执行情况", "研究政务公开标准化规范化试点推进工作", "听取乡村振兴示范村建设进展情况",
        "研究防汛防台工作安排", "审议安全生产专项整治方案", "听取涉农补贴信息公开专栏运行情况汇报",
        "研究农村集体经济组织收益分配事项", "审议就业促进专项资金使用方案", "听取“一网通办”工作推进情况",
        "研究秸秆综合利用和禁烧工作", "审议区政府重大行政决策事项目录", "研究营商环境优化措施",
    ]

    /// `count` meeting lines, ids `meeting-0001`…
    func meetings(count: Int) -> [[UInt8]] {
        var rng = SeededGenerator(seed: seed, stream: 5)
        var sessions = 40 + rng.below(20)
        return (0..<count).map { i in
            let (y, m, d) = CalendarDates.draw(year: 2016 + (i * 10) / max(1, count), months: 1...12, rng: &rng)
            let agenda = rng.sample(Self.agendaPool, count: 2 + rng.below(3))
            let kind = rng.weighted([50, 30, 20])
            let title: String
            switch kind {
            case 0: sessions += 1; title = "金山区人民政府第\(sessions)次常务会议"
            case 1: title = "区农业农村委\(y)年第\(1 + rng.below(24))次主任办公会议"
            default: title = "关于召开\(y)年全区\(rng.pick(["涉农补贴工作推进会", "政务公开工作会议", "农业生产工作会议"]))的通知"
            }
            let place = rng.pick(["区政府第一会议室", "区行政中心3号楼第二会议室", "区农业农村委大会议室"])
            let attend = rng.pick(["区政府领导，各镇（街道、工业区）分管领导，区有关部门主要负责同志",
                                   "委领导班子成员，各科室、事业单位负责人", "区人大代表、区政协委员和居民代表列席"])
            let body = TextKit.paragraphs([
                "时间：\(CalendarDates.chinese(y, m, d))\(rng.pick(["上午9:00", "下午2:00", "上午9:30"]))",
                "地点：\(place)",
                "参加人员：\(attend)。",
                "会议议题：" + agenda.enumerated().map { "\($0.offset + 1).\($0.element)" }.joined(separator: "；") + "。",
                rng.pick(["请参会人员提前10分钟到场签到，因故不能出席的须向会务组请假。",
                          "会议议题及审议结果将通过区政府门户网站向社会公开。",
                          "会议实行网络直播，欢迎市民通过政务新媒体关注并留言。"]),
            ])
            var line = JSONLine()
            line.add("id", "meeting-" + TextKit.padded(i + 1, width: 4))
            line.add("kind", "meeting")
            line.add("title", title)
            line.add("agenda", agenda)
            line.add("date", CalendarDates.iso(y, m, d))
            line.add("body", body)
            return line.finish()
        }
    }
}
