import QuoteCheckText

/// A quotation the detector found, before its speaker is resolved.
public struct DetectedQuote: Sendable, Hashable {
    public var kind: QuoteKind
    /// The quoted pieces, in order; more than one when the quote is interrupted by its attribution.
    public var parts: [ScalarRange]
    /// The speech cue, when a pattern found one.
    public var cue: ScalarRange?
    /// The speaker phrase a pattern found, as written ("Mr. al-Sharaa", "he", "a source").
    public var source: ScalarRange?
    /// The id of the rule that found it.
    public var rule: String
    public var confidence: Double
    /// The sentence (index into ``DocumentAnalysis/sentences``) that holds the attribution.
    public var sentence: Int
    /// Quote tokens the quotation is made of, when it is direct or mixed.
    public var quoteIndices: [Int]
    /// The rule says the speaker goes unnamed: none may be carried over from elsewhere.
    public var speakerIsUnnamed = false
    /// The rule counts only when the speaker resolves to a person the document names.
    public var speakerMustBePerson = false

    public init(
        kind: QuoteKind, parts: [ScalarRange], cue: ScalarRange? = nil, source: ScalarRange? = nil,
        rule: String, confidence: Double, sentence: Int = 0, quoteIndices: [Int] = []
    ) {
        self.kind = kind
        self.parts = parts
        self.cue = cue
        self.source = source
        self.rule = rule
        self.confidence = confidence
        self.sentence = sentence
        self.quoteIndices = quoteIndices
    }

    /// From the first piece's start to the last piece's end.
    public var range: ScalarRange {
        guard let first = parts.first else { return ScalarRange(start: 0, end: 0) }
        return parts.dropFirst().reduce(first) { $0.union($1) }
    }
}

/// What the detector hands to attribution: the quotations and the analysis they came from.
public struct Detection: Sendable {
    public var analysis: DocumentAnalysis
    public var quotes: [DetectedQuote]
    /// Rules skipped on a sentence because they ran out of ``PatternMatcher/stepBudget``.
    public var budgetExceeded: [BudgetExceeded] = []

    public init(analysis: DocumentAnalysis, quotes: [DetectedQuote], budgetExceeded: [BudgetExceeded] = []) {
        self.analysis = analysis
        self.quotes = quotes
        self.budgetExceeded = budgetExceeded
    }
}

/// A rule that gave up on a sentence: its matches there are lost, so the user must hear of it.
public struct BudgetExceeded: Sendable, Hashable, CustomStringConvertible {
    public var rule: String
    public var ruleFile: String
    public var ruleLine: Int
    /// Where the sentence starts in the loaded text, in scalars.
    public var sentenceStart: Int

    public var description: String {
        "scalar \(sentenceStart): rule \(rule) (\(ruleFile):\(ruleLine)) exceeded the matcher's budget of \(PatternMatcher.stepBudget) steps on this sentence and was skipped for it; simplify its pattern (fewer optional or variable-length elements)"
    }
}
