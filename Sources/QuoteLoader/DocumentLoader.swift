import Foundation
import QuoteCheckText
import QuoteRules

/// How to read an input.
public enum InputFormat: String, Sendable, CaseIterable {
    /// `.html`/`.htm`/`.xhtml` files and files that start like HTML are HTML; the rest is text.
    case auto
    case text
    case html
}

/// Reads files and hands them to the plain-text or HTML loader, then marks boilerplate.
public struct DocumentLoader: Sendable {
    public let format: InputFormat
    public let boilerplate: BoilerplateMarker
    public let html: HTMLLoader
    /// Documents larger than this are refused with ``LoadError/tooLarge(uri:size:limit:)``
    /// before they are read: memory use is a small multiple of the document size.
    public let maxBytes: Int

    /// 64 MiB: far above any article, well below what a loaded text costs in memory to fit.
    public static let defaultMaxBytes = 64 << 20

    public init(rules: RuleSet, format: InputFormat = .auto, maxBytes: Int = DocumentLoader.defaultMaxBytes) {
        self.format = format
        self.maxBytes = maxBytes
        self.boilerplate = BoilerplateMarker(rules: rules.boilerplate)
        self.html = HTMLLoader(rules: rules)
    }

    /// Reads and loads one file.
    public func load(path: String) throws(LoadError) -> LoadedText {
        try load(bytes: read(path: path), uri: path)
    }

    /// Reads a file within ``maxBytes``; a binary file is refused from its first 8 KiB, before
    /// the rest is read.
    public func read(path: String) throws(LoadError) -> [UInt8] {
        try Self.read(path: path, maxBytes: maxBytes) { head throws(LoadError) in try refuseBinary(head: head, uri: path) }
    }

    /// Throws the error ``load(bytes:uri:)`` would throw for a binary file, from its head alone.
    func refuseBinary(head: [UInt8], uri: String) throws(LoadError) {
        if Self.isHTML(bytes: head, uri: uri, format: format) {
            if let offset = HTMLLoader.binaryOffset(head) { throw .binary(uri: uri, byteOffset: offset) }
        } else if WideEncoding.detect(head) == nil, let offset = PlainTextLoader.firstNUL(in: head) {
            throw .binary(uri: uri, byteOffset: offset)
        }
    }

    /// Loads bytes already read; `uri` names them in records and errors.
    public func load(bytes: [UInt8], uri: String) throws(LoadError) -> LoadedText {
        guard bytes.count <= maxBytes else { throw .tooLarge(uri: uri, size: bytes.count, limit: maxBytes) }
        let loaded: LoadedText
        if Self.isHTML(bytes: bytes, uri: uri, format: format) {
            loaded = try html.load(bytes: bytes, uri: uri)
        } else {
            loaded = try PlainTextLoader().load(bytes: bytes, uri: uri)
        }
        return markingBoilerplate(loaded)
    }

    /// A page of `bytes` to be rendered as it is parsed (``HTMLPageStream``), for a big page
    /// whose text is not to be held whole; nil when the bytes are not read as HTML.
    ///
    /// - Throws: what ``load(bytes:uri:)`` throws for the same bytes, but for the text's own
    ///   rendering.
    public func htmlStream(bytes: [UInt8], uri: String) throws(LoadError) -> HTMLPageStream? {
        guard bytes.count <= maxBytes else { throw .tooLarge(uri: uri, size: bytes.count, limit: maxBytes) }
        guard Self.isHTML(bytes: bytes, uri: uri, format: format) else { return nil }
        return try HTMLPageStream(loader: html, bytes: bytes, uri: uri)
    }

    /// A page rendered whole from its stream, as ``load(bytes:uri:)`` loads it.
    public func load(_ page: RenderedPage, of stream: HTMLPageStream) -> LoadedText {
        markingBoilerplate(stream.loaded(page))
    }

    /// `loaded` with this pack's boilerplate lines added to its excluded regions, in text order.
    func markingBoilerplate(_ loaded: LoadedText) -> LoadedText {
        var marked = loaded
        marked.excluded.append(contentsOf: boilerplate.regions(in: marked.scalars))
        marked.excluded.sort { $0.range < $1.range }
        return marked
    }

