import QuoteCheckText
import QuoteRules

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

/// Tokens of one sentence that earlier matches have used, by position: the matcher asks about
/// them for every candidate match, so this is a flag per token rather than a hashed set.
public struct TokenMask: Sendable {
    private var base = 0
    private var flags: [Bool] = []

    /// No token used, in no sentence: what a first try passes.
    public init() {}

    public init(sentence: Range<Int>) {
        base = sentence.lowerBound
        flags = Array(repeating: false, count: sentence.count)
    }

    public func contains(_ token: Int) -> Bool {
        let offset = token - base
        return offset >= 0 && offset < flags.count && flags[offset]
    }

    public func intersects(_ tokens: Range<Int>) -> Bool {
        tokens.contains { contains($0) }
    }

    /// Marks the tokens of `tokens` that lie in the mask's sentence (a match never reaches past it).
    public mutating func formUnion(_ tokens: Range<Int>) {
        for token in tokens where token - base >= 0 && token - base < flags.count { flags[token - base] = true }
    }
}

/// Runs attribution patterns over a sentence's tokens by backtracking; patterns are short and
/// sentences a few dozen tokens, so this stays cheap.
public struct PatternMatcher: Sendable {
    public let rules: [AttributionRule]
    let lexicon: Lexicon

    /// Longest noun phrase a SPEAKER may be, in tokens.
    static let maxSpeakerTokens = 8
    static let maxAppositiveTokens = 30
    static let maxGapTokens = 3
    /// Before a quotation a GAP may be longer: "wrote to his 20,000 Twitter followers, “…”".
    static let maxGapTokensBeforeQuote = 6
    static let maxAddresseeTokens = 8
    static let maxAnyTokens = 25
    static let maxSourceTokens = 15
    static let maxRelativeClauseTokens = 12
    /// A reported subject short enough that ", which …," after it is still inside the words.
    static let maxRelativeClauseSubjectWords = 6

    /// What a sentence must contain for each rule to have a chance: checked once per sentence so
    /// most rules are never tried (matching is the detector's hot path).
    struct Requirements: Sendable {
        var quote = false
        var cue = false
        /// A PARTICIPLE: a cue form that opens with an -ing word, known once cues are read.
        var participle = false
        /// Literal words the pattern cannot do without, each as its alternatives.
        var words: [[String]] = []
    }

    let requirements: [Requirements]

    /// Steps one rule may take on one sentence. Backtracking over optional and variable-length
    /// elements is exponential in the worst case, and rule files are user input: a budget bounds
    /// every sentence's cost whatever the pattern. Built-in rules on news text stay far below it;
    /// a rule that runs out is skipped for that sentence with a warning (docs/limits.md).
    public static let stepBudget = 200_000

    /// A pattern step as the matcher runs it: a plain value (literal words and marks sit in the
    /// matcher's tables), with the facts about its neighbours that every try would otherwise
    /// work out again.
    struct Step: Sendable {
        enum Kind: UInt8, Sendable {
            case sentenceStart, sentenceEnd, quote, content, mixedContent, speaker, cue, participle
            case appositive, gap, rest, tail, source, finding, verb, adverbial, any, word, cueWord, contentWord, punctuation
        }

        var kind: Kind
        var isOptional: Bool
        /// For `word`, `cueWord` and `contentWord`, an index into ``PatternMatcher/literalWords``;
        /// for `punctuation`, into ``PatternMatcher/literalMarks``.
        var literal = 0
        /// A CONTENT or MIXED after which only `$` or REST follow.
        var isLastContent = false
        /// A GAP with a QUOTE somewhere after it.
        var quoteFollows = false
        /// A SPEAKER two steps after a CONTENT ("…, who proclaimed").
        var followsContent = false
        /// `^` directly before a QUOTE.
        var quoteNext = false
        /// A SPEAKER followed by a required CUE with at most optional APPOS and ADVERBIAL
        /// between ("SPEAKER APPOS? ADVERBIAL? CUE"): a speaker phrase is worth trying only
        /// where one of those can open (``Context/canOpenAsideOrCue(at:)``).
        var cueFollows = false
    }

    let compiled: [[Step]]
    /// Each rule's ``AttributionRule/isAnchoredAtStart``, read once: asking the rule copied the
    /// whole rule (its strings and arrays retained) at every match attempt.
    let anchoredAtStart: [Bool]
    let literalWords: [[String]]
    let literalMarks: [[Unicode.Scalar]]

    public init(rules: [AttributionRule], lexicon: Lexicon) {
        self.rules = rules
        self.lexicon = lexicon
        var literalWords: [[String]] = []
        var literalMarks: [[Unicode.Scalar]] = []
        self.compiled = rules.map { rule in
            let pattern = rule.pattern
            return pattern.indices.map { index in
                let kind: Step.Kind
                var literal = 0
                switch pattern[index].element {
                case .sentenceStart: kind = .sentenceStart
                case .sentenceEnd: kind = .sentenceEnd
                case .quote: kind = .quote
                case .content: kind = .content
                case .mixedContent: kind = .mixedContent
                case .speaker: kind = .speaker
                case .cue: kind = .cue
                case .participle: kind = .participle
                case .appositive: kind = .appositive
                case .gap: kind = .gap
                case .rest: kind = .rest
                case .tail: kind = .tail
                case .source: kind = .source
                case .finding: kind = .finding
                case .verb: kind = .verb
                case .adverbial: kind = .adverbial
                case .any: kind = .any
                case let .word(words): (kind, literal) = (.word, Self.append(words, to: &literalWords))
                case let .cueWord(words): (kind, literal) = (.cueWord, Self.append(words, to: &literalWords))
                case let .contentWord(words): (kind, literal) = (.contentWord, Self.append(words, to: &literalWords))
                case let .punctuation(marks): (kind, literal) = (.punctuation, Self.append(marks, to: &literalMarks))
                }
                var step = Step(kind: kind, isOptional: pattern[index].isOptional, literal: literal)
                let after = pattern[(index + 1)...]
                step.isLastContent = after.allSatisfy { $0.element == .sentenceEnd || $0.element == .rest || $0.element == .tail }
                step.quoteFollows = after.contains { $0.element == .quote }
                step.followsContent = index >= 2 && pattern[index - 2].element == .content
                step.quoteNext = after.first?.element == .quote
                if kind == .speaker {
                    let between = after.prefix { ($0.element == .appositive || $0.element == .adverbial) && $0.isOptional }
                    let following = after.dropFirst(between.count).first
                    step.cueFollows = following.map { $0.element == .cue && !$0.isOptional } ?? false
                }
                return step
            }
        }
        self.literalWords = literalWords
        self.literalMarks = literalMarks
        self.anchoredAtStart = rules.map(\.isAnchoredAtStart)
        self.requirements = rules.map { rule in
            var needs = Requirements()
            for step in rule.pattern where !step.isOptional {
                switch step.element {
                case .quote, .mixedContent: needs.quote = true
                case .cue: needs.cue = true
                case .participle: (needs.cue, needs.participle) = (true, true)
                case let .word(words), let .cueWord(words), let .contentWord(words): needs.words.append(words)
                default: break
                }
            }
            return needs
        }
    }

