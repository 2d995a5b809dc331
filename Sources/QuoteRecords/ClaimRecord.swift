@_exported import QuoteCheckText

/// One quotation, as `../shared/RECORD.md` (schema `quotecheck.claim/1`) specifies: the contract
/// with every consumer. Add fields freely; renaming or dropping one needs a new schema version.
public struct ClaimRecord: Codable, Sendable, Hashable {
    public static let schemaVersion = "quotecheck.claim/1"

    public var schema: String
    /// Stable across runs: the first 16 hex digits of SHA-256 over `"<document.sha256>:<start>-<end>"`.
    public var id: String
    public var document: DocumentReference
    public var kind: QuoteKind
    public var quote: QuoteText
    public var speaker: Speaker?
    public var cue: Mention?
    /// The id of the rule in `Rules/` that made the attribution.
    public var rule: String
    public var confidence: Double
    /// Added by `quotecheck check`: how the quote compares with the reference material.
    /// Absent (not `null`) in records that were never checked.
    public var check: ClaimCheck?

    public init(
        id: String, document: DocumentReference, kind: QuoteKind, quote: QuoteText,
        speaker: Speaker?, cue: Mention?, rule: String, confidence: Double
    ) {
        self.schema = Self.schemaVersion
        self.id = id
        self.document = document
        self.kind = kind
        self.quote = quote
        self.speaker = speaker
        self.cue = cue
        self.rule = rule
        self.confidence = confidence
    }

    enum CodingKeys: String, CodingKey {
        case schema, id, document, kind, quote, speaker, cue, rule, confidence, check
    }

    // Written by hand so that `speaker` and `cue` are `null` rather than absent, as the schema
    // shows, and keys come in the schema's order.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(schema, forKey: .schema)
        try container.encode(id, forKey: .id)
        try container.encode(document, forKey: .document)
        try container.encode(kind, forKey: .kind)
        try container.encode(quote, forKey: .quote)
        if let speaker { try container.encode(speaker, forKey: .speaker) } else { try container.encodeNil(forKey: .speaker) }
        if let cue { try container.encode(cue, forKey: .cue) } else { try container.encodeNil(forKey: .cue) }
        try container.encode(rule, forKey: .rule)
        try container.encode(confidence, forKey: .confidence)
        try container.encodeIfPresent(check, forKey: .check)
    }
}

public struct DocumentReference: Codable, Sendable, Hashable {
    /// The path or URI as the user gave it.
    public var uri: String
    public var media: String
    /// Hex SHA-256 of the raw input bytes.
    public var sha256: String
    /// Hex SHA-256 of the UTF-8 of the loaded text.
    public var textSha256: String

    public init(uri: String, media: String, sha256: String, textSha256: String) {
        self.uri = uri
        self.media = media
        self.sha256 = sha256
        self.textSha256 = textSha256
    }
}

/// A piece of a quotation interrupted by its attribution.
public struct QuotePart: Codable, Sendable, Hashable {
    public var start: Int
    public var end: Int
    public var sourceBytes: ByteRange
    /// Exactly the loaded text between `start` and `end`: the quoted words of this piece, so a
    /// consumer never cuts them out of ``QuoteText/text`` (which includes the narration between
    /// pieces).
    public var text: String

    public init(start: Int, end: Int, sourceBytes: ByteRange, text: String) {
        self.start = start
        self.end = end
        self.sourceBytes = sourceBytes
        self.text = text
    }

    enum CodingKeys: String, CodingKey {
        case start, end, sourceBytes, text
    }

    // Records written before parts carried their text still read: ``QuoteText`` fills it in
    // from its own text, which covers every part.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        start = try container.decode(Int.self, forKey: .start)
        end = try container.decode(Int.self, forKey: .end)
        sourceBytes = try container.decode(ByteRange.self, forKey: .sourceBytes)
        text = try container.decodeIfPresent(String.self, forKey: .text) ?? ""
    }

    public var range: ScalarRange { ScalarRange(start: start, end: end) }
}

