import Crypto
import Foundation

/// Extracts records from a huge UTF-8 text file a window at a time, so memory stays flat
/// (about what one window costs) however large the file is (docs/limits.md).
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
    /// the loader's `maxBytes`, which still applies) that the loader reads as UTF-8 plain text.
    /// Everything else (HTML, UTF-16/32, binary, pipes, ordinary sizes) is loaded whole as before.
    public func readsInWindows(path: String) -> Bool {
        // One stat for the size first: every ordinary document passes through here, and opening
        // each one only to find it small would cost a corpus run measurable time.
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG, Int(status.st_size) > windowBytes else { return false }
        guard let file = try? WindowFile(path: path), file.size > windowBytes, file.size <= pipeline.loader.maxBytes,
            let head = try? file.read(at: 0, count: min(file.size, DocumentLoader.headLength))
        else { return false }
        return pipeline.loader.loadsAsUTF8Text(head: head, uri: path)
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
    }

    /// Reads `path` in windows and hands each window's records to `deliver`, in text order.
    /// A read error ends the file (``Outcome/failure``); an error `deliver` throws ends it too
    /// and is rethrown.
    public func extract<Failure: Error>(path: String, deliver: ([ClaimRecord]) throws(Failure) -> Void) throws(Failure) -> Outcome {
        var outcome = Outcome()
        var windows: Windows
        do throws(LoadError) {
            windows = try Windows(path: path, extractor: self)
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

/// The second pass: one window per ``next()``.
private struct Windows {
    let file: WindowFile
    let extractor: WindowedExtractor
    let path: String
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

    init(path: String, extractor: WindowedExtractor) throws(LoadError) {
        self.path = path
        self.extractor = extractor
        file = try WindowFile(path: path)
        guard file.size > 0 else { throw .empty(uri: path) }
        guard file.size <= extractor.pipeline.loader.maxBytes else {
            throw .tooLarge(uri: path, size: file.size, limit: extractor.pipeline.loader.maxBytes)
        }
        let (sha256, textSha256) = try Self.hashes(of: file, path: path)
        document = DocumentReference(uri: path, media: MediaType.plainText.rawValue, sha256: sha256, textSha256: textSha256)
    }

    /// The file's and its text's SHA-256, hashed slice by slice.
    static func hashes(of file: WindowFile, path: String) throws(LoadError) -> (String, String) {
        var fileHash = SHA256()
        var textHash = SHA256()
        var offset = 0
        while offset < file.size {
            var slice = try file.read(at: offset, count: min(1 << 20, file.size - offset))
            // Decoding stops before a scalar boundary so no sequence is split between slices.
            if offset + slice.count < file.size, let cut = slice.indices.dropFirst().last(where: { TextWindowBytes.isScalarBoundary(slice[$0]) }) {
                slice.removeSubrange(cut...)
            }
            fileHash.update(data: slice)
            let bom = offset == 0 && slice.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            textHash.update(data: TextWindowBytes.decodedUTF8(of: slice, from: bom))
            offset += slice.count
        }
        func hex(_ digest: SHA256.Digest) -> String { digest.map { String(format: "%02x", $0) }.joined() }
        return (hex(fileHash.finalize()), hex(textHash.finalize()))
    }

    /// The records of the next window, or nil after the last.
    mutating func next() throws(LoadError) -> [ClaimRecord]? {
        guard ownStart < file.size, notice == nil else { return nil }
        let size = file.size
        let readEnd = min(size, ownStart + extractor.windowBytes + extractor.lookaheadBytes + 1)
        var bytes = try file.read(at: contextStart, count: readEnd - contextStart)
        let base = contextStart
        let ownEnd: Int
        let lookEnd: Int
        if ownStart + extractor.windowBytes >= size {
            (ownEnd, lookEnd) = (size, size)
        } else {
            ownEnd = Cuts.end(in: bytes, base: base, after: ownStart, upTo: ownStart + extractor.windowBytes)
            lookEnd = ownEnd + extractor.lookaheadBytes >= size
                ? size : Cuts.end(in: bytes, base: base, after: ownEnd, upTo: ownEnd + extractor.lookaheadBytes, orAt: ownEnd)
        }
        bytes.removeSubrange((lookEnd - base)...)

        var loaded = (reader ?? extractor.pipeline).loader.loadUTF8Window(bytes: bytes, atFileStart: base == 0, uri: path)
        if reader == nil {
            switch extractor.pipeline.reading(loaded) {
            case let .skip(language):
                notice = Pipeline.skipNotice(uri: path, language: language, rulePacks: extractor.pipeline.rulePacks)
                return nil
            case let .read(chosen, text):
                (reader, loaded) = (chosen, text)
            }
        }
        guard let reader else { return nil }
        let own = Self.scalarIndex(atByte: ownStart - base, in: loaded)..<Self.scalarIndex(atByte: ownEnd - base, in: loaded)
        var skipped: [BudgetExceeded] = []
        let found = reader.records(forSupported: loaded, budgetExceeded: &skipped)
        let window = Placement(
            scalarBase: contextStartScalar, byteBase: base, count: loaded.count, byteEnd: lookEnd, endsFile: lookEnd == size,
            document: document
        )
        var records: [ClaimRecord] = []
        for record in found where own.contains(record.quote.start) {
            records.append(try window.place(record, file: file))
        }
        for exceeded in skipped where own.contains(exceeded.sentenceStart) {
            var placed = exceeded
            placed.sentenceStart += contextStartScalar
            warnings.append("\(path): \(placed)")
        }

        // The next window's context: from the first paragraph start within contextBytes of its own part.
        let nextContext = Cuts.start(in: bytes, base: base, from: max(base, ownEnd - extractor.contextBytes), before: ownEnd)
        contextStartScalar += Self.scalarIndex(atByte: nextContext - base, in: loaded)
        contextStart = nextContext
        ownStart = ownEnd
        return records
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

/// Moves a window's record into the whole file's coordinates.
private struct Placement {
    let scalarBase: Int
    let byteBase: Int
    /// Scalars the window loaded, and the file offset where its bytes end.
    let count: Int
    let byteEnd: Int
    let endsFile: Bool
    let document: DocumentReference

    func place(_ record: ClaimRecord, file: WindowFile) throws(LoadError) -> ClaimRecord {
        var placed = record
        let context = RecordFactory.contextLength
        // Context cut short by the window's edges is completed from the file.
        if record.quote.start < context, byteBase > 0 {
            let before = try file.scalars(endingAt: byteBase, count: context - record.quote.start)
            placed.quote.prefix = String(scalars: before) + record.quote.prefix
        }
        if record.quote.end + context > count, !endsFile {
            // The suffix already runs to the window's end.
            let after = try file.scalars(startingAt: byteEnd, count: record.quote.end + context - count)
            placed.quote.suffix = record.quote.suffix + String(scalars: after)
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

/// Where windows are cut, in file offsets, searching bytes read from file offset `base`.
enum Cuts {
    private static let newline = UInt8(ascii: "\n")

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0B || byte == 0x0C }

    /// Whether the whitespace byte at `index` follows a sentence end: `.`, `!` or `?`, perhaps
    /// closed by up to two quotation marks or brackets (ASCII, `”`, `’`, `»`).
    static func followsSentenceEnd(_ bytes: [UInt8], _ index: Int) -> Bool {
        var position = index - 1
        for _ in 0..<2 {
            guard position >= 0 else { return false }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: ")") || byte == UInt8(ascii: "]") {
                position -= 1
            } else if byte == 0x9D || byte == 0x99, position >= 2, bytes[position - 2] == 0xE2, bytes[position - 1] == 0x80 {
                position -= 3
            } else if byte == 0xBB, position >= 1, bytes[position - 1] == 0xC2 {
                position -= 2
            }
        }
        guard position >= 0 else { return false }
        return [UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?")].contains(bytes[position])
    }

    /// Where a window (or its lookahead) ending at most at `upper` ends: in the second half of
    /// `lower ... upper`, after the last line break, else after whitespace ending a sentence,
    /// else after any whitespace, else at the last scalar boundary (a "word" longer than half a
    /// window). Always after `lower`; `orAt` is returned when the range holds no boundary at all.
    static func end(in bytes: [UInt8], base: Int, after lower: Int, upTo upper: Int, orAt fallback: Int? = nil) -> Int {
        let middle = lower + max(1, (upper - lower) / 2)
        // Candidate p: the window holds bytes before p; bytes[p - 1] is the last one.
        let candidates = stride(from: upper, through: middle, by: -1)
        if let p = candidates.first(where: { bytes[$0 - 1 - base] == newline }) { return p }
        if let p = candidates.first(where: { isSpace(bytes[$0 - 1 - base]) && followsSentenceEnd(bytes, $0 - 1 - base) }) { return p }
        if let p = candidates.first(where: { isSpace(bytes[$0 - 1 - base]) }) { return p }
        if let p = stride(from: upper, to: lower, by: -1).first(where: { TextWindowBytes.isScalarBoundary(bytes[$0 - base]) }) { return p }
        return fallback ?? upper
    }

    /// Where a context starting at least at `lower` and before `upper` begins: at the first
    /// paragraph start, else sentence start, else word start, else scalar boundary; `upper`
    /// (no context) when there is none. `base` itself is a start (an earlier cut).
    static func start(in bytes: [UInt8], base: Int, from lower: Int, before upper: Int) -> Int {
        let candidates = stride(from: lower, to: upper, by: 1)
        if let p = candidates.first(where: { $0 == base || bytes[$0 - 1 - base] == newline }) { return p }
        if let p = candidates.first(where: { isSpace(bytes[$0 - 1 - base]) && followsSentenceEnd(bytes, $0 - 1 - base) }) { return p }
        if let p = candidates.first(where: { isSpace(bytes[$0 - 1 - base]) }) { return p }
        return candidates.first(where: { TextWindowBytes.isScalarBoundary(bytes[$0 - base]) }) ?? upper
    }
}

/// A file read at offsets (`pread`), closed when the last copy goes.
private final class WindowFile {
    let descriptor: Int32
    let path: String
    let size: Int

    init(path: String) throws(LoadError) {
        self.path = path
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
        self.descriptor = descriptor
        self.size = Int(status.st_size)
    }

    deinit { close(descriptor) }

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
        if let failure { throw .unreadable(uri: path, reason: String(cString: strerror(failure))) }
        guard done == count else { throw .unreadable(uri: path, reason: "the file shrank while it was read (byte \(offset + done))") }
        return bytes
    }

    /// Up to `count` scalars of the text just before file offset `end` (a scalar boundary).
    func scalars(endingAt end: Int, count: Int) throws(LoadError) -> ArraySlice<Unicode.Scalar> {
        var start = max(0, end - 4 * count - 4)
        var bytes = try read(at: start, count: end - start)
        if start == 0, bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            bytes.removeFirst(3)
            start = 3
        } else if start > 0, let first = bytes.firstIndex(where: TextWindowBytes.isScalarBoundary) {
            bytes.removeFirst(first)
        }
        return TextWindowBytes.scalars(of: bytes).suffix(count)
    }

    /// Up to `count` scalars of the text from file offset `start` (a scalar boundary).
    func scalars(startingAt start: Int, count: Int) throws(LoadError) -> ArraySlice<Unicode.Scalar> {
        var bytes = try read(at: start, count: min(size - start, 4 * count + 4))
        if start + bytes.count < size, let last = bytes.indices.dropFirst().last(where: { TextWindowBytes.isScalarBoundary(bytes[$0]) }) {
            bytes.removeSubrange(last...)
        }
        return TextWindowBytes.scalars(of: bytes).prefix(count)
    }
}
