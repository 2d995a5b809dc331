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
        var headChecked = headCheck == nil
        var bytes: [UInt8] = []
        bytes.reserveCapacity(expected + 1)
        let chunk = 1 << 16
        var failure: Int32?
        while failure == nil {
            let before = bytes.count
            // One byte over the limit is enough to know the file is too large.
            let want = min(chunk, maxBytes + 1 - before)
            guard want > 0 else { break }
            var count = 0
            bytes.append(contentsOf: repeatElement(0, count: want))
            bytes.withUnsafeMutableBufferPointer { buffer in
                count = Foundation.read(descriptor, buffer.baseAddress.map { $0 + before }, want)
                if count < 0 { failure = errno }
            }
            bytes.removeLast(want - max(count, 0))
            if count < 0, failure == EINTR { failure = nil; continue }
            if !headChecked, count == 0 || bytes.count >= headLength, let headCheck {
                headChecked = true
                try headCheck(Array(bytes.prefix(headLength)))
            }
            if count == 0 { break }
        }
        if let failure { throw .unreadable(uri: path, reason: String(cString: strerror(failure))) }
        guard bytes.count <= maxBytes else { throw .tooLarge(uri: path, size: nil, limit: maxBytes) }
        return bytes
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
            let pathExtension = (uri as NSString).pathExtension.lowercased()
            if htmlExtensions.contains(pathExtension) { return true }
            if textExtensions.contains(pathExtension) { return false }
            return looksLikeHTML(bytes)
        }
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

    /// The files below `directory` whose extension (any case) is one of `extensions`, in sorted
    /// path order: the one directory walk behind every command's inputs.
    public static func files(below directory: String, extensions: Set<String>) -> [String] {
        var found: [String] = []
        let walker = FileManager.default.enumerator(atPath: directory)
        while let relative = walker?.nextObject() as? String {
            guard extensions.contains((relative as NSString).pathExtension.lowercased()) else { continue }
            found.append((directory as NSString).appendingPathComponent(relative))
        }
        return found.sorted()
    }
}