public struct QuoteText: Codable, Sendable, Hashable {
    /// Exactly the loaded text between `start` and `end`.
    public var text: String
    public var start: Int
    public var end: Int
    public var sourceBytes: ByteRange
    /// Up to 32 scalars before the quote, for re-anchoring (W3C `TextQuoteSelector`).
    public var prefix: String
    /// Up to 32 scalars after the quote.
    public var suffix: String
    /// Present when the quotation is interrupted by its attribution: the quoted pieces, in order.
    public var parts: [QuotePart]?

    public init(text: String, start: Int, end: Int, sourceBytes: ByteRange, prefix: String, suffix: String, parts: [QuotePart]? = nil) {
        self.text = text
        self.start = start
        self.end = end
        self.sourceBytes = sourceBytes
        self.prefix = prefix
        self.suffix = suffix
        self.parts = parts
    }

    public var range: ScalarRange { ScalarRange(start: start, end: end) }

    /// The quoted words: the parts' texts when the quotation has pieces, else the whole text.
    public var pieces: [String] {
        guard let parts, !parts.isEmpty else { return [text] }
        return parts.map(\.text)
    }

    enum CodingKeys: String, CodingKey {
        case text, start, end, sourceBytes, prefix, suffix, parts
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        text = try container.decode(String.self, forKey: .text)
        start = try container.decode(Int.self, forKey: .start)
        end = try container.decode(Int.self, forKey: .end)
        sourceBytes = try container.decode(ByteRange.self, forKey: .sourceBytes)
        prefix = try container.decode(String.self, forKey: .prefix)
        suffix = try container.decode(String.self, forKey: .suffix)
        parts = try container.decodeIfPresent([QuotePart].self, forKey: .parts)
        guard var parts else { return }
        let scalars = Array(text.unicodeScalars)
        for index in parts.indices where parts[index].text.isEmpty {
            let lower = min(max(parts[index].start - start, 0), scalars.count)
            let upper = min(max(parts[index].end - start, lower), scalars.count)
            parts[index].text = String(String.UnicodeScalarView(scalars[lower..<upper]))
        }
        self.parts = parts
    }
}

/// A span of the loaded text as written: a speaker mention or a cue.
public struct Mention: Codable, Sendable, Hashable {
    public var text: String
    public var start: Int
    public var end: Int
    public var sourceBytes: ByteRange

    public init(text: String, start: Int, end: Int, sourceBytes: ByteRange) {
        self.text = text
        self.start = start
        self.end = end
        self.sourceBytes = sourceBytes
    }

    public var range: ScalarRange { ScalarRange(start: start, end: end) }
}

public struct Speaker: Codable, Sendable, Hashable {
    /// What the mention was resolved to, clean (no title, no possessive): "Vladimir Putin", or
    /// "a source" for an anonymous one.
    public var name: String
    /// The title or role the article gives the speaker ("Russian President", "the mayor").
    public var title: String?
    /// The mention nearest the quote, as written.
    public var mention: Mention?
    /// How ``name`` was found: `mention` (named in place), `alias`, `pronoun`, `continuation`, …
    public var resolvedBy: String
    public var anonymous: Bool
    /// The mentions that led from ``mention`` to ``name``, nearest first; absent when the
    /// mention is the name.
    public var chain: [ChainLink]?

    public init(name: String, title: String? = nil, mention: Mention?, resolvedBy: String, anonymous: Bool, chain: [ChainLink]? = nil) {
        self.name = name
        self.title = title
        self.mention = mention
        self.resolvedBy = resolvedBy
        self.anonymous = anonymous
        self.chain = chain
    }
}

/// One mention in a speaker's chain: where the article refers to the speaker.
public struct ChainLink: Codable, Sendable, Hashable {
    public var text: String
    public var start: Int
    public var end: Int

    public init(text: String, start: Int, end: Int) {
        self.text = text
        self.start = start
        self.end = end
    }

    public var range: ScalarRange { ScalarRange(start: start, end: end) }
}
