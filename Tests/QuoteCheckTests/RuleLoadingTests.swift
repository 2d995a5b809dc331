import Foundation
import Testing
@testable import QuoteCheck
@testable import QuoteRules

/// What rule loading skips or does once to start faster (issue 19) still says the same.
@Suite struct RuleLoadingTests {
    /// Built-in speaker-label patterns are not compiled at load: they are checked here instead.
    @Test func builtInSpeakerLabelPatternsCompile() throws {
        let labels = try RuleSet.load().speakerLabels.labels
        #expect(labels.count >= 4)
        for label in labels {
            #expect(throws: Never.self, "\(label.id)") { _ = try Regex(label.pattern) }
        }
    }

    @Test func builtInFilesAreKnownByContents() throws {
        let file = try #require(RuleSource.builtIn.first { $0.path == "en/speaker-labels.yml" })
        #expect(RuleSource.isBuiltIn(file))
        // Called anything, read from anywhere: the same bytes are the same file.
        #expect(RuleSource.isBuiltIn(RuleFile(path: file.path, displayName: "/tmp/x.yml", contents: file.contents)))
        #expect(!RuleSource.isBuiltIn(RuleFile(path: file.path, displayName: file.displayName, contents: file.contents + "\n# changed\n")))
        #expect(!RuleSource.isBuiltIn(RuleFile(path: "en/other.yml", displayName: file.displayName, contents: file.contents)))
    }

    /// A user's file (even one replacing the built-in one) still has its patterns compiled.
    @Test func invalidPatternInAUserFileIsAnErrorWithPosition() {
        let file = RuleFile(path: "en/speaker-labels.yml", displayName: "labels.yml", contents: """
            kind: speaker-labels
            rules:
              - id: broken
                description: an unclosed group
                pattern: '^(?<name>[A-Z]+:'
            """)
        do {
            _ = try RuleSet(files: [file])
            Issue.record("expected an error")
        } catch {
            #expect(error.file == "labels.yml")
            #expect(error.line == 5)
            #expect(error.description.contains("invalid regular expression"))
        }
    }

    @Test func idPrefixes() {
        let cases = [
            ("en/attribution/direct.yml", "en.attribution.direct"), ("en/lexicon.yaml", "en.lexicon"),
            ("en/names/first-names.txt", "en.names.first-names"), ("de/a.b/c.yml", "de.a.b.c"), ("en/x.json", "en.x.json"),
            ("fr/écrit/é.yml", "fr.écrit.é"),
        ]
        for (path, prefix) in cases {
            #expect(RuleFile(path: path, displayName: path, contents: "").idPrefix == prefix)
        }
    }

    /// Profiles read together (indexed once) tell languages as profiles read one at a time did.
    @Test func languageProfilesReadTogetherMatchOneByOne() {
        let files = RuleSource.builtIn.filter { $0.path.hasPrefix("languages/") }
        #expect(files.count >= 8)
        var together = LanguageProfiles()
        together.parse(files)
        var oneByOne = LanguageProfiles()
        for file in files { oneByOne.parse(file) }
        #expect(together.profiles == oneByOne.profiles)
        let texts = [
            String(repeating: "the people said that it was not the time for a change in the law and they would wait ", count: 4),
            String(repeating: "die Leute sagten, dass es nicht die Zeit für eine Änderung des Gesetzes sei und sie warten würden ", count: 4),
            String(repeating: "les gens ont dit que ce n'était pas le moment de changer la loi et qu'ils attendraient ", count: 4),
        ]
        for text in texts {
            let scalars = Array(text.unicodeScalars)
            #expect(together.identify(scalars) == oneByOne.identify(scalars))
            #expect(together.identify(scalars) != nil)
        }
    }
}
