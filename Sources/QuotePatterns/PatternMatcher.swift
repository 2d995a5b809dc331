import QuoteRules

/// Runs attribution patterns over a sentence's tokens by backtracking; patterns are short and
/// sentences a few dozen tokens, so this stays cheap.
///
/// The engine's parts: ``Program`` (Compiler.swift) turns the rules' patterns into steps,
/// ``SentenceFeatures`` says once per sentence what the rules may need, ``Interpreter`` runs one
/// rule's steps, and each pattern element's matching and documentation is in `Elements/`.
public struct PatternMatcher: Sendable {
    public let rules: [AttributionRule]
    let lexicon: Lexicon
    let program: Program
    let vocabulary: Vocabulary

    /// Longest noun phrase a SPEAKER may be, in tokens.
    static let maxSpeakerTokens = 8
    /// Words of a proper name set beside a role ("her mother, Fiona Parry,").
    static let maxNameTokens = 4
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

    /// Steps one rule may take on one sentence. Backtracking over optional and variable-length
    /// elements is exponential in the worst case, and rule files are user input: a budget bounds
    /// every sentence's cost whatever the pattern. Built-in rules on news text stay far below it;
    /// a rule that runs out is skipped for that sentence with a warning (docs/limits.md).
    public static let stepBudget = 200_000

    public init(rules: [AttributionRule], lexicon: Lexicon) {
        self.rules = rules
        self.lexicon = lexicon
        self.program = Program(rules: rules)
        self.vocabulary = Vocabulary(lexicon: lexicon)
    }

    /// Every rule in order; a later match may not reuse tokens an earlier one made its content
    /// or cue, and may reuse a speaker only as its own speaker.
    public func matches(in sentence: Range<Int>, tokens: [Token]) -> SentenceMatches {
        matches(in: sentence, tokens: tokens, takingShortcuts: true)
    }

    /// ``matches(in:tokens:)`` with or without the shortcuts that skip tries bound to fail
    /// (``Interpreter/takesShortcuts``): both find the same matches in the same steps.
    func matches(in sentence: Range<Int>, tokens: [Token], takingShortcuts: Bool) -> SentenceMatches {
        var speakers = TokenMask(sentence: sentence)
        var result = SentenceMatches()
        var features = SentenceFeatures(scanning: sentence, tokens: tokens, bits: program.featureBits)
        let present = features.present
        guard let firstCandidate = rules.indices.first(where: { isCandidate(ruleIndex: $0, present: present) }) else { return result }
        features.complete(sentence: sentence, tokens: tokens, cues: lexicon.cuesByFirstWord)
        var interpreter = interpreter(for: sentence, tokens: tokens, features: features)
        // Taken words keep matches apart, and end the reported words of later ones.
        interpreter.taken = TokenMask(sentence: sentence)
        interpreter.takesShortcuts = takingShortcuts
        var state = State(sentence: sentence)
        for ruleIndex in firstCandidate..<rules.count where isCandidate(ruleIndex: ruleIndex, present: present) {
            interpreter.steps = program.steps[ruleIndex]
            state.stepsLeft = Self.stepBudget
            var from = sentence.lowerBound
            while from < sentence.upperBound,
                let match = firstMatch(ruleIndex: ruleIndex, from: from, speakers: speakers, interpreter: &interpreter, state: &state)
            {
                result.matches.append(match)
                for range in match.content { interpreter.taken.formUnion(range) }
                if let speaker = match.speaker { speakers.formUnion(speaker) }
                if let cue = match.cue { interpreter.taken.formUnion(cue) }
                // The next match may start inside this one's aside ("Barkley, who said he votes
                // democratic, said …"): taken words keep matches apart.
                from = match.covered.lowerBound + 1
                if program.anchoredAtStart[ruleIndex] { break }
            }
            if state.stepsLeft < 0 { result.overBudget.append(ruleIndex) }
            result.steps += Self.stepBudget - state.stepsLeft
        }
        return result
    }

    /// The first match of rule `ruleIndex` alone in `sentence`, as if no other rule had run:
    /// what `rules explain` shows for each rule.
    public func firstMatch(ruleIndex: Int, in sentence: Range<Int>, tokens: [Token]) -> PatternMatch? {
        var interpreter = interpreter(for: sentence, tokens: tokens, features: SentenceFeatures(sentence: sentence, tokens: tokens, program: program, cues: lexicon.cuesByFirstWord))
        interpreter.steps = program.steps[ruleIndex]
        var state = State(sentence: sentence)
        return firstMatch(ruleIndex: ruleIndex, from: sentence.lowerBound, speakers: TokenMask(), interpreter: &interpreter, state: &state)
    }

    /// Whether rule `ruleIndex` can match a sentence holding `present` (``SentenceFeatures/present``) at all.
    @inline(__always) func isCandidate(ruleIndex: Int, present: UInt64) -> Bool {
        for index in program.requirementSpans[ruleIndex] where present & program.requirementMasks[index] == 0 { return false }
        return true
    }

    /// What matching one sentence needs; set ``Interpreter/steps`` to a rule's steps before
    /// matching it. Built once per sentence: an interpreter holds arrays, and making one per try
    /// retained and released each of them every time.
    func interpreter(for sentence: Range<Int>, tokens: [Token], features: SentenceFeatures) -> Interpreter {
        Interpreter(
            tokens: tokens, sentence: sentence, steps: [], literalWords: program.literalWords, literalMarks: program.literalMarks,
            vocabulary: vocabulary, features: features
        )
    }

