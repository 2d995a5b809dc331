import QuoteCheckText

/// A quotation the detector found, before attribution.
public struct DetectedQuote: Sendable, Hashable {
    public var kind: QuoteKind
    /// The quoted pieces, in order; more than one when the quote is interrupted by its attribution.
    public var parts: [ScalarRange]
    /// The speech cue when the detector found one with the content (reported speech).
    public var cue: ScalarRange?
    /// The speaker span a reported-speech pattern found with the content, if any.
    public var source: ScalarRange?
    /// The id of the rule that found it.
    public var rule: String
    public var confidence: Double

    public init(kind: QuoteKind, parts: [ScalarRange], cue: ScalarRange? = nil, source: ScalarRange? = nil, rule: String, confidence: Double) {
        self.kind = kind
        self.parts = parts
        self.cue = cue
        self.source = source
        self.rule = rule
        self.confidence = confidence
    }

    /// From the first piece's start to the last piece's end.
    public var range: ScalarRange {
        guard let first = parts.first else { return ScalarRange(start: 0, end: 0) }
        return parts.dropFirst().reduce(first) { $0.union($1) }
    }
}
