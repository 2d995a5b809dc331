import Foundation
import QuoteCheck
import Testing

/// Fixture in, expected records out, compared field by field. Set QUOTECHECK_RECORD_GOLDEN=1 to
/// write the expected files anew from the current output; that run fails so it is never mistaken
/// for a passing one.
@Suite struct GoldenRecordTests {
    static let articles = packageRoot.appendingPathComponent("Fixtures/articles")

    static var fixtures: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: articles.path)) ?? []
        return names.filter { $0.hasSuffix(".txt") || $0.hasSuffix(".html") }.sorted()
    }

    @Test(arguments: fixtures)
    func recordsMatchGolden(_ name: String) throws {
        let pipeline = Pipeline(rules: try RuleSet.load())
        let path = Self.articles.appendingPathComponent(name).path
        let bytes = try DocumentLoader.read(path: path)
        // The uri as a user in the repository root would give it, so golden files do not depend on the checkout.
        let records = pipeline.records(for: try pipeline.loader.load(bytes: bytes, uri: "Fixtures/articles/\(name)"))
        let golden = Self.articles.appendingPathComponent(name + ".expected.jsonl")
        if ProcessInfo.processInfo.environment["QUOTECHECK_RECORD_GOLDEN"] != nil {
            let text = records.map { JSONLines.line($0) }.joined(separator: "\n") + "\n"
            try text.write(to: golden, atomically: true, encoding: .utf8)
            Issue.record("re-recorded \(golden.lastPathComponent); run again without QUOTECHECK_RECORD_GOLDEN")
            return
        }
        let expected = try JSONLines.read(path: golden.path)
        #expect(records.count == expected.count, "\(name): \(records.count) records, expected \(expected.count)")
        for (found, wanted) in zip(records, expected) {
            let label = "\(name) record \(wanted.id)"
            #expect(found.id == wanted.id, "\(label): id")
            #expect(found.kind == wanted.kind, "\(label): kind")
            #expect(found.document == wanted.document, "\(label): document")
            #expect(found.quote.text == wanted.quote.text, "\(label): quote.text")
            #expect(found.quote.start == wanted.quote.start && found.quote.end == wanted.quote.end, "\(label): quote offsets")
            #expect(found.quote.sourceBytes == wanted.quote.sourceBytes, "\(label): quote.sourceBytes")
            #expect(found.quote.parts == wanted.quote.parts, "\(label): quote.parts")
            #expect(found.quote.prefix == wanted.quote.prefix && found.quote.suffix == wanted.quote.suffix, "\(label): context")
            #expect(found.speaker?.name == wanted.speaker?.name, "\(label): speaker.name")
            #expect(found.speaker?.mention == wanted.speaker?.mention, "\(label): speaker.mention")
            #expect(found.speaker?.resolvedBy == wanted.speaker?.resolvedBy, "\(label): speaker.resolvedBy")
            #expect(found.speaker?.anonymous == wanted.speaker?.anonymous, "\(label): speaker.anonymous")
            #expect(found.speaker?.title == wanted.speaker?.title, "\(label): speaker.title")
            #expect(found.speaker?.chain == wanted.speaker?.chain, "\(label): speaker.chain")
            #expect(found.confidence == wanted.confidence, "\(label): confidence")
            #expect(found.cue == wanted.cue, "\(label): cue")
            #expect(found.rule == wanted.rule, "\(label): rule")
        }
    }

    /// The seed article's attributions, stated as the issue states them, independent of the golden file.
    @Test func seedArticleAttributions() throws {
        let pipeline = Pipeline(rules: try RuleSet.load())
        let records = try pipeline.extract(path: Self.articles.appendingPathComponent("sharaa-putin.txt").path)
        let direct = records.filter { $0.kind == .direct }
        #expect(direct.count == 2)
        #expect(direct.first?.speaker?.name == "Ahmed al-Sharaa")
        #expect(direct.first?.speaker?.mention?.text == "Mr. al-Sharaa")
        #expect(direct.first?.cue?.text == "told")
        #expect(direct.last?.speaker?.name == "Vladimir Putin")
        #expect(direct.last?.speaker?.mention?.text == "Mr. Putin")
        #expect(direct.last?.cue?.text == "said")
        let lavrov = records.first { $0.kind == .indirect && $0.speaker?.name == "Sergei Lavrov" }
        #expect(lavrov?.cue?.text == "told reporters")
        #expect(lavrov?.quote.text.hasPrefix("that Syria may want them to stay") == true)
        // Nothing from the boilerplate lines at the end.
        let loaded = try pipeline.loader.load(path: Self.articles.appendingPathComponent("sharaa-putin.txt").path)
        #expect(loaded.excluded.count == 4)
        for record in records { #expect(!loaded.isExcluded(record.quote.range)) }
    }
}

