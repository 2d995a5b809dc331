import Foundation
import Testing
@testable import QuoteCheck

/// `quotecheck verify`: records against unchanged, shifted, edited and deleted documents.
@Suite struct VerifyTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let seedPath = fixtures.appendingPathComponent("articles/sharaa-putin.txt").path

    /// A scratch copy of the seed article and its records, in a fresh directory.
    struct Scratch {
        let directory: URL
        let path: String
        let original: String
        let records: [ClaimRecord]
        let rules: RuleSet

        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("verify-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            path = directory.appendingPathComponent("article.txt").path
            original = try String(contentsOfFile: VerifyTests.seedPath, encoding: .utf8)
            try original.write(toFile: path, atomically: true, encoding: .utf8)
            rules = try RuleSet.load()
            records = try Pipeline(rules: rules).extract(path: path)
        }

        func write(_ text: String) throws {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }

        func verify(_ records: [ClaimRecord]? = nil) -> [VerificationResult] {
            RecordVerifier(reload: DocumentLoader.reloader(rules: rules, root: nil)).verify(records ?? self.records)
        }

        func remove() {
            try? FileManager.default.removeItem(at: directory)
        }
    }

    @Test func untouchedDocumentVerifies() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        #expect(scratch.records.count >= 2)
        let results = scratch.verify()
        #expect(results.map(\.status) == Array(repeating: .ok, count: scratch.records.count))
        #expect(VerificationSummary(results).allVerify)
    }

    @Test func seedRecordsFixtureVerifiesUnderRoot() throws {
        let records = try JSONLines.read(path: Self.fixtures.appendingPathComponent("verify/sharaa-putin.records.jsonl").path)
        let verifier = RecordVerifier(reload: DocumentLoader.reloader(rules: try RuleSet.load(), root: Self.fixtures.path))
        let results = verifier.verify(records)
        #expect(!results.isEmpty)
        #expect(results.allSatisfy { $0.status == .ok }, "\(results.flatMap(\.problems))")
    }

    /// A multibyte paragraph shifts scalar and byte offsets by different amounts, so a mix-up of
    /// the two units shows.
    @Test func insertedParagraphMovesTheQuote() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let inserted = "Ré-édition 😀: a paragraph added later.\n\n"
        let insertAt = try #require(scratch.original.range(of: "The trip marks"))
        var changed = scratch.original
        changed.insert(contentsOf: inserted, at: insertAt.lowerBound)
        try scratch.write(changed)

        let shiftScalars = inserted.unicodeScalars.count
        let shiftBytes = inserted.utf8.count
        let results = scratch.verify()
        for (record, result) in zip(scratch.records, results) {
            #expect(result.status == .moved)
            let found = try #require(result.found)
            #expect(found.start == record.quote.start + shiftScalars)
            #expect(found.end == record.quote.end + shiftScalars)
            #expect(found.sourceBytes == ByteRange(start: record.quote.sourceBytes.start + shiftBytes, end: record.quote.sourceBytes.end + shiftBytes))
            let scalars = Array(changed.unicodeScalars)
            #expect(String(String.UnicodeScalarView(scalars[found.start..<found.end])) == record.quote.text)
        }
        #expect(!VerificationSummary(results).allVerify)
    }

    @Test func editedQuoteIsChanged() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let edited = scratch.original.replacingOccurrences(of: "this is a great success", with: "this is a real success")
        try #require(edited != scratch.original)
        try scratch.write(edited)
        let results = scratch.verify()
        let putin = try #require(zip(scratch.records, results).first { $0.0.quote.text.contains("great success") })
        #expect(putin.1.status == .changed)
        let similarity = try #require(putin.1.similarity)
        #expect(similarity > 0.9 && similarity < 1)
        #expect(putin.1.foundText?.contains("a real success") == true)
        // The other quote is intact and only moved by nothing: same offsets, new hash.
        let other = try #require(zip(scratch.records, results).first { !$0.0.quote.text.contains("great success") })
        #expect(other.1.status == .moved)
        #expect(other.1.found?.start == other.0.quote.start)
    }

    @Test func deletedDocumentIsMissing() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try FileManager.default.removeItem(atPath: scratch.path)
        #expect(scratch.verify().allSatisfy { $0.status == .missing })
    }

    @Test func quoteRemovedFromDocumentIsMissing() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let record = try #require(scratch.records.first)
        try scratch.write(scratch.original.replacingOccurrences(of: record.quote.text, with: "Nothing was said."))
        #expect(scratch.verify([record]).first?.status == .missing)
    }

    enum Corruption: String, CaseIterable {
        case shiftedOffsets, wrongText, wrongBytes, outOfRange, wrongPrefix, badMention
    }

    @Test(arguments: Corruption.allCases)
    func corruptedRecordIsInvalid(_ corruption: Corruption) throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        var record = try #require(scratch.records.first)
        switch corruption {
        case .shiftedOffsets:
            record.quote.start += 1
            record.quote.end += 1
        case .wrongText:
            record.quote.text = record.quote.text.replacingOccurrences(of: "restore", with: "restart")
        case .wrongBytes:
            record.quote.sourceBytes = ByteRange(start: record.quote.sourceBytes.start, end: record.quote.sourceBytes.end - 1)
        case .outOfRange:
            record.quote.end = 1_000_000
        case .wrongPrefix:
            record.quote.prefix = "not what came before"
        case .badMention:
            record.speaker = Speaker(
                name: "Ahmed al-Sharaa",
                mention: Mention(text: "Mr. al-Sharaa", start: record.quote.end + 2, end: record.quote.end + 15, sourceBytes: ByteRange(start: 0, end: 1)),
                resolvedBy: "mention", anonymous: false)
        }
        let result = try #require(scratch.verify([record]).first)
        #expect(result.status == .invalid)
        #expect(!result.problems.isEmpty)
    }

    @Test func correctMentionAndPartsVerify() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        var record = try #require(scratch.records.first)
        let loaded = try DocumentLoader(rules: scratch.rules).load(path: scratch.path)
        let factory = RecordFactory(loaded: loaded)
        let scalars = Array(scratch.original.unicodeScalars)
        let name = Array("Mr. al-Sharaa".unicodeScalars)
        let mentionStart = try #require((record.quote.end..<(scalars.count - name.count)).first { Array(scalars[$0..<($0 + name.count)]) == name })
        let mention = factory.mention(ScalarRange(start: mentionStart, end: mentionStart + "Mr. al-Sharaa".unicodeScalars.count))
        #expect(mention.text == "Mr. al-Sharaa")
        record.speaker = Speaker(name: "Ahmed al-Sharaa", mention: mention, resolvedBy: "mention", anonymous: false)
        record.quote = factory.quote(parts: [
            ScalarRange(start: record.quote.start, end: record.quote.start + 10),
            ScalarRange(start: record.quote.start + 20, end: record.quote.end),
        ])
        #expect(scratch.verify([record]).first?.status == .ok)
        record.quote.parts?[1].sourceBytes = ByteRange(start: 0, end: 3)
        #expect(scratch.verify([record]).first?.status == .invalid)
    }
}
