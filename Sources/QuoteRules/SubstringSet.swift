/// A fixed set of byte strings to look for inside short strings (class and id values), indexed by
/// first byte so each position of the haystack is compared only with the needles that can start
/// there: the class/id vocabulary is tested on every element of every page.
public struct SubstringSet: Sendable, Hashable {
    /// Needles by their first byte; 256 entries.
    private let byFirstByte: [[[UInt8]]]
    public let isEmpty: Bool

    public init(_ needles: [String]) {
        var table = [[[UInt8]]](repeating: [], count: 256)
        for needle in needles {
            let bytes = Array(needle.utf8)
            guard let first = bytes.first else { continue }
            table[Int(first)].append(bytes)
        }
        byFirstByte = table
        isEmpty = !needles.contains { !$0.isEmpty }
    }

    /// Whether any needle occurs in `haystack`, compared byte for byte.
    /// - Complexity: O(*n* · *k*) for a haystack of *n* bytes and *k* needles sharing a first byte.
    public func occurs(in haystack: String) -> Bool {
        guard !isEmpty else { return false }
        if let found = haystack.utf8.withContiguousStorageIfAvailable(occurs(inBytes:)) { return found }
        return Array(haystack.utf8).withUnsafeBufferPointer(occurs(inBytes:))
    }

    private func occurs(inBytes bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for start in bytes.indices {
            for needle in byFirstByte[Int(bytes[start])] where needle.count <= bytes.count - start {
                var offset = 1
                while offset < needle.count, bytes[start + offset] == needle[offset] { offset += 1 }
                if offset == needle.count { return true }
            }
        }
        return false
    }
}
