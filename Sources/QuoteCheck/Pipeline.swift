@_exported import QuoteAttribution
@_exported import QuoteCheckText
@_exported import QuoteDetector
@_exported import QuoteLoader
@_exported import QuoteRecords
@_exported import QuoteRules

/// Chains the stages: load → detect → attribute → records.
///
/// A pipeline reads each document with exactly one language's pack. With ``language`` set every
/// document is read with that pack; otherwise each document's language is detected and the
/// pack of that language reads it (``rules`` when it cannot be told), and a document in a
/// language without a pack is skipped.
public struct Pipeline: Sendable {
    /// The stages, shared by every copy: a pipeline is handed to each document (and returned by
    /// ``reading(_:)``), and a copy of the stages themselves retained and released every list and
    /// table of the rules, about 3 % of `extract` over short documents.
    private final class Stages: Sendable {
        let rules: RuleSet
        let loader: DocumentLoader
        let detector: QuoteDetector
        let attribution: AttributionEngine
        let language: String?
        let otherPacks: [String: Pipeline]

        init(rules: RuleSet, loader: DocumentLoader, detector: QuoteDetector, attribution: AttributionEngine, language: String?, otherPacks: [String: Pipeline]) {
            self.rules = rules
            self.loader = loader
            self.detector = detector
            self.attribution = attribution
            self.language = language
            self.otherPacks = otherPacks
        }
    }

    private let stages: Stages

    /// The pack documents are loaded with, and read with when their language is forced or cannot
    /// be told.
    public var rules: RuleSet { stages.rules }
    public var loader: DocumentLoader { stages.loader }
    public var detector: QuoteDetector { stages.detector }
    public var attribution: AttributionEngine { stages.attribution }
    /// The language every document is taken to be in (`--language`), or `nil` to detect it.
    public var language: String? { stages.language }
    /// The pipelines of the other packs a detected document may be read with, by language.
    private var otherPacks: [String: Pipeline] { stages.otherPacks }

    /// A pipeline reading with `rules` and, for documents detected to be in their language (only
    /// when `language` is nil), with `otherPacks`.
    public init(
        rules: RuleSet, format: InputFormat = .auto, maxBytes: Int = DocumentLoader.defaultMaxBytes, language: String? = nil,
        otherPacks: [RuleSet] = []
    ) {
        var others: [String: Pipeline] = [:]
        if language == nil {
            for pack in otherPacks where pack.language != rules.language {
                others[pack.language] = Pipeline(rules: pack, format: format, maxBytes: maxBytes, language: pack.language)
            }
        }
        self.stages = Stages(
            rules: rules, loader: DocumentLoader(rules: rules, format: format, maxBytes: maxBytes), detector: QuoteDetector(rules: rules),
            attribution: AttributionEngine(rules: rules), language: language, otherPacks: others
        )
    }

    /// A pipeline over packs: with `language`, the pack of that language alone; without, all of
    /// them, documents loaded with the default language's pack (or the first).
    /// - Throws: ``RuleError`` when `packs` is empty or has no pack for `language`.
    public init(packs: [RuleSet], format: InputFormat = .auto, maxBytes: Int = DocumentLoader.defaultMaxBytes, language: String? = nil) throws(RuleError) {
        let wanted = language ?? RuleSet.defaultLanguage
        guard let primary = packs.first(where: { $0.language == wanted }) ?? (language == nil ? packs.first : nil) else {
            let known = packs.map(\.language).joined(separator: ", ")
            throw RuleError(file: "<rules>/\(wanted)", line: 1, column: 1, message: "no rule pack for language '\(wanted)' (packs: \(known))")
        }
        self.init(rules: primary, format: format, maxBytes: maxBytes, language: language, otherPacks: packs)
    }

    /// The same packs and language, loading inputs as `format`.
    public func with(format: InputFormat) -> Pipeline {
        Pipeline(rules: rules, format: format, maxBytes: loader.maxBytes, language: language, otherPacks: otherPacks.values.map(\.rules))
    }

    /// The languages this pipeline has a pack for, sorted.
    public var rulePacks: [String] {
        ([rules.language] + otherPacks.keys).sorted()
    }

    /// How a loaded document is to be read.
    public enum Reading: Sendable {
        /// Read with `pipeline`'s pack; `loaded` carries that pack's boilerplate regions.
        case read(Pipeline, LoadedText)
        /// Its language has no pack.
        case skip(DetectedLanguage)
    }

    /// Chooses the pack for a document loaded with ``loader``.
    public func reading(_ loaded: LoadedText) -> Reading {
        // Read from the stages in place: a getter hands out a copy.
        guard stages.language == nil, let detected = stages.rules.languages.identify(loaded.scalars), detected.code != stages.rules.language else {
            return .read(self, loaded)
        }
        guard let other = otherPacks[detected.code] else { return .skip(detected) }
        // The text itself is the same for every pack (the HTML vocabulary is shared); only the
        // boilerplate lines are a language's, so this pack's marks give way to the other's.
        var remarked = loaded
        let ours = Set(loader.boilerplate.rules.map(\.id))
        remarked.excluded.removeAll { ours.contains($0.rule) }
        remarked.excluded += other.loader.boilerplate.regions(in: loaded.scalars)
        remarked.excluded.sort { $0.range < $1.range }
        return .read(other, remarked)
    }

    /// The language of a document that has no rule pack, so that it must not be run through
    /// another language's rules; `nil` when the document is to be processed.
    public func unsupportedLanguage(of loaded: LoadedText) -> DetectedLanguage? {
        if case let .skip(language) = reading(loaded) { return language }
        return nil
    }

    /// The one line that tells a user a document was skipped for its language.
    public static func skipNotice(uri: String, language: DetectedLanguage, rulePacks: [String]) -> String {
        let force = rulePacks.contains(RuleSet.defaultLanguage) ? RuleSet.defaultLanguage : rulePacks.first ?? RuleSet.defaultLanguage
        return "\(uri): language \(language.code) (\(language.name)) has no rule pack; skipped (use --language \(force) to force)"
    }

    /// Records for an already loaded document, in text order, read with the pack of its language;
    /// none for a document in a language without a pack (``unsupportedLanguage(of:)``).
    public func records(for loaded: LoadedText) -> [ClaimRecord] {
        var skipped: [BudgetExceeded] = []
        return records(for: loaded, budgetExceeded: &skipped)
    }

    /// ``records(for:)``, with the rules that ran out of the matcher's step budget on a sentence
    /// appended to `budgetExceeded`.
    public func records(for loaded: LoadedText, budgetExceeded: inout [BudgetExceeded]) -> [ClaimRecord] {
        guard case let .read(pipeline, text) = reading(loaded) else { return [] }
        return pipeline.records(forSupported: text, budgetExceeded: &budgetExceeded)
    }

    /// Records for a document whose pack was already chosen (``reading(_:)``): read with this
    /// pipeline's own pack, whatever the language. Rules that ran out of the
    /// matcher's step budget on a sentence (and so were skipped there) are appended to
    /// `budgetExceeded`.
    public func records(forSupported loaded: LoadedText, budgetExceeded: inout [BudgetExceeded]) -> [ClaimRecord] {
        let detection = stages.detector.detect(in: loaded)
        budgetExceeded += detection.budgetExceeded
        let attributed = stages.attribution.attribute(detection)
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
