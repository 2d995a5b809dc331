import Foundation

/// Where a transcript speaker's turn begins, from a label such as `PUTIN:`.
public struct SpeakerTurn: Sendable, Hashable {
    /// Scalar offset (local to the document) where the turn's text begins, after the label.
    public var start: Int
    public var name: String
    public var anonymous: Bool
}

/// One piece of reference material, tokenized: a loaded text or HTML document, or the quote of a
/// record from an earlier run.
public struct ReferenceDocument: Sendable {
    public var uri: String
    public var sha256: String
    /// The text the tokens point into.
    public var scalars: [Unicode.Scalar]
    public var tokens: [WordToken]
    /// Speaker turns in text order (from labels), empty when the text has none.
    public var turns: [SpeakerTurn]
    /// The speaker of the whole text, for a record's quote.
    public var recordSpeaker: String?
    /// Added to local offsets: a record's quote starts at its `quote.start` in its document.
    public var baseOffset: Int
    private var offsetMap: OffsetMap?
    /// For a record: the quote's bytes, and whether local byte offsets can be counted as UTF-8.
    private var recordBytes: ByteRange?
    private var recordIsPlainText: Bool

    /// A loaded document; speaker labels at line starts open turns and are left out of the words.
    public init(loaded: LoadedText, labels: SpeakerLabeler) {
        uri = loaded.uri
        sha256 = Hashing.sha256Hex(loaded.rawBytes)
        scalars = loaded.scalars
        let found = labels.labels(in: loaded.scalars)
        turns = found.map { SpeakerTurn(start: $0.range.end, name: $0.name, anonymous: $0.anonymous) }
        let labelRanges = found.map(\.range)
        var labelIndex = 0
        tokens = WordTokenizer.tokenize(loaded.scalars, markEllipses: false).filter { token in
            while labelIndex < labelRanges.count, labelRanges[labelIndex].end <= Int(token.start) { labelIndex += 1 }
            return !(labelIndex < labelRanges.count && labelRanges[labelIndex].contains(Int(token.start)))
        }
        recordSpeaker = nil
        baseOffset = 0
        offsetMap = loaded.offsetMap
        recordBytes = nil
        recordIsPlainText = false
    }

    /// The quote of a record from an earlier run, attributed to the record's speaker.
    public init(record: ClaimRecord) {
        uri = record.document.uri
        sha256 = record.document.sha256
        scalars = Array(record.quote.text.unicodeScalars)
        tokens = WordTokenizer.tokenize(scalars, markEllipses: false)
        turns = []
        recordSpeaker = record.speaker.flatMap { $0.anonymous ? nil : $0.name }
        baseOffset = record.quote.start
        offsetMap = nil
        recordBytes = record.quote.sourceBytes
        recordIsPlainText = record.document.media == MediaType.plainText.rawValue
    }

    /// The speaker of the turn a local offset falls in, or the record's speaker.
    public func speaker(at offset: Int) -> (name: String, anonymous: Bool)? {
        if let recordSpeaker { return (recordSpeaker, false) }
        var low = 0
        var high = turns.count
        while low < high {
            let middle = (low + high) / 2
            if turns[middle].start <= offset { low = middle + 1 } else { high = middle }
        }
        guard low > 0 else { return nil }
        return (turns[low - 1].name, turns[low - 1].anonymous)
    }

    /// The reference span for local scalar offsets.
    public func span(_ local: ScalarRange) -> ReferenceSpan {
        ReferenceSpan(
            uri: uri, sha256: sha256, start: baseOffset + local.start, end: baseOffset + local.end,
            sourceBytes: bytes(local), text: String(scalars: scalars[local.range]))
    }

    private func bytes(_ local: ScalarRange) -> ByteRange {
        if let offsetMap { return offsetMap.bytes(of: local) }
        guard let recordBytes else { return ByteRange(start: 0, end: 0) }
        // Inside a record's quote from a plain UTF-8 file the bytes can be counted; from HTML they
        // cannot (entities, markup), so the whole quote's bytes stand for any part of it.
        guard recordIsPlainText else { return recordBytes }
        let before = scalars[0..<local.start].reduce(0) { $0 + UTF8.width($1) }
        let inside = scalars[local.range].reduce(0) { $0 + UTF8.width($1) }
        return ByteRange(start: recordBytes.start + before, end: recordBytes.start + before + inside)
    }
}

/// Finds transcript speaker labels with the `speaker-labels` rules.
///
/// Uses the standard library's `Regex`: Foundation's `NSRegularExpression` on Linux corrupted
/// memory here when a labeler ran over hundreds of documents in one process.
public struct SpeakerLabeler: @unchecked Sendable {
    // A compiled Regex is immutable; matching never mutates it.
    private let expressions: [(rule: SpeakerLabelRule, expression: Regex<AnyRegexOutput>)]

    public struct Label: Sendable, Hashable {
        /// The label itself, `PUTIN: ` included its trailing space.
        public var range: ScalarRange
        public var name: String
        public var anonymous: Bool
        public var rule: String
    }

    public init(rules: SpeakerLabelRules) {
        expressions = rules.labels.compactMap { rule in
            (try? Regex(rule.pattern)).map { (rule, $0) }
        }
    }

    /// The label at the start of one line, if any.
    public func label(inLine line: String) -> (name: String, length: Int, rule: SpeakerLabelRule)? {
        for (rule, expression) in expressions {
            guard let match = try? expression.prefixMatch(in: line), let name = match.output["name"]?.substring else { continue }
            return (String(name), line[match.range].unicodeScalars.count, rule)
        }
        return nil
    }

    /// Every label at a line start in a text.
    public func labels(in scalars: [Unicode.Scalar]) -> [Label] {
        guard !expressions.isEmpty else { return [] }
        var found: [Label] = []
        var lineStart = 0
        while lineStart < scalars.count {
            var lineEnd = lineStart
            while lineEnd < scalars.count, scalars[lineEnd] != "\n" { lineEnd += 1 }
            // Labels are short; looking at the first 120 scalars keeps long paragraphs cheap.
            let probeEnd = min(lineEnd, lineStart + 120)
            if probeEnd > lineStart {
                if let label = label(inLine: String(scalars: scalars[lineStart..<probeEnd])) {
                    let name = label.name.trimmingCharacters(in: .whitespaces)
                    found.append(Label(range: ScalarRange(start: lineStart, end: lineStart + label.length), name: name, anonymous: label.rule.anonymous, rule: label.rule.id))
                }
            }
            lineStart = lineEnd + 1
        }
        return found
    }
}
