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

    /// A loaded document; speaker labels at line starts open turns and are left out of the words,
    /// as are timestamps, bracketed notes (`[applause]`) and, in subtitles, cue numbers, timings and tags.
    public init(loaded: LoadedText, labels: SpeakerLabeler) {
        uri = loaded.uri
        sha256 = Hashing.sha256Hex(loaded.rawBytes)
        scalars = loaded.scalars
        let subtitles = TranscriptNoise.isSubtitles(uri: loaded.uri)
        let found = labels.labels(in: loaded.scalars)
        let voices = subtitles ? TranscriptNoise.voices(in: loaded.scalars) : []
        turns = (found.map { SpeakerTurn(start: $0.range.end, name: $0.name, anonymous: $0.anonymous) } + voices).sorted { $0.start < $1.start }
        let skipped = (found.map(\.range) + TranscriptNoise.ranges(in: loaded.scalars, subtitles: subtitles)).sorted { $0.start < $1.start }
        var skipIndex = 0
        var reach = 0
        tokens = WordTokenizer.tokenize(loaded.scalars, markEllipses: false).filter { token in
            // Bracketed words are the transcriber's notes, not the speaker's.
            if token.isEditorial { return false }
            let start = Int(token.start)
            while skipIndex < skipped.count, skipped[skipIndex].start <= start {
                reach = max(reach, skipped[skipIndex].end)
                skipIndex += 1
            }
            return start >= reach
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
            // A label may stand after a timestamp or a `>>` turn mark: `[00:12:31] PUTIN: …`.
            let probeStart = TranscriptNoise.linePrefixEnd(scalars, from: lineStart, to: lineEnd)
            // Labels are short; looking at the first 120 scalars keeps long paragraphs cheap. The
            // line break is looked at too: a label may stand alone on its line (`Hillary Clinton (00:15:10):`).
            let probeEnd = min(lineEnd < scalars.count ? lineEnd + 1 : lineEnd, probeStart + 120)
            if probeEnd > probeStart {
                if let label = label(inLine: String(scalars: scalars[probeStart..<probeEnd])) {
                    let name = label.name.trimmingCharacters(in: .whitespaces)
                    found.append(Label(range: ScalarRange(start: probeStart, end: probeStart + label.length), name: name, anonymous: label.rule.anonymous, rule: label.rule.id))
                }
            }
            lineStart = lineEnd + 1
        }
        return found
    }
}

/// What transcripts and subtitles hold besides the speakers' words: timestamps (`[00:12:31]`,
/// `(12:31)`, `00:12:31` at a line start), and in `.srt`/`.vtt` files cue numbers, cue timings,
/// the `WEBVTT` header, `NOTE` blocks and tags (`<v Name>` names the speaker).
enum TranscriptNoise {
    static let subtitleExtensions: Set<String> = ["srt", "vtt"]

    static func isSubtitles(uri: String) -> Bool {
        let name = uri.lowercased()
        return subtitleExtensions.contains { name.hasSuffix("." + $0) }
    }

    /// The end of a timestamp `H:MM`, `HH:MM:SS`, `HH:MM:SS,mmm` starting at `index`, or nil.
    static func timestampEnd(_ scalars: [Unicode.Scalar], at index: Int) -> Int? {
        func digits(_ from: Int) -> Int {
            var cursor = from
            while cursor < scalars.count, ("0"..."9").contains(scalars[cursor]) { cursor += 1 }
            return cursor - from
        }
        let first = digits(index)
        guard (1...2).contains(first) else { return nil }
        var cursor = index + first
        var groups = 0
        while cursor + 2 < scalars.count, scalars[cursor] == ":", digits(cursor + 1) == 2 {
            cursor += 3
            groups += 1
        }
        guard groups >= 1 else { return nil }
        if cursor < scalars.count, scalars[cursor] == "." || scalars[cursor] == ",", cursor + 1 < scalars.count {
            let fraction = digits(cursor + 1)
            if (1...3).contains(fraction) { cursor += 1 + fraction }
        }
        return cursor
    }

