import Crypto
import Foundation

/// Extracts records from a huge plain-text file (UTF-8, UTF-16 or UTF-32) a window at a time, so
/// memory stays flat (about what one window costs) however large the file is (docs/limits.md).
/// Standard input over a window is spooled to an unlinked temporary file and read the same way.
///
/// The file is read twice and never held whole: a first pass hashes it (`document.sha256`,
/// `textSha256`, and so every record id, are those of the whole file); the second reads it in
/// windows of about ``windowBytes``, each cut at a line break (a sentence end, whitespace, or at
/// worst a scalar boundary when a line is longer than half a window). Each window is loaded,
/// detected, attributed and turned into records on its own, its offsets and byte ranges shifted
/// to the whole file, and its records are handed over before the next window is read.
///
/// A window is read with up to ``contextBytes`` of the text before it (from a paragraph start),
/// so speakers named there are still known, and up to ``lookaheadBytes`` after it, so a quotation
/// or its speaker running over the cut is seen whole. A window emits only the quotations that
/// start in its own part; those in the context were emitted by the window before, those in the
/// lookahead are emitted by the next.
///
/// Records of a file read in windows equal those of the file read whole wherever what decides
/// a record (the quotation, its sentence, the people named before it) lies within the context:
/// always for a file of independent articles each naming its own speakers. A speaker named only
/// more than ``contextBytes`` before a quotation is not known to it.
public struct WindowedExtractor: Sendable {
    /// 1 MiB. Far above any article (the largest text in PolNeAR and the fixtures is under
    /// 200 KB), so ordinary documents never take this path and their output cannot change; small
    /// enough that one window (loaded text, tokens, records: about 25 bytes per byte of text)
    /// costs about 25 MB.
    public static let defaultWindowBytes = 1 << 20
    /// 64 KiB: several screens of an article before the window, where its speakers are named.
    public static let defaultContextBytes = 64 << 10
    /// 16 KiB: longer than any quotation with its attribution.
    public static let defaultLookaheadBytes = 16 << 10

    public let pipeline: Pipeline
    /// Files larger than this are read in windows of about this size.
    public let windowBytes: Int
    public let contextBytes: Int
    public let lookaheadBytes: Int

    /// - Parameters: sizes in bytes; small ones are for tests. `windowBytes` is at least 16.
    public init(
        pipeline: Pipeline, windowBytes: Int = defaultWindowBytes, contextBytes: Int = defaultContextBytes,
        lookaheadBytes: Int = defaultLookaheadBytes
    ) {
        self.pipeline = pipeline
        self.windowBytes = max(16, windowBytes)
        self.contextBytes = max(0, contextBytes)
        self.lookaheadBytes = max(0, lookaheadBytes)
    }

    /// Whether `path` is read in windows: a regular file larger than ``windowBytes`` (and within
    /// the loader's `maxBytes`, which still applies) that the loader reads as plain text.
    /// Everything else (HTML, binary, pipes, ordinary sizes) is loaded whole as before.
    public func readsInWindows(path: String) -> Bool {
        // One stat for the size first: every ordinary document passes through here, and opening
        // each one only to find it small would cost a corpus run measurable time.
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG, Int(status.st_size) > windowBytes else { return false }
        guard let file = try? WindowFile(path: path) else { return false }
        return readsInWindows(file)
    }

    /// Whether `file` is larger than a window, within the loader's `maxBytes`, and plain text.
    private func readsInWindows(_ file: WindowFile) -> Bool {
        file.size > windowBytes && file.size <= pipeline.loader.maxBytes && encoding(of: file) != nil
    }

    /// Whether `path` is a regular file larger than ``windowBytes``: one that, loaded whole, is
    /// analysed in windows when its text is longer than a window (``extract(bytes:uri:deliver:)``).
    public func exceedsAWindow(path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFREG && Int(status.st_size) > windowBytes
    }

    /// The encoding `file` is read in windows with, or nil when it is no plain text.
    private func encoding(of file: WindowFile) -> TextWindowEncoding? {
        guard let head = try? file.read(at: 0, count: min(file.size, DocumentLoader.headLength)) else { return nil }
        return pipeline.loader.windowEncoding(head: head, uri: file.name)
    }

    /// What reading one file in windows gave besides its records.
    public struct Outcome: Sendable {
        public var byteCount = 0
        public var recordCount = 0
        public var windows = 0
        /// Why the file could not be read; records of windows before the failure were delivered.
        public var failure: LoadError?
        /// Rules skipped on a sentence for the matcher's step budget, each naming the file.
        public var warnings: [String] = []
        /// The line telling the user the file was skipped for its language.
        public var notice: String?

        init(failure: LoadError? = nil) {
            self.failure = failure
        }
    }

