/// Maps every Unicode scalar of a loaded text back to the bytes of the raw file it came from.
///
/// Plain text maps each scalar to its own encoded bytes. HTML maps a scalar decoded from an
/// entity to the whole entity (`&amp;` → 5 bytes), one space standing for a collapsed
/// whitespace run to the whole run, and a paragraph break the loader inserted to the markup
/// that caused it. The ranges of successive scalars never go backwards.
public struct OffsetMap: Sendable, Hashable {
    /// `byteStarts[i]..<byteEnds[i]` is the raw byte range of scalar `i`.
    public private(set) var byteStarts: [Int32]
    public private(set) var byteEnds: [Int32]
    /// Size of the raw file, used for empty ranges at the very end.
    public private(set) var rawByteCount: Int

    public init(rawByteCount: Int, capacity: Int = 0) {
        self.byteStarts = []
        self.byteEnds = []
        self.rawByteCount = rawByteCount
        byteStarts.reserveCapacity(capacity)
        byteEnds.reserveCapacity(capacity)
    }

    public init(byteStarts: [Int32], byteEnds: [Int32], rawByteCount: Int) {
        precondition(byteStarts.count == byteEnds.count, "offset map arrays must have equal length")
        self.byteStarts = byteStarts
        self.byteEnds = byteEnds
        self.rawByteCount = rawByteCount
    }

    public var count: Int { byteStarts.count }

    public mutating func append(_ bytes: ByteRange) {
        byteStarts.append(Int32(truncatingIfNeeded: bytes.start))
        byteEnds.append(Int32(truncatingIfNeeded: bytes.end))
    }

    public mutating func append(start: Int, end: Int) {
        byteStarts.append(Int32(truncatingIfNeeded: start))
        byteEnds.append(Int32(truncatingIfNeeded: end))
    }

    /// The byte range of one scalar.
    public func bytes(ofScalar index: Int) -> ByteRange {
        ByteRange(start: Int(byteStarts[index]), end: Int(byteEnds[index]))
    }

    /// The raw bytes a span of scalars came from: from the first scalar's first byte to the
    /// last scalar's last byte. An empty span maps to an empty range where it stands.
    public func bytes(of range: ScalarRange) -> ByteRange {
        let lower = min(max(range.start, 0), count)
        let upper = min(max(range.end, lower), count)
        if lower == upper {
            let at = lower < count ? Int(byteStarts[lower]) : (count > 0 ? Int(byteEnds[count - 1]) : 0)
            return ByteRange(start: at, end: at)
        }
        return ByteRange(start: Int(byteStarts[lower]), end: Int(byteEnds[upper - 1]))
    }
}
