import Foundation
import QuoteCheck
import QuotePatterns
import QuoteRules
import Testing

/// The element documentation lives beside each element's matching code; these tests keep it
/// complete, keep docs/rules.md's table equal to what it generates, and run each element's
/// examples as rules of their own.
@Suite struct PatternElementTests {
    @Test func everyElementIsDocumentedOnce() {
        let documented = ElementDocumentation.all.map(\.element)
        #expect(documented.count == PatternElement.allCases.count)
        #expect(Set(documented) == Set(PatternElement.allCases))
    }

    @Test func everyKeywordIsDocumentedAsWritten() throws {
        for (keyword, element) in PatternElement.keywords {
            let entry = try #require(ElementDocumentation.all.first { $0.element == element })
            #expect(entry.syntax == "`\(keyword)`", "the documentation of \(element) names it \(entry.syntax), rule files write \(keyword)")
        }
    }

    /// The table between the markers in docs/rules.md is `quotecheck rules elements --markdown`.
    @Test func rulesPageTableIsTheGeneratedOne() throws {
        let page = try String(contentsOf: packageRoot.appendingPathComponent("docs/rules.md"), encoding: .utf8)
        let begin = try #require(page.range(of: ElementDocumentation.tableBegin + "\n"))
        let end = try #require(page.range(of: ElementDocumentation.tableEnd, range: begin.upperBound..<page.endIndex))
        let table = String(page[begin.upperBound..<end.lowerBound])
        #expect(table == ElementDocumentation.markdownTable(), "docs/rules.md's element table is stale: paste `quotecheck rules elements --markdown` between its markers")
    }

    /// Each example as the one attribution rule of a rule set, through the whole pipeline as
    /// `rules test` runs rule examples (behind a multi-byte prefix too).
    @Test(arguments: ElementDocumentation.all.filter { !$0.examples.isEmpty }.map(\.element))
    func examplesMatch(_ element: PatternElement) throws {
        let entry = try #require(ElementDocumentation.all.first { $0.element == element })
        for example in entry.examples {
            let rules = try RuleSet(files: RuleSource.files(RuleSource.builtIn, ofPack: "en").filter { !$0.path.contains("/attribution/") } + [Self.ruleFile(example)])
            let result = RuleExampleRunner(rules: rules).run()
            #expect(result.examples >= 2)
            #expect(result.failures.isEmpty, "\(entry.syntax): \(result.failures.map(\.message))")
        }
    }

    /// A rule is tried only on sentences that hold what it cannot do without (a quotation, a
    /// cue, its literal words and marks); these are the edges of that filter, each a sentence
    /// that holds the requirement only in the form the element accepts it in.
    @Test(arguments: [
        // The required comma is inside the quotation, as American style sets it.
        ElementDocumentation.Example(pattern: "^ QUOTE , SPEAKER CUE $", text: "“We will win,” Smith said.", speaker: "Smith", cue: "said", content: "We will win"),
        // A colon and no quotation, cue or literal word: the mark is the rule's only requirement.
        ElementDocumentation.Example(pattern: "^ SPEAKER : CONTENT $", text: "Smith: the bridge will reopen in May.", speaker: "Smith", content: "the bridge will reopen in May"),
        // One of several alternative marks is enough.
        ElementDocumentation.Example(pattern: "^ SPEAKER CUE ,|: QUOTE $", text: "Smith said: “We will win the vote.”", speaker: "Smith", cue: "said", content: "We will win the vote."),
        // A participle cue form: the cue's -ing word is a token word class, not a spelling test.
        ElementDocumentation.Example(pattern: "SPEAKER ANY , PARTICIPLE +that? CONTENT $", text: "Smith voted against the bill, adding that it was too costly.", speaker: "Smith", cue: "adding", content: "that it was too costly"),
    ])
    func rulesAreTriedWhereTheirRequirementsHold(_ example: ElementDocumentation.Example) throws {
        let rules = try RuleSet(files: RuleSource.files(RuleSource.builtIn, ofPack: "en").filter { !$0.path.contains("/attribution/") } + [Self.ruleFile(example)])
        let result = RuleExampleRunner(rules: rules).run()
        #expect(result.examples >= 2)
        #expect(result.failures.isEmpty, "\(example.pattern): \(result.failures.map(\.message))")
    }

    static func ruleFile(_ example: ElementDocumentation.Example) throws -> RuleFile {
        // JSON strings are YAML strings: quotes and marks in the example need no escaping rules.
        func quoted(_ text: String) throws -> String { String(decoding: try JSONEncoder().encode(text), as: UTF8.self) }
        var lines = [
            "kind: attribution", "rules:", "  - id: element-example", "    description: An element's documented example.",
            "    pattern: \(try quoted(example.pattern))", "    examples:", "      - text: \(try quoted(example.text))",
        ]
        if let speaker = example.speaker { lines.append("        speaker: \(try quoted(speaker))") }
        if let cue = example.cue { lines.append("        cue: \(try quoted(cue))") }
        if let content = example.content { lines.append("        content: \(try quoted(content))") }
        return RuleFile(path: "en/attribution/element-examples.yml", displayName: "element-examples.yml", contents: lines.joined(separator: "\n") + "\n")
    }
}
