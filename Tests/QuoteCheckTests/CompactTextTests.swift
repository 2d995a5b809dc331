import Testing
@testable import QuoteCheck

/// The compact forms behind the speed and memory work (issue 19): each must answer exactly as
/// the plain form it replaced.
@Suite struct CompactTextTests {
    /// Byte ranges a plain list of starts and ends would give, for comparison.
    static func expectSame(_ map: OffsetMap, starts: [Int32], ends: [Int32]) {
        #expect(map.count == starts.count)
        #expect(map.byteStarts == starts)
        #expect(map.byteEnds == ends)
        for index in starts.indices {
            #expect(map.bytes(ofScalar: index) == ByteRange(start: Int(starts[index]), end: Int(ends[index])))
        }
        for lower in 0...starts.count {
            for upper in lower...starts.count {
                let expected = OffsetMapTests.plainBytes(ofSpan: lower..<upper, starts: starts, ends: ends)
                #expect(map.bytes(of: ScalarRange(start: lower, end: upper)) == expected)
            }
        }
    }

    /// Decoded UTF-8 over several checkpoints, with multibyte scalars and an invalid byte.
    @Test func contiguousMapAnswersAsStartsAndEnds() throws {
        let text = String(repeating: "ab é “x” \u{1F600} ", count: 20)
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(text.utf8) + [0xFF] + Array("z".utf8)
        let loaded = try PlainTextLoader().load(bytes: bytes, uri: "t.txt")
        var starts: [Int32] = []
        var ends: [Int32] = []
        var position = 3
        for scalar in loaded.scalars {
            let width = scalar == "\u{FFFD}" ? 1 : UTF8.width(scalar)
            starts.append(Int32(position))
            ends.append(Int32(position + width))
            position += width
        }
        #expect(loaded.count > 2 * OffsetMap.checkpointInterval)
        Self.expectSame(loaded.offsetMap, starts: starts, ends: ends)
        #expect(loaded.offsetMap == OffsetMap(byteStarts: starts, byteEnds: ends, rawByteCount: bytes.count))
    }

    /// A gap (HTML markup between two scalars) turns an appended map into the general form
    /// without changing any earlier range.
    @Test func mapWithGapsKeepsEveryRange() {
        let starts: [Int32] = (0..<150).map { $0 < 100 ? Int32($0) : Int32($0 + 7) }
        var ends = starts.map { $0 + 1 }
        ends[120] += 300
        var appended = OffsetMap(rawByteCount: 600)
        for index in starts.indices { appended.append(start: Int(starts[index]), end: Int(ends[index])) }
        Self.expectSame(appended, starts: starts, ends: ends)
        Self.expectSame(OffsetMap(byteStarts: starts, byteEnds: ends, rawByteCount: 600), starts: starts, ends: ends)
        #expect(appended == OffsetMap(byteStarts: starts, byteEnds: ends, rawByteCount: 600))
        #expect(appended != OffsetMap(start: 0, widths: Array(repeating: 1, count: 150), rawByteCount: 600))
    }

    @Test func emptyMapsAreEqualAndMapToTheirStart() {
        #expect(OffsetMap(rawByteCount: 3).bytes(of: ScalarRange(start: 0, end: 0)) == ByteRange(start: 0, end: 0))
        #expect(OffsetMap(start: 3, widths: [], rawByteCount: 3) == OffsetMap(rawByteCount: 3))
    }

    /// Language identification reads ASCII words without Unicode's tables: words with and
    /// without other letters, upper case and lower, count as they did.
    @Test func languageIsIdentifiedAcrossASCIIAndOtherLetters() throws {
        let rules = try RuleSet.load()
        let german = "Über die Frage, ob der Vorschlag für die Menschen und für die Wirtschaft gut ist, wird noch gestritten. "
        let detected = try #require(rules.languages.identify(Array(String(repeating: german, count: 4).unicodeScalars)))
        #expect(detected.code == "de")
        let upper = try #require(rules.languages.identify(Array(String(repeating: german, count: 4).uppercased().unicodeScalars)))
        #expect(upper.code == "de")
        #expect(upper.share == detected.share)
        // "für" and "über" are German profile words: lower-cased with their non-ASCII letter they still count.
        let withUmlauts = rules.languages.identify(Array(String(repeating: "für über ÜBER Für ", count: 10).unicodeScalars))
        #expect(withUmlauts?.code == "de")
        #expect(withUmlauts?.share == 1)
    }
}