    /// Adds a literal to its table and returns its index there.
    private static func append<Literal>(_ literal: Literal, to table: inout [Literal]) -> Int {
        table.append(literal)
        return table.count - 1
    }

    /// What one sentence holds, computed once and shared by every rule tried on it: whether
    /// rules can match at all (``Requirements``), running counts that make content checks O(1),
    /// and which token runs are speaker phrases.
    public struct SentenceFeatures: Sendable {
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
        /// The sentence's words that some pattern names literally (``WordClasses/patternWord``).
        var words: [String] = []
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

        public init(sentence: Range<Int>, tokens: [Token], lexicon: Lexicon) {
            self.init(scanning: sentence, tokens: tokens)
            complete(sentence: sentence, tokens: tokens, lexicon: lexicon)
        }

        /// The cheap part, enough for ``PatternMatcher/isCandidate(ruleIndex:features:)``; a
        /// sentence no rule can match (most have neither cue nor quotation) stops here.
        init(scanning sentence: Range<Int>, tokens: [Token]) {
            base = sentence.lowerBound
            var wordCount = 0
            var capitalized = 0
            defer { isTitleCase = wordCount >= 5 && capitalized * 4 >= wordCount * 3 }
            for index in sentence {
                if tokens[index].isQuote {
                    hasQuote = true
                    lastQuote = index
                    if !tokens[index].isTitleLikeQuote { hasQuoteOtherThanTitle = true }
                    if PatternMatcher.opensQuotedClause(index, in: sentence, tokens: tokens) { quotedClauseStarts.append(index) }
                }
                if tokens[index].isWord {
                    wordCount += 1
                    if tokens[index].isCapitalized { capitalized += 1 }
                    if tokens[index].classes.contains(.cueStart) { hasCue = true }
                    if tokens[index].classes.contains(.patternWord), !words.contains(tokens[index].key) { words.append(tokens[index].key) }
                }
            }
        }

        /// Running counts and cue forms: what matching reads. Speaker phrases are worked out as
        /// patterns ask for them (``State/speakerLengths``).
        mutating func complete(sentence: Range<Int>, tokens: [Token], lexicon: Lexicon) {
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
                    cues[index - base] = CueFact(at: index, in: sentence, tokens: tokens, lexicon: lexicon, isTitleCase: isTitleCase)
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

        init?(at position: Int, in sentence: Range<Int>, tokens: [Token], lexicon: Lexicon, isTitleCase: Bool) {
            guard tokens[position].isWord, tokens[position].classes.contains(.cueStart),
                let forms = lexicon.cuesByFirstWord[tokens[position].key] else { return nil }
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
                isParticiple = form.words.first?.hasSuffix("ing") ?? false
                return
            }
            return nil
        }
    }

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

    /// "For that she drew Trump's ire — he called her “weak” and said …": after a dash set
    /// between spaces a new clause may open with its own subject.
    static func opensDashClause(_ position: Int, in sentence: Range<Int>, tokens: [Token]) -> Bool {
        guard position > sentence.lowerBound + 1, position < sentence.upperBound, tokens[position].isWord else { return false }
        let previous = tokens[position - 1]
        return previous.kind == .punctuation && "—–-".unicodeScalars.contains(previous.scalar)
    }

    /// Whether rule `ruleIndex` can match a sentence with these features at all.
    public func isCandidate(ruleIndex: Int, features: SentenceFeatures) -> Bool {
        let needs = requirements[ruleIndex]
        if needs.quote && !features.hasQuote { return false }
        if needs.cue && !features.hasCue { return false }
        for alternatives in needs.words where !alternatives.contains(where: features.words.contains) { return false }
        return true
    }

    /// Content pieces of a match in progress. The state is one value that every step extends and
    /// restores when it backtracks, so the pieces live inline: a pattern holds at most ``AttributionRule/maxContentSteps``
    /// content elements (checked when rules load).
    struct Pieces {
        private(set) var count = 0
        private var storage: (Range<Int>, Range<Int>, Range<Int>, Range<Int>) = (0..<0, 0..<0, 0..<0, 0..<0)

        mutating func append(_ range: Range<Int>) {
            switch count {
            case 0: storage.0 = range
            case 1: storage.1 = range
            case 2: storage.2 = range
            case 3: storage.3 = range
            default: return
            }
            count += 1
        }

        mutating func removeLast() {
            if count > 0 { count -= 1 }
        }

        var array: [Range<Int>] {
            let all = [storage.0, storage.1, storage.2, storage.3]
            return Array(all[0..<count])
        }
    }

    struct State {
        var content = Pieces()
        var speaker: Range<Int>?
        var cue: Range<Int>?
        var cueConfidence = 1.0
        /// Set by a `+word` step: where the next CONTENT starts.
        var contentStart: Int?
        /// Which token runs of the sentence are speaker phrases, by start: bit `n - 1` is set when
        /// the `n` tokens from there are one, bit 15 once the start has been worked out. Worked
        /// out only where a pattern asks (most starts never are), and kept from try to try and
        /// rule to rule of the sentence, unlike the match in progress.
        var speakerLengths: [UInt16]
        /// Steps left before the rule being matched gives up on the sentence (see
        /// ``PatternMatcher/stepBudget``); negative once it has run out.
        var stepsLeft = PatternMatcher.stepBudget

        init(sentence: Range<Int>) {
            speakerLengths = Array(repeating: 0, count: sentence.count)
        }

        /// A new try: no match in progress, the speaker phrases kept.
        mutating func startAttempt() {
            content = Pieces()
            speaker = nil
            cue = nil
            cueConfidence = 1.0
            contentStart = nil
        }
    }

    /// The first match of rule `ruleIndex` in `sentence` whose start is at or after `from`, whose
    /// content, speaker and cue avoid `taken` tokens, and whose content and cue also avoid
    /// `speakers` (an earlier match's speaker may speak again: "Carson said …, telling …").
    public func firstMatch(
        ruleIndex: Int, in sentence: Range<Int>, tokens: [Token], from: Int, taken: TokenMask,
        speakers: TokenMask = TokenMask(), features: SentenceFeatures? = nil
    ) -> PatternMatch? {
        var context = context(
            for: sentence, tokens: tokens, features: features ?? SentenceFeatures(sentence: sentence, tokens: tokens, lexicon: lexicon)
        )
        context.steps = compiled[ruleIndex]
        context.taken = taken
        var state = State(sentence: sentence)
        return firstMatch(ruleIndex: ruleIndex, from: from, speakers: speakers, context: context, state: &state)
    }

    /// What matching one sentence needs; set ``Context/steps`` to a rule's ``compiled`` steps
    /// before matching it. Built once per sentence: a context holds arrays, and making one per
    /// try retained and released each of them every time.
    func context(for sentence: Range<Int>, tokens: [Token], features: SentenceFeatures) -> Context {
        Context(tokens: tokens, sentence: sentence, steps: [], literalWords: literalWords, literalMarks: literalMarks, features: features)
    }