    /// Reads `path` in windows and hands each window's records to `deliver`, in text order.
    /// A read error ends the file (``Outcome/failure``); an error `deliver` throws ends it too
    /// and is rethrown.
    public func extract<Failure: Error>(path: String, deliver: ([ClaimRecord]) throws(Failure) -> Void) throws(Failure) -> Outcome {
        let file: WindowFile
        do throws(LoadError) {
            file = try WindowFile(path: path)
        } catch {
            return Outcome(failure: error)
        }
        return try extract(file: file, encoding: encoding(of: file) ?? .utf8, deliver: deliver)
    }

    /// How standard input was read by ``extract(standardInput:uri:deliver:)``.
    public enum StandardInputReading: Sendable {
        /// It is no text to read in windows, or not larger than a window: its bytes, to load whole.
        case whole([UInt8])
        /// It was read in windows and its records delivered (a failure part-way is in the outcome).
        case windows(Outcome)
        /// It could not be read or spooled, or is larger than the loader's `maxBytes`.
        case failed(LoadError)
    }

    /// Reads standard input (`descriptor`, 0 unless a test says otherwise) named `uri` in its
    /// records: at most a window of it is held in memory; more is spooled to a temporary file
    /// that is unlinked at once (so nothing is left behind, even when the run is interrupted) and
    /// read in windows if it is plain text. A redirected regular file is read in place.
    ///
    /// - Throws: only what `deliver` throws.
    public func extract<Failure: Error>(
        standardInput descriptor: Int32 = 0, uri: String = "-", deliver: ([ClaimRecord]) throws(Failure) -> Void
    ) throws(Failure) -> StandardInputReading {
        let file: WindowFile
        let encoding: TextWindowEncoding
        do throws(LoadError) {
            switch try WindowFile.spooling(descriptor, name: uri, keepingAtMost: windowBytes, maxBytes: pipeline.loader.maxBytes) {
            case let .small(bytes): return .whole(bytes)
            case let .file(spooled): file = spooled
            }
            guard let found = self.encoding(of: file) else { return .whole(try file.read(at: 0, count: file.size)) }
            encoding = found
        } catch {
            return .failed(error)
        }
        return .windows(try extract(file: file, encoding: encoding, deliver: deliver))
    }

    private func extract<Failure: Error>(
        file: WindowFile, encoding: TextWindowEncoding, deliver: ([ClaimRecord]) throws(Failure) -> Void
    ) throws(Failure) -> Outcome {
        var outcome = Outcome()
        var windows: Windows
        do throws(LoadError) {
            windows = try Windows(file: file, encoding: encoding, extractor: self)
        } catch {
            outcome.failure = error
            return outcome
        }
        outcome.byteCount = windows.file.size
        while true {
            let batch: [ClaimRecord]?
            do throws(LoadError) {
                batch = try windows.next()
            } catch {
                outcome.failure = error
                break
            }
            guard let batch else { break }
            outcome.windows += 1
            outcome.recordCount += batch.count
            try deliver(batch)
        }
        outcome.warnings = windows.warnings
        outcome.notice = windows.notice
        return outcome
    }

    /// All records of `path` read in windows (for tests and library callers with small files).
    public func records(path: String) throws(LoadError) -> [ClaimRecord] {
        var all: [ClaimRecord] = []
        let outcome = extract(path: path) { all += $0 }
        if let failure = outcome.failure { throw failure }
        return all
    }
}

extension WindowedExtractor {
    /// Loads `bytes` named `uri` (HTML, standard input that is no plain text) and hands its
    /// records to `deliver`: in one batch when its loaded text is at most ``windowBytes``
    /// scalars, else a window of about that many scalars at a time, cut and placed as a file's
    /// windows are, so the tokens, sentences and records of only one window are held.
    ///
    /// A page larger than a window is never held rendered whole: it is parsed for its structure,
    /// then rendered as it is parsed again (``HTMLPageStream``), first to learn its text's length,
    /// hash, language and boilerplate lines, then (when its text is over a window) once more to
    /// read it a window at a time. Its records equal those of the page loaded whole.
    ///
    /// A failure to load is ``Outcome/failure``; an error `deliver` throws is rethrown.
    public func extract<Failure: Error>(
        bytes: [UInt8], uri: String, deliver: ([ClaimRecord]) throws(Failure) -> Void
    ) throws(Failure) -> Outcome {
        var outcome = Outcome()
        outcome.byteCount = bytes.count
        let survey: PageSurvey
        do throws(LoadError) {
            if bytes.count > windowBytes, let stream = try pipeline.loader.htmlStream(bytes: bytes, uri: uri) {
                survey = try self.survey(stream, fallback: false)
            } else {
                survey = .whole(try pipeline.loader.load(bytes: bytes, uri: uri))
            }
        } catch {
            return Outcome(failure: error)
        }
        let loaded: LoadedText
        switch survey {
        case let .whole(text):
            loaded = text
        case let .windows(page):
            return try extract(page, outcome: outcome, deliver: deliver)
        case let .skip(language):
            outcome.notice = Pipeline.skipNotice(uri: uri, language: language, rulePacks: pipeline.rulePacks)
            return outcome
        }
        let (reader, text): (Pipeline, LoadedText)
        switch pipeline.reading(loaded) {
        case let .skip(language):
            outcome.notice = Pipeline.skipNotice(uri: uri, language: language, rulePacks: pipeline.rulePacks)
            return outcome
        case let .read(chosen, read):
            (reader, text) = (chosen, read)
        }
        var skipped: [BudgetExceeded] = []
        guard text.count > windowBytes else {
            let records = reader.records(forSupported: text, budgetExceeded: &skipped)
            outcome.windows = 1
            outcome.recordCount = records.count
            outcome.warnings = skipped.map { "\(uri): \($0)" }
            try deliver(records)
            return outcome
        }
        var windows = LoadedWindows(text: text, reader: reader, extractor: self)
        let whole = WholeText(scalars: text.scalars, map: text.offsetMap, base: 0)
        while let batch = windows.next(in: whole) {
            outcome.windows += 1
            outcome.recordCount += batch.count
            try deliver(batch)
        }
        outcome.warnings = windows.warnings
        return outcome
    }

