import QuoteRules

/// The word classes the engine's grammar tests by name, looked up once from the rules'
/// `wordClasses:` (Rules/en/lexicon.yml): the English words stay in the rule data, and a test
/// stays a mask test on the token. A rule pack that declares none of them has no such words.
struct Vocabulary: Sendable {
    /// "of" linking a role to what it is of: "Secretary of State John Kerry".
    var ofLink: WordClasses
    /// "the" inside a speaker or listener phrase: "president of the union".
    var phraseArticle: WordClasses
    /// "in" joining the numbers of a share: "six in 10".
    var shareLink: WordClasses
    /// "that" ending a listener: "told reporters that …".
    var listenerEnd: WordClasses
    /// "and", "on" inside a capitalised name: "the World Travel and Tourism Council".
    var nameLink: WordClasses
    /// "is", "was": the verb after a subject's head noun ("The scandal is …").
    var copula: WordClasses

    init(lexicon: Lexicon) {
        ofLink = lexicon.wordClass(named: "ofLinks")
        phraseArticle = lexicon.wordClass(named: "phraseArticles")
        shareLink = lexicon.wordClass(named: "shareLinks")
        listenerEnd = lexicon.wordClass(named: "listenerEnds")
        nameLink = lexicon.wordClass(named: "nameLinks")
        copula = lexicon.wordClass(named: "copulas")
    }
}

extension WordClasses {
    /// Whether the word is in any of `classes`. Unlike `contains`, false for no class at all: a
    /// class a rule pack does not declare is empty, and an empty set is a subset of every set.
    @inline(__always) func intersects(_ classes: WordClasses) -> Bool {
        rawValue & classes.rawValue != 0
    }
}