    /// Reads a file of at most `maxBytes` bytes. A regular file's size is checked before any
    /// byte is read; anything else (a pipe, `/dev/stdin`) is read in chunks up to the limit.
    /// With `regularFileOnly` a FIFO, device or socket is refused without blocking on it.
    public static func read(
        path: String, maxBytes: Int = defaultMaxBytes, regularFileOnly: Bool = false,
        headCheck: (([UInt8]) throws(LoadError) -> Void)? = nil
    ) throws(LoadError) -> [UInt8] {
        // O_NONBLOCK: opening a FIFO with no writer would otherwise block before fstat can tell.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | (regularFileOnly ? O_NONBLOCK : 0))
        guard descriptor >= 0 else {
            switch errno {
            case ENOENT, ENOTDIR: throw .notFound(uri: path)
            case EISDIR: throw .isDirectory(uri: path)
            default: throw .unreadable(uri: path, reason: String(cString: strerror(errno)))
            }
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .unreadable(uri: path, reason: String(cString: strerror(errno))) }
        switch status.st_mode & S_IFMT {
        case S_IFDIR: throw .isDirectory(uri: path)
        case S_IFREG:
            let size = Int(status.st_size)
            guard size <= maxBytes else { throw .tooLarge(uri: path, size: size, limit: maxBytes) }
            return try readAll(descriptor, path: path, expected: size, maxBytes: maxBytes, headCheck: headCheck)
        default:
            guard !regularFileOnly else { throw .notRegularFile(uri: path) }
            return try readAll(descriptor, path: path, expected: 0, maxBytes: maxBytes, headCheck: headCheck)
        }
    }

    /// Reads to the end of `descriptor`, refusing more than `maxBytes`.
    /// `headCheck` sees the first ``headLength`` bytes (or all, when fewer) before more is read.
    static func readAll(
        _ descriptor: Int32, path: String, expected: Int, maxBytes: Int, headCheck: (([UInt8]) throws(LoadError) -> Void)?
    ) throws(LoadError) -> [UInt8] {
        var reader = ChunkReader(descriptor: descriptor, path: path, maxBytes: maxBytes, headCheck: headCheck)
        // A regular file's size is known: its bytes go straight into uninitialized room, one
        // byte over the size to see the end (zero-filling the room first cost 1–2 % of `extract`).
        var bytes = [UInt8](unsafeUninitializedCapacity: min(expected, maxBytes) + 1) { room, initialized in
            initialized = reader.fill(room, from: 0)
        }
        // A pipe, or a file that grew since fstat: the rest in chunks appended to what was read.
        while !reader.isDone {
            let before = bytes.count
            let want = min(ChunkReader.chunk, maxBytes + 1 - before)
            guard want > 0 else { break }
            bytes.append(contentsOf: repeatElement(0, count: want))
            let count = bytes.withUnsafeMutableBufferPointer { reader.fill(UnsafeMutableBufferPointer(rebasing: $0[before...]), from: before) }
            bytes.removeLast(want - count)
        }
        if let failure = reader.failure { throw failure }
        guard bytes.count <= maxBytes else { throw .tooLarge(uri: path, size: nil, limit: maxBytes) }
        return bytes

        /// Reads in chunks into the room it is given, running the head check once the head is in.
        struct ChunkReader {
            static let chunk = 1 << 16
            let descriptor: Int32
            let path: String
            let maxBytes: Int
            let headCheck: (([UInt8]) throws(LoadError) -> Void)?
            /// The first bytes, kept until the head check has run (the first room may be smaller
            /// than the head: a pipe's size is not known).
            private var head: [UInt8] = []
            private var headChecked: Bool
            /// End of file, an error, or one byte over the limit.
            private(set) var isDone = false
            private(set) var failure: LoadError?

            init(descriptor: Int32, path: String, maxBytes: Int, headCheck: (([UInt8]) throws(LoadError) -> Void)?) {
                (self.descriptor, self.path, self.maxBytes, self.headCheck) = (descriptor, path, maxBytes, headCheck)
                headChecked = headCheck == nil
            }

            /// Fills `room` (whose first byte is byte `offset` of the file) as far as the file
            /// goes; returns how many bytes it holds.
            mutating func fill(_ room: UnsafeMutableBufferPointer<UInt8>, from offset: Int) -> Int {
                guard let base = room.baseAddress else { return 0 }
                var filled = 0
                while !isDone, filled < room.count {
                    let want = min(Self.chunk, room.count - filled)
                    let count = Foundation.read(descriptor, base + filled, want)
                    if count < 0 {
                        if errno == EINTR { continue }
                        failure = .unreadable(uri: path, reason: String(cString: strerror(errno)))
                        isDone = true
                        break
                    }
                    if !headChecked, let headCheck {
                        head.append(contentsOf: UnsafeBufferPointer(start: base + filled, count: min(count, DocumentLoader.headLength - head.count)))
                        if count == 0 || head.count >= DocumentLoader.headLength {
                            headChecked = true
                            do throws(LoadError) { try headCheck(head) } catch {
                                failure = error
                                isDone = true
                            }
                            head = []
                        }
                    }
                    filled += count
                    if count == 0 || offset + filled > maxBytes { isDone = true }
                }
                return filled
            }
        }
    }

