import QuoteRules

/// The rules' patterns compiled for the interpreter: one ``Step`` array per rule, the literal
/// words and marks in tables, and what each rule needs of a sentence before it is worth trying.
struct Program: Sendable {
    /// A pattern step as the interpreter runs it: a plain value (literal words and marks sit in
    /// the program's tables), with the facts about its neighbours that every try would otherwise
    /// work out again.
    struct Step: Sendable {
        var kind: PatternElement
        var isOptional: Bool
        /// For `word`, `cueWord` and `contentWord`, an index into ``Program/literalWords``; for
        /// `punctuation`, into ``Program/literalMarks``.
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
        /// where one of those can open (``Interpreter/canOpenAsideOrCue(at:)``).
        var cueFollows = false
        /// A required `word`, `+word`, `@word` or punctuation: fails at once where its word or
        /// mark is not (``Interpreter/matchAfterVariable(step:at:state:)``).
        var isRequiredLiteral = false
        /// For `punctuation`, its marks when it has at most four (the places left repeat the
        /// first), so testing a token needs no array of ``Program/literalMarks``: a punctuation
        /// step after CONTENT or ANY is tested at every length.
        var marks: (Unicode.Scalar, Unicode.Scalar, Unicode.Scalar, Unicode.Scalar) = (" ", " ", " ", " ")
        var marksInline = false
        /// For `punctuation`, whether a comma is one of its marks.
        var allowsComma = false
    }

    /// What a sentence must contain for each rule to have a chance: checked once per sentence so
    /// most rules are never tried (matching is the detector's hot path).
    struct Requirements: Sendable {
        var quote = false
        var cue = false
        /// A PARTICIPLE: a cue form that opens with an -ing word, known once cues are read.
        var participle = false
        /// Literal words the pattern cannot do without, each as its alternatives.
        var words: [[String]] = []
        /// Marks the pattern cannot do without, each as its alternatives: `^ SPEAKER : CONTENT $`
        /// asks for a colon, so a sentence without one is not worth a speaker phrase.
        var marks: [[Unicode.Scalar]] = []
    }

    /// What of ``Requirements`` a sentence holds, one bit each: a quotation, a cue form's first
    /// word, and each required literal word and mark. A rule is tried only on a sentence that
    /// has one bit of each of its masks, so choosing the rules for a sentence is a few AND tests.
    struct FeatureBits: Sendable {
        static let quote: UInt64 = 1 << 0
        static let cue: UInt64 = 1 << 1
        /// Required literal words by their bit; a word past the 64th bit has none, and a rule
        /// that needs it is not filtered by it.
        var words: [String: UInt64] = [:]
        var marks: [(mark: Unicode.Scalar, bit: UInt64)] = []

        func bit(ofMark mark: Unicode.Scalar) -> UInt64 {
            for entry in marks where entry.mark == mark { return entry.bit }
            return 0
        }
    }

    /// The parts of ``Requirements`` that bound where a rule may start, without its arrays: read
    /// for every rule tried on every sentence, so reading them retains nothing.
    struct StartLimits: Sendable {
        var quote = false
        var cue = false
        var participle = false
    }

    let steps: [[Step]]
    let requirements: [Requirements]
    let startLimits: [StartLimits]
    let featureBits: FeatureBits
    /// Each rule's requirements as masks over ``FeatureBits``, rule after rule; rule `i`'s are
    /// `requirementMasks[requirementSpans[i]]`.
    let requirementMasks: [UInt64]
    let requirementSpans: [Range<Int>]
    /// Each rule's ``AttributionRule/isAnchoredAtStart``, read once: asking the rule copied the
    /// whole rule (its strings and arrays retained) at every match attempt.
    let anchoredAtStart: [Bool]
    let literalWords: [[String]]
    let literalMarks: [[Unicode.Scalar]]
    /// For each rule, the group of rules that open with the same ``sharedPrefix(of:)`` (-1 for
    /// none shared): the four "SPEAKER APPOS? ADVERBIAL? CUE …" rules. Where that opening finds
    /// no cue at a start for one of them, it finds none for the others either
    /// (``State/prefixFailures``).
    let prefixGroups: [Int]
    let prefixGroupCount: Int

