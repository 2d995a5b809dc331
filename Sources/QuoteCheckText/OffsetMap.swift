/// Maps every Unicode scalar of a loaded text back to the bytes of the raw file it came from.
///
/// Plain text maps each scalar to its own encoded bytes. HTML maps a scalar decoded from an
/// entity to the whole entity (`&amp;` → 5 bytes), one space standing for a collapsed
/// whitespace run to the whole run, and a paragraph break the loader inserted to the markup
/// that caused it. The ranges of successive scalars never go backwards.
///
/// Most scalars start where the previous one ended (all of decoded text, nearly all of an HTML
/// page's text), so the map is stored as one width byte per scalar plus the start of every
/// ``checkpointInterval``-th scalar. A scalar that starts elsewhere (after a tag, the second
/// of two inserted breaks) or is wider than ``maxCompactWidth`` bytes has the width byte
/// ``exceptionWidth`` and its range in the exception lists, in scalar order. That is about
/// 1.1 bytes per scalar for decoded text and 1.2 for HTML pages instead of the 8 of two `Int32`
/// arrays, which were the largest part of a big document's memory (issue 18).
public struct OffsetMap: Sendable, Hashable {
    /// Scalars between two stored starts: a lookup walks at most this many widths.
    public static let checkpointInterval = 64
    /// The widest range a width byte holds; wider ones are exceptions.
    @usableFromInline static let maxCompactWidth = 254
    /// The width byte of a scalar whose range is in the exception lists.
    @usableFromInline static let exceptionWidth: UInt8 = 255

    /// `widths[i]`: the byte count of scalar `i`, or ``exceptionWidth``.
    @usableFromInline var widths: [UInt8] = []
    /// The start of scalar `k * checkpointInterval`.
    @usableFromInline var checkpoints: [Int32] = []
    /// How many exceptions come before scalar `k * checkpointInterval`: where a walk from
    /// checkpoint `k` finds its first exception.
    @usableFromInline var checkpointExceptions: [Int32] = []
    /// The ranges of the exception scalars, in scalar order.
    @usableFromInline var exceptionStarts: [Int32] = []
    @usableFromInline var exceptionEnds: [Int32] = []
    /// Where the next scalar starts unless it is an exception: the end of the last one.
    @usableFromInline var nextStart = 0
    /// Size of the raw file, used for empty ranges at the very end.
    public private(set) var rawByteCount: Int

    /// An empty map; `capacity` scalars are reserved.
    public init(rawByteCount: Int, capacity: Int = 0) {
        self.rawByteCount = rawByteCount
        widths.reserveCapacity(capacity)
        checkpoints.reserveCapacity(capacity / Self.checkpointInterval + 1)
        checkpointExceptions.reserveCapacity(capacity / Self.checkpointInterval + 1)
    }

    /// No scalars, the storage kept for the next ones: a page rendered as it is parsed reuses
    /// one map for each text chunk.
    public mutating func removeAll(keepingCapacity: Bool) {
        widths.removeAll(keepingCapacity: keepingCapacity)
        checkpoints.removeAll(keepingCapacity: keepingCapacity)
        checkpointExceptions.removeAll(keepingCapacity: keepingCapacity)
        exceptionStarts.removeAll(keepingCapacity: keepingCapacity)
        exceptionEnds.removeAll(keepingCapacity: keepingCapacity)
        nextStart = 0
    }

    public init(byteStarts: [Int32], byteEnds: [Int32], rawByteCount: Int) {
        precondition(byteStarts.count == byteEnds.count, "offset map arrays must have equal length")
        self.init(rawByteCount: rawByteCount, capacity: byteStarts.count)
        for index in byteStarts.indices {
            append(start: Int(byteStarts[index]), end: Int(byteEnds[index]))
        }
    }