    /// The first match of rule `ruleIndex` whose start is at or after `from`, whose content,
    /// speaker and cue avoid the tokens `interpreter.taken` holds, and whose content and cue also
    /// avoid `speakers` (an earlier match's speaker may speak again: "Carson said …, telling …").
    /// `interpreter` has rule `ruleIndex`'s steps; `state` is the sentence's, made with
    /// ``State/init(sentence:)``, for every rule tried on it. Both are passed in place, not
    /// copied: this runs once a rule and match of every sentence, and a copy of the
    /// interpreter retained each of its arrays.
    func firstMatch(ruleIndex: Int, from: Int, speakers: TokenMask, interpreter: inout Interpreter, state: inout State) -> PatternMatch? {
        // The features' fields are read one by one: binding the whole value retained each of its
        // arrays once a call, and this runs once a rule and match of every sentence.
        guard interpreter.features != nil else { return nil }
        let sentence = interpreter.sentence
        // A required QUOTE or MIXED needs a quotation at or after the start, a required CUE a cue
        // form there and a required PARTICIPLE a participle (``Program/Requirements``): patterns
        // read only forward, so later starts cannot match.
        var limit = sentence.upperBound
        let needs = program.startLimits[ruleIndex]
        if needs.quote { limit = min(limit, (interpreter.features?.lastQuote ?? -1) + 1) }
        if needs.cue { limit = min(limit, (interpreter.features?.lastCue ?? -1) + 1) }
        if needs.participle { limit = min(limit, (interpreter.features?.lastParticiple ?? -1) + 1) }
        let prefix = PrefixGroup(
            group: program.prefixGroups[ruleIndex], count: program.prefixGroupCount,
            opening: interpreter.steps.first.flatMap { $0.isOptional ? nil : $0.kind }
        )
        // The tries go through methods of the interpreter, not closures over it: a closure over
        // the `inout` interpreter copied all of it (224 bytes) at every start.
        guard program.anchoredAtStart[ruleIndex] else {
            guard from < limit else { return nil }
            for start in from..<limit {
                if let match = interpreter.attempt(ruleIndex: ruleIndex, at: start, limit: limit, speakers: speakers, prefix: prefix, state: &state) { return match }
            }
            return nil
        }
        guard from == sentence.lowerBound else { return nil }
        if let match = interpreter.attempt(ruleIndex: ruleIndex, at: from, limit: limit, speakers: speakers, prefix: prefix, state: &state) { return match }
        // `^ QUOTE` may also start at a quotation that opens a clause inside the sentence, and
        // `^ SPEAKER` at a word after a dash.
        guard interpreter.steps.count > 1 else { return nil }
        let second = interpreter.steps[1].kind
        let clauseStarts = second == .quote ? interpreter.features?.quotedClauseStarts ?? []
            : second == .speaker ? interpreter.features?.dashClauseStarts ?? [] : []
        for start in clauseStarts {
            if let match = interpreter.attempt(ruleIndex: ruleIndex, at: start, limit: limit, speakers: speakers, prefix: prefix, state: &state) { return match }
        }
        return nil
    }
}

/// The rule's ``Program/prefixGroups`` group (-1 for none) and how many groups there are.
struct PrefixGroup {
    var group: Int
    var count: Int
    /// The element of the rule's first step if it is required, read once a rule rather than at
    /// every start (``Interpreter/canStart(at:opening:state:)``).
    var opening: PatternElement?
}

extension Interpreter {
    /// A match of the steps starting at `start` (before `limit`) that avoids the tokens
    /// ``taken`` holds and, for its content and cue, `speakers`: see
    /// ``PatternMatcher/firstMatch(ruleIndex:from:speakers:interpreter:state:)``.
    func attempt(ruleIndex: Int, at start: Int, limit: Int, speakers: TokenMask, prefix: PrefixGroup, state: inout State) -> PatternMatch? {
        guard start < limit, canStart(at: start, opening: prefix.opening, state: &state) else { return nil }
        var memo = -1
        if takesShortcuts, prefix.group >= 0 {
            if state.prefixFailures.isEmpty { state.prefixFailures = Array(repeating: -1, count: prefix.count * state.tokenFacts.count) }
            memo = prefix.group * state.tokenFacts.count + (start - sentence.lowerBound)
            let failedIn = state.prefixFailures[memo]
            // Charged in full even past the budget: only whether it ran out is read.
            if failedIn >= 0 {
                state.stepsLeft &-= Int(failedIn)
                return nil
            }
        }
        state.startAttempt()
        let stepsBefore = state.stepsLeft
        guard let end = match(step: 0, at: start, state: &state) else {
            // A try cut short by the budget took fewer steps than a whole one: not kept.
            if memo >= 0, !state.cueReached, state.stepsLeft >= 0 { state.prefixFailures[memo] = Int32(clamping: stepsBefore - state.stepsLeft) }
            return nil
        }
        let match = PatternMatch(
            ruleIndex: ruleIndex, content: state.content.array, speaker: state.speaker, cue: state.cue,
            cueConfidence: state.cueConfidence, covered: start..<end
        )
        for piece in match.content where taken.intersects(piece) || speakers.intersects(piece) { return nil }
        if let cue = match.cue, taken.intersects(cue) || speakers.intersects(cue) { return nil }
        if let speaker = match.speaker, taken.intersects(speaker) { return nil }
        return match
    }

    /// Most starts fail on the first step; a required first step that is a speaker, a quotation
    /// or a literal word is answered here from the sentence's tables before any matching.
    /// `opening` is the first step's element if that step is required.
    func canStart(at start: Int, opening: PatternElement?, state: inout State) -> Bool {
        switch opening {
        case .speaker: return canMatchSpeaker(step: 0, at: start, state: &state)
        case .quote: return tokens[start].isQuote
        case .word, .cueWord, .contentWord: return isLiteralWord(at: start, step: steps[0])
        default: return true
        }
    }
}