    /// The windows of a big page whose text is over a window, rendered a third time as it is
    /// parsed: each window is read once the text reaches past its lookahead, and the text
    /// before the next window's context is forgotten.
    private func extract<Failure: Error>(
        _ survey: PageSurvey.Windows, outcome start: Outcome, deliver: ([ClaimRecord]) throws(Failure) -> Void
    ) throws(Failure) -> Outcome {
        let stream = survey.stream
        var outcome = start
        var windows = LoadedWindows(
            page: LoadedText(
                uri: stream.uri, media: .html, rawBytes: stream.bytes, scalars: [], offsetMap: OffsetMap(rawByteCount: stream.bytes.count),
                excluded: survey.excluded, quoteHints: survey.hints, metadata: stream.metadata),
            size: survey.count, document: survey.document, reader: survey.reader, extractor: self)
        // Scalars a window reads beyond its own part: the lookahead, then the context of the
        // last record's suffix; and before its context, the context of the first record's prefix.
        let ahead = lookaheadBytes + RecordFactory.contextLength + 1
        let behind = RecordFactory.contextLength + 1
        var failure: Failure?
        func deliverWindow(_ batch: [ClaimRecord]) -> Bool {
            outcome.windows += 1
            outcome.recordCount += batch.count
            do throws(Failure) {
                try deliver(batch)
                return true
            } catch {
                failure = error
                return false
            }
        }
        let rest: RenderedPage
        do throws(LoadError) {
            rest = try stream.render(fallback: survey.fallback) { page in
                while windows.ownStart < survey.count, page.count >= windows.ownStart + windowBytes + ahead {
                    let text = WholeText(scalars: page.scalars, map: page.map, base: page.base)
                    guard let batch = windows.next(in: text), deliverWindow(batch) else { return false }
                    page.forget(before: min(windows.contextStart, windows.ownStart - contextBytes) - behind)
                }
                return true
            }
        } catch {
            outcome.failure = error
            return outcome
        }
        if let failure { throw failure }
        let text = WholeText(scalars: rest.scalars, map: rest.map, base: rest.base)
        while let batch = windows.next(in: text) {
            guard deliverWindow(batch) else { break }
        }
        if let failure { throw failure }
        outcome.warnings = windows.warnings
        return outcome
    }
}

extension WindowedExtractor {
    /// Records of a document given in memory (a `--jsonl-in` line's text or HTML) as `extract`
    /// gives them for a file of exactly these bytes: nil when it is no larger than a window (the
    /// caller loads it whole as ever); plain text over a window is written to an unlinked
    /// temporary file and read in windows (`bytes` is emptied once it is written, so it is not
    /// held as well), anything else read as ``extract(bytes:uri:deliver:)`` reads it.
    public func extract<Failure: Error>(
        document bytes: inout [UInt8], uri: String, deliver: ([ClaimRecord]) throws(Failure) -> Void
    ) throws(Failure) -> Outcome? {
        guard bytes.count > windowBytes else { return nil }
        guard bytes.count <= pipeline.loader.maxBytes,
            let encoding = pipeline.loader.windowEncoding(head: Array(bytes.prefix(DocumentLoader.headLength)), uri: uri)
        else { return try extract(bytes: bytes, uri: uri, deliver: deliver) }
        let file: WindowFile
        do throws(LoadError) {
            file = try WindowFile.spooling(bytes, name: uri)
        } catch {
            return Outcome(failure: error)
        }
        bytes = []
        return try extract(file: file, encoding: encoding, deliver: deliver)
    }
}

/// Scalars of a text from `base` on, with the raw byte range of each: all of a text loaded
/// whole, or what a page rendered as it is parsed has not forgotten yet.
struct WholeText {
    let scalars: [Unicode.Scalar]
    let map: OffsetMap
    let base: Int
}

