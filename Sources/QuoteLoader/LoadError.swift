/// Why a document could not be loaded. Every case names the file; its description is one line.
public enum LoadError: Error, Sendable, Hashable, CustomStringConvertible {
    case notFound(uri: String)
    case isDirectory(uri: String)
    case unreadable(uri: String, reason: String)
    case binary(uri: String, byteOffset: Int)
    case empty(uri: String)
    case noDocuments(uri: String)
    case html(uri: String, reason: String)

    public var uri: String {
        switch self {
        case let .notFound(uri), let .isDirectory(uri), let .unreadable(uri, _), let .binary(uri, _),
            let .empty(uri), let .noDocuments(uri), let .html(uri, _):
            return uri
        }
    }

    public var description: String {
        switch self {
        case let .notFound(uri): return "\(uri): no such file"
        case let .isDirectory(uri): return "\(uri): is a directory, expected a file"
        case let .unreadable(uri, reason): return "\(uri): cannot read: \(reason)"
        case let .binary(uri, byteOffset): return "\(uri): byte \(byteOffset): binary file (NUL byte), not text or HTML"
        case let .empty(uri): return "\(uri): empty file, no text to read"
        case let .noDocuments(uri): return "\(uri): no .txt or .html documents found"
        case let .html(uri, reason): return "\(uri): cannot parse HTML: \(reason)"
        }
    }
}
