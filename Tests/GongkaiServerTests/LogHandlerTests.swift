import Logging
import Synchronization
import Testing
@testable import GongkaiServer

@Suite("Server log lines")
struct LogHandlerTests {
    @Test func aLineCarriesLevelLabelMetadataAndMessageAndOnlyAtItsLevel() {
        let lines = Mutex<[String]>([])
        var logger = Logger(label: "gongkai.server") {
            StandardErrorLogHandler(label: $0, logLevel: .notice) { line in lines.withLock { $0.append(line) } }
        }
        logger[metadataKey: "hb.request.id"] = "42"
        logger.info("below the level")
        logger.error("engine error: disk", metadata: ["path": "/search"])
        let written = lines.withLock { $0 }
        #expect(written.count == 1)
        let line = written.first ?? ""
        #expect(line.hasSuffix(" error gongkai.server: [hb.request.id=42 path=/search] engine error: disk\n"))
        #expect(line.first?.isNumber == true)  // an ISO 8601 time stamp first
    }
}
