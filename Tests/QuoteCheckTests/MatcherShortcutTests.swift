import Foundation
import QuoteDetector
import QuoteLoader
@testable import QuotePatterns
import QuoteRules
import Testing

/// The matcher skips tries that must fail and charges their steps instead
/// (`Interpreter.takesShortcuts`): a required word or mark after CONTENT, ANY or GAP that is not
/// there, and a start where the rules' shared "SPEAKER APPOS? ADVERBIAL? CUE" opening already found
/// no cue. These tests run every built-in rule over real articles both ways and compare.
@Suite struct MatcherShortcutTests {
    static let rules: RuleSet? = try? RuleSet(files: RuleSource.files(RuleSource.builtIn, ofPack: "en"))

    /// Every text file in `Fixtures/`, and PolNeAR dev's first texts when `../shared` is there.
    static func articles() throws -> [URL] {
        let fixtures = packageRoot.appendingPathComponent("Fixtures")
        let walked = FileManager.default.enumerator(at: fixtures, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        var files = walked.filter { $0.pathExtension == "txt" }
        let dev = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data/polnear/dev/text")
        if let texts = try? FileManager.default.contentsOfDirectory(at: dev, includingPropertiesForKeys: nil) {
            files += texts.filter { $0.pathExtension == "txt" }.sorted { $0.path < $1.path }.prefix(60)
        }
        return files.sorted { $0.path < $1.path }
    }

    @Test func shortcutsFindTheSameMatchesInTheSameSteps() throws {
        let rules = try #require(Self.rules)
        let matcher = PatternMatcher(rules: rules.attributionRules, lexicon: rules.lexicon)
        var sentences = 0
        var matched = 0
        var steps = 0
        for file in try Self.articles() {
            let text = try PlainTextLoader().load(bytes: Array(try Data(contentsOf: file)), uri: file.lastPathComponent)
            let analysis = DocumentAnalysis(text: text, rules: rules)
            for sentence in analysis.sentences {
                let fast = matcher.matches(in: sentence.tokens, tokens: analysis.tokens, takingShortcuts: true)
                let full = matcher.matches(in: sentence.tokens, tokens: analysis.tokens, takingShortcuts: false)
                #expect(fast.matches == full.matches, "\(file.lastPathComponent), tokens \(sentence.tokens)")
                #expect(fast.overBudget == full.overBudget)
                #expect(fast.steps == full.steps, "\(file.lastPathComponent), tokens \(sentence.tokens)")
                sentences += 1
                matched += fast.matches.count
                steps += full.steps
            }
        }
        // The comparison is worth something only if the rules ran and matched.
        #expect(sentences > 100)
        #expect(matched > 20)
        #expect(steps > 10_000)
    }

    @Test func theRulesOpeningWithSpeakerAndCueShareTheirFailures() throws {
        let rules = try #require(Self.rules)
        let program = Program(rules: rules.attributionRules)
        let opening = "SPEAKER APPOS? ADVERBIAL? CUE "
        let sharing = rules.attributionRules.indices.filter { rules.attributionRules[$0].patternSource.hasPrefix(opening) }
        #expect(sharing.count >= 3)
        let groups = Set(sharing.map { program.prefixGroups[$0] })
        #expect(groups.count == 1)
        #expect(groups.first.map { $0 >= 0 } == true)
        // Without the ADVERBIAL the opening matches other phrases: no failure is shared with it.
        let other = try #require(rules.attributionRules.firstIndex { $0.patternSource.hasPrefix("SPEAKER APPOS? CUE ") })
        #expect(!groups.contains(program.prefixGroups[other]))
        // Anchored rules and rules opening with anything else share nothing.
        for index in rules.attributionRules.indices where rules.attributionRules[index].isAnchoredAtStart {
            #expect(program.prefixGroups[index] == -1)
        }
    }

    /// A rule that fails after the shared opening found a cue ("said" with no quotation after it)
    /// must not make a later rule of its group skip that start.
    @Test func aStartWhereTheOpeningFoundACueIsTriedByTheNextRule() throws {
        let file = RuleFile(
            path: "en/attribution/zz-shared.yml", displayName: "zz-shared.yml",
            contents: """
                kind: attribution
                rules:
                  - id: quote-first
                    description: needs a quotation after the cue
                    pattern: "SPEAKER APPOS? ADVERBIAL? CUE ADVERBIAL? , QUOTE $"
                  - id: content-second
                    description: takes the reported words
                    pattern: "SPEAKER APPOS? ADVERBIAL? CUE ADVERBIAL? CONTENT $"

                """)
        let rules = try RuleSet(files: RuleSource.files(RuleSource.builtIn, ofPack: "en").filter { !$0.path.contains("/attribution/") } + [file])
        let matcher = PatternMatcher(rules: rules.attributionRules, lexicon: rules.lexicon)
        #expect(matcher.program.prefixGroups == [0, 0])
        let text = try PlainTextLoader().load(bytes: Array("The mayor said on Tuesday that the bridge would reopen in May.".utf8), uri: "s.txt")
        let analysis = DocumentAnalysis(text: text, rules: rules)
        let sentence = try #require(analysis.sentences.first)
        let found = matcher.matches(in: sentence.tokens, tokens: analysis.tokens)
        #expect(found.matches.map(\.ruleIndex) == [1])
        let full = matcher.matches(in: sentence.tokens, tokens: analysis.tokens, takingShortcuts: false)
        #expect(found.matches == full.matches)
        #expect(found.steps == full.steps)
    }
}