    /// ``firstMatch(ruleIndex:in:tokens:from:taken:speakers:features:)`` with a context whose
    /// steps are rule `ruleIndex`'s.
    /// `state` is the sentence's, made with ``State/init(sentence:)``, for every rule tried on it.
    /// Words `context.taken` holds are not matched again.
    func firstMatch(ruleIndex: Int, from: Int, speakers: TokenMask, context: Context, state: inout State) -> PatternMatch? {
        let taken = context.taken
        let sentence = context.sentence
        guard let features = context.features else { return nil }
        let steps = context.steps
        let tokens = context.tokens
        // Most starts fail on the first step; a required first step that is a speaker, a quotation
        // or a literal word is answered here from the sentence's tables before any matching.
        let first = steps.first.flatMap { $0.isOptional ? nil : $0 }
        func canStart(at start: Int) -> Bool {
            guard let first else { return true }
            switch first.kind {
            case .speaker: return context.speakerLengths(at: start, state: &state) != 0
            case .quote: return tokens[start].isQuote
            case .word, .cueWord, .contentWord:
                return context.isLiteralWord(at: start, step: first)
            default: return true
            }
        }
        // A required QUOTE or MIXED needs a quotation at or after the start, a required CUE a cue
        // form there and a required PARTICIPLE a participle (``Requirements``): patterns read
        // only forward, so later starts cannot match.
        var limit = sentence.upperBound
        if requirements[ruleIndex].quote { limit = min(limit, features.lastQuote + 1) }
        if requirements[ruleIndex].cue { limit = min(limit, features.lastCue + 1) }
        if requirements[ruleIndex].participle { limit = min(limit, features.lastParticiple + 1) }
        func attempt(at start: Int) -> PatternMatch? {
            guard start < limit, canStart(at: start) else { return nil }
            state.startAttempt()
            guard let end = context.match(step: 0, at: start, state: &state) else { return nil }
            let match = PatternMatch(
                ruleIndex: ruleIndex, content: state.content.array, speaker: state.speaker, cue: state.cue,
                cueConfidence: state.cueConfidence, covered: start..<end
            )
            for piece in match.content where taken.intersects(piece) || speakers.intersects(piece) { return nil }
            if let cue = match.cue, taken.intersects(cue) || speakers.intersects(cue) { return nil }
            if let speaker = match.speaker, taken.intersects(speaker) { return nil }
            return match
        }
        guard anchoredAtStart[ruleIndex] else {
            guard from < limit else { return nil }
            for start in from..<limit {
                if let match = attempt(at: start) { return match }
            }
            return nil
        }
        guard from == sentence.lowerBound else { return nil }
        if let match = attempt(at: from) { return match }
        // `^ QUOTE` may also start at a quotation that opens a clause inside the sentence, and
        // `^ SPEAKER` at a word after a dash.
        guard steps.count > 1 else { return nil }
        let clauseStarts = steps[1].kind == .quote ? features.quotedClauseStarts : steps[1].kind == .speaker ? features.dashClauseStarts : []
        for start in clauseStarts {
            if let match = attempt(at: start) { return match }
        }
        return nil
    }

    struct Context {
        let tokens: [Token]
        let sentence: Range<Int>
        var steps: [Step]
        let literalWords: [[String]]
        let literalMarks: [[Unicode.Scalar]]
        /// Present whenever a pattern is matched; absent only while the features themselves are
        /// being built, when just the phrase tests below are used.
        let features: SentenceFeatures?
        /// Tokens earlier matches in the sentence took: reported words stop before them.
        var taken = TokenMask()

        /// Where the pattern from step `index` on ends when it matches at `position`. `state`
        /// holds the match when one is found and is left as it was when none is.
        func match(step index: Int, at position: Int, state: inout State) -> Int? {
            guard index < steps.count else { return position }
            state.stepsLeft &-= 1
            guard state.stepsLeft >= 0 else { return nil }
            if let result = matchElement(steps[index].kind, stepIndex: index, at: position, state: &state) { return result }
            if steps[index].isOptional { return match(step: index + 1, at: position, state: &state) }
            return nil
        }

