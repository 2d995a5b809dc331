/// The words whose change flips a quote's meaning, read from the lexicon (`negations`,
/// `numberWords`, `notNames`, `negationSuffixes` in the pack's lexicon.yml).
public struct CriticalWords: Sendable {
    public var negations: Set<String>
    public var numberWords: Set<String>
    /// Capitalised words that are no names even inside a sentence.
    public var notNames: Set<String>
    /// Endings that make a word a negation ("n't"); words come with their apostrophes folded to "'".
    public var negationSuffixes: [String]

    public init(negations: Set<String>, numberWords: Set<String>, notNames: Set<String>, negationSuffixes: [String] = []) {
        self.negations = negations
        self.numberWords = numberWords
        self.notNames = notNames
        self.negationSuffixes = negationSuffixes
    }

    public init(lexicon: Lexicon) {
        self.init(negations: lexicon.negations, numberWords: lexicon.numberWords, notNames: lexicon.notNames, negationSuffixes: lexicon.negationSuffixes)
    }

    public func isNegation(_ word: String) -> Bool {
        negations.contains(word) || negationSuffixes.contains { word.hasSuffix($0) }
    }

    public func isNumber(_ word: String) -> Bool {
        numberWords.contains(word) || word.unicodeScalars.contains { $0.properties.numericType != nil }
    }

    func isName(_ token: WordToken, _ word: String) -> Bool {
        token.flags.contains(.capitalized) && !token.flags.contains(.sentenceInitial) && !notNames.contains(word)
    }

    /// The meaning-changing kinds between a quote's words and the reference words aligned with them.
    func kinds(quoteWords: [String], referenceWords: [String], quoteNames: [String], referenceNames: [String]) -> [String] {
        var kinds: [String] = []
        let quoteNegations = quoteWords.filter(isNegation).count
        let referenceNegations = referenceWords.filter(isNegation).count
        if quoteNegations > referenceNegations { kinds.append("negation-added") }
        if quoteNegations < referenceNegations { kinds.append("negation-dropped") }
        if quoteWords.filter(isNumber).sorted() != referenceWords.filter(isNumber).sorted() { kinds.append("number-changed") }
        if !quoteNames.isEmpty, !referenceNames.isEmpty, Set(quoteNames) != Set(referenceNames) { kinds.append("entity-swapped") }
        return kinds
    }

    /// Reported speech against the passage it reports: only what the paraphrase asserts that the
    /// passage contradicts (a number or name the passage lacks, negation the other way round).
    func paraphraseConflicts(quoteWords: [String], passageWords: [String], quoteNames: [String], passageNames: [String]) -> [String] {
        var kinds: [String] = []
        let quoteNegated = quoteWords.filter(isNegation).count % 2 == 1
        let passageNegated = passageWords.filter(isNegation).count % 2 == 1
        if quoteNegated && !passageNegated { kinds.append("negation-added") }
        if !quoteNegated && passageNegated { kinds.append("negation-dropped") }
        let passageNumbers = Set(passageWords.filter(isNumber))
        if quoteWords.filter(isNumber).contains(where: { !passageNumbers.contains($0) }) { kinds.append("number-changed") }
        let passageNameSet = Set(passageNames)
        if !passageNameSet.isEmpty, quoteNames.contains(where: { !passageNameSet.contains($0) }) { kinds.append("entity-swapped") }
        return kinds
    }
}
