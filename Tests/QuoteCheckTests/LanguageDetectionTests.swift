import Foundation
import Testing
@testable import QuoteCheck

/// Documents in a language without a rule pack are not run through another language's rules
/// (issue 14); a document in a language with one is read with it (issue 19).
@Suite struct LanguageDetectionTests {
    static let pipeline: Pipeline? = try? Pipeline(packs: RuleSet.loadAll(), format: .auto)

    /// `news-pages` from the shared data, at `../shared` beside the package or at `/work/shared`.
    static let newsPages: String? = {
        let packageParent = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return [packageParent.appendingPathComponent("shared").path, "/work/shared"]
            .map { $0 + "/data/news-pages/pages" }
            .first { FileManager.default.fileExists(atPath: $0) }
    }()

    static func load(_ text: String) throws -> LoadedText {
        let pipeline = try #require(Self.pipeline)
        return try pipeline.loader.load(bytes: Array(text.utf8), uri: "case.txt")
    }

    @Test func profilesAreReadFromRuleData() throws {
        let rules = try RuleSet.load()
        let codes = Set(rules.languages.profiles.map(\.code))
        #expect(codes.isSuperset(of: ["en", "de", "fr", "es", "pt", "cs"]))
        #expect(rules.languages.profiles.first { $0.code == "de" }?.name == "German")
        #expect(rules.language == "en")
        #expect(try #require(Self.pipeline).rulePacks == ["de", "en"])
    }

    static let french = """
        Le gouvernement a annoncé lundi que les prix de l'électricité ne vont pas augmenter. « Nous ne \
        laisserons personne seul », a déclaré le ministre. Mais l'opposition dit que c'est trop tard pour \
        les familles qui ont déjà payé leurs factures cet hiver et que le plan est insuffisant.
        """

    static let german = """
        Die Bundesregierung hat am Montag angekündigt, dass die Preise für Strom und Gas im nächsten Jahr \
        nicht weiter steigen sollen. „Wir werden die Menschen nicht allein lassen“, sagte der Kanzler bei \
        einer Pressekonferenz in Berlin. Die Opposition kritisierte die Pläne als zu spät und zu wenig, und \
        auch die Verbände der Wirtschaft sind mit dem Vorschlag nicht zufrieden.
        """

    @Test func aLanguageWithoutAPackIsSkippedWithOneClearLine() throws {
        let pipeline = try #require(Self.pipeline)
        let loaded = try Self.load(Self.french)
        let language = try #require(pipeline.unsupportedLanguage(of: loaded))
        #expect(language.code == "fr")
        #expect(pipeline.records(for: loaded).isEmpty)
        #expect(Pipeline.skipNotice(uri: "page.html", language: language, rulePacks: pipeline.rulePacks)
            == "page.html: language fr (French) has no rule pack; skipped (use --language en to force)")
    }

    @Test func germanTextIsReadWithTheGermanPack() throws {
        let pipeline = try #require(Self.pipeline)
        let loaded = try Self.load(Self.german)
        #expect(pipeline.unsupportedLanguage(of: loaded) == nil)
        guard case let .read(reader, _) = pipeline.reading(loaded) else {
            Issue.record("German text was not read")
            return
        }
        #expect(reader.rules.language == "de")
        let records = pipeline.records(for: loaded)
        #expect(records.count == 1)
        #expect(records.first?.rule == "de.attribution.direct.quote-comma-cue-speaker")
        #expect(records.first?.speaker?.mention?.text == "der Kanzler")
        #expect(records.first?.cue?.text == "sagte")
        #expect(records.first?.quote.text == "Wir werden die Menschen nicht allein lassen")
    }

    @Test func theEnglishPackAloneSkipsGerman() throws {
        // A pipeline of one pack knows no other: German is skipped, never read with English rules.
        let english = Pipeline(rules: try RuleSet.load(), format: .auto)
        let loaded = try english.loader.load(bytes: Array(Self.german.utf8), uri: "case.txt")
        #expect(english.unsupportedLanguage(of: loaded)?.code == "de")
        #expect(english.records(for: loaded).isEmpty)
    }

    @Test func forcingGermanReadsEnglishWithGermanRulesOnly() throws {
        let forced = try Pipeline(packs: RuleSet.loadAll(), format: .text, language: "de")
        #expect(forced.rulePacks == ["de"])
        let loaded = try forced.loader.load(bytes: Array("“We will win,” the senator said on Monday in a long speech to the crowd.".utf8), uri: "case.txt")
        // No English cue is known to the German pack.
        #expect(forced.records(for: loaded).allSatisfy { $0.rule.hasPrefix("de.") })
        #expect(forced.records(for: loaded).allSatisfy { $0.cue == nil })
    }

    @Test func forcedLanguageProcessesTheDocument() throws {
        let forced = Pipeline(rules: try RuleSet.load(), format: .text, language: "en")
        let loaded = try forced.loader.load(bytes: Array(Self.french.utf8), uri: "case.txt")
        #expect(forced.unsupportedLanguage(of: loaded) == nil)
        #expect(try #require(Self.pipeline).unsupportedLanguage(of: loaded)?.code == "fr")
    }

    @Test func englishAndShortTextsAreProcessed() throws {
        let pipeline = try #require(Self.pipeline)
        let english = try Self.load("""
            The government said on Monday that electricity prices would not rise next year. “We will not \
            leave anyone alone,” the minister said at a news conference, but the opposition called the plan \
            too little and too late for the families who have already paid their bills this winter.
            """)
        #expect(pipeline.rules.languages.identify(english.scalars)?.code == "en")
        #expect(pipeline.unsupportedLanguage(of: english) == nil)
        // A headline says too little to tell: it is processed as the rules' language.
        #expect(pipeline.unsupportedLanguage(of: try Self.load("Merkel: „Wir schaffen das“")) == nil)
    }

    @Test(.enabled(if: newsPages != nil, "needs shared/data/news-pages"), arguments: [
        ("heise.html", "de"), ("lemonde-1.html", "fr"), ("liberation-1.html", "fr"), ("la-nacion.html", "es"),
        ("folha.html", "pt"), ("aktualne.html", "cs"),
        ("bbc-1.html", "en"), ("nytimes-1.html", "en"), ("guardian-1.html", "en"), ("tmz-1.html", "en"),
    ])
    func newsPagesAreToldApart(page: String, code: String) throws {
        let pipeline = try #require(Self.pipeline)
        let directory = try #require(Self.newsPages)
        let loaded = try pipeline.loader.load(path: directory + "/" + page)
        #expect(pipeline.rules.languages.identify(loaded.scalars)?.code == code)
        if code == "en" || code == "de" {
            #expect(pipeline.unsupportedLanguage(of: loaded) == nil)
        } else {
            #expect(pipeline.records(for: loaded).isEmpty)
        }
    }
}
