import Foundation
import QuoteCheck
import Testing

@Suite struct RecordJSONTests {
    static func record(text: String, speaker: Speaker?) -> ClaimRecord {
        ClaimRecord(
            id: "0123456789abcdef",
            document: DocumentReference(uri: "dir/a \"b\".txt", media: "text/plain", sha256: "00", textSha256: "11"),
            kind: .mixed,
            quote: QuoteText(
                text: text, start: 3, end: 9, sourceBytes: ByteRange(start: 4, end: 20), prefix: "a\\b\n", suffix: "\u{1}\u{1F}",
                parts: [
                    QuotePart(start: 3, end: 5, sourceBytes: ByteRange(start: 4, end: 8), text: "p\"1\n"),
                    QuotePart(start: 7, end: 9, sourceBytes: ByteRange(start: 12, end: 20), text: "é\\2\u{1}"),
                ]
            ),
            speaker: speaker,
            cue: Mention(text: "said", start: 10, end: 14, sourceBytes: ByteRange(start: 21, end: 25)),
            rule: "en.x.y",
            confidence: 0.48
        )
    }

    static let tricky: [String] = ["plain", "“curly” and \"straight\"", "back\\slash/and/slashes", "tab\tnew\nline\r", "\u{0}\u{7}\u{1B}", "é 🎉 \u{2028} \u{2029} 中文"]

    @Test(arguments: tricky)
    func writtenRecordDecodesToTheSameRecord(_ text: String) throws {
        for speaker in [nil, Speaker(name: "Vladimir \"Vova\" Putin", mention: nil, resolvedBy: "alias", anonymous: false)] {
            let record = Self.record(text: text, speaker: speaker)
            let line = record.jsonLine
            #expect(!line.contains("\n"))
            let decoded = try JSONDecoder().decode(ClaimRecord.self, from: Data(line.utf8))
            #expect(decoded == record)
        }
    }

    @Test func keysFollowTheSchemaOrderAndNullsAreWritten() throws {
        let line = Self.record(text: "x", speaker: nil).jsonLine
        let keys = ["\"schema\"", "\"id\"", "\"document\"", "\"kind\"", "\"quote\"", "\"speaker\":null", "\"cue\"", "\"rule\"", "\"confidence\":0.48"]
        let positions = keys.map { line.range(of: $0)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 }.map { line.distance(from: line.startIndex, to: $0) } == positions.compactMap { $0 }.map { line.distance(from: line.startIndex, to: $0) }.sorted())
    }

    @Test func seedRecordsRoundTrip() throws {
        let pipeline = Pipeline(rules: try RuleSet.load())
        let records = try pipeline.extract(path: packageRoot.appendingPathComponent("Fixtures/articles/sharaa-putin.html").path)
        #expect(!records.isEmpty)
        for record in records {
            #expect(try JSONDecoder().decode(ClaimRecord.self, from: Data(record.jsonLine.utf8)) == record)
        }
    }
}
