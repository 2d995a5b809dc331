import QuoteCheckText
import QuoteDetector
import QuoteRules

/// Who said a quotation, and how that was worked out.
public struct Attribution: Sendable, Hashable {
    public var speakerName: String?
    public var mention: ScalarRange?
    public var resolvedBy: String
    public var anonymous: Bool
    public var cue: ScalarRange?
    public var rule: String
    public var confidence: Double

    public init(speakerName: String?, mention: ScalarRange?, resolvedBy: String, anonymous: Bool, cue: ScalarRange?, rule: String, confidence: Double) {
        self.speakerName = speakerName
        self.mention = mention
        self.resolvedBy = resolvedBy
        self.anonymous = anonymous
        self.cue = cue
        self.rule = rule
        self.confidence = confidence
    }
}

public struct AttributedQuote: Sendable, Hashable {
    public var quote: DetectedQuote
    public var attribution: Attribution
}

/// Stage 3: attributes each detected quotation to a speaker by the rules.
public struct AttributionEngine: Sendable {
    public init(rules: RuleSet) {}

    public func attribute(_ quotes: [DetectedQuote], in text: LoadedText) -> [AttributedQuote] {
        quotes.map {
            AttributedQuote(
                quote: $0,
                attribution: Attribution(speakerName: nil, mention: nil, resolvedBy: "none", anonymous: false, cue: $0.cue, rule: $0.rule, confidence: $0.confidence)
            )
        }
    }
}
