/// Precision, recall and their harmonic mean.
public struct PRF: Sendable, Codable, Hashable {
    public var precision: Double
    public var recall: Double
    public var f1: Double

    /// A ratio with a zero denominator is 1 when gold and predicted are both zero (nothing to
    /// find, nothing found) and 0 otherwise, so finding nothing never earns a perfect precision.
    public init(correct: Int, predicted: Int, gold: Int) {
        let bothEmpty = predicted == 0 && gold == 0
        precision = predicted > 0 ? Double(correct) / Double(predicted) : (bothEmpty ? 1 : 0)
        recall = gold > 0 ? Double(correct) / Double(gold) : (bothEmpty ? 1 : 0)
        f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
    }
}

/// Every figure for one category.
public struct CategoryFigures: Sendable, Codable, Hashable {
    public var category: EvaluationCategory
    /// The headline: content matched by overlap and speaker right.
    public var endToEnd: PRF
    public var contentExact: PRF
    public var contentOverlap: PRF
    /// Among matched pairs whose gold has a Source; `nil` when there is none.
    public var sourceAccuracy: Double?
    public var cueExact: PRF
    /// Among matched pairs whose gold Source has a canonical name, the share whose record names the
    /// speaker the same; `nil` when no gold has a name (PolNeAR).
    public var speakerNameAccuracy: Double?
    /// Among the same pairs, the share whose record's speaker is a proper name at all.
    public var speakersNamed: Double?
    public var counts: EvaluationCounts

    public init(category: EvaluationCategory, counts: EvaluationCounts) {
        self.category = category
        self.counts = counts
        endToEnd = PRF(correct: counts.endToEndCorrect, predicted: counts.predicted, gold: counts.gold)
        contentExact = PRF(correct: counts.exactMatched, predicted: counts.predicted, gold: counts.gold)
        contentOverlap = PRF(correct: counts.matched, predicted: counts.predicted, gold: counts.gold)
        sourceAccuracy = counts.matchedWithGoldSource > 0 ? Double(counts.sourceCorrect) / Double(counts.matchedWithGoldSource) : nil
        cueExact = PRF(correct: counts.cueMatched, predicted: counts.predictedCues, gold: counts.goldCues)
        let named = counts.matchedWithGoldName
        speakerNameAccuracy = named > 0 ? Double(counts.nameCorrect) / Double(named) : nil
        speakersNamed = named > 0 ? Double(counts.speakerNamed) / Double(named) : nil
    }
}

/// The figures of a whole evaluation run: what `quotecheck eval --json` prints.
public struct EvaluationReport: Sendable, Codable, Hashable {
    public var corpus: String
    public var documents: Int
    /// E lines skipped because they name a missing T line.
    public var danglingEvents: Int
    /// E lines skipped because they have no Content.
    public var eventsWithoutContent: Int
    /// ALL, DIRECT, INDIRECT, in that order.
    public var categories: [CategoryFigures]

    public init(corpus: String, counts: [EvaluationCategory: EvaluationCounts], danglingEvents: Int, eventsWithoutContent: Int) {
        self.corpus = corpus
        self.documents = counts[.all]?.documents ?? 0
        self.danglingEvents = danglingEvents
        self.eventsWithoutContent = eventsWithoutContent
        self.categories = EvaluationCategory.allCases.map { CategoryFigures(category: $0, counts: counts[$0] ?? EvaluationCounts()) }
    }

    public subscript(category: EvaluationCategory) -> CategoryFigures {
        categories.first { $0.category == category } ?? CategoryFigures(category: category, counts: EvaluationCounts())
    }
}
