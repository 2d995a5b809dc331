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
    /// Steps the rules took on the sentence, all rules together (a rule over budget counts
    /// what it was charged).
    var steps = 0
}

/// Tokens of one sentence that earlier matches have used, by position: the matcher asks about
/// them for every candidate match, so this is a bit per token rather than a hashed set. The first
/// 64 tokens' bits are inline, so a sentence of usual length needs no allocation.
struct TokenMask: Sendable {
    private var base = 0
    private var count = 0
    private var head: UInt64 = 0
    /// Bits of the tokens after the 64th, 64 a word.
    private var rest: [UInt64] = []

    /// No token used, in no sentence: what a first try passes.
    init() {}

    init(sentence: Range<Int>) {
        base = sentence.lowerBound
        count = sentence.count
        if count > 64 { rest = Array(repeating: 0, count: (count - 64 + 63) / 64) }
    }

    func contains(_ token: Int) -> Bool {
        let offset = token - base
        guard offset >= 0, offset < count else { return false }
        if offset < 64 { return head & (1 << UInt64(offset)) != 0 }
        return rest[(offset - 64) >> 6] & (1 << UInt64((offset - 64) & 63)) != 0
    }

    func intersects(_ tokens: Range<Int>) -> Bool {
        tokens.contains { contains($0) }
    }

    /// Marks the tokens of `tokens` that lie in the mask's sentence (a match never reaches past it).
    mutating func formUnion(_ tokens: Range<Int>) {
        for token in tokens {
            let offset = token - base
            guard offset >= 0, offset < count else { continue }
            if offset < 64 {
                head |= 1 << UInt64(offset)
            } else {
                rest[(offset - 64) >> 6] |= 1 << UInt64((offset - 64) & 63)
            }
        }
    }
}
