import QuoteRules

/// What one sentence holds, computed once and shared by every rule tried on it: whether
/// rules can match at all (``Program/Requirements``), running counts that make content checks O(1),
/// and which token runs are speaker phrases.
struct SentenceFeatures: Sendable {
    var hasQuote = false
    /// A quotation that is not a title of a work: what cues such as "called" need.
    var hasQuoteOtherThanTitle = false
    /// Where `^ QUOTE` may also start: quotations opening a clause inside the sentence.
    var quotedClauseStarts: [Int] = []
    /// Words right after a dash, where `^ SPEAKER` patterns may start too.
    var dashClauseStarts: [Int] = []
    var hasCue = false
    /// The last quotation's token and the last token a cue form starts at (-1 for none):
    /// patterns only read forward, so a rule that needs one cannot start after it.
    var lastQuote = -1
    var lastCue = -1
    /// The last token a participle cue form ("saying", "telling reporters") starts at.
    var lastParticiple = -1
    /// A headline in title case: nearly every word capitalised, so capitals say nothing of names.
    var isTitleCase = false
    /// Which of ``Program/FeatureBits`` the sentence holds. A comma counts where a quotation
    /// ends in one ("“…,” Trump said"), as a punctuation step matches it there
    /// (``Interpreter/canMatchMark(step:at:)``).
    var present: UInt64 = 0
    /// The cue form starting at each token of the sentence, if any.
    var cues: [CueFact?] = []
    let base: Int

    struct Counts {
        var words: Int32 = 0
        var quotes: Int32 = 0
        var claimQuotes: Int32 = 0
    }

    /// Counts of words, quotations and claim-like quotations before each token of the sentence.
    var counts: [Counts] = []

    init(sentence: Range<Int>, tokens: [Token], program: Program, cues: [String: [CueForm]]) {
        self.init(scanning: sentence, tokens: tokens, bits: program.featureBits)
        complete(sentence: sentence, tokens: tokens, cues: cues)
    }

    /// The cheap part, enough for ``PatternMatcher/isCandidate(ruleIndex:present:)``; a
    /// sentence no rule can match (most have neither cue nor quotation) stops here.
    init(scanning sentence: Range<Int>, tokens: [Token], bits: Program.FeatureBits) {
        base = sentence.lowerBound
        var wordCount = 0
        var capitalized = 0
        defer { isTitleCase = wordCount >= 5 && capitalized * 4 >= wordCount * 3 }
        for index in sentence {
            switch tokens[index].kind {
            case .quote:
                hasQuote = true
                lastQuote = index
                if !tokens[index].isTitleLikeQuote { hasQuoteOtherThanTitle = true }
                if PatternMatcher.opensQuotedClause(index, in: sentence, tokens: tokens) { quotedClauseStarts.append(index) }
                if tokens[index].scalar == "," { present |= bits.bit(ofMark: ",") }
            case .punctuation:
                present |= bits.bit(ofMark: tokens[index].scalar)
            case .word:
                wordCount += 1
                if tokens[index].isCapitalized { capitalized += 1 }
                if tokens[index].classes.contains(.cueStart) { hasCue = true }
                if tokens[index].classes.contains(.patternWord), let bit = bits.words[tokens[index].key] { present |= bit }
            }
        }
        if hasQuote { present |= Program.FeatureBits.quote }
        if hasCue { present |= Program.FeatureBits.cue }
    }

    /// Running counts and cue forms: what matching reads. Speaker phrases are worked out as
    /// patterns ask for them (``State/tokenFacts``).
    mutating func complete(sentence: Range<Int>, tokens: [Token], cues cueForms: [String: [CueForm]]) {
        var running = Counts()
        counts.reserveCapacity(sentence.count + 1)
        counts.append(running)
        for index in sentence {
            if PatternMatcher.opensDashClause(index, in: sentence, tokens: tokens) { dashClauseStarts.append(index) }
            if tokens[index].isWord { running.words += 1 }
            if tokens[index].isQuote { running.quotes += 1 }
            if tokens[index].isClaimLikeQuote { running.claimQuotes += 1 }
            counts.append(running)
        }
        cues = Array(repeating: nil, count: sentence.count)
        if hasCue {
            for index in sentence where tokens[index].isWord && tokens[index].classes.contains(.cueStart) {
                cues[index - base] = CueFact(at: index, in: sentence, tokens: tokens, cues: cueForms, isTitleCase: isTitleCase)
                if let cue = cues[index - base] {
                    lastCue = index
                    if cue.isParticiple { lastParticiple = index }
                }
            }
        }
    }

