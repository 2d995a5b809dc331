/// A fixed set of byte strings to look for inside short strings (class and id values), indexed by
/// first byte so each position of the haystack is compared only with the needles that can start
/// there: the class/id vocabulary is tested on every element of every page.
public struct SubstringSet: Sendable, Hashable {
    /// Needles by their first byte; 256 entries.
    private let byFirstByte: [[[UInt8]]]
    /// One bit per pair of bytes (first byte × 256 + second) that may start a needle: a
    /// one-byte needle sets every pair it starts. Most positions of a class name start no
    /// needle, and this tells so without touching the needle lists (each a retain and release).
    private let startingPairs: [UInt64]
    public let isEmpty: Bool

    public init(_ needles: [String]) {
        var table = [[[UInt8]]](repeating: [], count: 256)
        for needle in needles {
            let bytes = Array(needle.utf8)
            guard let first = bytes.first else { continue }
            table[Int(first)].append(bytes)
        }
        byFirstByte = table
        var pairs = [UInt64](repeating: 0, count: 65536 / 64)
        for needle in table.joined() {
            let first = Int(needle[0]) << 8
            let seconds = needle.count > 1 ? Int(needle[1])...Int(needle[1]) : 0...255
            for pair in seconds.map({ first | $0 }) { pairs[pair >> 6] |= 1 << UInt64(pair & 63) }
        }
        startingPairs = pairs
        isEmpty = !needles.contains { !$0.isEmpty }
    }

    /// Whether any needle occurs in `haystack`, compared byte for byte.
    /// - Complexity: O(*n* · *k*) for a haystack of *n* bytes and *k* needles sharing a first byte.
    public func occurs(in haystack: String) -> Bool {
        guard !isEmpty else { return false }
        if let found = haystack.utf8.withContiguousStorageIfAvailable(occurs(inBytes:)) { return found }
        return Array(haystack.utf8).withUnsafeBufferPointer(occurs(inBytes:))
    }

    /// ``occurs(in:)`` over UTF-8 bytes.
    func occurs(inBytes bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !isEmpty else { return false }
        for start in bytes.indices {
            // The last byte pairs with 0: only a one-byte needle can start there, and it set
            // every pair of its byte.
            let pair = Int(bytes[start]) << 8 | (start + 1 < bytes.count ? Int(bytes[start + 1]) : 0)
            guard startingPairs[pair >> 6] & (1 << UInt64(pair & 63)) != 0 else { continue }
            for needle in byFirstByte[Int(bytes[start])] where needle.count <= bytes.count - start {
                var offset = 1
                while offset < needle.count, bytes[start + offset] == needle[offset] { offset += 1 }
                if offset == needle.count { return true }
            }
        }
        return false
    }
}