        private func matchElement(_ kind: Step.Kind, stepIndex: Int, at position: Int, state: inout State) -> Int? {
            let end = sentence.upperBound
            let next = stepIndex + 1
            switch kind {
            case .sentenceStart:
                if position == sentence.lowerBound { return match(step: next, at: position, state: &state) }
                if steps[stepIndex].quoteNext, PatternMatcher.opensQuotedClause(position, in: sentence, tokens: tokens) {
                    return match(step: next, at: position, state: &state)
                }
                guard next < steps.count, steps[next].kind == .speaker,
                    PatternMatcher.opensDashClause(position, in: sentence, tokens: tokens) else { return nil }
                return match(step: next, at: position, state: &state)
            case .sentenceEnd:
                var cursor = position
                while cursor < end, isClosingPunctuation(tokens[cursor]) { cursor += 1 }
                return cursor == end ? match(step: next, at: cursor, state: &state) : nil
            case .rest:
                return match(step: next, at: end, state: &state)
            case .tail:
                guard isWordless(tailFrom: position) else { return nil }
                return match(step: next, at: end, state: &state)
            case .source, .finding:
                // Words up to the first comma or the sentence's end (closing punctuation aside),
                // as long as the rest of the pattern matches after them.
                var cursor = position
                while cursor < end, cursor - position < PatternMatcher.maxSourceTokens, tokens[cursor].isWord
                    || tokens[cursor].kind == .punctuation && !tokens[cursor].isPunctuation(",") && !isClosingPunctuation(tokens[cursor])
                {
                    cursor += 1
                }
                guard cursor > position, tokens[cursor - 1].isWord, cursor == end || !tokens[cursor].isQuote else { return nil }
                if kind == .finding, !tokens[cursor - 1].classes.contains(.finding) { return nil }
                let saved = state.speaker
                state.speaker = position..<cursor
                if let result = match(step: next, at: cursor, state: &state) { return result }
                state.speaker = saved
                return nil
            case .quote:
                guard position < end, tokens[position].isQuote else { return nil }
                state.content.append(position..<(position + 1))
                if let result = match(step: next, at: position + 1, state: &state) { return result }
                state.content.removeLast()
                return nil
            case .content:
                return matchContent(stepIndex: stepIndex, at: position, state: &state, needsQuote: false)
            case .mixedContent:
                return matchContent(stepIndex: stepIndex, at: position, state: &state, needsQuote: true)
            case .verb:
                var cursor = position
                while cursor < end, cursor - position < 3, tokens[cursor].isWord,
                    tokens[cursor].classes.contains(.auxiliary) || tokens[cursor].classes.contains(.endsInLy)
                {
                    cursor += 1
                }
                guard cursor < end, tokens[cursor].isWord, !tokens[cursor].isCapitalized,
                    tokens[cursor].classes.isDisjoint(with: [.stopWord, .determiner, .pronoun, .relativePronoun, .particle]),
                    tokens[cursor].key.count >= 3
                else { return nil }
                let saved = (state.cue, state.cueConfidence)
                state.cue = cursor..<(cursor + 1)
                state.cueConfidence = 0.6
                if let result = match(step: next, at: cursor + 1, state: &state) { return result }
                (state.cue, state.cueConfidence) = saved
                return nil
            case .speaker:
                guard position < end, canStartSpeaker(at: position) else { return nil }
                // "…, who proclaimed": after reported words a relative pronoun describes the last
                // noun; it does not introduce the speaker of those words.
                let followsContent = steps[stepIndex].followsContent
                // A speaker phrase is words only: no length reaches past the first mark.
                var longest = 0
                while longest < PatternMatcher.maxSpeakerTokens, position + longest < end, tokens[position + longest].isWord { longest += 1 }
                guard features != nil else { return nil }
                let lengths = speakerLengths(at: position, state: &state)
                for length in stride(from: longest, through: 1, by: -1) {
                    let range = position..<(position + length)
                    guard lengths & (1 << (length - 1)) != 0 else { continue }
                    if followsContent, length == 1, tokens[position].classes.contains(.relativePronoun) { continue }
                    if steps[stepIndex].cueFollows, !canOpenAsideOrCue(at: range.upperBound) { continue }
                    let saved = state.speaker
                    state.speaker = range
                    if let result = match(step: next, at: range.upperBound, state: &state) { return result }
                    state.speaker = saved
                }
                return nil
            case .cue:
                return matchCue(stepIndex: stepIndex, at: position, state: &state, participleOnly: false)
            case .participle:
                return matchCue(stepIndex: stepIndex, at: position, state: &state, participleOnly: true)
            case .any:
                // "He called her handling “extremely careless,” and said …": the subject's first
                // predicate may quote someone before the conjunction that leads to its second.
                let passesQuotes = next < steps.count && steps[next].kind == .word
                var cursor = position
                while cursor <= end, cursor - position <= PatternMatcher.maxAnyTokens {
                    if let result = match(step: next, at: cursor, state: &state) { return result }
                    guard cursor < end, passesQuotes || !tokens[cursor].isQuote else { return nil }
                    // "Ryan and Trump will meet next week, Spicer said, adding, “…”": a verb of
                    // speech after a comma is someone else's attribution, not the subject's verb phrase.
                    if !tokens[cursor].classes.contains(.endsInIng), isSpeechCue(at: cursor), followsCommaAndSpeaker(cursor, after: position) {
                        return nil
                    }
                    cursor += 1
                }
                return nil
            case .appositive:
                // A parenthesis after a name: "Jason Chaffetz (R-Utah)".
                if position < end, tokens[position].isPunctuation("(") {
                    var cursor = position + 1
                    while cursor < end, cursor - position <= 8, !tokens[cursor].isPunctuation(")"), !tokens[cursor].isQuote { cursor += 1 }
                    guard cursor < end, tokens[cursor].isPunctuation(")") else { return nil }
                    if let result = match(step: next, at: cursor + 1, state: &state) { return result }
                    // "Sen. Claire McCaskill (D-Mo.), who has endorsed Clinton, said": a clause may follow.
                    return commaAppositive(at: cursor + 1, next: next, state: &state)
                }
                // "One Democratic official who relayed the exchange said …": a relative clause
                // without commas, as short as lets the rest of the pattern match.
                if position < end, tokens[position].isWord, tokens[position].classes.contains(.relativePronoun), !tokens[position].isCapitalized {
                    var cursor = position + 2
                    while cursor < end, cursor - position <= PatternMatcher.maxRelativeClauseTokens, tokens[cursor - 1].isWord {
                        if let result = match(step: next, at: cursor, state: &state) { return result }
                        cursor += 1
                    }
                    return nil
                }
                return commaAppositive(at: position, next: next, state: &state)
            case .adverbial:
                // "on Tuesday", "in a statement", "last week": a word that opens an adverbial, then
                // up to four more words.
                guard position < end, tokens[position].isWord, tokens[position].classes.contains(.adverbialStart) else { return nil }
                var cursor = position + 1
                while cursor <= end, cursor - position <= 5 {
                    // "in a statement", never "in" or "in a": the phrase keeps its noun.
                    let last = tokens[cursor - 1].classes
                    if last.isDisjoint(with: [.adverbialPreposition, .article, .determiner]),
                        let result = match(step: next, at: cursor, state: &state)
                    {
                        return result
                    }
                    guard cursor < end, tokens[cursor].isWord else { return nil }
                    cursor += 1
                }
                return nil
            case .gap:
                let reach = steps[stepIndex].quoteFollows ? PatternMatcher.maxGapTokensBeforeQuote : PatternMatcher.maxGapTokens
                // A comma between two words may stand in the gap ("acknowledged, however, “…”").
                func isGapToken(_ index: Int) -> Bool {
                    tokens[index].isWord
                        || tokens[index].isPunctuation(",") && index + 1 < end && tokens[index + 1].isWord && tokens[index - 1].isWord
                }
                var cursor = position
                while true {
                    if let result = match(step: next, at: cursor, state: &state) { return result }
                    guard cursor < end, cursor - position < reach, isGapToken(cursor) else { return nil }
                    cursor += 1
                }
            case .word:
                guard position < end, isLiteralWord(at: position, step: steps[stepIndex]) else { return nil }
                return match(step: next, at: position + 1, state: &state)
            case .cueWord:
                guard position < end, isLiteralWord(at: position, step: steps[stepIndex]) else { return nil }
                let saved = state.cue
                state.cue = (state.cue.map { min($0.lowerBound, position) } ?? position)..<(position + 1)
                if let result = match(step: next, at: position + 1, state: &state) { return result }
                state.cue = saved
                return nil
            case .contentWord:
                guard position < end, isLiteralWord(at: position, step: steps[stepIndex]) else { return nil }
                let saved = state.contentStart
                state.contentStart = position
                if let result = match(step: next, at: position + 1, state: &state) { return result }
                state.contentStart = saved
                return nil
            case .punctuation:
                let marks = literalMarks[steps[stepIndex].literal]
                if position < end, tokens[position].kind == .punctuation, marks.contains(tokens[position].scalar) {
                    return match(step: next, at: position + 1, state: &state)
                }
                // American style puts the comma inside the marks: “…,” Trump said.
                if marks.contains(","), position > sentence.lowerBound, tokens[position - 1].isQuote, tokens[position - 1].scalar == "," {
                    return match(step: next, at: position, state: &state)
                }
                return nil
            }
        }