    /// A contiguous map: scalar `i` takes `widths[i]` bytes, the first starting at `start`.
    public init(start: Int, widths: [UInt8], rawByteCount: Int) {
        // A block's widths are summed (and their widest found) in a loop of its own, which the
        // compiler vectorizes: a test of the index per width took as long as decoding the text.
        var checkpoints: [Int32] = []
        checkpoints.reserveCapacity(widths.count / Self.checkpointInterval + 1)
        var position = start
        var widest: UInt8 = 0
        widths.withUnsafeBufferPointer { widths in
            var block = 0
            while block < widths.count {
                checkpoints.append(Int32(truncatingIfNeeded: position))
                let end = min(block + Self.checkpointInterval, widths.count)
                var sum = 0
                for index in block..<end {
                    sum &+= Int(widths[index])
                    widest = max(widest, widths[index])
                }
                position += sum
                block = end
            }
        }
        guard Int(widest) <= Self.maxCompactWidth else {
            self.init(rawByteCount: rawByteCount, capacity: widths.count)
            var position = start
            for width in widths {
                append(start: position, end: position + Int(width))
                position += Int(width)
            }
            return
        }
        self.init(rawByteCount: rawByteCount)
        self.widths = widths
        self.checkpoints = checkpoints
        self.checkpointExceptions = Array(repeating: 0, count: checkpoints.count)
        self.nextStart = position
    }

    @inlinable public var count: Int { widths.count }

    /// The first byte of every scalar.
    public var byteStarts: [Int32] {
        var starts: [Int32] = []
        starts.reserveCapacity(count)
        forEachRange(in: 0..<count) { start, _ in starts.append(Int32(truncatingIfNeeded: start)) }
        return starts
    }

    /// The byte just past every scalar.
    public var byteEnds: [Int32] {
        var ends: [Int32] = []
        ends.reserveCapacity(count)
        forEachRange(in: 0..<count) { _, end in ends.append(Int32(truncatingIfNeeded: end)) }
        return ends
    }

    public mutating func append(_ bytes: ByteRange) {
        append(start: bytes.start, end: bytes.end)
    }

    // Inlinable: the HTML loader appends every text scalar of a page, twice.
    @inlinable
    public mutating func append(start: Int, end: Int) {
        let index = widths.count
        if index % Self.checkpointInterval == 0 {
            // The first scalar of a block is found from its checkpoint, wherever it starts.
            checkpoints.append(Int32(truncatingIfNeeded: start))
            checkpointExceptions.append(Int32(truncatingIfNeeded: exceptionStarts.count))
            nextStart = start
        }
        let width = end - start
        if start == nextStart, width >= 0, width <= Self.maxCompactWidth {
            widths.append(UInt8(truncatingIfNeeded: width))
        } else {
            widths.append(Self.exceptionWidth)
            exceptionStarts.append(Int32(truncatingIfNeeded: start))
            exceptionEnds.append(Int32(truncatingIfNeeded: end))
        }
        nextStart = end
    }

    /// Appends `starts[i] ..< ends[i]` for every `i`, in order.
    /// The widths are written through a pointer: the HTML loader adds every text chunk of a page
    /// this way, and appending them one by one took a few per cent of its time.
    public mutating func append(starts: UnsafeBufferPointer<Int32>, ends: UnsafeBufferPointer<Int32>) {
        precondition(starts.count == ends.count, "offset map arrays must have equal length")
        let first = widths.count
        widths.append(contentsOf: repeatElement(0, count: starts.count))
        var nextStart = nextStart
        widths.withUnsafeMutableBufferPointer { widths in
            for offset in starts.indices {
                let index = first + offset
                let start = Int(starts[offset])
                let end = Int(ends[offset])
                if index % Self.checkpointInterval == 0 {
                    checkpoints.append(starts[offset])
                    checkpointExceptions.append(Int32(truncatingIfNeeded: exceptionStarts.count))
                    nextStart = start
                }
                let width = end - start
                if start == nextStart, width >= 0, width <= Self.maxCompactWidth {
                    widths[index] = UInt8(truncatingIfNeeded: width)
                } else {
                    widths[index] = Self.exceptionWidth
                    exceptionStarts.append(starts[offset])
                    exceptionEnds.append(ends[offset])
                }
                nextStart = end
            }
        }
        self.nextStart = nextStart
    }

