/// Which attributions a figure covers.
public enum EvaluationCategory: String, Sendable, Codable, CaseIterable {
    case all = "ALL"
    /// Gold whose content contains a double quotation mark; predictions likewise, a direct
    /// record's content read with the marks around it.
    case direct = "DIRECT"
    case indirect = "INDIRECT"

    public func includes(_ attribution: ScoredAttribution) -> Bool {
        switch self {
        case .all: return true
        case .direct: return attribution.isDirect
        case .indirect: return !attribution.isDirect
        }
    }
}

/// The counts every figure is computed from; they add up over documents.
public struct EvaluationCounts: Sendable, Codable, Hashable {
    public var documents = 0
    public var gold = 0
    public var predicted = 0
    /// Pairs whose trimmed content spans are equal.
    public var exactMatched = 0
    /// Pairs matched one-to-one by content overlap (Jaccard ≥ 0.5).
    public var matched = 0
    /// Matched pairs whose gold has a Source.
    public var matchedWithGoldSource = 0
    /// Of those, pairs whose predicted speaker mention shares a non-space character with the Source.
    public var sourceCorrect = 0
    /// Matched pairs whose speaker agrees (mention overlaps the Source, or neither has one).
    public var endToEndCorrect = 0
    public var goldCues = 0
    public var predictedCues = 0
    /// Matched pairs whose trimmed cues are equal.
    public var cueMatched = 0
    /// Matched pairs whose gold Source carries a canonical name (an `AnnotatorNotes` line).
    public var matchedWithGoldName = 0
    /// Of those, pairs whose record's `speaker.name` equals the gold name (``SpeakerNaming/normalized(_:)``).
    public var nameCorrect = 0
    /// Of those, pairs whose record's speaker is a proper name (``SpeakerNaming/isProperName(_:)``).
    public var speakerNamed = 0

    public init() {}

    public static func += (lhs: inout EvaluationCounts, rhs: EvaluationCounts) {
        lhs.documents += rhs.documents
        lhs.gold += rhs.gold
        lhs.predicted += rhs.predicted
        lhs.exactMatched += rhs.exactMatched
        lhs.matched += rhs.matched
        lhs.matchedWithGoldSource += rhs.matchedWithGoldSource
        lhs.sourceCorrect += rhs.sourceCorrect
        lhs.endToEndCorrect += rhs.endToEndCorrect
        lhs.goldCues += rhs.goldCues
        lhs.predictedCues += rhs.predictedCues
        lhs.cueMatched += rhs.cueMatched
        lhs.matchedWithGoldName += rhs.matchedWithGoldName
        lhs.nameCorrect += rhs.nameCorrect
        lhs.speakerNamed += rhs.speakerNamed
    }
}

/// How one category of one document scored, with the pairs behind the counts.
public struct DocumentOutcome: Sendable, Hashable {
    public struct Pair: Sendable, Hashable {
        public var gold: Int
        public var predicted: Int
        public var speakerAgrees: Bool
        /// Whether the record's `speaker.name` equals the gold's canonical name; `nil` when the gold has none.
        public var nameAgrees: Bool? = nil
    }

    public var counts = EvaluationCounts()
    /// Indices into the gold and predicted arrays given to the scorer.
    public var pairs: [Pair] = []
    public var unmatchedGold: [Int] = []
    public var unmatchedPredicted: [Int] = []
}

/// Scores the predictions for one document against its gold attributions.
///
/// Spans are compared after trimming whitespace and “ ” " ‘ ’ ' , . : ; — – … from both ends of
/// every piece, so quotation-mark and punctuation conventions do not count. A discontinuous
/// content is compared as the set of offsets its trimmed pieces cover: two contents are exactly
/// equal when they cover the same characters, however they are cut into pieces. Cues are compared
/// by their trimmed covering span, since a record's cue is one span.
public struct Scorer: Sendable {
    public static let minimumJaccard = 0.5

    public let text: [Unicode.Scalar]

    public init(text: [Unicode.Scalar]) {
        self.text = text
    }

