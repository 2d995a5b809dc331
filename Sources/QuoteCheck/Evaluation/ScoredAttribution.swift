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
    /// The gold's annotated canonical name, or the record's `speaker.name`; `nil` when there is none.
    public var speakerName: String?
    /// For a record, whether ``speakerName`` is a proper name (``SpeakerNaming``); for gold, whether it has one.
    public var speakerIsNamed: Bool

    public init(
        content: [ScalarRange], source: [ScalarRange] = [], cue: [ScalarRange] = [], isDirect: Bool, rule: String = "gold",
        speakerName: String? = nil, speakerIsNamed: Bool = false
    ) {
        self.content = content.sorted()
        self.source = source.sorted()
        self.cue = cue.sorted()
        self.isDirect = isDirect
        self.rule = rule
        self.speakerName = speakerName
        self.speakerIsNamed = speakerIsNamed
    }

    /// A gold attribution: DIRECT when its content contains a double quotation mark.
    public init(gold: BratAttribution, text: [Unicode.Scalar]) {
        self.init(
            content: gold.content, source: gold.source, cue: gold.cue,
            isDirect: Self.containsDoubleMark(gold.content, in: text), speakerName: gold.sourceName,
            speakerIsNamed: gold.sourceName != nil
        )
    }

    /// A prediction: DIRECT by the gold's own test, a double quotation mark in the content, where
    /// the content of a `direct` record is read with the marks around its pieces (records leave
    /// them out; gold spans keep them). So a quote in typewriter marks (`''…''`) or single marks
    /// falls in the same category on both sides, and a record the detector labels `indirect` is
    /// still DIRECT when its words hold a quotation.
    /// - Parameter naming: decides ``speakerIsNamed``; without it no record's speaker counts as named.
    public init(record: ClaimRecord, text: [Unicode.Scalar], naming: SpeakerNaming? = nil) {
        let content = record.quote.parts?.map(\.range) ?? [record.quote.range]
        self.init(
            content: content,
            source: record.speaker?.mention.map { [$0.range] } ?? [],
            cue: record.cue.map { [$0.range] } ?? [],
            isDirect: Self.containsDoubleMark(content, in: text)
                || record.kind == .direct && content.contains { Self.isEnclosedByDoubleMark($0, in: text) },
            rule: record.rule, speakerName: record.speaker?.name, speakerIsNamed: naming?.isProperName(record.speaker) ?? false
        )
    }

    /// Whether the mark before a direct quote's piece, or the one after it (past the closing
    /// comma or full stop a record trims), is a double quotation mark.
    static func isEnclosedByDoubleMark(_ range: ScalarRange, in text: [Unicode.Scalar]) -> Bool {
        let piece = clamped(range, to: text.count)
        var before = piece.lowerBound - 1
        while before >= 0, text[before].properties.isWhitespace { before -= 1 }
        if before >= 0, isDoubleMark(text[before]) { return true }
        var after = piece.upperBound
        while after < text.count, text[after].properties.isWhitespace || ",.;:!?…".unicodeScalars.contains(text[after]) { after += 1 }
        return after < text.count && isDoubleMark(text[after])
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
