import Foundation
import QuoteCheck
import Testing

/// One rule set per `Rules/<language>/` (issue 19): packs cannot be mixed, `--language` chooses
/// one, rule ids carry it, and the German pack passes its own examples.
@Suite struct LanguagePackTests {
    let scratch: URL

    init() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("qc-lang-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    /// A rules directory holding `files` (relative path: contents).
    func rulesDirectory(_ files: [String: String]) throws -> String {
        let root = scratch.appendingPathComponent("rules-\(UUID().uuidString)")
        for (path, contents) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try contents.write(to: url, atomically: true, encoding: .utf8)
        }
        return root.path
    }

    static let germanCue = "kind: cues\ncues:\n  - forms: [verkündete]\n"

    // MARK: Packs cannot be mixed

    @Test func aRuleSetOfTwoPacksIsRefused() throws {
        let english = RuleFile(path: "en/cues.yml", displayName: "en/cues.yml", contents: "kind: cues\ncues:\n  - forms: [said]\n")
        let german = RuleFile(path: "de/cues.yml", displayName: "de/cues.yml", contents: Self.germanCue)
        #expect {
            try RuleSet(files: [english, german])
        } throws: { error in
            guard let error = error as? RuleError else { return false }
            return error.file == "de/cues.yml" && error.message.contains("'de' pack in the 'en' rule set")
        }
    }

    @Test func theBuiltInFilesMakeOnePackPerLanguage() throws {
        #expect(RuleSource.packs(in: RuleSource.builtIn) == ["de", "en"])
        #expect(throws: RuleError.self) { try RuleSet(files: RuleSource.builtIn) }
        let packs = try RuleSet.loadAll()
        #expect(packs.map(\.language) == ["de", "en"])
        for pack in packs {
            // Every file of a pack is its own or shared; the HTML vocabulary and the language
            // profiles are the shared ones.
            #expect(pack.files.allSatisfy { $0.pack == pack.language || $0.isShared })
            #expect(pack.languages.profiles.count >= 8)
            #expect(!pack.html.boilerplateTokens.isEmpty)
        }
    }

    @Test func aGermanOverlayOnAnEnglishRunIsRefusedWithAClearError() throws {
        let directory = try rulesDirectory(["de/cues.yml": Self.germanCue])
        #expect {
            try RuleSet.load(language: "en", overrides: directory)
        } throws: { error in
            guard let error = error as? RuleError else { return false }
            return error.file.hasSuffix("de/cues.yml") && error.line == 1
                && error.message.contains("'de' pack in a run that reads 'en'") && error.message.contains("--language de")
        }
        // The same overlay applies to the pack it names.
        let german = try RuleSet.load(language: "de", overrides: directory)
        #expect(german.lexicon.cuesByFirstWord["verkündete"] != nil)
        #expect(german.lexicon.cuesByFirstWord["sagte"] == nil, "the overlay replaced de/cues.yml by path")
    }

    @Test func anOverlayWhenDetectingReachesOnlyItsOwnPack() throws {
        let directory = try rulesDirectory(["de/extra-cues.yml": Self.germanCue])
        let packs = try RuleSet.loadAll(overrides: directory)
        let german = try #require(packs.first { $0.language == "de" })
        let english = try #require(packs.first { $0.language == "en" })
        #expect(german.lexicon.cuesByFirstWord["verkündete"] != nil)
        #expect(german.lexicon.cuesByFirstWord["sagte"] != nil)
        #expect(english.lexicon.cuesByFirstWord["verkündete"] == nil)
    }

    @Test func anOverlayFileOutsideAPackIsRefused() throws {
        let directory = try rulesDirectory(["cues.yml": Self.germanCue])
        #expect {
            try RuleSet.loadAll(overrides: directory)
        } throws: { error in
            (error as? RuleError).map { $0.file.hasSuffix("/cues.yml") && $0.message.contains("outside a language pack") } ?? false
        }
    }

    @Test func aSharedFileHoldsOnlyTheHTMLVocabulary() throws {
        let directory = try rulesDirectory(["common/cues.yml": Self.germanCue])
        #expect {
            try RuleSet.load(overrides: directory)
        } throws: { error in
            (error as? RuleError).map { $0.file.hasSuffix("common/cues.yml") && $0.line == 1 && $0.message.contains("only be of kind html") } ?? false
        }
    }

    @Test func aLanguageWithoutAPackIsRefused() throws {
        #expect {
            try RuleSet.load(language: "fr")
        } throws: { error in
            (error as? RuleError).map { $0.message == "no rule pack for language 'fr' (packs: de, en)" } ?? false
        }
        #expect(throws: RuleError.self) { try Pipeline(packs: RuleSet.loadAll(), language: "fr") }
    }

    // MARK: Rule ids carry the language

    @Test(arguments: ["en", "de"])
    func ruleIdsDeriveFromThePack(language: String) throws {
        let rules = try RuleSet.load(language: language)
        #expect(rules.language == language)
        #expect(!rules.attributionRules.isEmpty)
        #expect(rules.attributionRules.allSatisfy { $0.id.hasPrefix(language + ".attribution.") })
        #expect(rules.boilerplate.allSatisfy { $0.id.hasPrefix(language + ".boilerplate.") })
        let engine = AttributionEngine(rules: rules)
        #expect(engine.continuationRule == language + ".attribution.continuation")
        #expect(engine.paragraphPersonRule == language + ".attribution.paragraph-person")
        #expect(engine.colonIntroductionRule == language + ".attribution.colon-introduction")
        #expect(QuoteDetector(rules: rules).unattributedRule == language + ".detector.unattributed-quote")
    }

    @Test func anUnattributedGermanQuoteCarriesAGermanRuleId() throws {
        let pipeline = Pipeline(rules: try RuleSet.load(language: "de"), format: .text, language: "de")
        let text = """
            Die Stadt plant neue Radwege in der Innenstadt.

            „Wir brauchen mehr Platz für Fahrräder und weniger Platz für Autos in der Stadt.“

            Die Arbeiten beginnen im Mai.
            """
        let loaded = try pipeline.loader.load(bytes: Array(text.utf8), uri: "case.txt")
        let records = pipeline.records(for: loaded)
        #expect(records.map(\.rule) == ["de.detector.unattributed-quote"])
    }

    // MARK: The German pack

    @Test func theGermanPackPassesItsExamples() throws {
        let rules = try RuleSet.load(language: "de")
        let result = RuleExampleRunner(rules: rules).run()
        #expect(result.failures.isEmpty, "\(result.failures.map(\.description))")
        // Every attribution rule has an example, run as written and behind a multi-byte prefix.
        #expect(result.examples >= 2 * rules.attributionRules.count)
    }

    @Test func theGermanPackLintsClean() {
        let files = RuleSource.files(RuleSource.builtIn, ofPack: "de")
        #expect(RuleLinter.lint(files).isEmpty)
    }

    @Test func englishWordsOutsideTheDetectorComeFromTheLexicon() throws {
        let english = try RuleSet.load(language: "en").lexicon
        let german = try RuleSet.load(language: "de").lexicon
        #expect(english.hasNegationSuffix("didn't") && english.hasNegationSuffix("didn’t"))
        #expect(!german.hasNegationSuffix("didn't"))
        #expect(CriticalWords(lexicon: english).isNegation("wasn't"))
        #expect(!CriticalWords(lexicon: german).isNegation("wasn't"))
        #expect(CriticalWords(lexicon: german).isNegation("nicht"))
        #expect(english.withoutPossessive("putin's") == "putin" && english.withoutPossessive("putin’s") == "putin")
        #expect(german.withoutPossessive("putin's") == "putin's")
        #expect(english.withoutPossessive("'s") == "'s")
        #expect(english.secondPersonPronouns == ["you"])
        #expect(english.definiteArticles == ["the"] && english.indefiniteArticles == ["a", "an"])
        #expect(english.originPrepositions == ["of"])
        #expect(german.originPrepositions.contains("aus"))
    }

    @Test func germanPackDeclaresTheClassesTheGrammarNames() throws {
        let german = try RuleSet.load(language: "de").lexicon
        let english = try RuleSet.load(language: "en").lexicon
        let expected: [(name: String, german: String, english: String)] = [
            ("ofLinks", "von", "of"), ("phraseArticles", "der", "the"), ("shareLinks", "von", "in"),
            ("listenerEnds", "dass", "that"), ("nameLinks", "und", "and"), ("copulas", "ist", "is"),
        ]
        for entry in expected {
            let germanClass = german.wordClass(named: entry.name)
            #expect(!germanClass.isEmpty, "de declares \(entry.name)")
            #expect(german.classes(of: entry.german).isSuperset(of: germanClass), "de \(entry.name) holds \(entry.german)")
            #expect(!german.classes(of: entry.english).contains(germanClass) || entry.german == entry.english, "de \(entry.name) holds no \(entry.english)")
            #expect(english.classes(of: entry.english).isSuperset(of: english.wordClass(named: entry.name)), "en \(entry.name) holds \(entry.english)")
        }
    }

    // MARK: The command line

    @Test(.enabled(if: BadInputTests.executable != nil, "needs the quotecheck executable built"))
    func languageChoosesThePackOnTheCommandLine() throws {
        let article = packageRoot.appendingPathComponent("Fixtures/articles/brueckensperrung-de.txt").path
        let detected = try BadInputTests.runCLI(["extract", article])
        #expect(detected.status == 0)
        #expect(detected.stdout.contains("\"rule\":\"de.attribution."))
        #expect(!detected.stdout.contains("\"rule\":\"en."))
        let forced = try BadInputTests.runCLI(["extract", "--language", "de", article])
        #expect(forced.stdout == detected.stdout)
        // With English forced the German article is read with English rules alone.
        let english = try BadInputTests.runCLI(["extract", "--language", "en", article])
        #expect(english.status == 0)
        #expect(english.stdout.contains("\"rule\":\"en."))
        #expect(!english.stdout.contains("\"rule\":\"de."))
        #expect(english.stdout != detected.stdout)
        let unknown = try BadInputTests.runCLI(["extract", "--language", "fr", article])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no rule pack for language 'fr' (packs: de, en)"))
        #expect(unknown.stdout.isEmpty)
    }

    @Test(.enabled(if: BadInputTests.executable != nil, "needs the quotecheck executable built"))
    func rulesSubcommandsTakeLanguage() throws {
        let test = try BadInputTests.runCLI(["rules", "test", "--language", "de"])
        #expect(test.status == 0)
        #expect(test.stdout.hasSuffix(" examples, 0 failed\n"))
        let list = try BadInputTests.runCLI(["rules", "list", "--language", "de"])
        #expect(list.status == 0)
        let ids = list.stdout.split(separator: "\n").map { $0.split(separator: "\t").first.map(String.init) ?? "" }
        #expect(!ids.isEmpty)
        #expect(ids.allSatisfy { $0.hasPrefix("de.attribution.") })
        let lint = try BadInputTests.runCLI(["rules", "lint", "--language", "de"])
        #expect(lint.status == 0)
        #expect(lint.stdout.contains("rule files: ok"))
        let overlay = try rulesDirectory(["de/cues.yml": Self.germanCue])
        let refused = try BadInputTests.runCLI(["rules", "test", overlay, "--language", "en"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("de/cues.yml:1:1: rule file of the 'de' pack in a run that reads 'en'"))
    }
}
