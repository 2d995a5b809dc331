@_exported import QuoteAttribution
@_exported import QuoteCheckText
@_exported import QuoteDetector
@_exported import QuoteLoader
@_exported import QuoteRecords
@_exported import QuoteRules

/// Chains the stages: load → detect → attribute → records.
public struct Pipeline: Sendable {
    public let rules: RuleSet
    public let loader: DocumentLoader
    public let detector: QuoteDetector
    public let attribution: AttributionEngine

    public init(rules: RuleSet, format: InputFormat = .auto, maxBytes: Int = DocumentLoader.defaultMaxBytes) {
        self.rules = rules
        self.loader = DocumentLoader(rules: rules, format: format, maxBytes: maxBytes)
        self.detector = QuoteDetector(rules: rules)
        self.attribution = AttributionEngine(rules: rules)
    }

    /// Records for an already loaded document, in text order.
    public func records(for loaded: LoadedText) -> [ClaimRecord] {
        var skipped: [BudgetExceeded] = []
        return records(for: loaded, budgetExceeded: &skipped)
    }

    /// Records for an already loaded document; rules that ran out of the matcher's step budget
    /// on a sentence (and so were skipped there) are appended to `budgetExceeded`.
    public func records(for loaded: LoadedText, budgetExceeded: inout [BudgetExceeded]) -> [ClaimRecord] {
        let detection = detector.detect(in: loaded)
        budgetExceeded += detection.budgetExceeded
        let attributed = attribution.attribute(detection)
        // The factory hashes the whole document: not worth it for a document without quotations.
        guard !attributed.isEmpty else { return [] }
        let factory = RecordFactory(loaded: loaded)
        return attributed.map { item in
            let found = item.attribution
            let speaker = found.speakerName.map { name in
                Speaker(name: name, mention: found.mention.map(factory.mention), resolvedBy: found.resolvedBy, anonymous: found.anonymous)
            }
            return factory.record(
                kind: item.quote.kind, parts: item.quote.parts, speaker: speaker, cue: found.cue,
                rule: found.rule, confidence: found.confidence
            )
        }
    }

    /// Loads a file and returns its records.
    public func extract(path: String) throws(LoadError) -> [ClaimRecord] {
        records(for: try loader.load(path: path))
    }
}
