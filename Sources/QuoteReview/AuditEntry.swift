import QuoteCheck

/// Something a reviewer should look at twice.
public enum AuditFlag: String, Codable, Sendable, CaseIterable {
    /// No speaker was found.
    case unattributed
    /// The speaker is an anonymous source ("a source", "officials said").
    case anonymous
    /// Confidence below ``AuditEntry/lowConfidenceBelow``.
    case lowConfidence = "low-confidence"
    /// Another person is close behind: see ``AuditEntry/isAmbiguous(_:in:)``.
    case ambiguous
}

/// One quote as the audit shows it: position, words, speaker and how it was found, flags and
/// the `verify` and `check` verdicts.
public struct AuditEntry: Codable, Sendable, Hashable {
    /// Below this confidence a quote is flagged `low-confidence`: under it the rules that
    /// produced the attribution are the weak fallbacks (a lone person in the paragraph, a
    /// sentence-initial colon).
    public static let lowConfidenceBelow = 0.6
    /// How far (in scalars) before a quote another person's mention makes an indirect
    /// resolution ambiguous: about two sentences.
    public static let ambiguityWindow = 300
    /// Resolutions that pick a speaker from context rather than from a mention next to the cue.
    public static let contextualResolutions: Set<String> = ["pronoun", "continuation", "relative", "salience", "paragraph-person", "colon-introduction"]

    public struct SpeakerView: Codable, Sendable, Hashable {
        public var name: String
        public var mention: String?
        public var resolvedBy: String
        public var anonymous: Bool
        public var title: String?
        public var chain: [String]

        /// "he → Mr. Putin → Vladimir Putin, Russian President (pronoun)".
        public var resolution: String {
            var steps: [String] = []
            if let mention { steps.append(mention) }
            for link in chain where steps.last != link { steps.append(link) }
            var named = name
            if let title, !title.isEmpty { named += ", \(title)" }
            if steps.last != name { steps.append(named) } else { steps[steps.count - 1] = named }
            return steps.joined(separator: " → ") + " (\(resolvedBy))"
        }
    }

    public struct CheckView: Codable, Sendable, Hashable {
        public var status: String
        public var similarity: Double
        public var reference: String?
        public var referenceText: String?
        public var speaker: String
        public var critical: [String]
        /// The changes, one line each: `replaced "said" → "told"`.
        public var changes: [String]
    }

    public var uri: String
    public var id: String
    /// 1-based line and column (in Unicode scalars) of the quote's start in the loaded text.
    public var line: Int
    public var column: Int
    public var kind: String
    /// The quoted words, piece by piece (never the narration between pieces).
    public var pieces: [String]
    public var speaker: SpeakerView?
    public var cue: String?
    public var confidence: Double
    public var rule: String
    public var flags: [AuditFlag]
    public var verify: String?
    public var check: CheckView?

    /// The pieces joined by an ellipsis, as a reader would quote them.
    public var words: String { pieces.joined(separator: " … ") }

    public init(record: ClaimRecord, in document: ReviewDocument, lines: LineIndex) {
        let position = lines.position(of: record.quote.parts?.first?.start ?? record.quote.start)
        uri = record.document.uri
        id = record.id
        line = position.line
        column = position.column
        kind = record.kind.rawValue
        pieces = record.quote.pieces
        speaker = record.speaker.map { speaker in
            let details = SpeakerDetails(speaker)
            return SpeakerView(
                name: speaker.name, mention: speaker.mention?.text, resolvedBy: speaker.resolvedBy, anonymous: speaker.anonymous,
                title: details.title, chain: details.chain.map(\.text))
        }
        cue = record.cue?.text
        confidence = record.confidence
        rule = record.rule
        var flags: [AuditFlag] = []
        if record.speaker == nil { flags.append(.unattributed) }
        if record.speaker?.anonymous == true { flags.append(.anonymous) }
        if record.confidence < Self.lowConfidenceBelow { flags.append(.lowConfidence) }
        if Self.isAmbiguous(record, in: document.records) { flags.append(.ambiguous) }
        self.flags = flags
        verify = document.verification[record.id]?.rawValue
        check = record.check.map(Self.view)
    }

    /// Whether another person is a close second candidate for the speaker.
    ///
    /// The attribution engine reports only the speaker it chose, not the runners-up, so this is
    /// derived: a speaker found from context (a pronoun, a continuation, the only person of the
    /// paragraph) is ambiguous when another person's mention, from another record of the same
    /// article, lies within ``ambiguityWindow`` scalars before the quote.
    public static func isAmbiguous(_ record: ClaimRecord, in records: [ClaimRecord]) -> Bool {
        guard let speaker = record.speaker, !speaker.anonymous, contextualResolutions.contains(speaker.resolvedBy) else { return false }
        let windowStart = record.quote.start - ambiguityWindow
        return records.contains { other in
            guard let otherSpeaker = other.speaker, !otherSpeaker.anonymous, otherSpeaker.name != speaker.name,
                let mention = otherSpeaker.mention
            else { return false }
            return mention.start >= windowStart && mention.start < record.quote.start
        }
    }

    static func view(_ check: ClaimCheck) -> CheckView {
        let changes = check.diff.filter(\.isChange).map { entry -> String in
            var line = entry.kind.rawValue
            if let text = entry.referenceText { line += " \"\(text)\"" }
            if entry.referenceText != nil, entry.quoteText != nil { line += " →" }
            if let text = entry.quoteText { line += " \"\(text)\"" }
            if !entry.critical.isEmpty { line += " (critical: \(entry.critical.joined(separator: ", ")))" }
            return line
        }
        return CheckView(
            status: check.status.rawValue, similarity: check.similarity,
            reference: check.reference.map { "\($0.uri) \($0.start)..<\($0.end)" }, referenceText: check.reference?.text,
            speaker: check.speaker.rawValue, critical: check.critical, changes: changes)
    }
}

/// Line starts of a loaded text, for `line:column` positions.
public struct LineIndex: Sendable {
    private let starts: [Int]

    public init(_ scalars: [Unicode.Scalar]) {
        var starts = [0]
        for (offset, scalar) in scalars.enumerated() where scalar == "\n" { starts.append(offset + 1) }
        self.starts = starts
    }

    /// 1-based line and column of a scalar offset.
    /// - Complexity: O(log lines).
    public func position(of offset: Int) -> (line: Int, column: Int) {
        var low = 0
        var high = starts.count
        while high - low > 1 {
            let middle = (low + high) / 2
            if starts[middle] <= offset { low = middle } else { high = middle }
        }
        return (low + 1, offset - starts[low] + 1)
    }
}