    func cue(at position: Int) -> CueFact? { cues[position - base] }

    func words(in range: Range<Int>) -> Int { Int(counts[range.upperBound - base].words - counts[range.lowerBound - base].words) }
    func quotes(in range: Range<Int>) -> Int { Int(counts[range.upperBound - base].quotes - counts[range.lowerBound - base].quotes) }
    func claimQuotes(in range: Range<Int>) -> Int {
        Int(counts[range.upperBound - base].claimQuotes - counts[range.lowerBound - base].claimQuotes)
    }
}

/// What matching needs to know of the cue form that starts at a token, worked out once per
/// sentence rather than looked up by spelling at every try.
struct CueFact: Sendable {
    var length: Int
    var confidence: Double
    var takesAddressee: Bool
    var requiresQuotation: Bool
    /// The form opens with an -ing word ("saying", "telling reporters").
    var isParticiple: Bool

    /// `cues` is ``Lexicon/cuesByFirstWord``, passed alone: a whole lexicon passed by value was
    /// copied, every list in it retained, once a sentence.
    init?(at position: Int, in sentence: Range<Int>, tokens: [Token], cues: [String: [CueForm]], isTitleCase: Bool) {
        guard tokens[position].isWord, tokens[position].classes.contains(.cueStart),
            let forms = cues[tokens[position].key] else { return nil }
        // "the United States" holds no cue: a capital inside a sentence is a name, except in a
        // headline that capitalises every word ("Bernie Sanders Says He Has Started …").
        // Participles stay out: in a headline "Writing" is more often a noun than a cue.
        if tokens[position].isCapitalized && position != sentence.lowerBound
            && !(isTitleCase && !tokens[position].classes.contains(.endsInIng)) { return nil }
        for form in forms where position + form.words.count <= sentence.upperBound {
            var matches = true
            for (offset, word) in form.words.enumerated() where tokens[position + offset].key != word {
                matches = false
                break
            }
            guard matches else { continue }
            length = form.words.count
            confidence = form.confidence
            takesAddressee = form.takesAddressee
            requiresQuotation = form.requiresQuotation
            // The form's first word is this token's: its ending is the token's word class.
            isParticiple = tokens[position].classes.contains(.endsInIng)
            return
        }
        return nil
    }
}

extension PatternMatcher {
    /// `…his former wife: "She signed an agreement," he told …`: a quotation that opens with a
    /// capital after a colon or comma is a sentence of its own set inside another, so `^ QUOTE`
    /// may start there.
    static func opensQuotedClause(_ position: Int, in sentence: Range<Int>, tokens: [Token]) -> Bool {
        guard position > sentence.lowerBound, position < sentence.upperBound else { return false }
        let token = tokens[position]
        let previous = tokens[position - 1]
        return token.isQuote && token.isCapitalized && token.isClaimLikeQuote
            && (previous.isPunctuation(":") || previous.isPunctuation(","))
    }

    /// An em dash, an en dash or a hyphen standing as a dash.
    static func isDash(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "—" || scalar == "–" || scalar == "-"
    }

    /// "For that she drew Trump's ire — he called her “weak” and said …": after a dash set
    /// between spaces a new clause may open with its own subject.
    static func opensDashClause(_ position: Int, in sentence: Range<Int>, tokens: [Token]) -> Bool {
        guard position > sentence.lowerBound + 1, position < sentence.upperBound, tokens[position].isWord else { return false }
        let previous = tokens[position - 1]
        return previous.kind == .punctuation && isDash(previous.scalar)
    }
}
