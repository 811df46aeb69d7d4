import Foundation
import Gongkai
import Synchronization

/// A small real index in a temporary directory: payouts with ID numbers, guides and
/// regulations linked to subsidy items through every stage of the chain.
enum Fixture {
    static let idNumbers = ["310229196501012345", "31022919700202456X", "310229198003036789"]

    /// The JSON Lines ingested.
    static var lines: [String] {
        var lines: [String] = []
        let towns = ["华新镇", "白鹤镇", "重固镇"]
        let villages = ["新木桥村", "东庄村", "章堰村"]
        let levels = ["区级", "镇级", "村级"]
        let items = ["水稻种植补贴", "耕地地力保护补贴"]
        for i in 0..<30 {
            let item = items[i % 2]
            let id = idNumbers[i % 3]
            let amount = String(format: "%d.%02d", 100 + i * 37, i % 100)
            lines.append("""
            {"id":"pay-\(i)","kind":"payout","item":"\(item)","category":"种植业","level":"\(levels[i % 3])","recipient":"农户\(i)号","id_number":"\(id)","town":"\(towns[i % 3])","village":"\(villages[i % 3])","quantity":\(i + 1),"amount":"\(amount)","year":\(2016 + i % 4),"date":"\(2016 + i % 4)-0\(1 + i % 9)-1\(i % 10)"}
            """)
        }
        for (n, item) in items.enumerated() {
            lines.append("""
            {"id":"reg-\(n)","kind":"regulation","title":"关于做好\(item)工作的通知","body":"为稳定粮食生产，对种植水稻的农户发放\(item)。","issuer":"青浦区农业农村委员会","doc_number":"青农委〔2018〕\(n + 1)号","date":"2018-03-0\(n + 1)","subsidy_item":"\(item)","stage":"决策"}
            """)
            lines.append("""
            {"id":"guide-\(n)","kind":"guide","title":"\(item)申领办事指南","department":"区农业农村委","basis":"关于做好\(item)工作的通知","materials":["身份证","土地承包合同"],"process":"村委会受理、镇政府审核、区级发放","location":"镇社区事务受理服务中心","time_limit":"20个工作日","fee":"不收费","mode":"最多跑一次","subsidy_item":"\(item)"}
            """)
            lines.append("""
            {"id":"check-\(n)","kind":"notice","title":"\(item)面积核查验收结果","body":"经实地核查，水稻种植面积与申报一致。","subsidy_item":"\(item)","stage":"管理"}
            """)
            lines.append("""
            {"id":"hotline-\(n)","kind":"notice","title":"\(item)监督举报电话","body":"对补贴发放有异议的，可拨打12345热线反映。","subsidy_item":"\(item)","stage":"服务"}
            """)
        }
        return lines
    }

    /// Number of records in the fixture.
    static var count: Int { lines.count }

    /// The folders of the engines opened, removed when the test process exits (an engine
    /// may serve until then).
    private static let folders = Mutex<[String]>([])
    private static let removeFoldersAtExit: Void = {
        atexit { for folder in Fixture.folders.withLock({ $0 }) { try? FileManager.default.removeItem(atPath: folder) } }
    }()

    /// Opens a fresh engine in a temporary directory and ingests the fixture.
    static func engine() throws -> SearchEngine {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("gongkai-server-tests-\(UUID().uuidString)").path
        _ = removeFoldersAtExit
        folders.withLock { $0.append(directory) }
        let engine = try SearchEngine.open(directory: directory)
        let report = try engine.ingest([.lines(name: "fixture", lines)])
        guard report.rejected == 0 else {
            throw RawHTTPError("fixture lines rejected: \(report.rejections.map(\.description))")
        }
        return engine
    }
}
