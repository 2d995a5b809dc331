import Crypto
import QuoteCheckText
import QuoteLoader
import QuoteRecords

/// What a first rendering of a big page (``HTMLPageStream``) tells before its text is read in
/// windows: all of it, when it fits one window; else what every window needs to know of the
/// whole text, learnt without holding it.
enum PageSurvey {
    /// The page's text is at most a window: loaded as ``DocumentLoader/load(bytes:uri:)`` loads it.
    case whole(LoadedText)
    /// The text is over a window.
    case windows(Windows)
    /// Its language has no pack.
    case skip(DetectedLanguage)

    struct Windows {
        /// The page, to be rendered again a window at a time.
        let stream: HTMLPageStream
        /// The pipeline of the text's language, told from its first window as a page loaded
        /// whole is told from its first 3,000 words.
        let reader: Pipeline
        /// Whether the text is the page's whole shown text (the article rendering was empty).
        let fallback: Bool
        /// Scalars of the whole text.
        let count: Int
        /// The page and its text's hashes, as ``RecordFactory`` gives them for the page loaded whole.
        let document: DocumentReference
        /// The reader's boilerplate lines.
        let excluded: [ExcludedRegion]
        let hints: [QuoteHint]
    }
}

extension WindowedExtractor {
    /// Renders `stream` once (`fallback`: its whole shown text) and tells what it holds: text
    /// over a window is hashed, its language told from the first window and its boilerplate
    /// lines marked as it is rendered, then forgotten.
    func survey(_ stream: HTMLPageStream, fallback: Bool) throws(LoadError) -> PageSurvey {
        var reader: Pipeline?
        var language: DetectedLanguage?
        var textHash = SHA256()
        var lines = BoilerplateLines(marker: pipeline.loader.boilerplate)
        let windowBytes = windowBytes
        let page = try stream.render(fallback: fallback) { page in
            guard page.count > windowBytes else { return true }
            if reader == nil {
                switch pipeline.reading(stream.loaded(page)) {
                case let .skip(detected):
                    language = detected
                    return false
                case let .read(chosen, _):
                    reader = chosen
                    lines = BoilerplateLines(marker: chosen.loader.boilerplate)
                }
            }
            textHash.update(data: String.utf8(of: page.scalars))
            lines.scan(page.scalars, from: page.base)
            page.forget(before: page.count)
            return true
        }
        if let language { return .skip(language) }
        guard let reader else {
            if page.count == 0, !fallback, stream.hasContainer { return try survey(stream, fallback: true) }
            return .whole(pipeline.loader.load(page, of: stream))
        }
        textHash.update(data: String.utf8(of: page.scalars))
        lines.scan(page.scalars, from: page.base)
        lines.finish()
        let document = DocumentReference(
            uri: stream.uri, media: MediaType.html.rawValue, sha256: Hashing.sha256Hex(stream.bytes),
            textSha256: Hashing.hexString(textHash.finalize()))
        return .windows(
            PageSurvey.Windows(
                stream: stream, reader: reader, fallback: fallback, count: page.count, document: document, excluded: lines.regions, hints: page.hints))
    }
}

/// Marks the boilerplate lines of a text handed on in pieces, as ``BoilerplateMarker`` marks
/// those of a whole text: each line is trimmed of space-like scalars and, when no longer than
/// the longest line a rule can match, matched against the rules. Only such a line's scalars
/// are held.
struct BoilerplateLines {
    let marker: BoilerplateMarker
    private let longest: Int
    private(set) var regions: [ExcludedRegion] = []
    /// Where the current line's first shown scalar is in the whole text.
    private var firstShown: Int?
    /// The line from its first shown scalar to its last, while it can still match.
    private var line: [Unicode.Scalar] = []
    /// Space-like scalars after the last shown one, held until a shown one follows.
    private var spaces: [Unicode.Scalar] = []
    private var tooLong = false

    init(marker: BoilerplateMarker) {
        self.marker = marker
        longest = marker.rules.map(\.maxLength).max() ?? 0
    }

    /// Reads `scalars`, which start at scalar `base` of the whole text.
    mutating func scan(_ scalars: [Unicode.Scalar], from base: Int) {
        for (offset, scalar) in scalars.enumerated() {
            let position = base + offset
            if scalar == "\n" {
                endLine()
                continue
            }
            guard !tooLong else { continue }
            if scalar.isSpaceLike {
                // A line with more spaces than that is too long once a shown scalar follows.
                if firstShown != nil, spaces.count <= longest { spaces.append(scalar) }
                continue
            }
            let first = firstShown ?? position
            firstShown = first
            guard position - first < longest else {
                tooLong = true
                continue
            }
            line += spaces
            spaces.removeAll(keepingCapacity: true)
            line.append(scalar)
        }
    }

    /// Ends the last line at the text's end.
    mutating func finish() {
        if let firstShown, !tooLong { mark(line, from: firstShown) }
        line.removeAll()
    }

    private mutating func endLine() {
        if let firstShown, !tooLong { mark(line, from: firstShown) }
        line.removeAll(keepingCapacity: true)
        spaces.removeAll(keepingCapacity: true)
        firstShown = nil
        tooLong = false
    }

    private mutating func mark(_ line: [Unicode.Scalar], from start: Int) {
        for region in marker.regions(in: line) {
            regions.append(ExcludedRegion(range: ScalarRange(start: region.range.start + start, end: region.range.end + start), rule: region.rule))
        }
    }
}
