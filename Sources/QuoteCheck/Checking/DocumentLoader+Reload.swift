import Foundation

extension DocumentLoader {
    /// A reloader for ``RecordVerifier``: reads `document.uri` with the format the record says it
    /// was read with.
    ///
    /// Records are untrusted input. With a `root`, the URI (relative, absolute or `file://`) must
    /// name a regular file inside `root` once `..` and symbolic links are resolved; anything else
    /// (`../../etc/passwd`, `/etc/passwd`, a FIFO, a device) is refused as unreadable without being
    /// opened for reading. Without a root every path is trusted (library callers that made the
    /// records themselves), but only regular files are read.
    public static func reloader(rules: RuleSet, root: String?, maxBytes: Int = DocumentLoader.defaultMaxBytes) -> DocumentReloader {
        let html = DocumentLoader(rules: rules, format: .html, maxBytes: maxBytes)
        let text = DocumentLoader(rules: rules, format: .text, maxBytes: maxBytes)
        let automatic = DocumentLoader(rules: rules, format: .auto, maxBytes: maxBytes)
        let confinedRoot = root.map(Self.canonicalRoot)
        return { document in
            let path: String
            do throws(LoadError) {
                path = try resolve(uri: document.uri, confinedTo: confinedRoot)
            } catch {
                switch error {
                case .notFound: return .missing(reason: error.description)
                default: return .unreadable(reason: error.description)
                }
            }
            let loader: DocumentLoader
            switch MediaType(rawValue: document.media) {
            case .html: loader = html
            case .plainText: loader = text
            case nil: loader = automatic
            }
            do throws(LoadError) {
                return .loaded(try loader.load(bytes: Self.read(path: path, maxBytes: maxBytes, regularFileOnly: true), uri: path))
            } catch {
                switch error {
                case .notFound: return .missing(reason: error.description)
                default: return .unreadable(reason: error.description)
                }
            }
        }
    }

    /// `uri` under `root`, unless there is no root or the URI is absolute (a `/` path or `file://`).
    /// Performs no confinement: see ``resolve(uri:confinedTo:)``.
    public static func resolve(uri: String, root: String?) -> String {
        var path = uri
        if path.hasPrefix("file://") { path.removeFirst("file://".count) }
        guard let root, !path.hasPrefix("/") else { return path }
        return (root as NSString).appendingPathComponent(path)
    }

    /// The path `uri` names, which must lie inside `root` (already canonical) after `..` and
    /// symbolic links are resolved; any path when `root` is nil.
    /// - Throws: ``LoadError/outsideRoot(uri:root:)``, ``LoadError/notFound(uri:)``.
    static func resolve(uri: String, confinedTo root: String?) throws(LoadError) -> String {
        guard let root else { return resolve(uri: uri, root: nil) }
        var path = uri
        if path.hasPrefix("file://") { path.removeFirst("file://".count) }
        guard !path.contains("\0") else { throw .outsideRoot(uri: uri, root: root) }
        let joined = path.hasPrefix("/") ? path : (root as NSString).appendingPathComponent(path)
        // Lexically first, so `../x` is refused even when it does not exist.
        let lexical = (joined as NSString).standardizingPath
        guard isInside(lexical, root: root) else { throw .outsideRoot(uri: uri, root: root) }
        guard let real = realPath(lexical) else {
            throw .notFound(uri: lexical)
        }
        guard isInside(real, root: root) else { throw .outsideRoot(uri: uri, root: root) }
        return real
    }

    static func canonicalRoot(_ root: String) -> String {
        let absolute = root.hasPrefix("/") ? root : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(root)
        return realPath(absolute) ?? (absolute as NSString).standardizingPath
    }

    private static func isInside(_ path: String, root: String) -> Bool {
        if root == "/" { return path.hasPrefix("/") }
        return path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