    /// What the binary sniff looks at.
    public static let headLength = 8192

    public static let htmlExtensions: Set<String> = ["html", "htm", "xhtml", "shtml"]
    public static let textExtensions: Set<String> = ["txt", "text"]

    static func isHTML(bytes: [UInt8], uri: String, format: InputFormat) -> Bool {
        switch format {
        case .html: return true
        case .text: return false
        case .auto:
            if hasExtension(uri, in: htmlExtensions) { return true }
            if hasExtension(uri, in: textExtensions) { return false }
            return looksLikeHTML(bytes)
        }
    }

    /// Whether the extension of `path`'s last component, in any case, is one of `extensions`
    /// (lower-case ASCII): `NSString.pathExtension` read from the UTF-8 without bridging, which
    /// was 2 % of plain-text `extract`. As there, trailing slashes are ignored, and a name whose
    /// only dot is its first character (`.html`) has no extension.
    static func hasExtension(_ path: String, in extensions: Set<String>) -> Bool {
        let slash = UInt8(ascii: "/")
        var name = path.utf8[...]
        while name.last == slash { name.removeLast() }
        if let lastSlash = name.lastIndex(of: slash) { name = name[name.index(after: lastSlash)...] }
        guard let dot = name.lastIndex(of: UInt8(ascii: ".")), dot != name.startIndex else { return false }
        // Only ASCII letters are folded: no other scalar lower-cases into one of the extensions.
        let lowered = name[name.index(after: dot)...].map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
        return extensions.contains(String(decoding: lowered, as: UTF8.self))
    }

    /// Sniffs the first bytes for `<!doctype html`, `<html`, `<head` or `<body`.
    static func looksLikeHTML(_ bytes: [UInt8]) -> Bool {
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        let head = String(decoding: bytes[index..<min(bytes.count, index + 15)], as: UTF8.self).lowercased()
        return ["<!doctype html", "<html", "<head", "<body", "<!--"].contains { head.hasPrefix($0) }
    }

    /// Expands files and directories into the documents to load, sorted; a directory contributes
    /// its `.txt` and `.html` files, recursively.
    /// - Throws: ``LoadError/notFound(uri:)`` for a missing path, ``LoadError/noDocuments(uri:)``
    ///   for a directory without documents.
    public static func expand(paths: [String]) throws(LoadError) -> [String] {
        var result: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw .notFound(uri: path) }
            guard isDirectory.boolValue else {
                result.append(path)
                continue
            }
            let found = files(below: path, extensions: htmlExtensions.union(textExtensions))
            guard !found.isEmpty else { throw .noDocuments(uri: path) }
            result.append(contentsOf: found)
        }
        return result
    }

    /// The files below `directory` whose extension (any case) is one of `extensions` (lower-case
    /// ASCII), in sorted path order: the one directory walk behind every command's inputs.
    public static func files(below directory: String, extensions: Set<String>) -> [String] {
        var found: [String] = []
        let walker = FileManager.default.enumerator(atPath: directory)
        while let relative = walker?.nextObject() as? String {
            guard hasExtension(relative, in: extensions) else { continue }
            found.append((directory as NSString).appendingPathComponent(relative))
        }
        return found.sorted()
    }
}
