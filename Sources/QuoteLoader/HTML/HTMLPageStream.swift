import QuoteCheckText
import QuoteRules

/// A big page whose text is rendered as libxml2 parses it, never held whole (issue #18).
///
/// Loading a page whole holds its text three times over besides its bytes: every text scalar
/// as parsed with its byte range, then the rendered text with its map, at 4 bytes a scalar. A
/// page of mostly text took 9–11 times its size. A stream parses the page once for its
/// structure alone (``init(loader:bytes:uri:)``): the elements and events, how much text each
/// event holds, and no more of its text than the extractor reads (the opening of each text
/// chunk, for the boilerplate phrases, and the title and first heading, for the metadata). That
/// is all the extractor needs to choose the article and what it leaves out. Each
/// ``render(fallback:_:)`` then parses the same bytes again and renders the kept text chunk by
/// chunk, handing it on as it grows: libxml2 reports the same events in the same order on the
/// same bytes, so the text equals what ``HTMLLoader/load(bytes:uri:)`` renders, scalar for
/// scalar and byte range for byte range.
public struct HTMLPageStream: Sendable {
    public let uri: String
    /// The page's bytes, what every byte range of the text points into.
    public let bytes: [UInt8]
    public let metadata: DocumentMetadata
    private let decoded: DecodedHTML
    /// How the article is rendered, and the page's whole shown text when that is empty: the
    /// structure they were decided from is let go.
    private let article: RenderPlan
    private let fallback: RenderPlan

    /// Parses `bytes` for the page's structure.
    ///
    /// - Throws: what ``HTMLLoader/load(bytes:uri:)`` throws for the same bytes.
    public init(loader: HTMLLoader, bytes: [UInt8], uri: String) throws(LoadError) {
        decoded = try loader.decode(bytes, uri: uri)
        var builder = HTMLTreeBuilder(decoded: decoded, pass: .structure)
        var keeper = OpeningKeeper(
            length: loader.rules.boilerplatePhrases.isEmpty ? 0 : HTMLExtractor.openingLength(rules: loader.rules) + 1,
            maxVisible: loader.rules.boilerplatePhraseMaxText)
        guard builder.parse(consuming: { keeper.keep(&$0) }) else { throw .html(uri: uri, reason: "libxml2 could not create a parser") }
        let extractor = HTMLExtractor(rules: loader.rules, phraseStarts: loader.phraseStarts, document: builder.document)
        article = extractor.plan(fallback: false)
        fallback = extractor.plan(fallback: true)
        metadata = HTMLMetadata.extract(from: builder.document, encoding: decoded.encoding)
        self.uri = uri
        self.bytes = bytes
    }

    /// The page loaded from `page`, all of its text (none forgotten), as
    /// ``HTMLLoader/load(bytes:uri:)`` loads it.
    public func loaded(_ page: RenderedPage) -> LoadedText {
        LoadedText(
            uri: uri, media: .html, rawBytes: bytes, scalars: page.scalars, offsetMap: page.map, quoteHints: page.hints,
            metadata: metadata)
    }

    /// Whether the article has a container of its own: if its rendering is empty, the page's
    /// text is its whole shown text instead (render again with `fallback`), as a page loaded
    /// whole falls back.
    public var hasContainer: Bool { article.container != nil }

    /// Parses the page again and renders its text (`fallback`: all its shown text, see
    /// ``hasContainer``), calling `body` with the text so far after each parse event. `body` may
    /// forget what it has handed on (``RenderedPage/forget(before:)``) and returns false to end
    /// the rendering early.
    ///
    /// - Returns: the text at the end, all of it but what `body` forgot.
    public func render(fallback: Bool, _ body: (inout RenderedPage) -> Bool) throws(LoadError) -> RenderedPage {
        var page = RenderedPage(walk: RenderWalk(plan: fallback ? self.fallback : article), rawByteCount: bytes.count)
        var builder = HTMLTreeBuilder(decoded: decoded, pass: .rendering)
        let started = builder.parse { document in
            for (offset, event) in document.events.enumerated() {
                page.walk.step(document.drainedEvents + offset, event, text: document)
            }
            document.drainedEvents += document.events.count
            document.events.removeAll(keepingCapacity: true)
            document.textUTF8.removeAll(keepingCapacity: true)
            document.textMap.removeAll(keepingCapacity: true)
            return body(&page)
        }
        guard started else { throw .html(uri: uri, reason: "libxml2 could not create a parser") }
        return page
    }
}