    /// Where a line's words begin after turn marks and timestamps (`>> `, `[00:12:31] `, `- `).
    static func linePrefixEnd(_ scalars: [Unicode.Scalar], from start: Int, to end: Int) -> Int {
        var cursor = start
        while cursor < end {
            let scalar = scalars[cursor]
            if scalar == " " || scalar == "\t" || scalar == ">" || scalar == "-" || scalar == "\u{2014}" {
                cursor += 1
            } else if scalar == "[" || scalar == "(", let stamp = timestampEnd(scalars, at: cursor + 1), stamp < end,
                scalars[stamp] == "]" || scalars[stamp] == ")"
            {
                cursor = stamp + 1
            } else if let stamp = timestampEnd(scalars, at: cursor), stamp == end || scalars[stamp] == " " || scalars[stamp] == "\t" {
                cursor = stamp
            } else {
                break
            }
        }
        return cursor
    }

    /// The ranges whose words are not spoken words, in text order.
    static func ranges(in scalars: [Unicode.Scalar], subtitles: Bool) -> [ScalarRange] {
        var ranges: [ScalarRange] = []
        var lineStart = 0
        var inNote = false
        while lineStart < scalars.count {
            var lineEnd = lineStart
            while lineEnd < scalars.count, scalars[lineEnd] != "\n" { lineEnd += 1 }
            let line = String(scalars: scalars[lineStart..<lineEnd]).trimmingCharacters(in: .whitespacesAndNewlines)
            if subtitles {
                if line.isEmpty { inNote = false }
                if inNote || line.hasPrefix("WEBVTT") || line.hasPrefix("NOTE") || line.hasPrefix("STYLE") || line.hasPrefix("REGION") || line.contains("-->")
                    || (!line.isEmpty && line.allSatisfy(\.isNumber))
                {
                    if line.hasPrefix("NOTE") || line.hasPrefix("STYLE") || line.hasPrefix("REGION") { inNote = true }
                    ranges.append(ScalarRange(start: lineStart, end: lineEnd))
                    lineStart = lineEnd + 1
                    continue
                }
            }
            let prefixEnd = linePrefixEnd(scalars, from: lineStart, to: lineEnd)
            if prefixEnd > lineStart { ranges.append(ScalarRange(start: lineStart, end: prefixEnd)) }
            var cursor = prefixEnd
            while cursor < lineEnd {
                let scalar = scalars[cursor]
                if scalar == "(" || scalar == "[", let stamp = timestampEnd(scalars, at: cursor + 1), stamp < lineEnd, scalars[stamp] == ")" || scalars[stamp] == "]" {
                    ranges.append(ScalarRange(start: cursor, end: stamp + 1))
                    cursor = stamp + 1
                } else if subtitles, scalar == "<", let close = scalars[cursor..<lineEnd].firstIndex(of: ">") {
                    ranges.append(ScalarRange(start: cursor, end: close + 1))
                    cursor = close + 1
                } else {
                    cursor += 1
                }
            }
            lineStart = lineEnd + 1
        }
        return ranges
    }

    /// Speaker turns from WebVTT voice tags: `<v Roger Bingham>We are in New York City`.
    static func voices(in scalars: [Unicode.Scalar]) -> [SpeakerTurn] {
        var turns: [SpeakerTurn] = []
        var index = 0
        while index + 3 < scalars.count {
            if scalars[index] == "<", scalars[index + 1] == "v", scalars[index + 2] == " " || scalars[index + 2] == ".",
                let close = scalars[index...].firstIndex(of: ">")
            {
                var nameStart = index + 2
                // `<v.loud Name>`: classes before the name.
                while nameStart < close, scalars[nameStart] != " " { nameStart += 1 }
                let name = String(scalars: scalars[nameStart..<close]).trimmingCharacters(in: .whitespaces)
                if !name.isEmpty { turns.append(SpeakerTurn(start: close + 1, name: name, anonymous: false)) }
                index = close + 1
            } else {
                index += 1
            }
        }
        return turns
    }
}
