/// One element of an attribution pattern, as rule files write it. What each one matches, and
/// its documentation, lives in `Sources/QuotePatterns/Elements/`, one file per element; the
/// literal words and marks a `word`, `+word`, `@word` or punctuation element names are in its
/// ``PatternStep``.
public enum PatternElement: UInt8, Sendable, Hashable, CaseIterable {
    case sentenceStart, sentenceEnd, quote, content, mixedContent, speaker, cue, participle
    case appositive, gap, rest, tail, source, finding, verb, adverbial, any
    /// A literal word or one of several (`according`, `that|whether`): ``PatternStep/words``.
    case word
    /// `+that`: a literal word that opens the following CONTENT and belongs to it.
    case contentWord
    /// `@according @to`: a literal word that is (part of) the cue.
    case cueWord
    /// `,`, `,|:`: ``PatternStep/marks``.
    case punctuation
}

extension PatternElement {
    /// The keyword elements of the pattern language, as rule files write them: the one list the
    /// parser reads, its error message names and the documentation is checked against.
    public static let keywords: [(keyword: String, element: PatternElement)] = [
        ("^", .sentenceStart), ("$", .sentenceEnd), ("QUOTE", .quote), ("CONTENT", .content), ("MIXED", .mixedContent),
        ("SPEAKER", .speaker), ("CUE", .cue), ("PARTICIPLE", .participle), ("VERB", .verb), ("APPOS", .appositive),
        ("ADVERBIAL", .adverbial), ("GAP", .gap), ("ANY", .any), ("REST", .rest), ("TAIL", .tail), ("SOURCE", .source),
        ("FINDING", .finding),
    ]
}

public struct PatternStep: Sendable, Hashable {
    public var element: PatternElement
    public var isOptional: Bool
    /// For `word`, `+word` and `@word`: the alternatives, lower-cased.
    public var words: [String] = []
    /// For punctuation: the alternatives.
    public var marks: [Unicode.Scalar] = []

    public init(element: PatternElement, isOptional: Bool, words: [String] = [], marks: [Unicode.Scalar] = []) {
        self.element = element
        self.isOptional = isOptional
        self.words = words
        self.marks = marks
    }
}

/// A sentence a rule must attribute: the speaker mention and cue it must find, as written.
public struct AttributionExample: Sendable, Hashable {
    public var text: String
    public var speaker: String?
    public var cue: String?
    /// When given, the content the rule must find (quotation marks and edge punctuation ignored).
    public var content: String?
    /// Where the example stands in its rule file, for failure messages.
    public var line: Int
}

/// An ordered sieve: a pattern over tokens that marks speaker, cue and content.
public struct AttributionRule: Sendable, Hashable {
    public var id: String
    public var description: String
    public var pattern: [PatternStep]
    public var patternSource: String
    public var confidence: Double
    public var examples: [AttributionExample]
    /// Sentences this rule must leave alone.
    public var ignores: [String]
    public var file: String
    public var line: Int
    /// The words have a speaker the sentence does not name ("Asked whether …, Reid said": the
    /// unnamed interviewer asked), so none is carried over from an earlier attribution.
    public var speakerIsUnnamed = false
    /// The speaker must be a person the document names ("Trump: …"), or the match is no claim:
    /// a label before a colon is mostly page furniture ("Video:", "Availability:").
    public var speakerMustBePerson = false

    public var isAnchoredAtStart: Bool { pattern.first?.element == .sentenceStart }
}

extension AttributionRule {
    static let allowedKeys = ["id", "description", "pattern", "confidence", "examples", "ignores", "unnamedSpeaker", "speakerMustBePerson"]

    static func parse(_ cursor: YAMLCursor, idPrefix: String) throws(RuleError) -> AttributionRule {
        let keys = try cursor.mapping(allowed: allowedKeys, required: ["id", "description", "pattern"])
        let id = try keys["id"]?.string() ?? ""
        let source = try keys["pattern"]?.string() ?? ""
        guard let patternCursor = keys["pattern"] else { throw cursor.error("missing required key 'pattern'") }
        let pattern = try parsePattern(source, at: patternCursor)
        let confidence = try keys["confidence"]?.double() ?? 0.9
        guard (0...1).contains(confidence) else { throw (keys["confidence"] ?? cursor).error("confidence must be between 0 and 1") }
        var examples: [AttributionExample] = []
        for item in try keys["examples"]?.sequence() ?? [] {
            let fields = try item.mapping(allowed: ["text", "speaker", "cue", "content"], required: ["text"])
            examples.append(AttributionExample(
                text: try fields["text"]?.string() ?? "",
                speaker: try fields["speaker"]?.string(),
                cue: try fields["cue"]?.string(),
                content: try fields["content"]?.string(),
                line: item.line
            ))
        }
        let speakerIsUnnamed = try keys["unnamedSpeaker"]?.bool() ?? false
        if speakerIsUnnamed, pattern.contains(where: { $0.element == .speaker || $0.element == .source || $0.element == .finding }) {
            throw (keys["unnamedSpeaker"] ?? cursor).error("unnamedSpeaker: true needs a pattern without SPEAKER, SOURCE or FINDING")
        }
        var rule = AttributionRule(
            id: idPrefix + "." + id,
            description: try keys["description"]?.string() ?? "",
            pattern: pattern,
            patternSource: source,
            confidence: confidence,
            examples: examples,
            ignores: try keys["ignores"]?.strings() ?? [],
            file: cursor.file.displayName,
            line: cursor.line
        )
        rule.speakerIsUnnamed = speakerIsUnnamed
        rule.speakerMustBePerson = try keys["speakerMustBePerson"]?.bool() ?? false
        return rule
    }

