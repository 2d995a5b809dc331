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

    @Test func tooManyNamedClassesIsAnErrorAtTheClass() throws {
        let free = WordClasses.capacity - 32
        let names = (0...free).map { "  class\($0): [word\($0)]" }.joined(separator: "\n")
        let file = RuleFile(path: "en/lexicon.yml", displayName: "lexicon.yml", contents: "kind: lexicon\nwordClasses:\n" + names + "\n")
        #expect {
            _ = try RuleSet(files: [file])
        } throws: { error in
            guard let error = error as? RuleError else { return false }
            return error.line == 3 + free && error.description.contains("class\(free)") && error.description.hasPrefix("lexicon.yml:")
        }
    }
}
