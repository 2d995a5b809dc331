import Foundation
import Testing
@testable import QuoteCheckText
import QuoteRules
@testable import QuoteLoader

/// The compact offset map (widths, checkpoints and exceptions, issue 18) must answer every
/// lookup as the two arrays of starts and ends it replaced.
@Suite struct OffsetMapTests {
    /// What plain arrays of starts and ends say a span of scalars came from: from its first
    /// scalar's start to its last one's end; an empty span is an empty range where it stands.
    static func plainBytes(ofSpan span: Range<Int>, starts: [Int32], ends: [Int32]) -> ByteRange {
        guard span.isEmpty else { return ByteRange(start: Int(starts[span.lowerBound]), end: Int(ends[span.upperBound - 1])) }
        let at = span.lowerBound < starts.count ? Int(starts[span.lowerBound]) : (starts.isEmpty ? 0 : Int(ends[starts.count - 1]))
        return ByteRange(start: at, end: at)
    }

    /// Every way of asking a map for ranges, against plain arrays of starts and ends. Returns the
    /// first disagreement, so that a broken map fails once rather than thousands of times.
    static func firstDifference(_ map: OffsetMap, starts: [Int32], ends: [Int32], spans: Int = 2_000) -> String? {
        guard map.count == starts.count else { return "count \(map.count) != \(starts.count)" }
        if map.byteStarts != starts { return "byteStarts differ" }
        if map.byteEnds != ends { return "byteEnds differ" }
        for index in starts.indices where map.bytes(ofScalar: index) != ByteRange(start: Int(starts[index]), end: Int(ends[index])) {
            return "scalar \(index): \(map.bytes(ofScalar: index)) != \(starts[index])..<\(ends[index])"
        }
        var generator = Generator(seed: UInt64(starts.count))
        for _ in 0..<spans {
            let lower = generator.next(below: starts.count + 1)
            let upper = lower + generator.next(below: min(starts.count - lower, 200) + 1)
            let expected = Self.plainBytes(ofSpan: lower..<upper, starts: starts, ends: ends)
            let found = map.bytes(of: ScalarRange(start: lower, end: upper))
            if found != expected { return "span \(lower)..<\(upper): \(found) != \(expected)" }
            var walked: [Int32] = []
            map.forEachRange(in: lower..<upper) { start, end in walked += [Int32(start), Int32(end)] }
            let plain = (lower..<upper).flatMap { [starts[$0], ends[$0]] }
            if walked != plain { return "forEachRange \(lower)..<\(upper) differs" }
        }
        return nil
    }

    /// A small deterministic generator: the same maps on every run.
    struct Generator {
        var state: UInt64
        init(seed: UInt64) { state = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407 }
        mutating func next(below bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return bound <= 0 ? 0 : Int((state >> 33) % UInt64(bound))
        }
    }

    /// Ranges as HTML gives them and worse: gaps (markup), overlaps and repeats (inserted breaks),
    /// empty ranges, widths at and past what a byte holds, exceptions on checkpoint boundaries.
    static func generatedRanges(seed: UInt64, count: Int) -> (starts: [Int32], ends: [Int32]) {
        var generator = Generator(seed: seed)
        var starts: [Int32] = []
        var ends: [Int32] = []
        var position = generator.next(below: 1_000)
        for index in 0..<count {
            var start = position
            switch generator.next(below: 20) {
            case 0: start += 1 + generator.next(below: 5_000)  // a gap
            case 1: start = max(0, start - generator.next(below: 10))  // an overlap
            case 2 where index % OffsetMap.checkpointInterval == 0: start += 70_000  // a far jump on a checkpoint
            default: break
            }
            var width = 1 + generator.next(below: 4)
            switch generator.next(below: 25) {
            case 0: width = 0
            case 1: width = 253 + generator.next(below: 4)  // 253...256 around the byte's limit
            case 2: width = 300 + generator.next(below: 100_000)
            default: break
            }
            starts.append(Int32(start))
            ends.append(Int32(start + width))
            position = start + width
        }
        return (starts, ends)
    }

