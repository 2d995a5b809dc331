internal import CLibXML2
import QuoteCheckText
import QuoteRules

/// Loads HTML into its main text with an exact offset map.
///
/// The loader decides the encoding itself (``HTMLDecoding``), lets libxml2's SAX parser
/// recover the structure, maps every text scalar back to the raw bytes it came from
/// (``HTMLTreeBuilder``), then keeps the article (``HTMLExtractor``): block elements become
/// paragraph breaks, `<br>` a line break, whitespace collapses as a browser renders it.
public struct HTMLLoader: Sendable {
    public let rules: HTMLRules
    let phraseStarts: PhraseStarts

    public init(rules: RuleSet) {
        _ = Self.libxml2Ready
        self.rules = rules.html
        self.phraseStarts = PhraseStarts(rules: rules.html)
    }

    /// libxml2 must run `xmlInitParser()` once before threads use it, or `corpus --jobs N` can
    /// deadlock in libxml2's dictionary mutex. A `static let` is initialised lazily, exactly
    /// once and thread-safely (Swift guards it with `swift_once`), so touching it in `init` and
    /// `load` makes every parse happen after the initialisation without global mutable state.
    static let libxml2Ready: Bool = {
        qc_xml_init()
        return true
    }()

    /// Share of control bytes in the first 8 KiB above which a file is binary, not HTML.
    private static let binaryControlShare = 0.05

    /// - Throws: ``LoadError/empty(uri:)`` for no bytes, ``LoadError/binary(uri:byteOffset:)``
    ///   for a file that is mostly control bytes, ``LoadError/html(uri:reason:)`` when libxml2
    ///   cannot start.
    public func load(bytes: [UInt8], uri: String) throws(LoadError) -> LoadedText {
        let decoded = try decode(bytes, uri: uri)
        var builder = HTMLTreeBuilder(decoded: decoded)
        guard builder.parse() else { throw .html(uri: uri, reason: "libxml2 could not create a parser") }
        let document = builder.document
        let rendered = HTMLExtractor(rules: rules, phraseStarts: phraseStarts, document: document).render()
        return LoadedText(
            uri: uri, media: .html, rawBytes: bytes, scalars: rendered.scalars, offsetMap: rendered.map.withRawByteCount(bytes.count),
            quoteHints: rendered.hints, metadata: HTMLMetadata.extract(from: document, encoding: decoded.encoding)
        )
    }

    /// The page as UTF-8 for libxml2, after the checks every page passes first.
    func decode(_ bytes: [UInt8], uri: String) throws(LoadError) -> DecodedHTML {
        guard !bytes.isEmpty else { throw .empty(uri: uri) }
        _ = Self.libxml2Ready
        if let offset = Self.binaryOffset(bytes) { throw .binary(uri: uri, byteOffset: offset) }
        do throws(HTMLDecoding.Unsupported) {
            return try HTMLDecoding.decode(bytes)
        } catch {
            throw .unsupportedEncoding(uri: uri, encoding: error.label)
        }
    }

    /// The first NUL of a file whose first 8 KiB are too full of control bytes to be a page
    /// (UTF-16 and UTF-32 aside); nil for text. A stray NUL in a real page is read as a space.
    static func binaryOffset(_ bytes: [UInt8]) -> Int? {
        if WideEncoding.detect(bytes.prefix(8192)) != nil { return nil }
        let head = bytes.prefix(8192)
        let controls = head.reduce(0) { count, byte in
            count + (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D && byte != 0x0C ? 1 : 0)
        }
        guard Double(controls) > binaryControlShare * Double(head.count) else { return nil }
        return head.firstIndex(of: 0) ?? head.firstIndex { $0 < 0x20 } ?? 0
    }
}