/// Windows of a text held in memory, in scalars: the same cuts and placement as a file's
/// windows, with the text itself as the source of context beyond a window's edges.
private struct LoadedWindows {
    /// What the windows share: the document's name, bytes, metadata, excluded regions and
    /// quotation hints (in the whole text's scalars); its scalars are not read.
    let page: LoadedText
    /// Scalars of the whole text.
    let size: Int
    let reader: Pipeline
    let extractor: WindowedExtractor
    let document: DocumentReference
    private(set) var ownStart = 0
    private(set) var contextStart = 0
    var warnings: [String] = []

    init(text: LoadedText, reader: Pipeline, extractor: WindowedExtractor) {
        self.init(page: text, size: text.count, document: RecordFactory(loaded: text).document, reader: reader, extractor: extractor)
    }

    init(page: LoadedText, size: Int, document: DocumentReference, reader: Pipeline, extractor: WindowedExtractor) {
        self.page = page
        self.size = size
        self.document = document
        self.reader = reader
        self.extractor = extractor
    }

    /// The records of the next window, or nil after the last. `text` holds the window with
    /// its context and lookahead, and the scalars around them that records' context reads.
    mutating func next(in text: WholeText) -> [ClaimRecord]? {
        guard ownStart < size else { return nil }
        let cuts = Cuts(text: ScalarCutText(scalars: text.scalars, offset: text.base))
        let (ownEnd, lookEnd) = cuts.window(from: ownStart, of: size, extractor: extractor)
        let base = contextStart
        let (window, byteBase) = slice(base..<lookEnd, of: text)
        var skipped: [BudgetExceeded] = []
        let found = reader.records(forSupported: window, budgetExceeded: &skipped)
        let (scalars, offset, size) = (text.scalars, text.base, size)
        let placement = Placement(
            scalarBase: base, byteBase: byteBase, count: window.count, document: document,
            before: { count in scalars[max(offset, base - count) - offset..<base - offset] },
            after: { count in scalars[lookEnd - offset..<min(size, lookEnd + count, offset + scalars.count) - offset] }
        )
        let own = (ownStart - base)..<(ownEnd - base)
        // Context comes from the text in memory: placing cannot fail.
        guard let placed = try? placement.placing(found, skipped: skipped, own: own, uri: page.uri) else { return [] }
        warnings += placed.warnings
        contextStart = cuts.start(from: max(0, ownEnd - extractor.contextBytes), before: ownEnd)
        ownStart = ownEnd
        return placed.records
    }

    /// The text of `range` as a document of its own: its scalars, the raw bytes they come from
    /// (offsets relative to the first, returned), and the excluded regions and quotation hints
    /// within it.
    private func slice(_ range: Range<Int>, of text: WholeText) -> (LoadedText, byteBase: Int) {
        let local = (range.lowerBound - text.base)..<(range.upperBound - text.base)
        var low = Int.max
        var high = 0
        text.map.forEachRange(in: local) { start, end in
            low = min(low, start)
            high = max(high, end)
        }
        low = min(low, high)
        var windowMap = OffsetMap(rawByteCount: high - low, capacity: range.count)
        text.map.forEachRange(in: local) { start, end in windowMap.append(start: start - low, end: end - low) }
        func clipped(_ span: ScalarRange) -> ScalarRange? {
            let start = max(span.start, range.lowerBound)
            let end = min(span.end, range.upperBound)
            return start < end || (span.start == span.end && range.contains(span.start))
                ? ScalarRange(start: start - range.lowerBound, end: end - range.lowerBound) : nil
        }
        let window = LoadedText(
            uri: page.uri, media: page.media, rawBytes: Array(page.rawBytes[low..<high]), scalars: Array(text.scalars[local]),
            offsetMap: windowMap,
            excluded: page.excluded.compactMap { region in clipped(region.range).map { ExcludedRegion(range: $0, rule: region.rule) } },
            quoteHints: page.quoteHints.compactMap { hint in clipped(hint.range).map { QuoteHint(range: $0, element: hint.element) } },
            metadata: page.metadata
        )
        return (window, low)
    }
}

/// The second pass: one window per ``next()``.
private struct Windows {
    let file: WindowFile
    let encoding: TextWindowEncoding
    let extractor: WindowedExtractor
    /// What records and messages call the file.
    var uri: String { file.name }
    let document: DocumentReference
    /// The pack chosen from the first window, as a whole document chooses it from its text.
    var reader: Pipeline?
    /// File offset where the next window's own part starts, and where its context starts.
    var ownStart = 0
    var contextStart = 0
    /// Scalars of the whole text before `contextStart`.
    var contextStartScalar = 0
    var warnings: [String] = []
    var notice: String?

    init(file: WindowFile, encoding: TextWindowEncoding, extractor: WindowedExtractor) throws(LoadError) {
        self.file = file
        self.encoding = encoding
        self.extractor = extractor
        guard file.size > 0 else { throw .empty(uri: file.name) }
        guard file.size <= extractor.pipeline.loader.maxBytes else {
            throw .tooLarge(uri: file.name, size: file.size, limit: extractor.pipeline.loader.maxBytes)
        }
        let (sha256, textSha256) = try Self.hashes(of: file, encoding: encoding)
        document = DocumentReference(uri: file.name, media: MediaType.plainText.rawValue, sha256: sha256, textSha256: textSha256)
    }