        /// Whether an APPOS, an ADVERBIAL or a CUE can match at `position`: a parenthesis, a
        /// lower-case relative pronoun, a dash or a comma opens an aside, an adverbial start
        /// word an adverbial, and a cue form, an auxiliary or an -ly adverb a cue. Every other
        /// token fails all three at once.
        func canOpenAsideOrCue(at position: Int) -> Bool {
            guard position < sentence.upperBound else { return false }
            let classes = tokens[position].classes
            switch tokens[position].kind {
            case .punctuation:
                let scalar = tokens[position].scalar
                return scalar == "(" || scalar == "," || scalar == "—" || scalar == "–"
            case .word:
                if classes.contains(.relativePronoun) && !tokens[position].isCapitalized { return true }
                if classes.contains(.adverbialStart) || classes.contains(.auxiliary) { return true }
                if classes.contains(.endsInLy) && !classes.contains(.cueStart) { return true }
                return cueForm(at: position) != nil
            case .quote:
                return false
            }
        }

        /// Whether the `punctuation` step `step` can match at `position`: its mark is there, or a
        /// comma it allows ends the quotation before.
        func canMatchMark(step: Int, at position: Int) -> Bool {
            let marks = literalMarks[steps[step].literal]
            if position < sentence.upperBound, tokens[position].kind == .punctuation, marks.contains(tokens[position].scalar) { return true }
            return marks.contains(",") && position > sentence.lowerBound && tokens[position - 1].isQuote && tokens[position - 1].scalar == ","
        }

        /// Whether the token at `position` is one of the words a `word`, `+word` or `@word` step names.
        func isLiteralWord(at position: Int, step: Step) -> Bool {
            tokens[position].isWord && literalWords[step.literal].contains(tokens[position].key)
        }

        /// Whether the sentence from `position` on is no clause of its own: nothing, punctuation
        /// first, or a word that cannot open reported words ("on Monday", "too", "recently").
        private func isWordless(tailFrom position: Int) -> Bool {
            var cursor = position
            while cursor < sentence.upperBound, isClosingPunctuation(tokens[cursor]) { cursor += 1 }
            guard cursor < sentence.upperBound, tokens[cursor].isWord else { return true }
            let classes = tokens[cursor].classes
            return classes.contains(.nonContentStart) || classes.contains(.adverbialStart) || classes.contains(.endsInLy)
                || classes.contains(.cueStart) && classes.contains(.endsInIng)
        }

        /// ", Spicer said": a speaker phrase right after a comma before the cue at `cue`.
        private func followsCommaAndSpeaker(_ cue: Int, after start: Int) -> Bool {
            var subject = cue - 1
            while subject > start, cue - subject <= PatternMatcher.maxSpeakerTokens, tokens[subject].isWord {
                if tokens[subject - 1].isPunctuation(","), isSpeakerPhrase(subject..<cue) { return true }
                subject -= 1
            }
            return false
        }

        /// ", a South Carolina Republican," between a speaker and the cue.
        private func commaAppositive(at position: Int, next: Int, state: inout State) -> Int? {
            let end = sentence.upperBound
            // "Joyce — who is listed as an attorney in Illinois — told …": dashes set an aside apart too.
            if position < end, tokens[position].kind == .punctuation, "—–".unicodeScalars.contains(tokens[position].scalar) {
                let dash = tokens[position].scalar
                var cursor = position + 2
                while cursor < end, cursor - position <= PatternMatcher.maxAppositiveTokens {
                    if tokens[cursor].isPunctuation(dash) { return match(step: next, at: cursor + 1, state: &state) }
                    guard !tokens[cursor].isQuote else { return nil }
                    cursor += 1
                }
                return nil
            }
            guard position < end, tokens[position].isPunctuation(",") else { return nil }
            // ", and the meeting deteriorated," is a second clause, not an aside.
            if position + 1 < end, tokens[position + 1].classes.contains(.clauseOpener) { return nil }
            var cursor = position + 1
            while cursor < end, cursor - position <= PatternMatcher.maxAppositiveTokens {
                if tokens[cursor].isPunctuation(","), cursor > position + 1 {
                    if let result = match(step: next, at: cursor + 1, state: &state) { return result }
                }
                cursor += 1
            }
            return nil
        }

        /// CONTENT takes as much as lets the rest match; at the end of the pattern it runs to
        /// the end of the sentence, without the closing punctuation.
        private func matchContent(stepIndex: Int, at position: Int, state: inout State, needsQuote: Bool) -> Int? {
            let end = sentence.upperBound
            let start = state.contentStart ?? position
            // Only content that runs to the sentence's end must not open with "on", "in", "too":
            // that is an adverbial after the cue ("he said on Monday"), not what was said.
            let lastContent = isLastContent(stepIndex)
            guard position < end, state.contentStart != nil || !lastContent || isContentStart(at: position) else { return nil }
            if lastContent, namesInvertedSpeaker(at: position, state: &state) { return nil }
            var upper = end
            // A clause that ends before a concession or a second verb leaves the rest of the
            // sentence to REST; one that ends before another attribution ("…, Lavrov said") is
            // that attribution's content, so this pattern must not claim the sentence.
            var leavesRest = false
            if lastContent {
                let cueInflection = state.cue.map { tokens[$0.upperBound - 1].classes.intersection([.endsInEd, .endsInIng]) } ?? []
                (upper, leavesRest) = clauseEnd(from: start, to: end, cueInflection: cueInflection)
                // "…said he makes $41,000 a year and questioned how …": words another match took
                // end these, without the comma or conjunction between them.
                if let stop = (start..<upper).first(where: { taken.contains($0) }) {
                    var last = stop
                    while last > start, tokens[last - 1].isPunctuation(",") || tokens[last - 1].classes.contains(.conjunction) { last -= 1 }
                    (upper, leavesRest) = (last, true)
                }
                // "Sanders, who had said he would debate, criticized Clinton": words reported
                // inside a relative clause end with the clause, at its closing comma, and so do
                // those inside a subordinate clause that opens the sentence ("As Trump lamented
                // illegal immigration, Clinton …"). The comma leaves the rest even when the main
                // clause's cue follows it ("Graham, who says …, tweeted that …").
                if let speaker = state.speaker, opensClause(before: speaker),
                    let comma = (start..<end).first(where: { tokens[$0].isPunctuation(",") }), comma <= upper
                {
                    (upper, leavesRest) = (comma, true)
                }
            }
            while upper > position, isClosingPunctuation(tokens[upper - 1]) { upper -= 1 }
            // "CONTENT , SPEAKER …": where a required mark must follow, only the ends before one can
            // match, and the others are passed over without trying the rest of the pattern.
            let next = stepIndex + 1
            let markNext = next < steps.count && steps[next].kind == .punctuation && !steps[next].isOptional
            var candidate = upper
            while candidate > position {
                let range = start..<candidate
                if markNext, !(leavesRest && candidate == upper), !canMatchMark(step: next, at: candidate) {
                    candidate -= 1
                    continue
                }
                if isContentBody(range, minimumWords: lastContent ? 3 : 1),
                    !needsQuote || (features?.claimQuotes(in: range) ?? 0) > 0
                {
                    let savedStart = state.contentStart
                    state.contentStart = nil
                    state.content.append(range)
                    // Content that ends the pattern ends at its clause: what follows ("…, but
                    // pledged to remain civil") is left to REST, as if the sentence ended there.
                    let resume = leavesRest && candidate == upper ? end : candidate
                    if let result = match(step: stepIndex + 1, at: resume, state: &state) {
                        return result
                    }
                    state.content.removeLast()
                    state.contentStart = savedStart
                }
                candidate -= 1
            }
            return nil
        }

