/// An attribution reduced to what scoring compares, from the gold or from a claim record.
public struct ScoredAttribution: Sendable, Hashable {
    /// The content pieces, in text order.
    public var content: [ScalarRange]
    /// Who said it: the gold Source, or the record's `speaker.mention`. Empty when there is none.
    public var source: [ScalarRange]
    /// The speech cue; empty when there is none.
    public var cue: [ScalarRange]
    /// Whether it counts as DIRECT speech (see ``EvaluationCategory``).
    public var isDirect: Bool
    /// The record's `rule`; `gold` for gold attributions.
    public var rule: String

    public init(content: [ScalarRange], source: [ScalarRange] = [], cue: [ScalarRange] = [], isDirect: Bool, rule: String = "gold") {
        self.content = content.sorted()
        self.source = source.sorted()
        self.cue = cue.sorted()
        self.isDirect = isDirect
        self.rule = rule
    }

    /// A gold attribution: DIRECT when its content contains a double quotation mark.
    public init(gold: BratAttribution, text: [Unicode.Scalar]) {
        self.init(
            content: gold.content, source: gold.source, cue: gold.cue,
            isDirect: Self.containsDoubleMark(gold.content, in: text)
        )
    }

    /// A prediction: DIRECT when the record says `direct` or `mixed`, or when its text contains a
    /// double quotation mark, so that a quote the detector mislabels is still compared with the
    /// gold quotes it resembles.
    public init(record: ClaimRecord, text: [Unicode.Scalar]) {
        let content = record.quote.parts?.map(\.range) ?? [record.quote.range]
        self.init(
            content: content,
            source: record.speaker?.mention.map { [$0.range] } ?? [],
            cue: record.cue.map { [$0.range] } ?? [],
            isDirect: record.kind != .indirect || Self.containsDoubleMark(content, in: text),
            rule: record.rule
        )
    }

    /// " “ ” „ « »: the marks of direct speech. Single marks are left out: they are also apostrophes.
    public static func isDoubleMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\"", "\u{201C}", "\u{201D}", "\u{201E}", "\u{AB}", "\u{BB}": return true
        default: return false
        }
    }

    static func containsDoubleMark(_ ranges: [ScalarRange], in text: [Unicode.Scalar]) -> Bool {
        ranges.contains { range in
            text[clamped(range, to: text.count)].contains(where: isDoubleMark)
        }
    }

    static func clamped(_ range: ScalarRange, to count: Int) -> Range<Int> {
        let lower = min(max(range.start, 0), count)
        return lower..<min(max(range.end, lower), count)
    }
}