    /// - Complexity: O(g·p·k) for g gold and p predicted attributions of at most k pieces each.
    public func score(gold: [ScoredAttribution], predicted: [ScoredAttribution], category: EvaluationCategory = .all) -> DocumentOutcome {
        let goldIndices = gold.indices.filter { category.includes(gold[$0]) }
        let predictedIndices = predicted.indices.filter { category.includes(predicted[$0]) }
        let goldCoverage = goldIndices.map { coverage(of: gold[$0].content) }
        let predictedCoverage = predictedIndices.map { coverage(of: predicted[$0].content) }

        var outcome = DocumentOutcome()
        outcome.counts.documents = 1
        outcome.counts.gold = goldIndices.count
        outcome.counts.predicted = predictedIndices.count
        outcome.counts.goldCues = goldIndices.count(where: { !gold[$0].cue.isEmpty })
        outcome.counts.predictedCues = predictedIndices.count(where: { !predicted[$0].cue.isEmpty })
        outcome.counts.exactMatched = exactMatches(goldCoverage, predictedCoverage)

        struct Candidate {
            var gold: Int
            var predicted: Int
            var jaccard: Double
            var speakerAgrees: Bool
            var cueAgrees: Bool

            /// Greedy by descending Jaccard; among equals, a pair whose speaker (then cue) agrees goes
            /// first, so two gold attributions of the same words pair with the right predictions.
            var rank: (Double, Int, Int, Int, Int) {
                (jaccard, speakerAgrees ? 1 : 0, cueAgrees ? 1 : 0, -gold, -predicted)
            }
        }
        var candidates: [Candidate] = []
        for (g, goldCover) in goldCoverage.enumerated() {
            for (p, predictedCover) in predictedCoverage.enumerated() {
                let jaccard = Self.jaccard(goldCover, predictedCover)
                guard jaccard >= Self.minimumJaccard else { continue }
                let goldItem = gold[goldIndices[g]]
                let predictedItem = predicted[predictedIndices[p]]
                candidates.append(
                    Candidate(
                        gold: g, predicted: p, jaccard: jaccard, speakerAgrees: speakerAgrees(gold: goldItem, predicted: predictedItem),
                        cueAgrees: cueAgrees(gold: goldItem, predicted: predictedItem)
                    )
                )
            }
        }
        candidates.sort { $0.rank > $1.rank }
        var goldTaken = [Bool](repeating: false, count: goldIndices.count)
        var predictedTaken = [Bool](repeating: false, count: predictedIndices.count)
        for candidate in candidates where !goldTaken[candidate.gold] && !predictedTaken[candidate.predicted] {
            goldTaken[candidate.gold] = true
            predictedTaken[candidate.predicted] = true
            let goldItem = gold[goldIndices[candidate.gold]]
            let predictedItem = predicted[predictedIndices[candidate.predicted]]
            let nameAgrees = goldItem.speakerName.map { goldName in
                predictedItem.speakerName.map { SpeakerNaming.normalized($0) == SpeakerNaming.normalized(goldName) } ?? false
            }
            outcome.pairs.append(
                DocumentOutcome.Pair(
                    gold: goldIndices[candidate.gold], predicted: predictedIndices[candidate.predicted], speakerAgrees: candidate.speakerAgrees,
                    nameAgrees: nameAgrees
                )
            )
            outcome.counts.matched += 1
            if candidate.speakerAgrees { outcome.counts.endToEndCorrect += 1 }
            if !goldItem.source.isEmpty {
                outcome.counts.matchedWithGoldSource += 1
                if sharesNonSpace(goldItem.source, predictedItem.source) { outcome.counts.sourceCorrect += 1 }
            }
            if candidate.cueAgrees { outcome.counts.cueMatched += 1 }
            if let nameAgrees {
                outcome.counts.matchedWithGoldName += 1
                if nameAgrees { outcome.counts.nameCorrect += 1 }
                if predictedItem.speakerIsNamed { outcome.counts.speakerNamed += 1 }
            }
        }
        outcome.pairs.sort { ($0.gold, $0.predicted) < ($1.gold, $1.predicted) }
        outcome.unmatchedGold = goldIndices.indices.filter { !goldTaken[$0] }.map { goldIndices[$0] }
        outcome.unmatchedPredicted = predictedIndices.indices.filter { !predictedTaken[$0] }.map { predictedIndices[$0] }
        return outcome
    }

