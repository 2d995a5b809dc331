import QuoteRules

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
    /// What is known of each token of the sentence, by its offset in the sentence: which runs
    /// from there are speaker phrases (bit `n + 7` is set once the run of `n` tokens has been
    /// worked out, and bit `n - 1` when it is one: ``Interpreter/isSpeaker(at:length:state:)``),
    /// and the answers of ``Interpreter/canMatchSpeaker(step:at:state:)`` and
    /// ``Interpreter/canOpenAsideOrCue(at:state:)`` (``Known``). Worked out only where a pattern
    /// asks (most starts and lengths never are), and kept from try to try and rule to rule of
    /// the sentence, unlike the match in progress: none of them depends on the rule.
    var tokenFacts: [UInt32]

    /// The bits of ``tokenFacts`` above the speaker lengths: each answer has a bit saying
    /// it is known and the bit above it giving it.
    enum Known {
        static let speakerBeforeCue: UInt32 = 1 << 16
        static let speaker: UInt32 = 1 << 18
        static let asideOrCue: UInt32 = 1 << 20
    }
    /// Steps left before the rule being matched gives up on the sentence (see
    /// ``PatternMatcher/stepBudget``); negative once it has run out.
    var stepsLeft = PatternMatcher.stepBudget
    /// For each ``Program/prefixGroups`` group and start in the sentence (group after group),
    /// the steps its shared opening took to find no cue there, or -1 if not known: a later rule
    /// of the group is charged those steps and skips the start, as trying it would take the
    /// same steps and fail the same way. Made when a rule of a group is first tried.
    var prefixFailures: [Int32] = []
    /// Set when a CUE step matched and the steps after it were tried: the shared opening found
    /// a cue in this try.
    var cueReached = false

    init(sentence: Range<Int>) {
        tokenFacts = Array(repeating: 0, count: sentence.count)
    }

    /// A new try: no match in progress, the speaker phrases kept.
    mutating func startAttempt() {
        content = Pieces()
        speaker = nil
        cue = nil
        cueConfidence = 1.0
        contentStart = nil
        cueReached = false
    }
}

/// Runs one rule's compiled steps over one sentence: each element's matching is in
/// `Elements/`, the grammar of speaker phrases and clauses in `Grammar/`.
struct Interpreter {
    let tokens: [Token]
    let sentence: Range<Int>
    var steps: [Program.Step]
    let literalWords: [[String]]
    let literalMarks: [[Unicode.Scalar]]
    let vocabulary: Vocabulary
    /// Present whenever a pattern is matched; absent only while the features themselves are
    /// being built, when just the phrase tests are used.
    let features: SentenceFeatures?
    /// Tokens earlier matches in the sentence took: reported words stop before them.
    var taken = TokenMask()
    /// Whether tries that must fail are skipped and charged their steps
    /// (``matchAfterVariable(step:at:state:)``, ``State/prefixFailures``); off, every step is
    /// taken, as tests compare.
    var takesShortcuts = true

    /// Where the pattern from step `index` on ends when it matches at `position`. `state`
    /// holds the match when one is found and is left as it was when none is.
    func match(step index: Int, at position: Int, state: inout State) -> Int? {
        guard index < steps.count else { return position }
        state.stepsLeft &-= 1
        guard state.stepsLeft >= 0 else { return nil }
        if let result = matchElement(steps[index].kind, step: index, at: position, state: &state) { return result }
        if steps[index].isOptional { return match(step: index + 1, at: position, state: &state) }
        return nil
    }

    /// ``match(step:at:state:)`` for the step after a variable-length element (CONTENT, ANY,
    /// GAP), which tries it at every length. A required literal word or mark that is not at
    /// `position` fails on its first test: it is charged its one step without the call, so the
    /// budget counts as before. "CONTENT @according @to SPEAKER REST" tried every end of every
    /// start, "^ ANY , SPEAKER …" every word before a comma.
    @inline(__always) func matchAfterVariable(step index: Int, at position: Int, state: inout State) -> Int? {
        if takesShortcuts, index < steps.count, steps[index].isRequiredLiteral, !canMatchLiteral(step: index, at: position) {
            state.stepsLeft &-= 1
            return nil
        }
        return match(step: index, at: position, state: &state)
    }

    /// Whether the `word`, `+word`, `@word` or punctuation step `index` passes its first test at
    /// `position`, as its element's matching does before anything else.
    @inline(__always) func canMatchLiteral(step index: Int, at position: Int) -> Bool {
        if steps[index].kind == .punctuation { return canMatchMark(step: index, at: position) }
        return position < sentence.upperBound && isLiteralWord(at: position, step: steps[index])
    }