    /// Calls `body` with the start and end of every scalar in `range` (within `0 ..< count`),
    /// in order: one lookup for the first, then a step per scalar.
    @inlinable
    public func forEachRange(in range: Range<Int>, _ body: (_ start: Int, _ end: Int) throws -> Void) rethrows {
        guard !range.isEmpty else { return }
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "scalar range out of bounds")
        try widths.withUnsafeBufferPointer { widths in
            try exceptionStarts.withUnsafeBufferPointer { exceptionStarts in
                try exceptionEnds.withUnsafeBufferPointer { exceptionEnds in
                    let block = range.lowerBound / Self.checkpointInterval
                    var position = Int(checkpoints[block])
                    var exception = Int(checkpointExceptions[block])
                    for index in (block * Self.checkpointInterval)..<range.upperBound {
                        let width = widths[index]
                        let start: Int
                        let end: Int
                        if index % Self.checkpointInterval == 0 { position = Int(checkpoints[index / Self.checkpointInterval]) }
                        if width == Self.exceptionWidth {
                            start = Int(exceptionStarts[exception])
                            end = Int(exceptionEnds[exception])
                            exception += 1
                        } else {
                            start = position
                            end = position + Int(width)
                        }
                        position = end
                        if index >= range.lowerBound { try body(start, end) }
                    }
                }
            }
        }
    }

    /// The byte range of one scalar (`0 ..< count`).
    public func bytes(ofScalar index: Int) -> ByteRange {
        precondition(index >= 0 && index < count, "scalar index out of bounds")
        let block = index / Self.checkpointInterval
        let exceptionsBefore = Int(checkpointExceptions[block])
        let exceptionsAfter = block + 1 < checkpointExceptions.count ? Int(checkpointExceptions[block + 1]) : exceptionStarts.count
        guard exceptionsBefore == exceptionsAfter else {
            var found = ByteRange(start: 0, end: 0)
            forEachRange(in: index..<(index + 1)) { start, end in found = ByteRange(start: start, end: end) }
            return found
        }
        // A block without exceptions (all of decoded text) is contiguous from its checkpoint:
        // the widths before the scalar are summed, a loop the compiler vectorises, where the
        // general walk tests each width for an exception and each index for a checkpoint.
        return widths.withUnsafeBufferPointer { widths in
            var start = Int(checkpoints[block])
            for width in widths[(block * Self.checkpointInterval)..<index] { start &+= Int(width) }
            return ByteRange(start: start, end: start &+ Int(widths[index]))
        }
    }

    /// The raw bytes a span of scalars came from: from the first scalar's first byte to the
    /// last scalar's last byte. An empty span maps to an empty range where it stands.
    public func bytes(of range: ScalarRange) -> ByteRange {
        let count = count
        let lower = min(max(range.start, 0), count)
        let upper = min(max(range.end, lower), count)
        if lower == upper {
            let at = lower < count ? bytes(ofScalar: lower).start : (count > 0 ? bytes(ofScalar: count - 1).end : 0)
            return ByteRange(start: at, end: at)
        }
        return ByteRange(start: bytes(ofScalar: lower).start, end: bytes(ofScalar: upper - 1).end)
    }

    // Equal maps give every scalar the same bytes; the stored form follows from the ranges alone.
    public static func == (lhs: OffsetMap, rhs: OffsetMap) -> Bool {
        lhs.rawByteCount == rhs.rawByteCount && lhs.widths == rhs.widths && lhs.checkpoints == rhs.checkpoints
            && lhs.exceptionStarts == rhs.exceptionStarts && lhs.exceptionEnds == rhs.exceptionEnds
    }

    /// Bytes the stored ranges take (capacity aside): what the compact form is for.
    var storedBytes: Int {
        widths.count + MemoryLayout<Int32>.stride * (checkpoints.count + checkpointExceptions.count + exceptionStarts.count + exceptionEnds.count)
    }

    /// The same map for a raw file of another size (the stored ranges are shared, not copied).
    public func withRawByteCount(_ rawByteCount: Int) -> OffsetMap {
        var map = self
        map.rawByteCount = rawByteCount
        return map
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(rawByteCount)
        hasher.combine(count)
    }
}
