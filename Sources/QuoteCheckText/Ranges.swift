/// A half-open range of Unicode scalar offsets into a ``LoadedText``: `start..<end`.
///
/// Scalars (code points), not UTF-16 units or grapheme clusters, so offsets agree with
/// brat standoff and the W3C `TextPositionSelector`.
public struct ScalarRange: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public var start: Int
    public var end: Int

    @inlinable public init(start: Int, end: Int) {
        self.start = start
        self.end = max(start, end)
    }

    @inlinable public init(_ range: Range<Int>) {
        self.init(start: range.lowerBound, end: range.upperBound)
    }

    @inlinable public var count: Int { end - start }
    @inlinable public var isEmpty: Bool { end <= start }
    @inlinable public var range: Range<Int> { start..<end }

    @inlinable public func overlaps(_ other: ScalarRange) -> Bool {
        start < other.end && other.start < end
    }

    @inlinable public func contains(_ offset: Int) -> Bool {
        offset >= start && offset < end
    }

    @inlinable public func contains(_ other: ScalarRange) -> Bool {
        other.start >= start && other.end <= end
    }

    /// The smallest range covering both.
    public func union(_ other: ScalarRange) -> ScalarRange {
        ScalarRange(start: min(start, other.start), end: max(end, other.end))
    }

    public static func < (lhs: ScalarRange, rhs: ScalarRange) -> Bool {
        (lhs.start, lhs.end) < (rhs.start, rhs.end)
    }

    public var description: String { "\(start)..<\(end)" }
}

/// A half-open range of byte offsets into the raw input file: `start..<end`.
///
/// Encoded in JSON as the two-element array `[start, end]`, as the claim record schema asks.
public struct ByteRange: Hashable, Sendable, Codable, CustomStringConvertible {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = max(start, end)
    }

    public var count: Int { end - start }

    public init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        let start = try container.decode(Int.self)
        let end = try container.decode(Int.self)
        self.init(start: start, end: end)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        try container.encode(start)
        try container.encode(end)
    }

    public var description: String { "[\(start), \(end))" }
}
