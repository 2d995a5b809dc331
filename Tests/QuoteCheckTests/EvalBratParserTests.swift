import Foundation
import Testing
@testable import QuoteCheck

@Suite struct EvalBratParserTests {
    static let tricky = """
        T1\tSource 89 106\tThe New York Post
        T2\tCue 107 114\treports
        T3\tContent 852 904;918 1176\tone … two
        T4\tAttribution 107 114\treports
        E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1
        T5\tContent 10 20\tSyria may want them to stay
        T6\tAttribution-no-source 21 33\tit was reported
        E2\tAttribution-no-source:T6 Content:T5
        E3\tAttribution:T4 Content:T99 Source:T1
        E4\tAttribution-no-source:T6\u{20}
        T7\tDiscard 0 5\tjunk
        T8\tContent 300 310\tfirst line
        of a span that runs over two lines
        #1\tAnnotatorNotes T8\tShould this be part of E1?
        T9\tContent 400 410\tsecond piece
        E5\tAttribution:T4 Content:T8 Cue:T2 Source:T1 Content2:T9
        E6\tDiscuss:T7 Content:T5
        """

    @Test func readsTheTrickyLines() throws {
        let parsed = try BratParser.parse(Self.tricky, path: "x.ann")
        #expect(parsed.attributions.map(\.id) == ["E1", "E2", "E5"])
        #expect(parsed.danglingEvents == 1)
        #expect(parsed.eventsWithoutContent == 1)
        #expect(parsed.furthestOffset == 1176 && parsed.furthestOffsetLine == 3)

        let first = parsed.attributions[0]
        #expect(first.content == [ScalarRange(start: 852, end: 904), ScalarRange(start: 918, end: 1176)])
        #expect(first.source == [ScalarRange(start: 89, end: 106)])
        #expect(first.cue == [ScalarRange(start: 107, end: 114)])
        #expect(first.line == 5)

        let noSource = parsed.attributions[1]
        #expect(noSource.content == [ScalarRange(start: 10, end: 20)])
        #expect(noSource.source.isEmpty && noSource.cue.isEmpty)

        // Content2 adds a piece to the same attribution.
        #expect(parsed.attributions[2].content == [ScalarRange(start: 300, end: 310), ScalarRange(start: 400, end: 410)])
    }

    @Test func crlfLinesReadTheSame() throws {
        let crlf = Self.tricky.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(try BratParser.parse(crlf, path: "x.ann") == BratParser.parse(Self.tricky, path: "x.ann"))
    }

    @Test(arguments: [
        ("T1\tContent 5 x\tfive", 1),
        ("T1\tContent 9 5\tbackwards", 1),
        ("E1\tAttribution:T1 Content:T1\nT1\tContent\tno offsets", 2),
        ("T1\tContent 1 2\ta\nE1\tAttribution:T1 ContentT1", 2),
    ])
    func malformedLinesNameTheirLine(content: String, line: Int) {
        #expect {
            try BratParser.parse(content, path: "bad.ann")
        } throws: { error in
            guard case let .malformedLine(path, errorLine, _) = error as? EvaluationError else { return false }
            return path == "bad.ann" && errorLine == line
        }
    }
}