    /// The file's and its text's SHA-256, hashed slice by slice.
    static func hashes(of file: WindowFile, encoding: TextWindowEncoding) throws(LoadError) -> (String, String) {
        var fileHash = SHA256()
        var textHash = SHA256()
        var offset = 0
        while offset < file.size {
            var slice = try file.read(at: offset, count: min(1 << 20, file.size - offset))
            // Decoding stops before a scalar boundary so no sequence is split between slices.
            if offset + slice.count < file.size,
                let cut = stride(from: (slice.count - 1) / encoding.unitWidth * encoding.unitWidth, to: 0, by: -encoding.unitWidth)
                    .first(where: { encoding.isBoundary(slice, at: $0) })
            {
                slice.removeSubrange(cut...)
            }
            fileHash.update(data: slice)
            let mark = offset == 0 ? encoding.markLength(atStartOf: slice) : 0
            textHash.update(data: encoding.decodedUTF8(of: slice, from: mark))
            offset += slice.count
        }
        return (Hashing.hexString(fileHash.finalize()), Hashing.hexString(textHash.finalize()))
    }

    /// The records of the next window, or nil after the last.
    mutating func next() throws(LoadError) -> [ClaimRecord]? {
        guard ownStart < file.size, notice == nil else { return nil }
        let size = file.size
        let unit = encoding.unitWidth
        let readEnd = min(size, ownStart + extractor.windowBytes + extractor.lookaheadBytes + unit)
        var bytes = try file.read(at: contextStart, count: readEnd - contextStart)
        let cuts = Cuts(bytes: bytes, base: contextStart, encoding: encoding)
        let (ownEnd, lookEnd) = cuts.window(from: ownStart, of: size, extractor: extractor)
        let base = contextStart
        bytes.removeSubrange((lookEnd - base)...)

        var loaded = (reader ?? extractor.pipeline).loader.loadWindow(bytes: bytes, encoding: encoding, atFileStart: base == 0, uri: uri)
        if reader == nil {
            switch extractor.pipeline.reading(loaded) {
            case let .skip(language):
                notice = Pipeline.skipNotice(uri: uri, language: language, rulePacks: extractor.pipeline.rulePacks)
                return nil
            case let .read(chosen, text):
                (reader, loaded) = (chosen, text)
            }
        }
        guard let reader else { return nil }
        let own = Self.scalarIndex(atByte: ownStart - base, in: loaded)..<Self.scalarIndex(atByte: ownEnd - base, in: loaded)
        var skipped: [BudgetExceeded] = []
        let found = reader.records(forSupported: loaded, budgetExceeded: &skipped)
        let (file, encoding) = (file, encoding)
        let window = Placement(
            scalarBase: contextStartScalar, byteBase: base, count: loaded.count, document: document,
            before: { (count) throws(LoadError) in base == 0 ? [] : try file.scalars(endingAt: base, count: count, encoding: encoding) },
            after: { (count) throws(LoadError) in lookEnd == size ? [] : try file.scalars(startingAt: lookEnd, count: count, encoding: encoding) }
        )
        let placed = try window.placing(found, skipped: skipped, own: own, uri: uri)
        warnings += placed.warnings

        // The next window's context: from the first paragraph start within contextBytes of its own part.
        let nextContext = cuts.start(from: max(base, ownEnd - extractor.contextBytes), before: ownEnd)
        contextStartScalar += Self.scalarIndex(atByte: nextContext - base, in: loaded)
        contextStart = nextContext
        ownStart = ownEnd
        return placed.records
    }