    @Test(arguments: [0, 1, 63, 64, 65, 128, 1_000, 5_000])
    func generatedMapsAnswerAsStartsAndEnds(count: Int) {
        for seed in UInt64(1)...4 {
            let (starts, ends) = Self.generatedRanges(seed: seed &+ UInt64(count), count: count)
            var appended = OffsetMap(rawByteCount: 10_000_000)
            for index in starts.indices { appended.append(start: Int(starts[index]), end: Int(ends[index])) }
            let built = OffsetMap(byteStarts: starts, byteEnds: ends, rawByteCount: 10_000_000)
            #expect(Self.firstDifference(appended, starts: starts, ends: ends) == nil)
            #expect(appended == built)
        }
    }

    /// Widths given at once (decoded text) equal the same ranges appended, a width the
    /// exception marker would take included.
    @Test func widthsGivenAtOnceEqualAppendedRanges() {
        for widths in [[UInt8](repeating: 3, count: 200), (0..<300).map { UInt8($0 % 256) }] {
            var starts: [Int32] = []
            var ends: [Int32] = []
            var position: Int32 = 7
            for width in widths {
                starts.append(position)
                position += Int32(width)
                ends.append(position)
            }
            let map = OffsetMap(start: 7, widths: widths, rawByteCount: Int(position))
            #expect(Self.firstDifference(map, starts: starts, ends: ends) == nil)
            #expect(map == OffsetMap(byteStarts: starts, byteEnds: ends, rawByteCount: Int(position)))
        }
        #expect(OffsetMap(start: 0, widths: [1, 2], rawByteCount: 3) != OffsetMap(start: 0, widths: [2, 1], rawByteCount: 3))
        #expect(OffsetMap(start: 0, widths: [1, 2], rawByteCount: 3) != OffsetMap(start: 1, widths: [1, 2], rawByteCount: 3))
    }

    /// Real pages: every lookup agrees with the map's own starts and ends, each letter or digit
    /// maps to its own byte or to a character reference, and the map stays compact.
    @Test func pagesMapEveryScalarToItsBytes() throws {
        let loader = HTMLLoader(rules: try RuleSet.load())
        var pages = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures).map { "\(Self.fixtures)/\($0)" }
        if FileManager.default.fileExists(atPath: Self.sharedPages) {
            pages += try FileManager.default.contentsOfDirectory(atPath: Self.sharedPages).sorted().prefix(40).map { "\(Self.sharedPages)/\($0)" }
        }
        var scalars = 0
        var stored = 0
        for page in pages.sorted() {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: page)))
            let loaded = try loader.load(bytes: bytes, uri: page)
            let map = loaded.offsetMap
            let starts = map.byteStarts
            let ends = map.byteEnds
            #expect(Self.firstDifference(map, starts: starts, ends: ends, spans: 500) == nil, "\(page)")
            #expect(map == OffsetMap(byteStarts: starts, byteEnds: ends, rawByteCount: bytes.count), "\(page)")
            let misplaced = loaded.scalars.indices.first { index in
                let value = loaded.scalars[index].value
                guard (0x30...0x39).contains(value) || (0x61...0x7A).contains(value | 0x20) else { return false }
                let start = Int(starts[index])
                let end = Int(ends[index])
                return !(end == start + 1 && bytes[start] == UInt8(value)) && bytes[start] != 0x26
            }
            #expect(misplaced == nil, "\(page): scalar \(misplaced ?? -1)")
            scalars += map.count
            stored += map.storedBytes
        }
        #expect(scalars > 0)
        // Two Int32 arrays took 8 bytes a scalar.
        #expect(Double(stored) < 2 * Double(scalars), "\(stored) bytes for \(scalars) scalars")
    }

    static let fixtures = packageRoot.appendingPathComponent("Fixtures/html").path
    static let sharedPages = packageRoot.appendingPathComponent("../shared/data/webpages/pages").standardized.path
}