@Suite struct RuleExampleTests {
    static let runner: RuleExampleRunner? = try? RuleExampleRunner(rules: RuleSet.load())
    static let ruleIDs = runner?.ruleIDs ?? []

    /// A rule whose example fails breaks the build: every example in Rules/ runs here, one test
    /// argument per rule, so a failure names its rule.
    @Test(arguments: ruleIDs)
    func ruleExamplesPass(_ ruleID: String) throws {
        let runner = try #require(Self.runner)
        let result = runner.run(rule: ruleID)
        #expect(result.examples > 0, "\(ruleID) has no examples")
        for failure in result.failures { Issue.record("\(failure)") }
    }

    /// Rule by rule, the runner runs every example once: none falls between the rules.
    @Test func everyRuleExampleRunsUnderItsRule() throws {
        let runner = try #require(Self.runner)
        #expect(Self.ruleIDs.count > 40)
        #expect(Set(Self.ruleIDs).count == Self.ruleIDs.count, "rule ids must be unique")
        let whole = runner.run()
        #expect(whole.examples > 50)
        #expect(Self.ruleIDs.map { runner.run(rule: $0).examples }.reduce(0, +) == whole.examples)
    }

    @Test func builtInRulesLintClean() {
        #expect(RuleLinter.lint(RuleSource.builtIn).isEmpty)
    }

    @Test func typoInRuleFileIsReportedWithPosition() {
        let file = RuleFile(path: "en/attribution/typo.yml", displayName: "typo.yml", contents: """
            kind: attribution
            rules:
              - id: broken
                description: a rule with a typo
                patern: "QUOTE , SPEAKER CUE"
            """)
        let problems = RuleLinter.lint([file])
        #expect(problems.count == 1)
        #expect(problems.first?.line == 5)
        #expect(problems.first?.column == 5)
        #expect(problems.first?.message.contains("unknown key 'patern'") == true)
    }

    @Test func patternLimitsAreReportedWithPosition() {
        let tooManyPieces = RuleFile(path: "en/attribution/five.yml", displayName: "five.yml", contents: """
            kind: attribution
            rules:
              - id: five
                description: five content elements
                pattern: "QUOTE , QUOTE , QUOTE , QUOTE , CONTENT"
            """)
        let pieces = RuleLinter.lint([tooManyPieces])
        #expect(pieces.first?.message.contains("at most 4 QUOTE, CONTENT or MIXED elements, found 5") == true)
        #expect(pieces.first?.line == 5)
        let unnamedWithSpeaker = RuleFile(path: "en/attribution/unnamed.yml", displayName: "unnamed.yml", contents: """
            kind: attribution
            rules:
              - id: unnamed
                description: names a speaker and says it does not
                pattern: "SPEAKER CUE CONTENT $"
                unnamedSpeaker: true
            """)
        let unnamed = RuleLinter.lint([unnamedWithSpeaker])
        #expect(unnamed.first?.message.contains("unnamedSpeaker: true needs a pattern without SPEAKER") == true)
        #expect(unnamed.first?.line == 6)
    }

    @Test func unknownPatternElementIsReported() {
        let file = RuleFile(path: "en/attribution/bad.yml", displayName: "bad.yml", contents: """
            kind: attribution
            rules:
              - id: bad
                description: unknown element
                pattern: "QUOTE , SPEEKER CUE"
            """)
        let problems = RuleLinter.lint([file])
        #expect(problems.first?.message.contains("unknown pattern element 'SPEEKER'") == true)
        #expect(problems.first?.line == 5)
    }

    @Test func invalidYAMLIsReportedWithPosition() {
        let file = RuleFile(path: "en/x.yml", displayName: "x.yml", contents: "kind: cues\ncues:\n  - forms: [said\n")
        let problems = RuleLinter.lint([file])
        #expect(problems.count == 1)
        #expect(problems.first?.description.hasPrefix("x.yml:") == true)
    }

    @Test func overridesReplaceBuiltInFilesByPath() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("qc-rules-\(UUID().uuidString)/en")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
        try """
            kind: boilerplate
            rules:
              - id: only
                description: the only boilerplate rule left
                equals: [advertisement]
            """.write(to: directory.appendingPathComponent("boilerplate.yml"), atomically: true, encoding: .utf8)
        let rules = try RuleSet.load(overrides: directory.deletingLastPathComponent().path)
        #expect(rules.boilerplate.map(\.id) == ["en.boilerplate.only"])
        #expect(!rules.attributionRules.isEmpty)
    }
}