    /// One-to-one pairs of equal coverage; a duplicate prediction finds its gold taken.
    func exactMatches(_ gold: [[ScalarRange]], _ predicted: [[ScalarRange]]) -> Int {
        var available: [[ScalarRange]: Int] = [:]
        for cover in gold where !cover.isEmpty { available[cover, default: 0] += 1 }
        var matches = 0
        for cover in predicted {
            guard let left = available[cover], left > 0 else { continue }
            available[cover] = left - 1
            matches += 1
        }
        return matches
    }

    /// The speaker is right when the mention shares a non-space character with the Source, or
    /// when neither has one.
    func speakerAgrees(gold: ScoredAttribution, predicted: ScoredAttribution) -> Bool {
        if gold.source.isEmpty && predicted.source.isEmpty { return true }
        return sharesNonSpace(gold.source, predicted.source)
    }

    /// Both have a cue and their trimmed covering spans are equal.
    func cueAgrees(gold: ScoredAttribution, predicted: ScoredAttribution) -> Bool {
        guard let goldCue = trimmedCover(gold.cue) else { return false }
        return goldCue == trimmedCover(predicted.cue)
    }

    func sharesNonSpace(_ lhs: [ScalarRange], _ rhs: [ScalarRange]) -> Bool {
        for left in lhs {
            for right in rhs where left.overlaps(right) {
                let shared = ScalarRange(start: max(left.start, right.start), end: min(left.end, right.end))
                if text[ScoredAttribution.clamped(shared, to: text.count)].contains(where: { !$0.isSpaceLike }) { return true }
            }
        }
        return false
    }

    /// A range without the trimmed characters at either end; empty when nothing else is in it.
    public func trimmed(_ range: ScalarRange) -> ScalarRange {
        let bounds = ScoredAttribution.clamped(range, to: text.count)
        var start = bounds.lowerBound
        var end = bounds.upperBound
        while start < end, Self.isTrimmed(text[start]) { start += 1 }
        while end > start, Self.isTrimmed(text[end - 1]) { end -= 1 }
        return ScalarRange(start: start, end: end)
    }

    /// The offsets the trimmed pieces cover, as sorted ranges. Pieces that overlap, or that only
    /// trimmed characters separate, are merged: cutting `“We| are trying”` in two changes nothing.
    public func coverage(of pieces: [ScalarRange]) -> [ScalarRange] {
        var result: [ScalarRange] = []
        for piece in pieces.map(trimmed).filter({ !$0.isEmpty }).sorted() {
            if let last = result.last, piece.start <= last.end || text[last.end..<piece.start].allSatisfy(Self.isTrimmed) {
                result[result.count - 1] = last.union(piece)
            } else {
                result.append(piece)
            }
        }
        return result
    }

    /// The trimmed covering span; a cue made only of trimmed characters (a colon, a dash) stays whole.
    func trimmedCover(_ pieces: [ScalarRange]) -> ScalarRange? {
        guard let first = pieces.first else { return nil }
        let whole = pieces.dropFirst().reduce(first) { $0.union($1) }
        let cover = trimmed(whole)
        return cover.isEmpty ? whole : cover
    }

    /// |A ∩ B| / |A ∪ B| over covered offsets; 0 when either is empty.
    public static func jaccard(_ lhs: [ScalarRange], _ rhs: [ScalarRange]) -> Double {
        let left = lhs.reduce(0) { $0 + $1.count }
        let right = rhs.reduce(0) { $0 + $1.count }
        guard left > 0, right > 0 else { return 0 }
        var shared = 0
        var i = 0
        var j = 0
        while i < lhs.count && j < rhs.count {
            shared += max(0, min(lhs[i].end, rhs[j].end) - max(lhs[i].start, rhs[j].start))
            if lhs[i].end < rhs[j].end { i += 1 } else { j += 1 }
        }
        return Double(shared) / Double(left + right - shared)
    }

    static func isTrimmed(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isSpaceLike { return true }
        switch scalar {
        case "\u{201C}", "\u{201D}", "\"", "\u{2018}", "\u{2019}", "'", ",", ".", ":", ";", "\u{2014}", "\u{2013}", "\u{2026}": return true
        default: return false
        }
    }
}
