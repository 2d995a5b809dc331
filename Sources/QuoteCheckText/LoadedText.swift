/// How the input was read.
public enum MediaType: String, Sendable, Codable, Hashable {
    case plainText = "text/plain"
    case html = "text/html"
}

/// A region of the loaded text that is not part of the article (an "Advertisement" line, a
/// copyright notice). Regions are marked, never removed, so every offset stays exact.
public struct ExcludedRegion: Hashable, Sendable, Codable {
    public var range: ScalarRange
    /// The id of the rule that marked it, e.g. `en.boilerplate.advertisement`.
    public var rule: String

    public init(range: ScalarRange, rule: String) {
        self.range = range
        self.rule = rule
    }
}

/// A span the markup itself says is a quotation (`<q>`, `<blockquote>`).
public struct QuoteHint: Hashable, Sendable, Codable {
    public enum Element: String, Sendable, Codable, Hashable {
        case q
        case blockquote
    }

    public var range: ScalarRange
    public var element: Element

    public init(range: ScalarRange, element: Element) {
        self.range = range
        self.element = element
    }
}

/// What the loader learned about the document besides its text.
public struct DocumentMetadata: Hashable, Sendable, Codable {
    public var title: String?
    public var author: String?
    public var date: String?
    public var siteName: String?
    /// The character encoding the raw bytes were decoded with.
    public var encoding: String?

    public init(title: String? = nil, author: String? = nil, date: String? = nil, siteName: String? = nil, encoding: String? = nil) {
        self.title = title
        self.author = author
        self.date = date
        self.siteName = siteName
        self.encoding = encoding
    }
}

/// The text every later stage works on, with the map back to the raw file.
///
/// Offsets everywhere in QuoteCheck count Unicode scalars of ``scalars``.
public struct LoadedText: Sendable {
    /// The path or URI as the user gave it.
    public var uri: String
    public var media: MediaType
    /// The raw input bytes, kept so records can be hashed and byte ranges checked.
    public var rawBytes: [UInt8]
    public var scalars: [Unicode.Scalar]
    public var offsetMap: OffsetMap
    public var excluded: [ExcludedRegion]
    public var quoteHints: [QuoteHint]
    public var metadata: DocumentMetadata

    public init(
        uri: String,
        media: MediaType,
        rawBytes: [UInt8],
        scalars: [Unicode.Scalar],
        offsetMap: OffsetMap,
        excluded: [ExcludedRegion] = [],
        quoteHints: [QuoteHint] = [],
        metadata: DocumentMetadata = DocumentMetadata()
    ) {
        precondition(scalars.count == offsetMap.count, "every scalar needs a byte range")
        self.uri = uri
        self.media = media
        self.rawBytes = rawBytes
        self.scalars = scalars
        self.offsetMap = offsetMap
        self.excluded = excluded
        self.quoteHints = quoteHints
        self.metadata = metadata
    }

    public var count: Int { scalars.count }

    /// The whole loaded text as a `String`.
    public var text: String { string(in: ScalarRange(start: 0, end: scalars.count)) }

    /// The text of a span; offsets outside the text are clamped.
    public func string(in range: ScalarRange) -> String {
        let lower = min(max(range.start, 0), scalars.count)
        let upper = min(max(range.end, lower), scalars.count)
        return String(scalars: scalars[lower..<upper])
    }

    /// The text without its excluded (boilerplate) regions, each replaced by a line break: what
    /// a reader would call the article. Offsets in it do not match record offsets; use ``text``
    /// for those.
    public var textWithoutExcluded: String {
        guard !excluded.isEmpty else { return text }
        var kept: [Unicode.Scalar] = []
        kept.reserveCapacity(scalars.count)
        var cursor = 0
        for region in excluded.sorted(by: { $0.range < $1.range }) where region.range.end > cursor {
            kept.append(contentsOf: scalars[cursor..<max(cursor, region.range.start)])
            kept.append("\n")
            cursor = region.range.end
        }
        kept.append(contentsOf: scalars[min(cursor, scalars.count)...])
        return String(scalars: kept)
    }

    /// Whether any part of `range` lies in an excluded (boilerplate) region.
    public func isExcluded(_ range: ScalarRange) -> Bool {
        excluded.contains { $0.range.overlaps(range) }
    }
}
