/// Maps every Unicode scalar of a loaded text back to the bytes of the raw file it came from.
///
/// Plain text maps each scalar to its own encoded bytes. HTML maps a scalar decoded from an
/// entity to the whole entity (`&amp;` → 5 bytes), one space standing for a collapsed
/// whitespace run to the whole run, and a paragraph break the loader inserted to the markup
/// that caused it. The ranges of successive scalars never go backwards.
///
/// Decoded text (UTF-8, UTF-16, UTF-32) maps each scalar to the bytes right after the previous
/// one's, so the map is stored as one width byte per scalar plus the start of every
/// ``checkpointInterval``-th scalar: about 1.1 bytes per scalar instead of the 8 of two `Int32`
/// arrays, which were the largest part of a big document's memory. A map whose ranges leave
/// gaps or overlap (HTML) keeps both arrays.
public struct OffsetMap: Sendable, Hashable {
    /// Scalars between two stored starts of a contiguous map: a lookup adds at most this many widths.
    public static let checkpointInterval = 64

    /// Contiguous form: `widths[i]` is the byte count of scalar `i`, whose start is
    /// `checkpoints[i / checkpointInterval]` plus the widths since that checkpoint.
    private var widths: [UInt8] = []
    private var checkpoints: [Int32] = []
    /// Where the next scalar of a contiguous map starts.
    private var contiguousEnd = 0
    /// General form, used once any range does not start where the previous one ended (or is
    /// wider than a width byte holds): `starts[i]..<ends[i]` is the byte range of scalar `i`.
    private var starts: [Int32] = []
    private var ends: [Int32] = []
    private var isContiguous = true
    /// Size of the raw file, used for empty ranges at the very end.
    public private(set) var rawByteCount: Int

    public init(rawByteCount: Int, capacity: Int = 0) {
        self.rawByteCount = rawByteCount
        widths.reserveCapacity(capacity)
        checkpoints.reserveCapacity(capacity / Self.checkpointInterval + 1)
    }

    public init(byteStarts: [Int32], byteEnds: [Int32], rawByteCount: Int) {
        precondition(byteStarts.count == byteEnds.count, "offset map arrays must have equal length")
        self.init(rawByteCount: rawByteCount, capacity: byteStarts.count)
        for index in byteStarts.indices {
            append(start: Int(byteStarts[index]), end: Int(byteEnds[index]))
            // A map that is not contiguous is kept as given, without converting scalar by scalar.
            if !isContiguous {
                starts = byteStarts
                ends = byteEnds
                widths = []
                checkpoints = []
                return
            }
        }
    }

    /// A contiguous map: scalar `i` takes `widths[i]` bytes, the first starting at `start`.
    public init(start: Int, widths: [UInt8], rawByteCount: Int) {
        self.rawByteCount = rawByteCount
        self.widths = widths
        var checkpoints: [Int32] = []
        checkpoints.reserveCapacity(widths.count / Self.checkpointInterval + 1)
        var position = start
        widths.withUnsafeBufferPointer { widths in
            for index in widths.indices {
                if index % Self.checkpointInterval == 0 { checkpoints.append(Int32(truncatingIfNeeded: position)) }
                position += Int(widths[index])
            }
        }
        self.checkpoints = checkpoints
        self.contiguousEnd = position
    }

    public var count: Int { isContiguous ? widths.count : starts.count }

    /// The first byte of every scalar.
    public var byteStarts: [Int32] {
        guard isContiguous else { return starts }
        return (0..<count).map { Int32(truncatingIfNeeded: start(ofScalar: $0)) }
    }

    /// The byte just past every scalar.
    public var byteEnds: [Int32] {
        guard isContiguous else { return ends }
        return (0..<count).map { Int32(truncatingIfNeeded: start(ofScalar: $0) + Int(widths[$0])) }
    }

    public mutating func append(_ bytes: ByteRange) {
        append(start: bytes.start, end: bytes.end)
    }

    public mutating func append(start: Int, end: Int) {
        if isContiguous {
            let width = end - start
            if start == contiguousEnd || widths.isEmpty, (0...Int(UInt8.max)).contains(width) {
                if widths.count % Self.checkpointInterval == 0 { checkpoints.append(Int32(truncatingIfNeeded: start)) }
                widths.append(UInt8(width))
                contiguousEnd = end
                return
            }
            starts = byteStarts
            ends = byteEnds
            widths = []
            checkpoints = []
            isContiguous = false
        }
        starts.append(Int32(truncatingIfNeeded: start))
        ends.append(Int32(truncatingIfNeeded: end))
    }

    /// The first byte of scalar `index` (`0 ..< count`).
    private func start(ofScalar index: Int) -> Int {
        guard isContiguous else { return Int(starts[index]) }
        let checkpoint = index / Self.checkpointInterval
        var position = Int(checkpoints[checkpoint])
        widths.withUnsafeBufferPointer { widths in
            for offset in (checkpoint * Self.checkpointInterval)..<index { position += Int(widths[offset]) }
        }
        return position
    }

    private func end(ofScalar index: Int) -> Int {
        isContiguous ? start(ofScalar: index) + Int(widths[index]) : Int(ends[index])
    }

    /// The byte range of one scalar.
    public func bytes(ofScalar index: Int) -> ByteRange {
        let start = start(ofScalar: index)
        return ByteRange(start: start, end: isContiguous ? start + Int(widths[index]) : Int(ends[index]))
    }

    /// The raw bytes a span of scalars came from: from the first scalar's first byte to the
    /// last scalar's last byte. An empty span maps to an empty range where it stands.
    public func bytes(of range: ScalarRange) -> ByteRange {
        let count = count
        let lower = min(max(range.start, 0), count)
        let upper = min(max(range.end, lower), count)
        if lower == upper {
            let at = lower < count ? start(ofScalar: lower) : (count > 0 ? end(ofScalar: count - 1) : 0)
            return ByteRange(start: at, end: at)
        }
        return ByteRange(start: start(ofScalar: lower), end: end(ofScalar: upper - 1))
    }

    // Equal maps give every scalar the same bytes, whichever form holds them.
    public static func == (lhs: OffsetMap, rhs: OffsetMap) -> Bool {
        guard lhs.rawByteCount == rhs.rawByteCount, lhs.count == rhs.count else { return false }
        if lhs.isContiguous && rhs.isContiguous {
            return lhs.widths == rhs.widths && lhs.checkpoints.first == rhs.checkpoints.first
        }
        return lhs.byteStarts == rhs.byteStarts && lhs.byteEnds == rhs.byteEnds
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(rawByteCount)
        hasher.combine(count)
    }
}