        /// Whether the speaker is a relative pronoun after a comma ("Sanders, who had said …,")
        /// or follows a subordinator that opens the sentence ("As Trump lamented …,").
        private func opensClause(before speaker: Range<Int>) -> Bool {
            guard speaker.lowerBound > sentence.lowerBound else { return false }
            let previous = tokens[speaker.lowerBound - 1]
            if speaker.count == 1, tokens[speaker.lowerBound].classes.contains(.relativePronoun) {
                return previous.isPunctuation(",")
            }
            return speaker.lowerBound - 1 == sentence.lowerBound && previous.isWord && previous.classes.contains(.subordinator)
        }

        /// ", the race will be tight, said Dan Gerstein, an analyst": after ", said" a name that
        /// ends at a comma or the sentence's end is who said the words before, not what was said.
        private func namesInvertedSpeaker(at position: Int, state: inout State) -> Bool {
            guard let cue = state.cue, cue.lowerBound > sentence.lowerBound, tokens[cue.lowerBound - 1].isPunctuation(","),
                tokens[position].isWord, tokens[position].isCapitalized, features != nil else { return false }
            let lengths = speakerLengths(at: position, state: &state)
            for length in 1...PatternMatcher.maxSpeakerTokens where lengths & (1 << (length - 1)) != 0 {
                var after = position + length
                while after < sentence.upperBound, isClosingPunctuation(tokens[after]) { after += 1 }
                if after == sentence.upperBound || tokens[position + length].isPunctuation(",") { return true }
            }
            return false
        }

        /// Whether only `$` or REST follow this CONTENT.
        private func isLastContent(_ stepIndex: Int) -> Bool {
            steps[stepIndex].isLastContent
        }

        /// Reported words end before a second attribution in the same sentence: "…the project,
        /// but officials said …" ends at the comma. `leavesRest` says whether the words after
        /// the end may be skipped (a concession, a second verb) or belong to another attribution.
        /// A cue that reports speech (confidence 0.8 or more), not a verb of stance such as
        /// "planned": only those start a second attribution inside reported words.
        private func isSpeechCue(at position: Int) -> Bool {
            (cueForm(at: position)?.confidence ?? 0) >= 0.8
        }

        /// ", which …," after no more than a subject ("the decision", "that the campaign's
        /// announcement"): the relative clause closes at a later comma and the predicate follows.
        private func isRelativeClauseOnSubject(comma: Int, start: Int, end: Int) -> Bool {
            guard let features else { return false }
            var subject = start
            if tokens[subject].classes.contains(.complementizer) { subject += 1 }
            guard features.words(in: subject..<comma) <= PatternMatcher.maxRelativeClauseSubjectWords else { return false }
            return (comma + 2..<end).contains { tokens[$0].isPunctuation(",") }
        }

        private func clauseEnd(from start: Int, to end: Int, cueInflection: WordClasses) -> (end: Int, leavesRest: Bool) {
            var index = start + 1
            var quoted = tokens[start].isQuote
            while index < end {
                let token = tokens[index]
                // "called the Texas senator “the next George Washington” – the Founding Father …",
                // "called inversions “unpatriotic,” and his administration …": after the quoted
                // words a dash or a conjunction opens the writer's own aside.
                if quoted, index + 1 < end {
                    if token.kind == .punctuation, "—–-".unicodeScalars.contains(token.scalar) { return (index, true) }
                    // "…could be “way off,” and have been unreliable": an auxiliary (not before a
                    // cue: "and then tweeted") or another quotation after the conjunction goes on
                    // with the same subject.
                    if tokens[index - 1].isQuote, tokens[index - 1].scalar == ",", token.isWord, token.classes.contains(.conjunction) {
                        let next = tokens[index + 1]
                        let goesOn = next.isQuote
                            || next.classes.contains(.auxiliary) && !(index + 2 < end && cueForm(at: index + 2) != nil)
                        if !goesOn { return (index, true) }
                    }
                }
                if token.isQuote { quoted = true }
                // "…to the test and warned North Korea …": a second verb of speech ends the clause.
                if token.isWord, token.classes.contains(.conjunction), index + 1 < end, isSpeechCue(at: index + 1) {
                    return (index, true)
                }
                // "called the merger “a terrible deal” and ranked Fiorina …", "calling it
                // “disqualifying” and asserting …": a verb inflected like the cue after "and"
                // is the subject's next predicate, not more of what was said.
                if !cueInflection.isEmpty, token.isWord, token.classes.contains(.conjunction), index + 1 < end,
                    tokens[index + 1].isWord, !tokens[index + 1].isCapitalized, !tokens[index + 1].classes.isDisjoint(with: cueInflection)
                {
                    return (index, true)
                }
                if token.kind == .punctuation, token.scalar == "," || token.scalar == ";" || token.scalar == "-" || token.scalar == "—",
                    index + 1 < end
                {
                    let following = tokens[index + 1]
                    // ", though it is unclear …": a new clause. A relative clause right after a
                    // short subject is inside the reported words: "said the decision, which struck
                    // down restrictions, illustrates …".
                    if following.isWord, following.classes.contains(.clauseBreaker),
                        !(following.classes.contains(.relativePronoun) && isRelativeClauseOnSubject(comma: index, start: start, end: end))
                    {
                        return (index, true)
                    }
                    // "…votes democratic, said one candidate": the next attribution's cue (a
                    // participle, ", telling …", is handled below: it leaves the rest).
                    if token.scalar == ",", following.isWord, !following.classes.contains(.endsInIng), isSpeechCue(at: index + 1) {
                        return (index, false)
                    }
                    // "…her ‘responsibility gene’; rivals deride it …": a semicolon joins two sentences.
                    if token.scalar == ";" { return (index, true) }
                }
                // "…, referring to the convention", "…by Cleveland,” referring to …": a participle
                // of speech opens an attribution of its own, which the participle rules may take.
                if token.scalar == ",", token.kind == .punctuation || token.isQuote, index + 1 < end,
                    tokens[index + 1].isWord, tokens[index + 1].classes.contains(.endsInIng), cueForm(at: index + 1) != nil
                {
                    return (token.isQuote ? index + 1 : index, true)
                }
                // "— the actress also pointed out that …": a dash may open the next attribution too.
                if token.kind == .punctuation, token.scalar == "," || token.scalar == ";" || token.scalar == "—" || token.scalar == "–" {
                    var subject = index + 1
                    if subject < end, tokens[subject].classes.contains(.conjunction) { subject += 1 }
                    var verb = subject + 1
                    while verb < min(end, subject + PatternMatcher.maxSpeakerTokens + 1) {
                        // "his campaign has argued": auxiliaries stand between the subject and the cue.
                        var phraseEnd = verb
                        while phraseEnd > subject + 1, tokens[phraseEnd - 1].classes.contains(.auxiliary) { phraseEnd -= 1 }
                        if isSpeechCue(at: verb), isSpeakerPhrase(subject..<phraseEnd) {
                            // "…, and he added that it would make sense …": the second attribution
                            // has words of its own, so this content ends here and the rest is left
                            // to it; ", Lavrov said." ends the sentence and claims the words before.
                            let rest = verb + 1..<end
                            let hasOwnWords = rest.contains { tokens[$0].classes.contains(.complementizer) }
                                || rest.count >= 2 && tokens[rest.lowerBound].isWord
                                    && !tokens[rest.lowerBound].classes.contains(.adverbialStart)
                            return (index, hasOwnWords)
                        }
                        verb += 1
                    }
                }
                index += 1
            }
            return (end, false)
        }