/// The text of a page rendered so far (``HTMLPageStream/render(fallback:_:)``): ``scalars`` and
/// their byte ranges (``map``) from scalar ``base`` on, those before forgotten.
public struct RenderedPage: Sendable {
    fileprivate var walk: RenderWalk
    private let rawByteCount: Int

    fileprivate init(walk: RenderWalk, rawByteCount: Int) {
        self.walk = walk
        self.rawByteCount = rawByteCount
    }

    /// Scalars rendered in all.
    public var count: Int { walk.emitter.count }
    /// The index of ``scalars``' first scalar in the whole text.
    public var base: Int { walk.emitter.base }
    public var scalars: [Unicode.Scalar] { walk.emitter.scalars }
    /// The raw byte range of each of ``scalars``.
    public var map: OffsetMap { walk.emitter.map.withRawByteCount(rawByteCount) }
    /// The quotation hints of the `<q>` and `<blockquote>` elements closed so far, in text
    /// order, in the whole text's scalars.
    public var hints: [QuoteHint] { walk.sortedHints }

    /// Forgets the scalars before `index` (of the whole text).
    public mutating func forget(before index: Int) {
        walk.emitter.forget(before: index)
    }
}

/// Keeps of each text chunk of a structure parse only what the extractor reads of it, as the
/// chunk is parsed: its opening, whitespace runs collapsed to one space, `length` scalars at
/// most (the boilerplate phrases are looked for there), or all of it inside the first `<title>`
/// and the first `<h1>` (the metadata's title). Its byte ranges are not kept at all.
///
/// A chunk with `maxVisible` shown scalars or more keeps no opening: any block holding it shows
/// at least as many, and only blocks showing fewer are looked at for the phrases.
private struct OpeningKeeper {
    let length: Int
    let maxVisible: Int
    private var next = 0
    private var title: Int32?
    private var heading: Int32?
    /// How many of the first title and heading are open: their text is kept whole.
    private var keptWhole = 0

    init(length: Int, maxVisible: Int) {
        self.length = length
        self.maxVisible = maxVisible
    }

    mutating func keep(_ document: inout HTMLDocument) -> Bool {
        while next < document.events.count {
            let position = next
            next += 1
            switch document.events[position] {
            case let .open(index):
                let tag = document.elements[Int(index)].tag
                if tag == .title, title == nil {
                    title = index
                    keptWhole += 1
                } else if tag == .h1, heading == nil {
                    heading = index
                    keptWhole += 1
                }
            case let .close(index):
                if index == title || index == heading { keptWhole -= 1 }
            case let .text(start, end, visible, utf8):
                let kept =
                    keptWhole > 0
                    ? end - start
                    : collapseOpening(of: &document, utf8: Int(utf8), count: Int(end - start), length: Int(visible) < maxVisible ? length : 0)
                document.events[position] = .text(start: 0, end: kept, visible: visible, utf8: utf8)
                document.textMap.removeAll(keepingCapacity: true)
            }
        }
        return true
    }

    /// Rewrites the chunk at the end of the text, from `utf8` on, as its collapsed opening.
    /// - Returns: its scalar count.
    private func collapseOpening(of document: inout HTMLDocument, utf8: Int, count: Int, length: Int) -> Int32 {
        var opening: [UInt8] = []
        var kept = 0
        var lastWasSpace = false
        for scalar in document.text(utf8: Int32(utf8), count: Int32(count)) {
            guard kept < length else { break }
            if scalar.isSpaceLike {
                guard !lastWasSpace else { continue }
                opening.append(0x20)
                lastWasSpace = true
            } else {
                UTF8.encode(scalar) { opening.append($0) }
                lastWasSpace = false
            }
            kept += 1
        }
        document.textUTF8.replaceSubrange(utf8..., with: opening)
        return Int32(kept)
    }
}
