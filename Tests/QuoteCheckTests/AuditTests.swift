import Foundation
import QuoteCheck
import Testing

@testable import QuoteReview

/// `quotecheck audit`: golden plain-mode listings, compared line by line, and the flags and
/// summary on records made to have them. Set QUOTECHECK_RECORD_GOLDEN=1 to write the golden
/// files anew (that run fails).
@Suite struct AuditTests {
    static let fixtures = packageRoot.appendingPathComponent("Fixtures")

    /// (golden file under Fixtures/audit, articles, references), paths relative to the package root.
    static let cases: [(golden: String, articles: [String], references: [String])] = [
        ("sharaa-putin.txt.audit", ["Fixtures/articles/sharaa-putin.txt"], []),
        ("sharaa-putin.html.audit", ["Fixtures/articles/sharaa-putin.html"], []),
        ("check-article.audit", ["Fixtures/check/article.txt"], ["Fixtures/check/transcript.txt"]),
        ("hostile.txt.audit", ["Fixtures/report/hostile.txt"], []),
    ]

    static func audit(articles: [String], references: [String]) throws -> Audit {
        // Loaded under the relative paths a user in the repository root gives, so the listing
        // does not depend on the checkout.
        let pipeline = Pipeline(rules: try RuleSet.load())
        func load(_ path: String) throws -> LoadedText {
            try pipeline.loader.load(bytes: try DocumentLoader.read(path: packageRoot.appendingPathComponent(path).path), uri: path)
        }
        var documents = try articles.map { path in
            let loaded = try load(path)
            return ReviewInputs.document(loaded: loaded, records: pipeline.records(for: loaded))
        }
        if !references.isEmpty {
            let labeler = SpeakerLabeler(rules: pipeline.rules.speakerLabels)
            let index = ReferenceIndex(documents: try references.map { ReferenceDocument(loaded: try load($0), labels: labeler) })
            let checker = QuoteChecker(index: index, rules: pipeline.rules)
            for index in documents.indices { documents[index].records = documents[index].records.map(checker.checked) }
        }
        return Audit(documents)
    }

    @Test(arguments: cases.map(\.golden))
    func plainListingMatchesGolden(_ golden: String) throws {
        let testCase = try #require(Self.cases.first { $0.golden == golden })
        let text = AuditRenderer.render(try Self.audit(articles: testCase.articles, references: testCase.references), format: .plain)
        let file = Self.fixtures.appendingPathComponent("audit/\(golden)")
        if ProcessInfo.processInfo.environment["QUOTECHECK_RECORD_GOLDEN"] != nil {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
            Issue.record("re-recorded \(golden); run again without QUOTECHECK_RECORD_GOLDEN")
            return
        }
        let expected = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
        let found = text.components(separatedBy: "\n")
        #expect(found.count == expected.count, "\(golden): \(found.count) lines, expected \(expected.count)")
        for (index, (line, wanted)) in zip(found, expected).enumerated() {
            #expect(line == wanted, "\(golden):\(index + 1)")
        }
    }

    /// The seed article, as the issue describes it, independent of the golden file.
    @Test func seedArticleEntries() throws {
        let audit = try Self.audit(articles: ["Fixtures/articles/sharaa-putin.txt"], references: [])
        let entries = try #require(audit.articles.first?.entries)
        let first = try #require(entries.first)
        #expect(first.kind == "direct")
        #expect(first.speaker?.name == "Ahmed al-Sharaa")
        #expect(first.speaker?.resolution == "Mr. al-Sharaa → Ahmed al-Sharaa, Syrian President (alias)")
        #expect(first.cue == "told")
        #expect(first.verify == "ok")
        // The quote starts after the opening mark on the line that holds it.
        let loaded = try Pipeline(rules: try RuleSet.load()).loader.load(path: Self.fixtures.appendingPathComponent("articles/sharaa-putin.txt").path)
        let before = loaded.string(in: ScalarRange(start: 0, end: 464))
        #expect(first.line == before.filter { $0 == "\n" }.count + 1)
        #expect(first.column == 2)
        // The split indirect quote shows its pieces, not the cue between them.
        let split = try #require(entries.first { $0.pieces.count > 1 })
        #expect(!split.words.contains("reportedly"))
        #expect(split.words.contains(" … "))
        #expect(split.flags.contains(.unattributed))
        #expect(audit.summary.quotes == entries.count)
        #expect(audit.summary.attributed == entries.filter { $0.speaker != nil }.count)
    }

    static func record(_ id: String, start: Int, speaker: Speaker?, confidence: Double = 0.9) -> ClaimRecord {
        let document = DocumentReference(uri: "t.txt", media: "text/plain", sha256: "aa", textSha256: "aa")
        let quote = QuoteText(text: "words", start: start, end: start + 5, sourceBytes: ByteRange(start: start, end: start + 5), prefix: "", suffix: "")
        return ClaimRecord(id: id, document: document, kind: .direct, quote: quote, speaker: speaker, cue: nil, rule: "r", confidence: confidence)
    }

