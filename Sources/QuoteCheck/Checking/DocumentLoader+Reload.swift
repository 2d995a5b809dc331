import Foundation

extension DocumentLoader {
    /// A reloader for ``RecordVerifier``: reads `document.uri` (relative to `root` when given and
    /// the URI is a relative path) with the format the record says it was read with.
    public static func reloader(rules: RuleSet, root: String?) -> DocumentReloader {
        let html = DocumentLoader(rules: rules, format: .html)
        let text = DocumentLoader(rules: rules, format: .text)
        let automatic = DocumentLoader(rules: rules, format: .auto)
        return { document in
            let path = resolve(uri: document.uri, root: root)
            let loader: DocumentLoader
            switch MediaType(rawValue: document.media) {
            case .html: loader = html
            case .plainText: loader = text
            case nil: loader = automatic
            }
            do throws(LoadError) {
                return .loaded(try loader.load(path: path))
            } catch {
                switch error {
                case .notFound: return .missing(reason: error.description)
                default: return .unreadable(reason: error.description)
                }
            }
        }
    }

    /// `uri` under `root`, unless there is no root or the URI is absolute (a `/` path or `file://`).
    public static func resolve(uri: String, root: String?) -> String {
        var path = uri
        if path.hasPrefix("file://") { path.removeFirst("file://".count) }
        guard let root, !path.hasPrefix("/") else { return path }
        return (root as NSString).appendingPathComponent(path)
    }
}
