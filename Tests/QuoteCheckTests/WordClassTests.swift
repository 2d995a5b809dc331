import QuoteCheck
import QuoteRules
import Testing

/// Word classes declared by name in rule data: storage assigned at load, looked up by name.
@Suite struct WordClassTests {
    static func lexicon(_ yaml: String) throws -> Lexicon {
        try RuleSet(files: [RuleFile(path: "en/lexicon.yml", displayName: "lexicon.yml", contents: yaml)]).lexicon
    }

    @Test func builtInRulesDeclareTheEngineClasses() throws {
        let lexicon = try RuleSet.load().lexicon
        for (name, word) in [("ofLinks", "of"), ("phraseArticles", "the"), ("shareLinks", "in"), ("listenerEnds", "that")] {
            let named = lexicon.wordClass(named: name)
            #expect(!named.isEmpty, "Rules/en declares no word class \(name)")
            #expect(lexicon.classes(of: word).isSuperset(of: named), "\(word) is not in \(name)")
            #expect(named.rawValue.nonzeroBitCount == 1)
        }
    }

    @Test func namedClassesGetTheirOwnBitsBeyondTheLists() throws {
        let lexicon = try Self.lexicon("""
            kind: lexicon
            stopWords: [of]
            wordClasses:
              links: [of, to]
              joins: [and]
              stopWords: [unto]
            """)
        let links = lexicon.wordClass(named: "links")
        let joins = lexicon.wordClass(named: "joins")
        #expect(!links.isEmpty && !joins.isEmpty && links != joins)
        #expect(links.isDisjoint(with: .stopWord) && joins.isDisjoint(with: .stopWord))
        #expect(lexicon.classes(of: "of") == links.union(.stopWord))
        #expect(lexicon.classes(of: "to") == links)
        // A list's name is a class name too: `wordClasses` adds words to it.
        #expect(lexicon.wordClass(named: "stopWords") == .stopWord)
        #expect(lexicon.classes(of: "unto") == .stopWord)
        #expect(lexicon.wordClass(named: "undeclared").isEmpty)
    }

    /// A hundred classes declared by name: the first ones get the inline bits left, the rest
    /// are wide, and each class still holds exactly its own words, in the lexicon and on tokens.
    @Test func aHundredNamedClassesEachHoldTheirWords() throws {
        let count = 100
        let names = (0..<count).map { "  class\($0): [word\($0), every]" }.joined(separator: "\n")
        let rules = try RuleSet(files: [RuleFile(path: "en/lexicon.yml", displayName: "lexicon.yml", contents: "kind: lexicon\nwordClasses:\n" + names + "\n")])
        let lexicon = rules.lexicon
        var wide = 0
        for index in 0..<count {
            let wordClass = try #require(lexicon.namedWordClass("class\(index)"))
            if case .wide = wordClass { wide += 1 }
            #expect(lexicon.contains("word\(index)", in: wordClass))
            #expect(lexicon.contains("every", in: wordClass))
            #expect(!lexicon.contains("word\((index + 1) % count)", in: wordClass))
        }
        #expect(wide == count - WordClasses.namedCapacity)
        #expect(lexicon.namedWordClass("class101") == nil)

        // On tokens: "word99" is in class99 (wide) and no other; "word3" in class3 (inline).
        let text = "Word99 met word3, and word99 left with every word."
        let loaded = try PlainTextLoader().load(bytes: Array(text.utf8), uri: "classes.txt")
        let analysis = DocumentAnalysis(text: loaded, rules: rules)
        let class99 = try #require(lexicon.namedWordClass("class99"))
        let class3 = try #require(lexicon.namedWordClass("class3"))
        let inClass99 = analysis.tokens.indices.filter { analysis.token($0, isIn: class99) }.map { analysis.tokens[$0].key }
        #expect(inClass99 == ["word99", "word99", "every"])
        let inClass3 = analysis.tokens.indices.filter { analysis.token($0, isIn: class3) }.map { analysis.tokens[$0].key }
        #expect(inClass3 == ["word3", "every"])
    }

    /// Endings come from `suffixClasses:` data: a pack without them gives no such class, a pack
    /// with its own endings gives them, matched as written and only on a longer word.
    @Test func endingClassesComeFromTheRules() throws {
        func classes(_ yaml: String, _ text: String) throws -> [String: WordClasses] {
            let rules = try RuleSet(files: [RuleFile(path: "en/lexicon.yml", displayName: "lexicon.yml", contents: "kind: lexicon\n" + yaml)])
            let loaded = try PlainTextLoader().load(bytes: Array(text.utf8), uri: "endings.txt")
            let analysis = DocumentAnalysis(text: loaded, rules: rules)
            return Dictionary(analysis.tokens.filter(\.isWord).map { (String(scalars: analysis.scalars[$0.range.range]), $0.classes) }) { first, _ in first }
        }
        let none = try classes("stopWords: [the]\n", "saying the report")
        #expect(none["saying"] == [])
        let own = try classes("suffixClasses:\n  endsInIng: [ung, ing]\n  relatives: [in]\n", "Zeitung ung ZEITUNG saying in Berlin")
        let relatives = try Self.lexicon("kind: lexicon\nsuffixClasses:\n  endsInIng: [ung, ing]\n  relatives: [in]\n").wordClass(named: "relatives")
        #expect(!relatives.isEmpty && relatives != .endsInIng)
        #expect(own["Zeitung"] == .endsInIng)
        #expect(own["ung"] == [])
        #expect(own["ZEITUNG"] == [])
        #expect(own["saying"] == .endsInIng)
        #expect(own["in"] == [])
        #expect(own["Berlin"] == relatives)
        // English declares the four the engine tests.
        let english = try RuleSet.load().lexicon
        #expect(english.suffixClasses(of: ArraySlice("firmly".unicodeScalars)) == .endsInLy)
        #expect(english.suffixClasses(of: ArraySlice("Russia’s".unicodeScalars)) == .possessive)
        #expect(english.suffixClasses(of: ArraySlice("ed".unicodeScalars)) == [])
    }

    @Test func anEmptyEndingIsAnErrorAtItsLine() throws {
        let file = RuleFile(path: "en/lexicon.yml", displayName: "lexicon.yml", contents: "kind: lexicon\nsuffixClasses:\n  endsInEd: [ed]\n  endsInLy: ['']\n")
        #expect {
            _ = try RuleSet(files: [file])
        } throws: { error in
            guard let error = error as? RuleError else { return false }
            return error.line == 4 && error.description.hasPrefix("lexicon.yml:") && error.description.contains("endsInLy")
        }
    }
}