        private func matchCue(stepIndex: Int, at position: Int, state: inout State, participleOnly: Bool) -> Int? {
            let end = sentence.upperBound
            var cursor = position
            // Auxiliaries and adverbs before the verb: "has also said", "repeatedly claimed".
            while cursor < end, cursor - position < 4, tokens[cursor].isWord,
                tokens[cursor].classes.contains(.auxiliary) || tokens[cursor].classes.contains(.endsInLy) && !tokens[cursor].classes.contains(.cueStart)
            {
                if cueForm(at: cursor) != nil { break }
                cursor += 1
            }
            guard cursor < end, let form = cueForm(at: cursor) else { return nil }
            // "called" is speech only with a quotation in its sentence ("called it “a great
            // success”", "“…,” the statement read"), not a phone call; a title of a work is no
            // quotation ("read “The Old Man and the Sea”").
            if form.requiresQuotation && !(features?.hasQuoteOtherThanTitle ?? false) { return nil }
            if participleOnly && !form.isParticiple { return nil }
            let cueRange = cursor..<(cursor + form.length)
            let saved = (state.cue, state.cueConfidence)
            state.cue = cueRange
            state.cueConfidence = form.confidence
            var after = cueRange.upperBound
            if form.takesAddressee {
                // The listener is never the speaker: "told Mr. Putin", "told CNN".
                let addresseeStart = after
                var hasHead = false
                while after < end, after - addresseeStart < PatternMatcher.maxAddresseeTokens, tokens[after].isWord,
                    tokens[after].key != "that",
                    !tokens[after].classes.contains(.stopWord) || tokens[after].classes.contains(.determiner)
                        || isListenerOf(after, start: addresseeStart)
                {
                    // "told the AP her group never worked …": an article after the listener's
                    // head opens the reported words ("members of the council" keeps its "the").
                    if hasHead, tokens[after].classes.contains(.article), !isListenerOf(after, start: addresseeStart) { break }
                    if !tokens[after].classes.contains(.determiner), !isListenerOf(after, start: addresseeStart) { hasHead = true }
                    after += 1
                }
            }
            // Once a listener is taken ("called Mr. al-Sharaa in February"), what follows it must
            // fit the pattern: the listener is never re-read as the content.
            if let result = match(step: stepIndex + 1, at: after, state: &state) { return result }
            (state.cue, state.cueConfidence) = saved
            return nil
        }

        /// "members of the AFL-CIO executive council": "of" and "the" inside a listener phrase.
        private func isListenerOf(_ index: Int, start: Int) -> Bool {
            guard index > start, index + 1 < sentence.upperBound else { return false }
            let key = tokens[index].key
            return key == "of" || key == "the" && tokens[index - 1].key == "of"
        }

        func cueForm(at position: Int) -> CueFact? {
            features?.cue(at: position)
        }

        private func isClosingPunctuation(_ token: Token) -> Bool {
            token.kind == .punctuation && ".!?;:)]…".unicodeScalars.contains(token.scalar)
        }

        private func isContentStart(at position: Int) -> Bool {
            let token = tokens[position]
            if token.isQuote { return true }
            guard token.isWord else { return false }
            // ", adding, “…”" is a second attribution, not the rest of the first one's content.
            if token.classes.contains(.cueStart), token.classes.contains(.endsInIng) { return false }
            // "pledged to “bring our political revolution”": an infinitive is what was promised;
            // "said to reporters" is not.
            if token.classes.contains(.infinitiveMarker), position + 1 < sentence.upperBound, tokens[position + 1].isWord || tokens[position + 1].isQuote,
                !tokens[position + 1].isCapitalized,
                tokens[position + 1].classes.isDisjoint(with: [.article, .determiner, .pronoun, .stopWord])
            {
                return true
            }
            return !token.classes.contains(.nonContentStart)
        }


        /// Content holds a quotation or enough words: three where it runs to the sentence's end,
        /// one where more of the pattern follows ("African-Americans, he said, can …").
        private func isContentBody(_ range: Range<Int>, minimumWords: Int) -> Bool {
            guard let features else { return false }
            return features.quotes(in: range) > 0 || features.words(in: range) >= minimumWords
        }

        /// Bit `n - 1` is set when the `n` tokens from `start` are a speaker phrase; worked out
        /// the first time a pattern asks and kept in `state` for the rest of the sentence.
        func speakerLengths(at start: Int, state: inout State) -> UInt16 {
            let known = state.speakerLengths[start - sentence.lowerBound]
            if known != 0 { return known & 0xFF }
            var lengths: UInt16 = 0
            if canStartSpeaker(at: start) {
                var length = 1
                while length <= PatternMatcher.maxSpeakerTokens, start + length <= sentence.upperBound, tokens[start + length - 1].isWord {
                    if isSpeakerPhrase(start..<(start + length)) { lengths |= 1 << (length - 1) }
                    length += 1
                }
            }
            state.speakerLengths[start - sentence.lowerBound] = lengths | 0x8000
            return lengths
        }

        /// A cheap test of a phrase's first word, before any phrase is built on it.
        func canStartSpeaker(at position: Int) -> Bool {
            guard tokens[position].isWord else { return false }
            let classes = tokens[position].classes
            if tokens[position].isCapitalized || !classes.isDisjoint(with: [.determiner, .pronoun, .relativePronoun, .title, .anonymous, .organization, .honorific]) {
                return true
            }
            return classes.isDisjoint(with: [.stopWord, .cueStart, .adverbialStart])
        }

