import Foundation
import Testing
@testable import GongkaiCorpus

/// Generates into a fresh temporary directory.
private func generate(_ options: CorpusOptions) throws -> (URL, CorpusSummary) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-corpus-\(UUID().uuidString)")
    return (dir, try CorpusGenerator(options: options).generate(to: dir))
}

private func lines(_ dir: URL, _ name: String) throws -> [String] {
    try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8).split(separator: "\n").map(String.init)
}

/// The repository root, found from this file's path.
private let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

@Suite struct DeterminismTests {
    @Test func sameSeedGivesIdenticalBytes() throws {
        let options = CorpusOptions(seed: 7, payouts: 3_000, inspections: 40, meetings: 20)
        let (a, _) = try generate(options)
        let (b, _) = try generate(options)
        defer { try? FileManager.default.removeItem(at: a); try? FileManager.default.removeItem(at: b) }
        for name in CorpusGenerator.fileNames {
            #expect(try Data(contentsOf: a.appendingPathComponent(name)) == Data(contentsOf: b.appendingPathComponent(name)), "\(name)")
        }
    }

    @Test func differentSeedsDiffer() throws {
        let (a, _) = try generate(CorpusOptions(seed: 1, payouts: 2_000, inspections: 20, meetings: 20))
        let (b, _) = try generate(CorpusOptions(seed: 2, payouts: 2_000, inspections: 20, meetings: 20))
        defer { try? FileManager.default.removeItem(at: a); try? FileManager.default.removeItem(at: b) }
        for name in CorpusGenerator.fileNames {
            #expect(try Data(contentsOf: a.appendingPathComponent(name)) != Data(contentsOf: b.appendingPathComponent(name)), "\(name)")
        }
    }

    @Test func generatorStreamIsStable() {
        var g = SeededGenerator(seed: 1)
        let first = (0..<3).map { _ in g.next() }
        var h = SeededGenerator(seed: 1)
        #expect(first == (0..<3).map { _ in h.next() })
        #expect(first != { var x = SeededGenerator(seed: 1, stream: 1); return (0..<3).map { _ in x.next() } }())
    }
}

@Suite struct ContractTests {
    @Test func everyLineIsAValidRecordAndCountsAreRight() throws {
        let options = CorpusOptions(seed: 1, payouts: 20_000, inspections: 120, meetings: 60)
        let (dir, summary) = try generate(options)
        defer { try? FileManager.default.removeItem(at: dir) }
        var ids = Set<String>()
        var counts: [String: Int] = [:]
        var fenByItemLevel: [String: Int] = [:]
        var personIDs: [String: Set<String>] = [:]
        var rowsPerIDNumber: [String: Set<Int>] = [:]
        for name in CorpusGenerator.fileNames {
            for (n, line) in try lines(dir, name).enumerated() {
                let object: [String: Any]
                do { object = try RecordValidator.validate(line) } catch {
                    Issue.record("\(name):\(n + 1): \(error)"); continue
                }
                let id = object["id"] as! String
                #expect(ids.insert(id).inserted, "duplicate id \(id)")
                counts[name, default: 0] += 1
                // An ID number appears in id_number and nowhere else.
                for (key, value) in object where key != "id_number" {
                    if let s = value as? String { #expect(s.range(of: "310228[0-9]{8}", options: .regularExpression) == nil, "\(id).\(key)") }
                }
                if object["kind"] as? String == "payout" {
                    #expect(id.hasPrefix("payout-"))
                    let key = "\(object["item"]!)|\(object["level"]!)"
                    fenByItemLevel[key, default: 0] += RecordValidator.fen(object["amount"] as! String)!
                    if let idn = object["id_number"] as? String, idn.hasPrefix("310228") {
                        #expect(RecordValidator.residentIDIsValid(idn), "\(idn)")
                        personIDs[object["recipient"] as! String, default: []].insert(idn)
                        rowsPerIDNumber[idn, default: []].insert(object["year"] as! Int)
                    } else if let idn = object["id_number"] as? String {
                        #expect(IdentityNumbers.creditCodeIsValid(idn), "\(idn)")
                    }
                }
            }
        }
        #expect(counts["payouts.jsonl"] == 20_000)
        #expect(counts["guides.jsonl"] == 327)
        #expect(counts["regulations.jsonl"] == 22 * 3 + 30)
        #expect(counts["inspections.jsonl"] == 120)
        #expect(counts["meetings.jsonl"] == 60)
        #expect(summary.files.map(\.records) == [20_000, 327, 96, 120, 60])
        // The summary's totals are the file's totals.
        #expect(summary.totals.count == fenByItemLevel.count)
        for t in summary.totals { #expect(fenByItemLevel["\(t.item)|\(t.level)"] == t.fen, "\(t.item) \(t.level)") }
        // Many people share a full name; many are paid in several years.
        #expect(personIDs.values.filter { $0.count > 1 }.count > 50)
        #expect(rowsPerIDNumber.values.filter { $0.count >= 3 }.count > 300)
    }

    @Test func everySubsidyHasItsWholeChain() throws {
        let (dir, _) = try generate(CorpusOptions(seed: 3, payouts: 20_000, inspections: 10, meetings: 10))
        defer { try? FileManager.default.removeItem(at: dir) }
        let items = CorpusGenerator.subsidyItems.map(\.name)
        #expect(items.count == 22)
        #expect(Set(CorpusGenerator.subsidyItems.map(\.category)) == ["农业项目类", "生产补贴类"])
        var stages: [String: [String]] = [:]
        for line in try lines(dir, "regulations.jsonl") + lines(dir, "guides.jsonl") {
            let o = try RecordValidator.validate(line)
            guard let item = o["subsidy_item"] as? String else { continue }
            let stage = o["kind"] as? String == "guide" ? "执行" : (o["stage"] as? String ?? "?")
            stages[item, default: []].append(stage)
        }
        var paid = Set<String>()
        for line in try lines(dir, "payouts.jsonl") {
            let o = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            paid.insert(o["item"] as! String)
        }
        for item in items {
            #expect(stages[item]?.sorted() == ["决策", "执行", "服务", "管理"].sorted(), "\(item)")
            #expect(paid.contains(item), "\(item) has no payouts")
        }
    }
}

@Suite struct CommittedFilesTests {
    @Test func embeddedWordListsMatchCorporaWords() throws {
        let dir = repoRoot.appendingPathComponent("Corpora/words")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".txt") }
        #expect(Set(names.map { String($0.dropLast(4)) }) == Set(WordLists.files.keys), "run sh Corpora/words/embed.sh")
        for name in names {
            var text = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
            if text.hasSuffix("\n") { text.removeLast() }
            #expect(WordLists.files[String(name.dropLast(4))] == text, "\(name) differs: run sh Corpora/words/embed.sh")
        }
    }

    @Test func committedSampleIsTheDocumentedRegeneration() throws {
        let sample = repoRoot.appendingPathComponent("Corpora/sample")
        let (dir, _) = try generate(CorpusOptions(seed: 1, payouts: 1_000, inspections: 100, meetings: 50))
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in CorpusGenerator.fileNames {
            let committed = try Data(contentsOf: sample.appendingPathComponent(name))
            #expect(committed == (try Data(contentsOf: dir.appendingPathComponent(name))), "\(name): regenerate Corpora/sample (see Corpora/README.md)")
            for line in try lines(sample, name) { _ = try RecordValidator.validate(line) }
        }
    }
}
