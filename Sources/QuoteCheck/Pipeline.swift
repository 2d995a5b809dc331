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
    /// The language every document is taken to be in (`--language`), or `nil` to detect it.
    public let language: String?

    public init(rules: RuleSet, format: InputFormat = .auto, maxBytes: Int = DocumentLoader.defaultMaxBytes, language: String? = nil) {
        self.rules = rules
        self.language = language
        self.loader = DocumentLoader(rules: rules, format: format, maxBytes: maxBytes)
        self.detector = QuoteDetector(rules: rules)
        self.attribution = AttributionEngine(rules: rules)
    }

    /// The language of a document that has no rule pack, so that it must not be run through
    /// another language's rules; `nil` when the document is to be processed (its language has
    /// rules, could not be told, or was forced with ``language``).
    public func unsupportedLanguage(of loaded: LoadedText) -> DetectedLanguage? {
        guard language == nil, let detected = rules.languages.identify(loaded.scalars) else { return nil }
        return rules.rulePacks.contains(detected.code) ? nil : detected
    }

    /// The one line that tells a user a document was skipped for its language.
    public static func skipNotice(uri: String, language: DetectedLanguage, rulePacks: Set<String>) -> String {
        let force = rulePacks.sorted().first ?? "en"
        return "\(uri): language \(language.code) (\(language.name)) has no rule pack; skipped (use --language \(force) to force)"
    }

    /// Records for an already loaded document, in text order; none for a document in a language
    /// without rules (``unsupportedLanguage(of:)``).
    public func records(for loaded: LoadedText) -> [ClaimRecord] {
        var skipped: [BudgetExceeded] = []
        return records(for: loaded, budgetExceeded: &skipped)
    }

    /// ``records(for:)``, with the rules that ran out of the matcher's step budget on a sentence
    /// appended to `budgetExceeded`.
    public func records(for loaded: LoadedText, budgetExceeded: inout [BudgetExceeded]) -> [ClaimRecord] {
        guard unsupportedLanguage(of: loaded) == nil else { return [] }
        return records(forSupported: loaded, budgetExceeded: &budgetExceeded)
    }

    /// Records for a document whose language was already checked; rules that ran out of the
    /// matcher's step budget on a sentence (and so were skipped there) are appended to
    /// `budgetExceeded`.
    public func records(forSupported loaded: LoadedText, budgetExceeded: inout [BudgetExceeded]) -> [ClaimRecord] {
        let detection = detector.detect(in: loaded)
        budgetExceeded += detection.budgetExceeded
        let attributed = attribution.attribute(detection)
        // The factory hashes the whole document: not worth it for a document without quotations.
        guard !attributed.isEmpty else { return [] }
        let factory = RecordFactory(loaded: loaded)
        return attributed.map { item in
            let found = item.attribution
            let speaker = found.speakerName.map { name in
                Speaker(
                    name: name, title: found.title, mention: found.mention.map(factory.mention), resolvedBy: found.resolvedBy,
                    anonymous: found.anonymous,
                    chain: found.chain.isEmpty ? nil : found.chain.map { ChainLink(text: factory.string(in: $0), start: $0.start, end: $0.end) }
                )
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