        /// A name, a pronoun, a role, an organisation or an anonymous source, as news text
        /// writes them before or after a cue.
        func isSpeakerPhrase(_ range: Range<Int>) -> Bool {
            // Tokens are read field by field here, never copied whole: this runs for every start
            // and length of every sentence.
            let firstClasses = tokens[range.lowerBound].classes
            if range.count == 1 {
                guard tokens[range.lowerBound].isWord else { return false }
                if firstClasses.contains(.subjectPronoun) || firstClasses.contains(.relativePronoun) { return true }
                // "One, who asked not to be named, said …": a number or determiner standing for one
                // of a group just named is the speaker, and the relative clause its aside.
                if firstClasses.contains(.determiner), range.lowerBound + 2 < sentence.upperBound, tokens[range.lowerBound + 1].isPunctuation(","),
                    tokens[range.lowerBound + 2].classes.contains(.relativePronoun)
                {
                    return true
                }
                if opensIntroductoryPhrase(at: range.lowerBound) { return false }
                return isHeadWord(at: range.lowerBound)
            }
            guard let lastIndex = range.last, tokens[lastIndex].isWord else { return false }
            // "six in 10", "4 in 10 Republican primary voters": a share, as polls report one.
            if range.count >= 3, isShare(at: range.lowerBound) {
                return range.dropFirst(3).allSatisfy { index in
                    tokens[index].isWord && !tokens[index].classes.contains(.cueStart)
                        && (tokens[index].isCapitalized || !tokens[index].classes.contains(.stopWord))
                }
            }
            // "the New York businessman", "a longtime adviser": after an article any noun heads the phrase.
            // "a source close to him": a determiner-led phrase may end in a pronoun after its preposition.
            // "most of them", "some of us": a quantity of a group named by a pronoun.
            let endsInObjectPronoun = firstClasses.contains(.determiner) && tokens[lastIndex].classes.contains(.pronoun)
                && (range.count >= 4 && tokens[lastIndex - 1].classes.contains(.phrasePreposition)
                    || range.count == 3 && tokens[lastIndex - 1].key == "of")
            let articleLed = (firstClasses.contains(.article) || firstClasses.contains(.determiner))
                && (endsInObjectPronoun || !tokens[lastIndex].classes.contains(.stopWord)) && !tokens[lastIndex].classes.contains(.determiner)
                && !tokens[lastIndex].classes.contains(.cueStart) && !tokens[lastIndex].classes.contains(.auxiliary)
                && tokens[lastIndex].classes.isDisjoint(with: [.endsInLy, .endsInEd, .endsInIng])
            guard articleLed || isHeadWord(at: lastIndex) else { return false }
            // A capitalised function word opening the phrase only starts the sentence: "On September 27 …"
            if firstClasses.contains(.stopWord) || firstClasses.contains(.adverbialStart),
                !firstClasses.contains(.determiner), !firstClasses.contains(.title), !firstClasses.contains(.firstName)
            {
                return false
            }
            let startsWithDeterminer = firstClasses.contains(.determiner)
            // "former State policy planning director Anne-Marie Slaughter": a role of several
            // plain words may stand before a name, capitalised words among them.
            let endsWithName = tokens[lastIndex].isCapitalized && range.count >= 3 && tokens[lastIndex - 1].isCapitalized
            var unknownLowercase = 0
            var seenName = false
            for index in range {
                guard tokens[index].isWord else { return false }
                if index == lastIndex && endsInObjectPronoun { continue }
                let classes = tokens[index].classes
                let isCapitalized = tokens[index].isCapitalized
                defer { if isCapitalized { seenName = true } }
                if tokens[index].key == "of" || tokens[index].key == "the" && index > range.lowerBound {
                    // "Secretary of State John Kerry", "president of the union"
                    if index == range.lowerBound || index == lastIndex { return false }
                    continue
                }
                if startsWithDeterminer, classes.contains(.phrasePreposition), index > range.lowerBound + 1, index < lastIndex {
                    // "a narrator in the Clinton ad", "a spokeswoman for the ministry"
                    continue
                }
                if classes.contains(.relativePronoun) || classes.contains(.pronoun) && !classes.contains(.determiner) { return false }
                // "the Florida senator and Republican presidential candidate": two roles of one person.
                if startsWithDeterminer, classes.contains(.roleConjunction), index > range.lowerBound + 1, index + 1 < lastIndex,
                    tokens[index + 1].isCapitalized, tokens[lastIndex].classes.contains(.title)
                {
                    continue
                }
                if classes.contains(.stopWord) && !classes.contains(.determiner) && !isCapitalized { return false }
                if classes.contains(.cueStart) && !isCapitalized
                    && classes.isDisjoint(with: [.organization, .anonymous, .title]) { return false }
                if isCapitalized || !classes.isDisjoint(with: [.determiner, .title, .anonymous, .organization, .honorific, .particle]) {
                    continue
                }
                unknownLowercase += 1
                if endsWithName {
                    if unknownLowercase > 4 || classes.contains(.endsInLy) { return false }
                    continue
                }
                if unknownLowercase > (startsWithDeterminer ? 3 : 2) || !classes.isDisjoint(with: [.endsInLy, .endsInIng]) { return false }
                // Modifiers come before the name: "presidential nominee Donald Trump". A plain word
                // after a name is a verb ("Gingrich dismissed NATO"), unless the name is a
                // possessive ("Trump’s campaign") or the phrase opens with an article, where a
                // capitalised word is an adjective ("the Republican presidential nominee").
                if seenName, index != lastIndex, !startsWithDeterminer, !tokens[index - 1].classes.contains(.possessive) { return false }
            }
            // An article or possessive is only the first word: "the campaign", not "Clinton his".
            for index in range.dropFirst() where !tokens[index].isCapitalized && tokens[index].classes.contains(.article)
                && !(tokens[index].key == "the" && (tokens[index - 1].key == "of" || startsWithDeterminer && tokens[index - 1].classes.contains(.phrasePreposition)))
            {
                return false
            }
            return true
        }


        /// "six in 10", "4 in 10": a number word or numeral, "in", a numeral.
        private func isShare(at position: Int) -> Bool {
            guard position + 2 < sentence.upperBound, tokens[position + 1].key == "in", tokens[position + 2].isWord,
                tokens[position + 2].scalar.isNumeric, tokens[position].isWord else { return false }
            return tokens[position].scalar.isNumeric || tokens[position].classes.contains(.determiner)
        }

        /// "Speaking at a town hall, …", "Reached by POLITICO, …", "Shortly after …": a participle
        /// or an adverb opening the sentence before a function word or a comma introduces the
        /// sentence, not a speaker.
        func opensIntroductoryPhrase(at position: Int) -> Bool {
            guard position == sentence.lowerBound, position + 1 < sentence.upperBound else { return false }
            let first = tokens[position]
            guard first.isWord, first.isCapitalized, !first.classes.contains(.firstName),
                !first.classes.isDisjoint(with: [.endsInIng, .endsInEd, .endsInLy]) else { return false }
            let after = tokens[position + 1]
            return after.isPunctuation(",") || after.isWord && !after.isCapitalized && !after.classes.contains(.cueStart)
        }

        private func isHeadWord(at position: Int) -> Bool {
            guard tokens[position].isWord else { return false }
            let classes = tokens[position].classes
            if tokens[position].isCapitalized {
                // A capitalised function word starts a sentence; it names no one.
                return classes.isDisjoint(with: [.stopWord, .determiner, .auxiliary, .relativePronoun, .adverbialStart])
                    || !classes.isDisjoint(with: [.organization, .title])
            }
            return !classes.isDisjoint(with: [.anonymous, .organization, .title])
        }
    }
}