    /// The matcher keeps a match's content pieces inline, without allocating, while it backtracks.
    public static let maxContentSteps = 4

    /// Parses `^ QUOTE ,? SPEAKER APPOS? CUE REST`.
    static func parsePattern(_ source: String, at cursor: YAMLCursor) throws(RuleError) -> [PatternStep] {
        var steps: [PatternStep] = []
        for rawPiece in source.split(separator: " ") {
            var piece = String(rawPiece)
            var isOptional = false
            if piece.count > 1, piece.hasSuffix("?") {
                isOptional = true
                piece.removeLast()
            }
            let step: PatternStep
            if let keyword = PatternElement.keywords.first(where: { $0.keyword == piece }) {
                step = PatternStep(element: keyword.element, isOptional: isOptional)
            } else {
                let alternatives = piece.split(separator: "|").map(String.init)
                if alternatives.allSatisfy({ $0.unicodeScalars.count == 1 && !$0.unicodeScalars.allSatisfy(\.properties.isAlphabetic) }) {
                    step = PatternStep(element: .punctuation, isOptional: isOptional, marks: alternatives.compactMap(\.unicodeScalars.first))
                } else if piece.hasPrefix("@"), piece.count > 1 {
                    step = PatternStep(element: .cueWord, isOptional: isOptional, words: piece.dropFirst().split(separator: "|").map(String.init))
                } else if piece.hasPrefix("+"), piece.count > 1 {
                    step = PatternStep(element: .contentWord, isOptional: isOptional, words: piece.dropFirst().split(separator: "|").map(String.init))
                } else if alternatives.allSatisfy({ $0 == $0.lowercased() && !$0.isEmpty }) {
                    step = PatternStep(element: .word, isOptional: isOptional, words: alternatives)
                } else {
                    let keywords = PatternElement.keywords.map(\.keyword).joined(separator: " ")
                    throw cursor.error("unknown pattern element '\(piece)'; expected \(keywords), a lower-case word, +word, @word, or punctuation")
                }
            }
            steps.append(step)
        }
        guard !steps.isEmpty else { throw cursor.error("empty pattern") }
        let contentSteps = steps.filter { $0.element == .content || $0.element == .quote || $0.element == .mixedContent }
        guard !contentSteps.isEmpty else { throw cursor.error("a pattern needs QUOTE, CONTENT or MIXED") }
        guard contentSteps.count <= maxContentSteps else {
            throw cursor.error("a pattern may hold at most \(maxContentSteps) QUOTE, CONTENT or MIXED elements, found \(contentSteps.count)")
        }
        if let problem = explosiveShape(steps) { throw cursor.error(problem) }
        return steps
    }

    /// Limits on a pattern's shape; see ``explosiveShape(_:)`` and docs/limits.md.
    public static let maxOptionalSteps = 8
    public static let maxOptionalRun = 4
    public static let maxVariableSteps = 10

    /// Why a pattern's shape makes the backtracking matcher's work blow up, or nil. The matcher
    /// tries every way the optional and variable-length elements can split a sentence: each
    /// optional step doubles the ways, each variable-length one multiplies them by the words it
    /// may take, and two unbounded ones side by side (`ANY ANY`, `CONTENT GAP?`) can split the
    /// same words in every way. The step budget bounds the cost at run time anyway; this check
    /// tells the rule's author up front, at load and in `rules lint`.
    public static func explosiveShape(_ steps: [PatternStep]) -> String? {
        let optional = steps.filter(\.isOptional).count
        if optional > maxOptionalSteps {
            return "pattern has \(optional) optional elements, at most \(maxOptionalSteps) allowed: each one doubles the matcher's work"
        }
        var run = 0
        for step in steps {
            run = step.isOptional ? run + 1 : 0
            if run > maxOptionalRun {
                return "pattern has more than \(maxOptionalRun) optional elements in a row: the matcher would try every subset of them"
            }
        }
        let variable = steps.filter { isVariableLength($0.element) }.count
        if variable > maxVariableSteps {
            return "pattern has \(variable) variable-length elements, at most \(maxVariableSteps) allowed"
        }
        for (left, right) in zip(steps, steps.dropFirst()) where isUnbounded(left.element) && isUnbounded(right.element) {
            return "pattern has two open-ended elements side by side (\(name(left.element)) \(name(right.element))): they can split the same words in every way; put a word, a mark or a CUE between them"
        }
        return nil
    }

    private static func isVariableLength(_ element: PatternElement) -> Bool {
        switch element {
        case .content, .mixedContent, .any, .gap, .appositive, .source, .finding, .adverbial, .speaker: return true
        default: return false
        }
    }

    /// Elements that take a run of plain words with nothing required at either end.
    private static func isUnbounded(_ element: PatternElement) -> Bool {
        switch element {
        case .content, .mixedContent, .any, .gap: return true
        default: return false
        }
    }

    private static func name(_ element: PatternElement) -> String {
        switch element {
        case .content: return "CONTENT"
        case .mixedContent: return "MIXED"
        case .any: return "ANY"
        case .gap: return "GAP"
        default: return "\(element)"
        }
    }
}
