/// What a reviewer needs when an attribution looks wrong: for the sentence at an offset, every
/// rule tried in order, whether its pattern matched, and what the pipeline finally reported.
public struct RuleExplanation: Sendable {
    public struct Trial: Sendable, Hashable {
        public var rule: String
        public var pattern: String
        /// Matched on the sentence by itself, ignoring other rules.
        public var matched: Bool
        /// Whether the match became a record (an earlier rule may already have taken its words).
        public var fired: Bool
        public var speaker: String?
        public var cue: String?
        public var content: [String]
    }

    public var sentence: String
    public var sentenceRange: ScalarRange
    public var trials: [Trial]
    /// Records whose quotation overlaps the sentence.
    public var records: [ClaimRecord]
}

public enum RuleExplainerError: Error, Sendable, CustomStringConvertible {
    case offsetOutOfRange(uri: String, offset: Int, count: Int)
    case noSentence(uri: String, offset: Int)

    public var description: String {
        switch self {
        case let .offsetOutOfRange(uri, offset, count):
            return "\(uri): offset \(offset) is outside the loaded text (0..<\(count) scalars)"
        case let .noSentence(uri, offset):
            return "\(uri): offset \(offset) is not inside a sentence (boilerplate or white space)"
        }
    }
}

public struct RuleExplainer: Sendable {
    public let pipeline: Pipeline

    public init(pipeline: Pipeline) {
        self.pipeline = pipeline
    }

    public func explain(_ loaded: LoadedText, at offset: Int) throws(RuleExplainerError) -> RuleExplanation {
        guard offset >= 0, offset < loaded.count else {
            throw .offsetOutOfRange(uri: loaded.uri, offset: offset, count: loaded.count)
        }
        let analysis = DocumentAnalysis(text: loaded, rules: pipeline.rules)
        guard let sentence = analysis.sentences.first(where: { analysis.range(ofTokens: $0.tokens).contains(offset) }) else {
            throw .noSentence(uri: loaded.uri, offset: offset)
        }
        let sentenceRange = analysis.range(ofTokens: sentence.tokens)
        let records = pipeline.records(for: loaded).filter { record in
            let parts = record.quote.parts?.map(\.range) ?? [record.quote.range]
            return parts.contains { $0.overlaps(sentenceRange) } || record.cue.map { sentenceRange.contains($0.range) } == true
        }
        let matcher = pipeline.detector.matcher
        var trials: [RuleExplanation.Trial] = []
        for (index, rule) in matcher.rules.enumerated() {
            let match = matcher.firstMatch(ruleIndex: index, in: sentence.tokens, tokens: analysis.tokens)
            let text: (Range<Int>) -> String = { analysis.string(analysis.range(ofTokens: $0)) }
            trials.append(RuleExplanation.Trial(
                rule: rule.id,
                pattern: rule.patternSource,
                matched: match != nil,
                fired: records.contains { $0.rule == rule.id },
                speaker: match?.speaker.map(text),
                cue: match?.cue.map(text),
                content: match?.content.map(text) ?? []
            ))
        }
        return RuleExplanation(sentence: analysis.string(sentenceRange), sentenceRange: sentenceRange, trials: trials, records: records)
    }
}
