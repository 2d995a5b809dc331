import Foundation
import QuoteCheck
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Findings, policy, configuration, baseline and reporters, at the library level.
@Suite struct FindingsTests {
    let scratch: URL

    init() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("qc-findings-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let url = scratch.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    static let article = """
        The council met on Monday.
        “We will not raise taxes,” the mayor said.
        “Nobody asked us,” one resident complained loudly.
        “This is a disgrace,” said a source close to the council.
        “No comment,” a spokesman said.
        """

    func records(_ path: String) throws -> [ClaimRecord] {
        try Pipeline(rules: try RuleSet.load()).extract(path: path)
    }

    // MARK: configuration

    @Test func configReadsEveryKey() throws {
        let path = try write("repo/.quotecheck.yml", """
            rules: [my-rules]
            include: ["articles/**"]
            exclude: ["**/drafts/*"]
            policy:
              anonymous-source: error
              unattributed: off
            confidence-threshold: 0.7
            references: transcripts
            language: en
            """)
        let config = try QuoteCheckConfig.load(path: path)
        let directory = scratch.appendingPathComponent("repo").path
        #expect(config.rules == [directory + "/my-rules"])
        #expect(config.references == [directory + "/transcripts"])
        #expect(config.severity(of: .anonymousSource) == .error)
        #expect(config.severity(of: .unattributed) == .off)
        #expect(config.severity(of: .speakerConflict) == .error)
        #expect(config.severity(of: .lowConfidence) == .info)
        #expect(config.confidenceThreshold == 0.7)
        #expect(config.includes(directory + "/articles/a/b.txt"))
        #expect(!config.includes(directory + "/articles/drafts/b.txt"))
        #expect(!config.includes(directory + "/other/b.txt"))
    }

    @Test func configErrorsNameFileLineAndColumn() throws {
        let unknownKey = try write("a/.quotecheck.yml", "policy:\n  anonymous-source: error\nthreshold: 2\n")
        #expect(throws: ConfigError.self) { try QuoteCheckConfig.load(path: unknownKey) }
        do {
            _ = try QuoteCheckConfig.load(path: unknownKey)
        } catch {
            #expect(error.description.hasPrefix("\(unknownKey):3:1: unknown key 'threshold'"))
            #expect(!error.description.contains("\n"))
        }
        let badSeverity = try write("b/.quotecheck.yml", "policy:\n  anonymous-source: fatal\n")
        do {
            _ = try QuoteCheckConfig.load(path: badSeverity)
            Issue.record("a wrong severity must be an error")
        } catch {
            #expect(error.description.hasPrefix("\(badSeverity):2:21: unexpected value 'fatal'"))
        }
        let badKind = try write("c/.quotecheck.yml", "policy:\n  anonymous: error\n")
        do {
            _ = try QuoteCheckConfig.load(path: badKind)
            Issue.record("an unknown finding kind must be an error")
        } catch {
            #expect(error.description.hasPrefix("\(badKind):2:3: unknown key 'anonymous'"))
        }
        let badType = try write("d/.quotecheck.yml", "confidence-threshold: [1]\n")
        do {
            _ = try QuoteCheckConfig.load(path: badType)
            Issue.record("a list for a number must be an error")
        } catch {
            #expect(error.description.hasPrefix("\(badType):1:23: expected a number"))
        }
    }

    @Test func nearestConfigWinsAndOverrideBeatsAll() throws {
        try write("repo/.quotecheck.yml", "policy:\n  anonymous-source: warning\n")
        try write("repo/desk/.quotecheck.yml", "policy:\n  anonymous-source: error\n")
        let deep = try write("repo/desk/politics/a.txt", "x")
        let shallow = try write("repo/sport/b.txt", "x")
        var resolver = try ConfigResolver()
        #expect(try resolver.config(for: deep).severity(of: .anonymousSource) == .error)
        #expect(try resolver.config(for: shallow).severity(of: .anonymousSource) == .warning)
        let override = try write("strict.yml", "policy:\n  anonymous-source: off\n")
        var overridden = try ConfigResolver(override: override)
        #expect(try overridden.config(for: deep).severity(of: .anonymousSource) == .off)
        #expect(try overridden.config(for: shallow).severity(of: .anonymousSource) == .off)
    }

    // MARK: policy

    @Test func policyFlagsByConfiguredSeverity() throws {
        let path = try write("article.txt", Self.article)
        let records = try records(path)
        let twoLines = try QuoteCheckConfig.parse("policy:\n  anonymous-source: error\n", path: scratch.appendingPathComponent(".quotecheck.yml").path)
        let lines = LineIndex(bytes: Array(Self.article.utf8))
        let findings = records.flatMap { FindingPolicy(config: twoLines).findings(forExtracted: $0, lines: lines) }
        let anonymous = try #require(findings.first { $0.kind == .anonymousSource })
        #expect(anonymous.severity == .error)
        #expect(anonymous.location == SourceLocation(path: path, line: 3, column: 2))
        #expect(anonymous.ruleId == "quotecheck/anonymous-source")
        #expect(findings.hasErrors)
        // The defaults: an anonymous source is only information.
        let defaults = records.flatMap { FindingPolicy().findings(forExtracted: $0, lines: lines) }
        #expect(defaults.first { $0.kind == .anonymousSource }?.severity == .info)
        #expect(!defaults.hasErrors)
        // Off drops the kind entirely.
        let off = try QuoteCheckConfig.parse("policy:\n  anonymous-source: off\n", path: "x/.quotecheck.yml")
        #expect(!records.flatMap { FindingPolicy(config: off).findings(forExtracted: $0, lines: lines) }.contains { $0.kind == .anonymousSource })
    }

    @Test func htmlLocationIsTheRawFileLine() throws {
        let html = "<html><body>\n<p>Intro.</p>\n\n<p>“We will win,” a spokesman said.</p>\n</body></html>\n"
        let path = try write("page.html", html)
        let records = try records(path)
        let record = try #require(records.first)
        let location = FindingPolicy.location(of: record, lines: LineIndex(bytes: Array(html.utf8)))
        #expect(location.line == 4)
        #expect(location.column == 5)
    }

    @Test func lineIndexCountsScalarsAndSkipsTheByteOrderMark() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("é“x\nab".utf8)
        let index = LineIndex(bytes: bytes)
        #expect(index.position(ofByte: 3) == (1, 1))
        #expect(index.position(ofByte: 8) == (1, 3))
        let b = bytes.count - 1
        #expect(index.position(ofByte: b) == (2, 2))
    }

    @Test func checkStatusesMapByName() throws {
        let path = try write("c.txt", Self.article)
        var record = try #require(try records(path).first)
        record.check = ClaimCheck(status: .altered, reference: nil, similarity: 0.8, diff: [], referenceSpeaker: "Mayor", speaker: .mismatch, critical: ["negation-dropped"])
        let kinds = FindingPolicy().findings(forChecked: record, lines: nil).map(\.kind)
        #expect(kinds == [.misquoteCritical, .speakerMismatch])
        record.check?.critical = []
        record.check?.speaker = .same
        #expect(FindingPolicy().findings(forChecked: record, lines: nil).map(\.kind) == [.misquote])
        record.check?.status = .notFound
        #expect(FindingPolicy().findings(forChecked: record, lines: nil).map(\.kind) == [.notFound])
        record.check?.status = .verbatim
        #expect(FindingPolicy().findings(forChecked: record, lines: nil).isEmpty)
    }

    // MARK: baseline

    @Test func baselineSurvivesAnUnrelatedEditAbove() throws {
        let path = try write("edit.txt", Self.article)
        let policy = FindingPolicy()
        let before = try records(path).flatMap { policy.findings(forExtracted: $0, lines: nil) }
        #expect(before.count >= 2)
        let baseline = Baseline(findings: Array(before.dropLast()))
        // A paragraph added above moves every offset; a new unattributed quote is added below.
        try write("edit.txt", "A new first paragraph, added later.\n\n" + Self.article + "\n“It was a mistake,” an official said.\n")
        let after = try records(path).flatMap { policy.findings(forExtracted: $0, lines: nil) }
        let split = baseline.apply(to: after)
        #expect(split.suppressed.count == before.count - 1)
        #expect(split.new.map(\.fingerprint).contains(before.last?.fingerprint ?? ""))
        #expect(split.new.count == after.count - (before.count - 1))
        #expect(split.stale.isEmpty)
        // Entries whose quote is gone are listed as stale.
        try write("edit.txt", "Nothing quoted any more.\n")
        let gone = baseline.apply(to: try records(path).flatMap { policy.findings(forExtracted: $0, lines: nil) })
        #expect(gone.stale.count == baseline.entries.count)
        // And the file round-trips.
        let file = scratch.appendingPathComponent("baseline.json").path
        try AtomicFile.write(baseline.encoded(), to: file)
        #expect(try Baseline.load(path: file) == baseline)
    }

    // MARK: reporters

    static func sample() -> FindingReport {
        let a = Finding(kind: .unattributed, severity: .warning, message: "“We will win” has no speaker", location: SourceLocation(path: "news/a, b.txt", line: 3, column: 7), fingerprint: String(repeating: "a", count: 32))
        let b = Finding(kind: .anonymousSource, severity: .error, message: "100% sure\nsecond line", location: SourceLocation(path: "news/c.html", line: 12, column: 1), fingerprint: String(repeating: "b", count: 32))
        let c = Finding(kind: .unreadable, severity: .error, message: "binary file <x> & \"y\"", location: SourceLocation(path: "news/d.txt"), fingerprint: String(repeating: "c", count: 32))
        return FindingReport(findings: [b, c, a], documents: ["news/a, b.txt", "news/c.html", "news/d.txt", "news/e.txt"])
    }

    @Test func githubLinesAreGolden() {
        let lines = Self.sample().rendered(.github).split(separator: "\n").map(String.init)
        #expect(lines == [
            "::warning file=news/a%2C b.txt,line=3,col=7,title=quotecheck/unattributed::“We will win” has no speaker",
            "::error file=news/c.html,line=12,col=1,title=quotecheck/anonymous-source::100%25 sure%0Asecond line",
            "::error file=news/d.txt,title=quotecheck/unreadable::binary file <x> & \"y\"",
        ])
    }

    @Test func textIsGroupedByFileWithCounts() {
        let text = Self.sample().rendered(.text)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "news/a, b.txt:3:7: warning unattributed “We will win” has no speaker")
        #expect(lines.contains("news/c.html:12:1: error anonymous-source 100% sure second line"))
        #expect(lines.contains("news/d.txt: error unreadable binary file <x> & \"y\""))
        #expect(lines.dropLast().last == "2 errors, 1 warning, 0 info in 4 documents")
    }

    @Test func junitHasOneTestCasePerDocument() throws {
        let xml = Self.sample().rendered(.junit)
        let collector = XMLCollector()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = collector
        #expect(parser.parse())
        #expect(collector.testcases == ["news/a, b.txt", "news/c.html", "news/d.txt", "news/e.txt"])
        #expect(collector.failures == ["news/c.html", "news/d.txt"])
        #expect(collector.suiteAttributes["tests"] == "4")
        #expect(collector.suiteAttributes["failures"] == "2")
    }

    @Test func checkstyleParsesAndCarriesEveryFinding() throws {
        let collector = XMLCollector()
        let parser = XMLParser(data: Data(Self.sample().rendered(.checkstyle).utf8))
        parser.delegate = collector
        #expect(parser.parse())
        #expect(collector.errors.count == 3)
        #expect(collector.errors.contains { $0["source"] == "quotecheck/unreadable" && $0["message"] == "binary file <x> & \"y\"" })
    }

    @Test func sarifHasRulesRegionsAndFingerprints() throws {
        let data = Data(Self.sample().rendered(.sarif).utf8)
        let log = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.map { $0["id"] as? String } == FindingKind.allCases.map(\.ruleID))
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 3)
        let first = results[0]
        #expect(first["ruleId"] as? String == "quotecheck/unattributed")
        #expect(first["level"] as? String == "warning")
        #expect((first["partialFingerprints"] as? [String: String])?.values.first == String(repeating: "a", count: 32))
        let location = try #require((first["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        #expect((location["artifactLocation"] as? [String: Any])?["uri"] as? String == "news/a,%20b.txt")
        #expect((location["region"] as? [String: Any])?["startLine"] as? Int == 3)
        #expect((location["region"] as? [String: Any])?["startColumn"] as? Int == 7)
        // No region when the line is unknown (SARIF forbids an empty one).
        let unreadable = try #require((results[2]["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        #expect(unreadable["region"] == nil)
        // For .ci/sarif.sh, which validates it against the official schema.
        if let directory = ProcessInfo.processInfo.environment["QUOTECHECK_SARIF_OUT"] {
            try data.write(to: URL(fileURLWithPath: directory).appendingPathComponent("sample.sarif"))
        }
    }

    @Test func markdownAndJSONSummarise() throws {
        let markdown = Self.sample().rendered(.markdown)
        #expect(markdown.hasPrefix("### quotecheck: failed"))
        #expect(markdown.contains("| `anonymous-source` | error | 1 |"))
        #expect(markdown.contains("| `news/c.html:12:1` | error | `anonymous-source` | 100% sure second line |"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(Self.sample().rendered(.json).utf8)) as? [String: Any])
        #expect(json["errors"] as? Int == 2)
        #expect((json["findings"] as? [Any])?.count == 3)
    }
}

/// Collects what the XML tests look at.
final class XMLCollector: NSObject, XMLParserDelegate {
    var testcases: [String] = []
    var failures: [String] = []
    var suiteAttributes: [String: String] = [:]
    var errors: [[String: String]] = []
    private var current: String?

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        switch name {
        case "testsuite": suiteAttributes = attributes
        case "testcase":
            current = attributes["name"]
            testcases.append(attributes["name"] ?? "")
        case "failure": failures.append(current ?? "")
        case "error": errors.append(attributes)
        default: break
        }
    }
}
