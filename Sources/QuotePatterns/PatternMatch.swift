/// Where one rule matched in one sentence, in tokens.
public struct PatternMatch: Sendable, Hashable {
    public var ruleIndex: Int
    /// Content pieces in order: one per QUOTE or CONTENT element.
    public var content: [Range<Int>]
    public var speaker: Range<Int>?
    public var cue: Range<Int>?
    public var cueConfidence: Double
    /// Every token the match covered, REST included.
    public var covered: Range<Int>
}

/// What the rules found in one sentence.
public struct SentenceMatches: Sendable {
    /// Every match, rule by rule in rule order, and within a rule from left to right.
    public var matches: [PatternMatch] = []
    /// Rules skipped on the sentence because they ran out of ``PatternMatcher/stepBudget``.
    public var overBudget: [Int] = []
}

/// Tokens of one sentence that earlier matches have used, by position: the matcher asks about
/// them for every candidate match, so this is a flag per token rather than a hashed set.
struct TokenMask: Sendable {
    private var base = 0
    private var flags: [Bool] = []

    /// No token used, in no sentence: what a first try passes.
    init() {}

    init(sentence: Range<Int>) {
        base = sentence.lowerBound
        flags = Array(repeating: false, count: sentence.count)
    }

    func contains(_ token: Int) -> Bool {
        let offset = token - base
        return offset >= 0 && offset < flags.count && flags[offset]
    }

    func intersects(_ tokens: Range<Int>) -> Bool {
        tokens.contains { contains($0) }
    }

    /// Marks the tokens of `tokens` that lie in the mask's sentence (a match never reaches past it).
    mutating func formUnion(_ tokens: Range<Int>) {
        for token in tokens where token - base >= 0 && token - base < flags.count { flags[token - base] = true }
    }
}