    static func speaker(_ name: String, mentionAt start: Int?, resolvedBy: String, anonymous: Bool = false) -> Speaker {
        Speaker(
            name: name, mention: start.map { Mention(text: name, start: $0, end: $0 + 3, sourceBytes: ByteRange(start: $0, end: $0 + 3)) },
            resolvedBy: resolvedBy, anonymous: anonymous)
    }

    @Test func flagsAndSummary() throws {
        let records = [
            Self.record("1", start: 10, speaker: Self.speaker("Ann Lee", mentionAt: 20, resolvedBy: "mention")),
            Self.record("2", start: 100, speaker: Self.speaker("Bob Stone", mentionAt: 90, resolvedBy: "mention")),
            // Found from a pronoun right after Bob was named: ambiguous.
            Self.record("3", start: 120, speaker: Self.speaker("Ann Lee", mentionAt: 130, resolvedBy: "pronoun")),
            // The same, but Bob was named far back: not ambiguous.
            Self.record("4", start: 900, speaker: Self.speaker("Ann Lee", mentionAt: 910, resolvedBy: "pronoun")),
            Self.record("5", start: 1000, speaker: Self.speaker("a source", mentionAt: 1010, resolvedBy: "anonymous", anonymous: true)),
            Self.record("6", start: 1100, speaker: nil, confidence: 0.4),
        ]
        let loaded = try PlainTextLoader().load(bytes: Array(repeating: UInt8(ascii: "x"), count: 1200), uri: "t.txt")
        let document = ReviewDocument(loaded: loaded, records: records, verification: [:])
        let audit = Audit([document])
        let flags = try #require(audit.articles.first).entries.map(\.flags)
        #expect(flags == [[], [], [.ambiguous], [], [.anonymous], [.unattributed, .lowConfidence]])
        #expect(audit.summary.quotes == 6)
        #expect(audit.summary.attributed == 5)
        #expect(audit.summary.anonymous == 1)
        #expect(audit.summary.speakers.map(\.speaker) == ["Ann Lee", "Bob Stone"])
        #expect(audit.summary.speakers.map(\.quotes) == [3, 1])
        let plain = AuditRenderer.render(audit, format: .plain)
        #expect(plain.contains("Summary: 6 quotes, 5 attributed (83%), 1 anonymous (17%)"))
        let markdown = AuditRenderer.render(audit, format: .markdown)
        #expect(markdown.contains("| Line:col | Kind | Words |"))
        let json = try JSONDecoder().decode(Audit.self, from: Data(AuditRenderer.render(audit, format: .json).utf8))
        #expect(json == audit)
    }

    /// An escape sequence in an article must not reach the terminal, nor a line separator split
    /// a field.
    @Test func articleControlCharactersAreNeutralised() throws {
        let audit = try Self.audit(articles: ["Fixtures/report/hostile.txt"], references: [])
        #expect(audit.articles.first?.entries.contains { $0.words.contains("\u{1B}[31m") } == true)
        for format in [AuditFormat.plain, .terminal, .markdown] {
            let text = AuditRenderer.render(audit, format: format)
            let escapes = text.components(separatedBy: "\u{1B}[").count - 1
            // The terminal format's own colours are the only escapes, and they never appear inside a quote's words.
            #expect(format == .terminal ? !text.contains("\u{1B}[31malert") : escapes == 0, "\(format)")
            #expect(!text.unicodeScalars.contains { $0 == "\u{2028}" || $0 == "\u{2029}" }, "\(format)")
        }
        #expect(AuditRenderer.render(audit, format: .markdown).contains("&lt;script&gt;") == false)
        #expect(AuditRenderer.render(audit, format: .markdown).contains("&lt;/script>&lt;script>"))
    }

    /// `title` and `chain` (RECORD.md) are read from whatever speaker value carries them.
    @Test func speakerTitleAndChainAreShownWhenPresent() {
        struct Link { var text: String; var start: Int; var end: Int }
        struct FutureSpeaker { var name: String; var title: String?; var chain: [Link]? }
        let details = SpeakerDetails(
            reflecting: FutureSpeaker(
                name: "Vladimir Putin", title: "Russian President",
                chain: [Link(text: "he", start: 90, end: 92), Link(text: "Mr. Putin", start: 40, end: 49)]))
        #expect(details.title == "Russian President")
        #expect(details.chain.map(\.text) == ["he", "Mr. Putin"])
        #expect(details.chain.first?.start == 90)
        #expect(SpeakerDetails(reflecting: FutureSpeaker(name: "X", title: nil, chain: nil)) == SpeakerDetails(title: nil, chain: []))
        let view = AuditEntry.SpeakerView(
            name: "Vladimir Putin", mention: "he", resolvedBy: "pronoun", anonymous: false, title: details.title, chain: details.chain.map(\.text))
        #expect(view.resolution == "he → Mr. Putin → Vladimir Putin, Russian President (pronoun)")
    }

    @Test func lineIndexCountsScalars() {
        let lines = LineIndex(Array("ab\n😀cd\n\nx".unicodeScalars))
        #expect(lines.position(of: 0) == (1, 1))
        #expect(lines.position(of: 4) == (2, 2))
        #expect(lines.position(of: 7) == (3, 1))
        #expect(lines.position(of: 8) == (4, 1))
    }
}