    init(rules: [AttributionRule]) {
        var literalWords: [[String]] = []
        var literalMarks: [[Unicode.Scalar]] = []
        self.steps = rules.map { rule in
            let pattern = rule.pattern
            return pattern.indices.map { index in
                let kind = pattern[index].element
                var literal = 0
                switch kind {
                case .word, .cueWord, .contentWord: literal = Self.append(pattern[index].words, to: &literalWords)
                case .punctuation: literal = Self.append(pattern[index].marks, to: &literalMarks)
                default: break
                }
                var step = Step(kind: kind, isOptional: pattern[index].isOptional, literal: literal)
                let after = pattern[(index + 1)...]
                step.isLastContent = after.allSatisfy { $0.element == .sentenceEnd || $0.element == .rest || $0.element == .tail }
                step.quoteFollows = after.contains { $0.element == .quote }
                step.followsContent = index >= 2 && pattern[index - 2].element == .content
                step.quoteNext = after.first?.element == .quote
                step.isRequiredLiteral = !step.isOptional && [.word, .cueWord, .contentWord, .punctuation].contains(kind)
                if kind == .punctuation, let first = pattern[index].marks.first, pattern[index].marks.count <= 4 {
                    let marks = pattern[index].marks + Array(repeating: first, count: 4 - pattern[index].marks.count)
                    step.marks = (marks[0], marks[1], marks[2], marks[3])
                    step.marksInline = true
                }
                step.allowsComma = kind == .punctuation && pattern[index].marks.contains(",")
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
        let prefixes = steps.map(Self.sharedPrefix(of:))
        var groupOfPrefix: [String: Int] = [:]
        for prefix in prefixes.compactMap(\.self) where prefixes.filter({ $0 == prefix }).count > 1 && groupOfPrefix[prefix] == nil {
            groupOfPrefix[prefix] = groupOfPrefix.count
        }
        self.prefixGroups = prefixes.map { prefix in prefix.flatMap { groupOfPrefix[$0] } ?? -1 }
        self.prefixGroupCount = groupOfPrefix.count
        let requirements = rules.map { rule in
            var needs = Requirements()
            for step in rule.pattern where !step.isOptional {
                switch step.element {
                case .quote, .mixedContent: needs.quote = true
                case .cue: needs.cue = true
                case .participle: (needs.cue, needs.participle) = (true, true)
                case .word, .cueWord, .contentWord: needs.words.append(step.words)
                case .punctuation: needs.marks.append(step.marks)
                default: break
                }
            }
            return needs
        }
        var bits = FeatureBits()
        var nextBit: UInt64 = 2
        func wordBit(_ word: String) -> UInt64 {
            if let known = bits.words[word] { return known }
            guard nextBit < 64 else { return 0 }
            bits.words[word] = 1 << nextBit
            nextBit += 1
            return 1 << (nextBit - 1)
        }
        func markBit(_ mark: Unicode.Scalar) -> UInt64 {
            let known = bits.bit(ofMark: mark)
            if known != 0 { return known }
            guard nextBit < 64 else { return 0 }
            bits.marks.append((mark, 1 << nextBit))
            nextBit += 1
            return 1 << (nextBit - 1)
        }
        var masks: [UInt64] = []
        var spans: [Range<Int>] = []
        for needs in requirements {
            let start = masks.count
            if needs.quote { masks.append(FeatureBits.quote) }
            if needs.cue { masks.append(FeatureBits.cue) }
            // An alternative without a bit could be present unseen: its group filters nothing.
            for alternatives in needs.words {
                let alternativeBits = alternatives.map(wordBit)
                if !alternativeBits.contains(0) { masks.append(alternativeBits.reduce(0, |)) }
            }
            for alternatives in needs.marks {
                let alternativeBits = alternatives.map(markBit)
                if !alternativeBits.contains(0) { masks.append(alternativeBits.reduce(0, |)) }
            }
            spans.append(start..<masks.count)
        }
        self.requirements = requirements
        self.startLimits = requirements.map { StartLimits(quote: $0.quote, cue: $0.cue, participle: $0.participle) }
        self.featureBits = bits
        self.requirementMasks = masks
        self.requirementSpans = spans
    }

    /// The steps up to the first required CUE, spelled out, when only SPEAKER, APPOS and
    /// ADVERBIAL come before it. Those elements read neither the steps after the CUE nor the
    /// tokens earlier matches took, so where this opening finds no cue at a start, it finds none
    /// in any rule that opens the same way. Nil for any other opening.
    static func sharedPrefix(of steps: [Step]) -> String? {
        guard let cue = steps.firstIndex(where: { $0.kind == .cue && !$0.isOptional }), cue > 0,
            steps[..<cue].allSatisfy({ [.speaker, .appositive, .adverbial].contains($0.kind) })
        else { return nil }
        return steps[...cue].map { "\($0.kind)\($0.isOptional ? "?" : "")/\($0.cueFollows)/\($0.followsContent)" }.joined(separator: " ")
    }

    /// Adds a literal to its table and returns its index there.
    private static func append<Literal>(_ literal: Literal, to table: inout [Literal]) -> Int {
        table.append(literal)
        return table.count - 1
    }
}
