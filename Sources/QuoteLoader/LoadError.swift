/// Why a document could not be loaded. Every case names the file; its description is one line.
public enum LoadError: Error, Sendable, Hashable, CustomStringConvertible {
    case notFound(uri: String)
    case isDirectory(uri: String)
    case unreadable(uri: String, reason: String)
    case binary(uri: String, byteOffset: Int)
    case empty(uri: String)
    case noDocuments(uri: String)
    case html(uri: String, reason: String)
    /// Larger than the loader's `maxBytes` (`--max-bytes`); `size` is nil when not known up front.
    case tooLarge(uri: String, size: Int?, limit: Int)
    /// A FIFO, device or socket where only a regular file is accepted (`verify`).
    case notRegularFile(uri: String)
    /// A record's `document.uri` that resolves outside `verify --root`.
    case outsideRoot(uri: String, root: String)
    /// An encoding the loader recognises but cannot decode.
    case unsupportedEncoding(uri: String, encoding: String)

    public var uri: String {
        switch self {
        case let .notFound(uri), let .isDirectory(uri), let .unreadable(uri, _), let .binary(uri, _),
            let .empty(uri), let .noDocuments(uri), let .html(uri, _), let .tooLarge(uri, _, _), let .notRegularFile(uri),
            let .outsideRoot(uri, _), let .unsupportedEncoding(uri, _):
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
        case let .tooLarge(uri, size, limit):
            let actual = size.map { "\($0) bytes" } ?? "more bytes"
            return "\(uri): \(actual), over the limit of \(limit) bytes (raise it with --max-bytes)"
        case let .notRegularFile(uri): return "\(uri): not a regular file (FIFO, device or socket), refused"
        case let .outsideRoot(uri, root):
            return "\(uri): document.uri resolves outside the root \(root), refused (records are untrusted; see docs/limits.md)"
        case let .unsupportedEncoding(uri, encoding): return "\(uri): encoding \(encoding) cannot be decoded"
        }
    }
}
