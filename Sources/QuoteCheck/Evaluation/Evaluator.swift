import Foundation

/// What an evaluation run produced: the figures and, when asked for, every finding.
public struct EvaluationResult: Sendable {
    public var report: EvaluationReport
    public var findings: [EvaluationFinding]
}

/// Runs the pipeline over a gold corpus and scores its records.
public struct Evaluator: Sendable {
    public let pipeline: Pipeline

    public init(pipeline: Pipeline) {
        self.pipeline = pipeline
    }

    /// Scores the pipeline's records.
    /// - Parameter collectFindings: also gather the findings for `--errors` (costs text excerpts).
    /// - Throws: ``EvaluationError`` for a document or annotation file that cannot be read.
    public func evaluate(_ corpus: GoldCorpus, collectFindings: Bool = false) throws(EvaluationError) -> EvaluationResult {
        try evaluate(corpus, collectFindings: collectFindings) { _, loaded in pipeline.records(for: loaded) }
    }

    /// Scores records from elsewhere: another extractor, or the gold itself turned into records.
    public func evaluate(
        _ corpus: GoldCorpus, collectFindings: Bool = false,
        predictions: (GoldDocument, LoadedText) throws(EvaluationError) -> [ClaimRecord]
    ) throws(EvaluationError) -> EvaluationResult {
        var counts: [EvaluationCategory: EvaluationCounts] = [:]
        var findings: [EvaluationFinding] = []
        var dangling = 0
        var withoutContent = 0
        let naming = SpeakerNaming(lexicon: pipeline.rules.lexicon)
        for document in corpus.documents {
            let loaded: LoadedText
            do {
                loaded = try pipeline.loader.load(path: document.textPath)
            } catch {
                throw .document(error)
            }
            let annotations = try GoldCorpus.annotations(of: document, textLength: loaded.count)
            dangling += annotations.danglingEvents
            withoutContent += annotations.eventsWithoutContent
            let gold = annotations.attributions.map { ScoredAttribution(gold: $0, text: loaded.scalars) }
            let predicted = try predictions(document, loaded).map { ScoredAttribution(record: $0, text: loaded.scalars, naming: naming) }
            let scorer = Scorer(text: loaded.scalars)
            for category in EvaluationCategory.allCases {
                let outcome = scorer.score(gold: gold, predicted: predicted, category: category)
                counts[category, default: EvaluationCounts()] += outcome.counts
                if collectFindings, category == .all {
                    let writer = FindingWriter(document: document.name, text: loaded.scalars, gold: gold, predicted: predicted)
                    findings.append(contentsOf: writer.findings(for: outcome))
                }
            }
        }
        let report = EvaluationReport(corpus: corpus.directory, counts: counts, danglingEvents: dangling, eventsWithoutContent: withoutContent)
        return EvaluationResult(report: report, findings: findings)
    }
}