    /// The first scalar whose bytes start at or after `byte` (the count at the end).
    static func scalarIndex(atByte byte: Int, in loaded: LoadedText) -> Int {
        var (low, high) = (0, loaded.count)
        while low < high {
            let middle = (low + high) / 2
            if loaded.offsetMap.bytes(ofScalar: middle).start < byte { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

/// Moves a window's record into the whole document's coordinates.
private struct Placement {
    let scalarBase: Int
    let byteBase: Int
    /// Scalars the window loaded.
    let count: Int
    let document: DocumentReference
    /// Up to so many scalars of the text just before the window (none at the text's start) and
    /// just after it (none at its end): context the window's edges cut short.
    let before: (Int) throws(LoadError) -> ArraySlice<Unicode.Scalar>
    let after: (Int) throws(LoadError) -> ArraySlice<Unicode.Scalar>

    /// The records and budget warnings of the window's own part (`own`, in the window's scalars),
    /// placed in the whole document; those of its context and lookahead belong to other windows.
    func placing(
        _ found: [ClaimRecord], skipped: [BudgetExceeded], own: Range<Int>, uri: String
    ) throws(LoadError) -> (records: [ClaimRecord], warnings: [String]) {
        var records: [ClaimRecord] = []
        for record in found where own.contains(record.quote.start) {
            records.append(try place(record))
        }
        let warnings = skipped.filter { own.contains($0.sentenceStart) }.map { exceeded in
            var placed = exceeded
            placed.sentenceStart += scalarBase
            return "\(uri): \(placed)"
        }
        return (records, warnings)
    }

    func place(_ record: ClaimRecord) throws(LoadError) -> ClaimRecord {
        var placed = record
        let context = RecordFactory.contextLength
        if record.quote.start < context {
            placed.quote.prefix = String(scalars: try before(context - record.quote.start)) + record.quote.prefix
        }
        if record.quote.end + context > count {
            // The suffix already runs to the window's end.
            placed.quote.suffix = record.quote.suffix + String(scalars: try after(record.quote.end + context - count))
        }
        placed.quote.start += scalarBase
        placed.quote.end += scalarBase
        placed.quote.sourceBytes = shift(record.quote.sourceBytes)
        placed.quote.parts = record.quote.parts?.map { part in
            var part = part
            part.start += scalarBase
            part.end += scalarBase
            part.sourceBytes = shift(part.sourceBytes)
            return part
        }
        placed.cue = record.cue.map(shift)
        if var speaker = record.speaker {
            speaker.mention = speaker.mention.map(shift)
            speaker.chain = speaker.chain?.map { ChainLink(text: $0.text, start: $0.start + scalarBase, end: $0.end + scalarBase) }
            placed.speaker = speaker
        }
        placed.document = document
        placed.id = Hashing.recordID(documentSHA256: document.sha256, range: placed.quote.range)
        return placed
    }

    private func shift(_ range: ByteRange) -> ByteRange {
        ByteRange(start: range.start + byteBase, end: range.end + byteBase)
    }

    private func shift(_ mention: Mention) -> Mention {
        var mention = mention
        mention.start += scalarBase
        mention.end += scalarBase
        mention.sourceBytes = shift(mention.sourceBytes)
        return mention
    }
}

/// Text a window can be cut in, addressed by positions (file offsets, or scalar indices of a
/// text held in memory) that run from `base`.
protocol CutText {
    /// The first position held.
    var base: Int { get }
    /// Every cut falls on a multiple of it (a code unit).
    var unit: Int { get }
    /// The scalar just before `position`, with the position it starts at.
    func scalar(before position: Int) -> (scalar: Unicode.Scalar, start: Int)?
    /// Whether a window may start at `position` (a scalar starts there).
    func isBoundary(_ position: Int) -> Bool
}

/// Bytes read from file offset `base`, in a text encoding.
struct EncodedCutText: CutText {
    let bytes: [UInt8]
    let base: Int
    let encoding: TextWindowEncoding

    var unit: Int { encoding.unitWidth }

    func scalar(before position: Int) -> (scalar: Unicode.Scalar, start: Int)? {
        encoding.scalar(bytes, endingAt: position - base).map { ($0.scalar, $0.start + base) }
    }

    func isBoundary(_ position: Int) -> Bool {
        position - base >= bytes.count || encoding.isBoundary(bytes, at: position - base)
    }
}

/// Scalars of a text held in memory from scalar `offset` on; positions are scalar indices of
/// the whole text, which starts at 0.
struct ScalarCutText: CutText {
    let scalars: [Unicode.Scalar]
    var offset = 0
    var base: Int { 0 }
    var unit: Int { 1 }

    func scalar(before position: Int) -> (scalar: Unicode.Scalar, start: Int)? {
        let index = position - offset
        return index > 0 && index <= scalars.count ? (scalars[index - 1], position - 1) : nil
    }

    func isBoundary(_ position: Int) -> Bool { true }
}

/// Where windows are cut. Every cut falls on a code unit that starts a scalar.
struct Cuts<Text: CutText> {
    let text: Text

    private var base: Int { text.base }

    private func scalar(before position: Int) -> (scalar: Unicode.Scalar, start: Int)? { text.scalar(before: position) }

    private func isNewline(before position: Int) -> Bool { scalar(before: position)?.scalar == "\n" }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\r" || scalar == "\u{0B}" || scalar == "\u{0C}"
    }

    private func isSpace(before position: Int) -> Bool { scalar(before: position).map { Self.isSpace($0.scalar) } ?? false }

    /// Whether the whitespace just before `position` follows a sentence end: `.`, `!` or `?`,
    /// perhaps closed by up to two quotation marks or brackets (`"` `'` `)` `]` `”` `’` `»`).
    private func followsSentenceEnd(_ position: Int) -> Bool {
        guard var previous = scalar(before: position), Self.isSpace(previous.scalar) else { return false }
        for _ in 0..<2 {
            guard let closer = scalar(before: previous.start), ["\"", "'", ")", "]", "\u{201D}", "\u{2019}", "\u{BB}"].contains(closer.scalar) else { break }
            previous = closer
        }
        guard let end = scalar(before: previous.start) else { return false }
        return end.scalar == "." || end.scalar == "!" || end.scalar == "?"
    }

    private func isBoundary(_ position: Int) -> Bool { text.isBoundary(position) }

    /// Positions from `upper` down to `lower` (both aligned to a code unit), last first.
    private func positions(from upper: Int, downTo lower: Int) -> StrideThrough<Int> {
        let unit = text.unit
        return stride(from: upper / unit * unit, through: (lower + unit - 1) / unit * unit, by: -unit)
    }

    /// Where the window whose own part starts at `ownStart` ends, and its lookahead, in a text
    /// of `size` positions: at the end when the rest fits one window.
    func window(from ownStart: Int, of size: Int, extractor: WindowedExtractor) -> (ownEnd: Int, lookEnd: Int) {
        guard ownStart + extractor.windowBytes < size else { return (size, size) }
        let ownEnd = end(after: ownStart, upTo: ownStart + extractor.windowBytes)
        let lookEnd = ownEnd + extractor.lookaheadBytes >= size
            ? size : end(after: ownEnd, upTo: ownEnd + extractor.lookaheadBytes, orAt: ownEnd)
        return (ownEnd, lookEnd)
    }

    /// Where a window (or its lookahead) ending at most at `upper` ends: in the second half of
    /// `lower ... upper`, after the last line break, else after whitespace ending a sentence,
    /// else after any whitespace, else at the last scalar boundary (a "word" longer than half a
    /// window). Always after `lower`; `orAt` is returned when the range holds no boundary at all.
    func end(after lower: Int, upTo upper: Int, orAt fallback: Int? = nil) -> Int {
        let middle = lower + max(1, (upper - lower) / 2)
        let candidates = positions(from: upper, downTo: middle)
        if let p = candidates.first(where: isNewline(before:)) { return p }
        if let p = candidates.first(where: followsSentenceEnd) { return p }
        if let p = candidates.first(where: isSpace(before:)) { return p }
        if let p = positions(from: upper, downTo: lower + 1).first(where: isBoundary) { return p }
        return fallback ?? upper
    }

    /// Where a context starting at least at `lower` and before `upper` begins: at the first
    /// paragraph start, else sentence start, else word start, else scalar boundary; `upper`
    /// (no context) when there is none. `base` itself is a start (an earlier cut).
    func start(from lower: Int, before upper: Int) -> Int {
        let candidates = positions(from: upper - 1, downTo: lower).reversed()
        if let p = candidates.first(where: { $0 == base || isNewline(before: $0) }) { return p }
        if let p = candidates.first(where: followsSentenceEnd) { return p }
        if let p = candidates.first(where: isSpace(before:)) { return p }
        return candidates.first(where: isBoundary) ?? upper
    }
}

extension Cuts where Text == EncodedCutText {
    /// Cuts in `bytes` read from file offset `base`.
    init(bytes: [UInt8], base: Int, encoding: TextWindowEncoding) {
        self.init(text: EncodedCutText(bytes: bytes, base: base, encoding: encoding))
    }
}

/// A file read at offsets (`pread`), closed when the last copy goes.
final class WindowFile {
    let descriptor: Int32
    /// What errors and records call it: its path, or `-` for standard input.
    let name: String
    let size: Int

    convenience init(path: String) throws(LoadError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            switch errno {
            case ENOENT, ENOTDIR: throw .notFound(uri: path)
            default: throw .unreadable(uri: path, reason: String(cString: strerror(errno)))
            }
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            throw .notRegularFile(uri: path)
        }
        self.init(descriptor: descriptor, name: path, size: Int(status.st_size))
    }

    /// Takes over `descriptor` (closed with the file).
    fileprivate init(descriptor: Int32, name: String, size: Int) {
        self.descriptor = descriptor
        self.name = name
        self.size = size
    }

    deinit { close(descriptor) }

    enum Spooled {
        case small([UInt8])
        case file(WindowFile)
    }

    /// What `input` (standard input) holds: its bytes when they are at most `keepingAtMost`, else
    /// a file of them. A regular file at its start is read in place; anything else (a pipe) is
    /// copied to a temporary file that is unlinked as soon as it is created.
    static func spooling(_ input: Int32, name: String, keepingAtMost limit: Int, maxBytes: Int) throws(LoadError) -> Spooled {
        var status = stat()
        if fstat(input, &status) == 0, status.st_mode & S_IFMT == S_IFREG, lseek(input, 0, SEEK_CUR) == 0, Int(status.st_size) > limit {
            guard Int(status.st_size) <= maxBytes else { throw .tooLarge(uri: name, size: Int(status.st_size), limit: maxBytes) }
            let copy = dup(input)
            guard copy >= 0 else { throw .unreadable(uri: name, reason: String(cString: strerror(errno))) }
            return .file(WindowFile(descriptor: copy, name: name, size: Int(status.st_size)))
        }
        let head = try readUpTo(limit + 1, from: input, name: name)
        guard head.count > limit else { return .small(head) }
        let spool = try Spool(for: name)
        var size = 0
        var chunk = head
        while !chunk.isEmpty {
            size += chunk.count
            guard size <= maxBytes else { throw .tooLarge(uri: name, size: nil, limit: maxBytes) }
            try spool.write(chunk)
            chunk = try readUpTo(1 << 20, from: input, name: name)
        }
        return .file(try spool.file(size: size))
    }

    /// `bytes` in an unlinked temporary file, read as the file named `name`.
    static func spooling(_ bytes: [UInt8], name: String) throws(LoadError) -> WindowFile {
        let spool = try Spool(for: name)
        try spool.write(bytes)
        return try spool.file(size: bytes.count)
    }

    /// Up to `count` bytes from `input`, fewer only at its end.
    private static func readUpTo(_ count: Int, from input: Int32, name: String) throws(LoadError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        var failure: Int32?
        bytes.withUnsafeMutableBytes { buffer in
            while done < count, let address = buffer.baseAddress {
                let got = Foundation.read(input, address + done, count - done)
                if got < 0, errno == EINTR { continue }
                if got < 0 { failure = errno; return }
                if got == 0 { return }
                done += got
            }
        }
        if let failure { throw .unreadable(uri: name, reason: String(cString: strerror(failure))) }
        bytes.removeSubrange(done...)
        return bytes
    }

    /// Exactly `count` bytes from `offset`; a file that shrank since it was opened is an error.
    func read(at offset: Int, count: Int) throws(LoadError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        var failure: Int32?
        bytes.withUnsafeMutableBytes { buffer in
            while done < count, let address = buffer.baseAddress {
                let got = pread(descriptor, address + done, count - done, off_t(offset + done))
                if got < 0, errno == EINTR { continue }
                if got < 0 { failure = errno; return }
                if got == 0 { return }
                done += got
            }
        }
        if let failure { throw .unreadable(uri: name, reason: String(cString: strerror(failure))) }
        guard done == count else { throw .unreadable(uri: name, reason: "the file shrank while it was read (byte \(offset + done))") }
        return bytes
    }

    /// Up to `count` scalars of the text just before file offset `end` (a scalar boundary).
    func scalars(endingAt end: Int, count: Int, encoding: TextWindowEncoding) throws(LoadError) -> ArraySlice<Unicode.Scalar> {
        let unit = encoding.unitWidth
        let start = max(0, end - 4 * count - 4) / unit * unit
        let bytes = try read(at: start, count: end - start)
        var from = start == 0 ? encoding.markLength(atStartOf: bytes) : 0
        if start > 0 {
            from = stride(from: 0, to: bytes.count, by: unit).first { encoding.isBoundary(bytes, at: $0) } ?? bytes.count
        }
        return encoding.decode(bytes, from: from).scalars.suffix(count)
    }

    /// Up to `count` scalars of the text from file offset `start` (a scalar boundary).
    func scalars(startingAt start: Int, count: Int, encoding: TextWindowEncoding) throws(LoadError) -> ArraySlice<Unicode.Scalar> {
        let unit = encoding.unitWidth
        var bytes = try read(at: start, count: min(size - start, (4 * count + 4) / unit * unit + unit))
        if start + bytes.count < size,
            let last = stride(from: (bytes.count - 1) / unit * unit, to: 0, by: -unit).first(where: { encoding.isBoundary(bytes, at: $0) })
        {
            bytes.removeSubrange(last...)
        }
        return encoding.decode(bytes, from: 0).scalars.prefix(count)
    }
}

/// A new file in the temporary directory (`$TMPDIR`), unlinked as soon as it is created so that
/// nothing is left behind however the run ends; closed when the last copy goes.
private final class Spool {
    let descriptor: Int32
    let name: String
    let directory: String

    init(for name: String) throws(LoadError) {
        self.name = name
        directory = FileManager.default.temporaryDirectory.path
        var template = Array("\(directory)/quotecheck-stdin-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemp($0) } ?? -1 }
        guard descriptor >= 0 else {
            throw .unreadable(uri: name, reason: "could not create a temporary file in \(directory) to read it in windows: \(String(cString: strerror(errno)))")
        }
        template.withUnsafeBufferPointer { buffer in _ = buffer.baseAddress.map { unlink($0) } }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// The spool as a file of `size` bytes to read at offsets (a descriptor of its own).
    func file(size: Int) throws(LoadError) -> WindowFile {
        let copy = dup(descriptor)
        guard copy >= 0 else { throw .unreadable(uri: name, reason: String(cString: strerror(errno))) }
        return WindowFile(descriptor: copy, name: name, size: size)
    }

    func write(_ bytes: [UInt8]) throws(LoadError) {
        var done = 0
        var failure: Int32?
        bytes.withUnsafeBytes { buffer in
            while done < bytes.count, let address = buffer.baseAddress {
                let wrote = Foundation.write(descriptor, address + done, bytes.count - done)
                if wrote < 0, errno == EINTR { continue }
                if wrote < 0 { failure = errno; return }
                done += wrote
            }
        }
        if let failure {
            throw .unreadable(uri: name, reason: "could not spool it to a temporary file in \(directory): \(String(cString: strerror(failure)))")
        }
    }
}
