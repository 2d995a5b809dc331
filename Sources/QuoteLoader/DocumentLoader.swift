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

    public init(rules: RuleSet, format: InputFormat = .auto) {
        self.format = format
        self.boilerplate = BoilerplateMarker(rules: rules.boilerplate)
        self.html = HTMLLoader(rules: rules)
    }

    /// Reads and loads one file.
    public func load(path: String) throws(LoadError) -> LoadedText {
        try load(bytes: Self.read(path: path), uri: path)
    }

    /// Loads bytes already read; `uri` names them in records and errors.
    public func load(bytes: [UInt8], uri: String) throws(LoadError) -> LoadedText {
        var loaded: LoadedText
        if Self.isHTML(bytes: bytes, uri: uri, format: format) {
            loaded = try html.load(bytes: bytes, uri: uri)
        } else {
            loaded = try PlainTextLoader().load(bytes: bytes, uri: uri)
        }
        loaded.excluded.append(contentsOf: boilerplate.regions(in: loaded.scalars))
        loaded.excluded.sort { $0.range < $1.range }
        return loaded
    }

    public static func read(path: String) throws(LoadError) -> [UInt8] {
        if let bytes = readRegularFile(path: path) { return bytes }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw .notFound(uri: path) }
        guard !isDirectory.boolValue else { throw .isDirectory(uri: path) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(uri: path, reason: "permission denied or I/O error")
        }
        return [UInt8](data)
    }

    /// A regular file's bytes read straight into the array (no `Data` in between), or nil when
    /// the path is anything else or the read fails: the caller then finds out what is wrong.
    private static func readRegularFile(path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        let size = Int(status.st_size)
        guard size > 0 else { return nil }
        var complete = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            var done = 0
            while done < size {
                let count = Foundation.read(descriptor, buffer.baseAddress.map { $0 + done }, size - done)
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { break }
                done += count
            }
            initialized = done
            complete = done == size
        }
        return complete ? bytes : nil
    }

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
