/// One mistake worth a rule author's attention, with the text around it.
public struct EvaluationFinding: Sendable, Codable, Hashable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case falsePositive = "false positive"
        case wrongSpeaker = "wrong speaker"
        /// The speaker mention is right but the record's `speaker.name` is not the gold's canonical name.
        case wrongName = "wrong name"
        case falseNegative = "false negative"
    }

    /// Spans of the document with their text (pieces joined by " … ").
    public struct Excerpt: Sendable, Codable, Hashable {
        public var spans: [ScalarRange]
        public var text: String
    }

    public struct Gold: Sendable, Codable, Hashable {
        public var content: Excerpt
        public var source: Excerpt?
        public var cue: Excerpt?
        /// The speaker's canonical name, when the annotation gives one.
        public var name: String? = nil
    }

    /// The rule named for a false negative: no record means no rule fired.
    public static let noRecord = "(no record)"

    public var kind: Kind
    /// DIRECT or INDIRECT: the record's category for a false positive, the gold's otherwise.
    public var category: EvaluationCategory
    public var document: String
    /// The record's `rule`, or ``noRecord``.
    public var rule: String
    /// The sentence around the content (at most 120 characters either side), the content in ⟦ ⟧.
    public var context: String
    public var predicted: Excerpt?
    public var predictedSpeaker: Excerpt?
    /// For a false negative the missed attribution; otherwise the gold contents the record overlaps.
    public var gold: [Gold]
    /// The record's `speaker.name`.
    public var predictedName: String? = nil
}

/// Turns a document's outcome into findings, reading the text around each.
struct FindingWriter {
    static let reach = 120

    let document: String
    let text: [Unicode.Scalar]
    let gold: [ScoredAttribution]
    let predicted: [ScoredAttribution]

    func findings(for outcome: DocumentOutcome) -> [EvaluationFinding] {
        var findings: [EvaluationFinding] = []
        for index in outcome.unmatchedPredicted {
            let overlapping = gold.filter { goldItem in
                goldItem.content.contains { piece in predicted[index].content.contains(where: piece.overlaps) }
            }
            findings.append(finding(.falsePositive, prediction: predicted[index], gold: overlapping))
        }
        for pair in outcome.pairs where !pair.speakerAgrees {
            findings.append(finding(.wrongSpeaker, prediction: predicted[pair.predicted], gold: [gold[pair.gold]]))
        }
        // A wrong speaker is already reported; only a right mention resolved to the wrong name is added.
        for pair in outcome.pairs where pair.speakerAgrees && pair.nameAgrees == false {
            findings.append(finding(.wrongName, prediction: predicted[pair.predicted], gold: [gold[pair.gold]]))
        }
        for index in outcome.unmatchedGold {
            findings.append(finding(.falseNegative, prediction: nil, gold: [gold[index]]))
        }
        return findings
    }

    func finding(_ kind: EvaluationFinding.Kind, prediction: ScoredAttribution?, gold: [ScoredAttribution]) -> EvaluationFinding {
        let focus = prediction?.content ?? gold.first?.content ?? []
        let isDirect = kind == .falsePositive ? prediction?.isDirect : gold.first?.isDirect
        return EvaluationFinding(
            kind: kind,
            category: isDirect == true ? .direct : .indirect,
            document: document,
            rule: prediction?.rule ?? EvaluationFinding.noRecord,
            context: context(marking: focus),
            predicted: prediction.map { excerpt($0.content) },
            predictedSpeaker: prediction.flatMap { $0.source.isEmpty ? nil : excerpt($0.source) },
            gold: gold.map { item in
                EvaluationFinding.Gold(
                    content: excerpt(item.content),
                    source: item.source.isEmpty ? nil : excerpt(item.source),
                    cue: item.cue.isEmpty ? nil : excerpt(item.cue),
                    name: item.speakerName
                )
            },
            predictedName: prediction?.speakerName
        )
    }

    func excerpt(_ spans: [ScalarRange]) -> EvaluationFinding.Excerpt {
        EvaluationFinding.Excerpt(spans: spans, text: spans.map(string).joined(separator: " … "))
    }

    func string(_ range: ScalarRange) -> String {
        return String(scalars: text[ScoredAttribution.clamped(range, to: text.count)])
    }

    /// The sentence around `pieces`, each piece in ⟦ ⟧, newlines shown as spaces.
    func context(marking pieces: [ScalarRange]) -> String {
        guard let first = pieces.first, let last = pieces.last else { return "" }
        let window = Self.sentence(around: ScalarRange(start: first.start, end: last.end), in: text, reach: Self.reach)
        var view = String.UnicodeScalarView()
        var position = window.start
        for piece in pieces {
            let bounds = ScoredAttribution.clamped(piece, to: text.count)
            guard bounds.lowerBound >= position else { continue }
            view.append(contentsOf: text[position..<bounds.lowerBound])
            view.append("⟦")
            view.append(contentsOf: text[bounds])
            view.append("⟧")
            position = bounds.upperBound
        }
        view.append(contentsOf: text[position..<max(position, window.end)])
        return String(String(view).map { $0.isNewline ? " " : $0 })
    }

    /// From the start of the sentence holding `range.start` to the end of the one holding
    /// `range.end`, but never more than `reach` scalars beyond the range on either side.
    static func sentence(around range: ScalarRange, in text: [Unicode.Scalar], reach: Int) -> ScalarRange {
        let bounds = ScoredAttribution.clamped(range, to: text.count)
        let lowest = max(0, bounds.lowerBound - reach)
        var start = bounds.lowerBound
        while start > lowest {
            let previous = text[start - 1]
            if previous.isNewline { break }
            if previous.isSpaceLike, start >= 2, isSentenceEnd(text[start - 2]) { break }
            start -= 1
        }
        let highest = min(text.count, bounds.upperBound + reach)
        var end = bounds.upperBound
        while end < highest {
            let current = text[end]
            if current.isNewline { break }
            end += 1
            if isSentenceEnd(current), end == text.count || text[end].isSpaceLike { break }
        }
        while start < end, text[start].isSpaceLike { start += 1 }
        return ScalarRange(start: start, end: end)
    }

    static func isSentenceEnd(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "." || scalar == "!" || scalar == "?"
    }
}