    /// The one place an element is sent to its file in `Elements/`.
    private func matchElement(_ kind: PatternElement, step: Int, at position: Int, state: inout State) -> Int? {
        switch kind {
        case .sentenceStart: return matchSentenceStart(step: step, at: position, state: &state)
        case .sentenceEnd: return matchSentenceEnd(step: step, at: position, state: &state)
        case .rest: return matchRest(step: step, at: position, state: &state)
        case .tail: return matchTail(step: step, at: position, state: &state)
        case .source: return matchSource(step: step, at: position, state: &state)
        case .finding: return matchFinding(step: step, at: position, state: &state)
        case .quote: return matchQuote(step: step, at: position, state: &state)
        case .content: return matchContent(step: step, at: position, state: &state)
        case .mixedContent: return matchMixedContent(step: step, at: position, state: &state)
        case .verb: return matchVerb(step: step, at: position, state: &state)
        case .speaker: return matchSpeaker(step: step, at: position, state: &state)
        case .cue: return matchCue(step: step, at: position, state: &state)
        case .participle: return matchParticiple(step: step, at: position, state: &state)
        case .any: return matchAny(step: step, at: position, state: &state)
        case .appositive: return matchAppositive(step: step, at: position, state: &state)
        case .adverbial: return matchAdverbial(step: step, at: position, state: &state)
        case .gap: return matchGap(step: step, at: position, state: &state)
        case .word: return matchWord(step: step, at: position, state: &state)
        case .cueWord: return matchCueWord(step: step, at: position, state: &state)
        case .contentWord: return matchContentWord(step: step, at: position, state: &state)
        case .punctuation: return matchPunctuation(step: step, at: position, state: &state)
        }
    }

    /// Whether an APPOS, an ADVERBIAL or a CUE can match at `position`: a parenthesis, a
    /// lower-case relative pronoun, a dash or a comma opens an aside, an adverbial start
    /// word an adverbial, and a cue form, an auxiliary or an -ly adverb a cue. Every other
    /// token fails all three at once.
    func canOpenAsideOrCue(at position: Int, state: inout State) -> Bool {
        guard position < sentence.upperBound else { return false }
        let offset = position - sentence.lowerBound
        let known = state.tokenFacts[offset]
        if known & State.Known.asideOrCue != 0 { return known & State.Known.asideOrCue << 1 != 0 }
        let answer = opensAsideOrCue(at: position)
        state.tokenFacts[offset] = known | State.Known.asideOrCue | (answer ? State.Known.asideOrCue << 1 : 0)
        return answer
    }

    /// ``canOpenAsideOrCue(at:state:)`` worked out: asked once a token and sentence.
    private func opensAsideOrCue(at position: Int) -> Bool {
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
        if position < sentence.upperBound, tokens[position].kind == .punctuation, hasMark(step: step, tokens[position].scalar) { return true }
        return steps[step].allowsComma && position > sentence.lowerBound && tokens[position - 1].isQuote && tokens[position - 1].scalar == ","
    }

    /// Whether `mark` is one of the marks of the `punctuation` step `step`.
    @inline(__always) func hasMark(step index: Int, _ mark: Unicode.Scalar) -> Bool {
        let step = steps[index]
        guard step.marksInline else { return literalMarks[step.literal].contains(mark) }
        return mark == step.marks.0 || mark == step.marks.1 || mark == step.marks.2 || mark == step.marks.3
    }

    /// Whether the token at `position` is one of the words a `word`, `+word` or `@word` step names.
    /// Every such word is a ``WordClasses/patternWord`` (the rule set adds them), so the class
    /// answers for most tokens before any string is compared.
    func isLiteralWord(at position: Int, step: Program.Step) -> Bool {
        tokens[position].isWord && tokens[position].classes.contains(.patternWord) && literalWords[step.literal].contains(tokens[position].key)
    }

    func cueForm(at position: Int) -> CueFact? {
        features?.cue(at: position)
    }

    func isClosingPunctuation(_ token: Token) -> Bool {
        // A switch over the marks, not a search of a string's scalars: this runs for every end
        // a CONTENT tries.
        guard token.kind == .punctuation else { return false }
        switch token.scalar {
        case ".", "!", "?", ";", ":", ")", "]", "…": return true
        default: return false
        }
    }
}
