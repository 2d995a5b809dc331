import Foundation
import Testing
@testable import QuoteCheck

/// `quotecheck check`: golden results on a hand-made transcript, and one test per normalisation.
@Suite struct CheckTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func checker(references: [ReferenceDocument], rules: RuleSet) -> QuoteChecker {
        QuoteChecker(index: ReferenceIndex(documents: references), rules: rules)
    }

    /// Who the article says spoke each quote (extraction does not attribute yet): the fourth quote
    /// is Mr. Putin's in the transcript but the article gives it to Mr. al-Sharaa.
    static let articleSpeakers: [(marker: String, speaker: String)] = [
        ("trying to restore", "Ahmed al-Sharaa"), ("great success", "Vladimir Putin"), ("withdraw", "Putin"),
        ("humanitarian", "Mr. al-Sharaa"), ("elections", "al-Sharaa"),
    ]

    static func checkedGoldenArticle() throws -> [ClaimRecord] {
        let rules = try RuleSet.load()
        let pipeline = Pipeline(rules: rules)
        let references = try CheckInputs.references([fixtures.appendingPathComponent("check/transcript.txt").path], pipeline: pipeline)
        let checker = checker(references: references, rules: rules)
        return try pipeline.extract(path: fixtures.appendingPathComponent("check/article.txt").path).map { record in
            var record = record
            if let speaker = articleSpeakers.first(where: { record.quote.text.contains($0.marker) })?.speaker {
                record.speaker = Speaker(name: speaker, mention: nil, resolvedBy: "test", anonymous: false)
            }
            return checker.checked(record)
        }
    }

    @Test func goldenTranscript() throws {
        let checked = try Self.checkedGoldenArticle()
        let summary = checked.map { record in
            let check = record.check
            return "\(check?.status.rawValue ?? "-") critical=\(check?.critical ?? []) speaker=\(check?.speaker.rawValue ?? "-")"
        }
        #expect(summary == [
            "verbatim critical=[] speaker=same",
            "elided critical=[] speaker=same",
            "altered critical=[\"negation-dropped\"] speaker=same",
            "verbatim critical=[] speaker=mismatch",
            "not-found critical=[] speaker=unknown",
        ])
        let golden = Self.fixtures.appendingPathComponent("check/article.expected.jsonl")
        // The golden file must not depend on where the repository is checked out.
        let lines = checked.compactMap { $0.check }.map { check in
            var check = check
            let name = URL(fileURLWithPath: check.reference?.uri ?? "").lastPathComponent
            check.reference?.uri = name
            return JSONLines.line(check)
        }
        if ProcessInfo.processInfo.environment["QUOTECHECK_RECORD_GOLDEN"] != nil {
            try (lines.joined(separator: "\n") + "\n").write(to: golden, atomically: true, encoding: .utf8)
            Issue.record("re-recorded \(golden.path); run again without QUOTECHECK_RECORD_GOLDEN")
            return
        }
        let expected = try String(contentsOf: golden, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.count == expected.count)
        let decoder = JSONDecoder()
        for (line, expectedLine) in zip(lines, expected) {
            let actual = try decoder.decode(ClaimCheck.self, from: Data(line.utf8))
            let wanted = try decoder.decode(ClaimCheck.self, from: Data(expectedLine.utf8))
            #expect(actual.status == wanted.status)
            #expect(actual.reference == wanted.reference)
            #expect(actual.similarity == wanted.similarity)
            #expect(actual.diff == wanted.diff)
            #expect(actual.referenceSpeaker == wanted.referenceSpeaker)
            #expect(actual.speaker == wanted.speaker)
        }
    }

    /// The reference span and the diff offsets point at the right text in both documents.
    @Test func offsetsPointAtTheWords() throws {
        let checked = try Self.checkedGoldenArticle()
        let transcript = Array(try String(contentsOf: Self.fixtures.appendingPathComponent("check/transcript.txt"), encoding: .utf8).unicodeScalars)
        let article = Array(try String(contentsOf: Self.fixtures.appendingPathComponent("check/article.txt"), encoding: .utf8).unicodeScalars)
        func text(_ scalars: [Unicode.Scalar], _ start: Int, _ end: Int) -> String { String(String.UnicodeScalarView(scalars[start..<end])) }
        for record in checked {
            guard let check = record.check, let reference = check.reference else { continue }
            #expect(text(transcript, reference.start, reference.end) == reference.text)
            #expect(reference.sourceBytes.count == reference.text.utf8.count)
            for entry in check.diff {
                if let start = entry.referenceStart, let end = entry.referenceEnd { #expect(text(transcript, start, end) == entry.referenceText) }
                if let start = entry.quoteStart, let end = entry.quoteEnd { #expect(text(article, start, end) == (entry.quoteText ?? "")) }
            }
        }
        let altered = checked.first { $0.check?.status == .altered }?.check?.diff ?? []
        let negation = try #require(altered.first { $0.isChange })
        #expect(negation.kind == .deleted)
        #expect(negation.referenceText == "not")
    }

    struct Normalisation: CustomTestStringConvertible, Sendable {
        let name: String
        let reference: String
        let quote: String
        let status: ClaimCheck.Status
        var testDescription: String { name }
    }

    static let normalisations: [Normalisation] = [
        Normalisation(name: "curly vs straight marks", reference: "He said: “We don’t want a war with anyone.”", quote: "\"We don't want a war with anyone.\"", status: .verbatim),
        Normalisation(name: "straight vs curly apostrophe", reference: "We don't want a war with anyone, she said.", quote: "“We don’t want a war with anyone,”", status: .verbatim),
        Normalisation(name: "em dash vs --", reference: "The bases can serve humanitarian purposes — delivering food to Syria.", quote: "the bases can serve humanitarian purposes -- delivering food to Syria", status: .verbatim),
        Normalisation(name: "case and edge punctuation", reference: "THE VOTE WILL BE FREE AND FAIR.", quote: "the vote will be free and fair", status: .verbatim),
        Normalisation(name: "[T]he", reference: "and the elections will be held in the spring, he said", quote: "[T]he elections will be held in the spring", status: .verbatim),
        Normalisation(name: "[the president] for he", reference: "Yesterday he met the ministers of all the regions in Damascus.", quote: "[the president] met the ministers of all the regions", status: .elided),
        Normalisation(name: ". . .", reference: "We will rebuild the country, we will restore the schools, and we will return the refugees home.", quote: "We will rebuild the country . . . and we will return the refugees home.", status: .elided),
        Normalisation(name: "...", reference: "We will rebuild the country, we will restore the schools, and we will return the refugees home.", quote: "We will rebuild the country... and we will return the refugees home.", status: .elided),
        Normalisation(name: "… with a dropped word elsewhere", reference: "We will rebuild the country, we will restore the schools, and we will return the refugees home.", quote: "We will rebuild the country … and we will return refugees home.", status: .altered),
        Normalisation(name: "no ellipsis for an omission", reference: "We will rebuild the country, we will restore the schools, and we will return the refugees home.", quote: "We will rebuild the country and we will return the refugees home.", status: .altered),
    ]

    @Test(arguments: normalisations)
    func normalisation(_ example: Normalisation) throws {
        let rules = try RuleSet.load()
        let loaded = try PlainTextLoader().load(bytes: Array(("Preamble line.\n\n" + example.reference).utf8), uri: "ref.txt")
        let checker = Self.checker(references: [ReferenceDocument(loaded: loaded, labels: SpeakerLabeler(rules: rules.speakerLabels))], rules: rules)
        let check = checker.check(text: example.quote)
        #expect(check.status == example.status, "\(check.diff)")
    }

    @Test(arguments: [
        ("Russia will not withdraw from the bases this year.", "Russia will withdraw from the bases this year.", "negation-dropped"),
        ("Russia will withdraw from the bases this year.", "Russia will not withdraw from the bases this year.", "negation-added"),
        ("We can win this election in the north.", "We can't win this election in the north.", "negation-added"),
        ("Russia will keep 2 bases in the country this year.", "Russia will keep 3 bases in the country this year.", "number-changed"),
        ("Russia will keep two bases in the country this year.", "Russia will keep four bases in the country this year.", "number-changed"),
        ("the talks with Moscow went well for everyone", "the talks with Washington went well for everyone", "entity-swapped"),
    ])
    func criticalChange(reference: String, quote: String, kind: String) throws {
        let rules = try RuleSet.load()
        let loaded = try PlainTextLoader().load(bytes: Array(reference.utf8), uri: "ref.txt")
        let checker = Self.checker(references: [ReferenceDocument(loaded: loaded, labels: SpeakerLabeler(rules: rules.speakerLabels))], rules: rules)
        let check = checker.check(text: quote)
        #expect(check.status == .altered)
        #expect(check.critical == [kind])
        #expect(check.fails(allowNotFound: true))
    }

    @Test func harmlessChangeIsNotCritical() throws {
        let rules = try RuleSet.load()
        let loaded = try PlainTextLoader().load(bytes: Array("We will work very hard to rebuild the economy of our country.".utf8), uri: "ref.txt")
        let checker = Self.checker(references: [ReferenceDocument(loaded: loaded, labels: SpeakerLabeler(rules: rules.speakerLabels))], rules: rules)
        let check = checker.check(text: "We will work hard to rebuild the economy of our country.")
        #expect(check.status == .altered)
        #expect(check.critical.isEmpty)
        #expect(!check.fails(allowNotFound: true))
    }

    @Test func aliasAwareNames() throws {
        let names = SpeakerNames(titles: try RuleSet.load().speakerLabels.titles)
        #expect(names.same("Putin", "Vladimir Putin"))
        #expect(names.same("PUTIN", "President Vladimir Putin"))
        #expect(names.same("Mr. al-Sharaa", "AHMED AL-SHARAA"))
        #expect(!names.same("Mr. al-Sharaa", "VLADIMIR PUTIN"))
        #expect(!names.same("Sergei Lavrov", "Putin"))
    }

    static let speakerLabels: SpeakerLabelRules? = try? RuleSet.load().speakerLabels
    static let speakerLabelIDs = speakerLabels?.labels.map(\.id) ?? []

    @Test func speakerLabelRulesAreThere() {
        #expect(Self.speakerLabelIDs.count >= 4)
    }

    /// Every speaker-label rule example, one test argument per rule: `match` lines are labels,
    /// `ignore` lines are not.
    @Test(arguments: speakerLabelIDs)
    func speakerLabelExamples(_ ruleID: String) throws {
        let rules = try #require(Self.speakerLabels)
        let rule = try #require(rules.labels.first { $0.id == ruleID })
        #expect(!rule.examples.match.isEmpty, "\(ruleID) has no example of a label")
        let labeler = SpeakerLabeler(rules: rules)
        for line in rule.examples.match { #expect(labeler.label(inLine: line)?.rule.id == rule.id, "\(rule.id): \(line)") }
        for line in rule.examples.ignore { #expect(labeler.label(inLine: line)?.rule.id != rule.id, "\(rule.id): \(line)") }
    }

    @Test func badSpeakerLabelRuleIsAnErrorWithPosition() {
        let file = RuleFile(path: "en/speaker-labels.yml", displayName: "labels.yml", contents: """
            kind: speaker-labels
            rules:
              - id: broken
                description: no name group
                pattern: '^([A-Z]+):'
            """)
        #expect(throws: RuleError.self) { try RuleSet(files: [file]) }
        let typo = RuleFile(path: "en/speaker-labels.yml", displayName: "labels.yml", contents: """
            kind: speaker-labels
            rules:
              - id: typo
                description: misspelt key
                patern: '^(?<name>[A-Z]+):'
            """)
        do {
            _ = try RuleSet(files: [typo])
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 5)
            #expect(error.description.contains("unknown key 'patern'"))
        }
    }
}
