import Foundation

/// Line indexes of the documents findings point into, each file read once and only when a
/// finding needs it. A file that cannot be read gives findings without line and column.
public struct LineIndexCache {
    private var indexes: [String: LineIndex?] = [:]
    /// Where relative document URIs are found (`verify --root`).
    private let root: String?

    public init(root: String? = nil) {
        self.root = root
    }

    public mutating func index(for uri: String) -> LineIndex? {
        if let known = indexes[uri] { return known }
        // Records are untrusted: the same confinement as `verify`'s reloader, and never a FIFO or device.
        let path = try? DocumentLoader.resolve(uri: uri, confinedTo: root.map(DocumentLoader.canonicalRoot))
        let index = path.flatMap { try? DocumentLoader.read(path: $0, regularFileOnly: true) }.map(LineIndex.init(bytes:))
        indexes[uri] = .some(index)
        return index
    }
}
