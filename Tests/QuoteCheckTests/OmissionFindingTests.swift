import Foundation
import Testing
@testable import QuoteCheck

/// Issue 17: a sentence or more left out of a quotation without an ellipsis is the finding
/// `omitted-without-ellipsis` of its own (a warning by default), not a critical change and not a
/// second `misquote` when nothing else changed; an ellipsis where the words are left out makes it
/// go away.
@Suite struct OmissionFindingTests {
    let scratch: URL

    init() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("qc-omission-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    func write(_ name: String, _ text: String) throws -> String {
        let url = scratch.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// A plain reference as a fact-checker would paste it: wrapped, straight quotes, `--`, a timestamp.
    static let speech = """
        [00:04:12] MAYOR DIAZ: We have seen this before -- people are blaming it all on immigrants
        and refugees, and that is not fair to anyone. They want to blame it on something they can
        see every day in the street. Nobody has 3 answers to this, not one. We will rebuild what
        was lost, and we will do it together with our neighbours.
        """

    /// The article's one quotation checked against the speech, and the findings it gives.
    func findings(article: String, config: QuoteCheckConfig = QuoteCheckConfig()) throws -> (check: ClaimCheck, findings: [Finding]) {
        let rules = try RuleSet.load()
        let pipeline = Pipeline(rules: rules, format: .text)
        let articlePath = try write("article.txt", article)
        let referencePath = try write("speech.txt", Self.speech)
        let records = try CheckInputs.articleRecords([articlePath], pipeline: pipeline)
        let record = try #require(records.first { $0.kind == .direct })
        let checker = QuoteChecker(index: ReferenceIndex(documents: try CheckInputs.references([referencePath], pipeline: pipeline)), rules: rules)
        let checked = checker.checked(record)
        let check = try #require(checked.check)
        return (check, FindingPolicy(config: config).findings(forChecked: checked, lines: LineIndex(bytes: Array(article.utf8))))
    }

    @Test func aSentenceLeftOutUnmarkedIsItsOwnFinding() throws {
        let article = """
            The mayor spoke on Tuesday.

            “People are blaming it all on immigrants and refugees, and that is not fair to anyone. Nobody has 3 answers to this, not one,” the mayor said.
            """
        let (check, findings) = try findings(article: article)
        #expect(check.status == .altered)
        #expect(check.findings == ["omitted-without-ellipsis"])
        #expect(check.critical.isEmpty, "\(check.diff)")
        // "the mayor" is a role, not a name: no speaker-mismatch against "MAYOR DIAZ".
        #expect(check.speaker == .unknown)
        #expect(findings.map(\.kind) == [.omittedWithoutEllipsis])
        let finding = try #require(findings.first)
        #expect(finding.severity == .warning)
        #expect(finding.ruleId == "quotecheck/omitted-without-ellipsis")
        #expect(finding.location.line == 3)
        // The sentence between the two passages: "They want … in the street." (15 words).
        #expect(finding.message.contains("leaves out 15 words of "), "\(finding.message)")
        #expect(finding.message.contains("“They want to blame it on something"), "\(finding.message)")
        #expect(!findings.hasErrors)
        // A policy can make it fail a run like any other kind.
        let strict = try QuoteCheckConfig.parse("policy:\n  omitted-without-ellipsis: error\n", path: "x/.quotecheck.yml")
        #expect(try self.findings(article: article, config: strict).findings.map(\.severity) == [.error])
    }

    @Test func anEllipsisWhereTheWordsAreLeftOutMakesItFaithful() throws {
        let article = """
            The mayor spoke on Tuesday.

            “People are blaming it all on immigrants and refugees, and that is not fair to anyone … Nobody has 3 answers to this, not one,” the mayor said.
            """
        let (check, findings) = try findings(article: article)
        #expect(check.status == .elided)
        #expect(check.findings == nil)
        #expect(findings.isEmpty, "\(findings.map(\.message))")
    }

    @Test func anOmissionBesideAChangedWordIsBothFindings() throws {
        let article = """
            The mayor spoke on Tuesday.

            “People are blaming it all on strangers and refugees, and that is not fair to anyone. Nobody has 3 answers to this, not one,” the mayor said.
            """
        let (check, findings) = try findings(article: article)
        #expect(check.status == .altered)
        #expect(findings.map(\.kind) == [.misquote, .omittedWithoutEllipsis])
    }

    @Test func aRoleIsNoNameToCompare() throws {
        let names = SpeakerNames(titles: try RuleSet.load().speakerLabels.titles)
        #expect(!names.isName("the mayor"))
        #expect(!names.isName("a spokesman"))
        #expect(names.isName("Diaz"))
        #expect(names.isName("the Mayor Diaz"))
        #expect(names.isName("al-Sharaa"))
        #expect(names.isName("PUTIN"))
    }

    @Test func theKindIsDescribedForReporters() throws {
        let kind = FindingKind.omittedWithoutEllipsis
        #expect(kind.defaultSeverity == .warning)
        let finding = Finding(kind: kind, severity: .warning, message: "m", location: SourceLocation(path: "a.txt", line: 1, column: 2), fingerprint: String(repeating: "d", count: 32))
        let sarif = FindingReport(findings: [finding], documents: ["a.txt"]).rendered(.sarif)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any])
        let runs = try #require(json["runs"] as? [[String: Any]])
        let driver = try #require((runs.first?["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let rules = try #require(driver["rules"] as? [[String: Any]])
        let rule = try #require(rules.first { $0["id"] as? String == "quotecheck/omitted-without-ellipsis" })
        #expect((rule["shortDescription"] as? [String: Any])?["text"] as? String == kind.summary)
        #expect((rule["defaultConfiguration"] as? [String: Any])?["level"] as? String == "warning")
        let result = try #require((runs.first?["results"] as? [[String: Any]])?.first)
        #expect(result["ruleIndex"] as? Int == rules.firstIndex { $0["id"] as? String == "quotecheck/omitted-without-ellipsis" })
    }
}
