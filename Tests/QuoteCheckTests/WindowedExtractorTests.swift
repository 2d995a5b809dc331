import Foundation
import Testing
@testable import QuoteCheck

/// Huge plain-text files read in windows (docs/limits.md): the records must be those of the
/// whole file wherever the text around a quotation lies within a window's context, must
/// verify against the whole file, and ordinary files must never take this path.
@Suite struct WindowedExtractorTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// A surname of its own for each `index` below 90, so no article's speaker is another's.
    static func surname(_ index: Int) -> String {
        let stems = ["Berg", "Lind", "Holm", "Dahl", "Sand", "Nord", "Strand", "Wester", "Oster", "Ahl"]
        let endings = ["man", "gren", "qvist", "ström", "feldt", "lund", "stedt", "blom", "hall"]
        return stems[index % stems.count] + endings[index / stems.count % endings.count]
    }

    /// A short news article naming its own speakers (names no other article below 45 uses), with
    /// multibyte text so scalar and byte offsets differ.
    static func article(_ number: Int) -> String {
        let firsts = ["Maria", "John", "Aisha", "Pedro", "Lena", "Tomas", "Grace", "Omar"]
        let cities = ["Zürich", "São Paulo", "Kraków", "Malmö", "Besançon"]
        let mayor = (first: firsts[number % firsts.count], last: surname(2 * number))
        let member = (first: firsts[(number + 3) % firsts.count], last: surname(2 * number + 1))
        let city = cities[number % cities.count]
        return """
            \(city) council votes on budget number \(number)

            \(mayor.first) \(mayor.last), the mayor of \(city), said on Monday that the plan would pass. “We have the votes and we will use them for item \(number),” \(mayor.last) said.

            \(member.first) \(member.last), a council member, disagreed. “This budget is a mistake that costs \(number) million,” \(member.last) told reporters. The vote is set for Thursday.

            "Nobody should worry about the schools," \(mayor.last) said later.
            """
    }

    /// A file in a fresh directory, removed by the caller.
    static func write(_ bytes: [UInt8], name: String = "huge.txt") throws -> (directory: URL, path: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("windowed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return (directory, path)
    }

    static func pipeline() throws -> Pipeline {
        Pipeline(rules: try RuleSet.load(), language: "en")
    }

    /// Compares two record lists field by field, naming the record that differs.
    static func expectSame(_ windowed: [ClaimRecord], _ whole: [ClaimRecord]) {
        #expect(windowed.count == whole.count)
        for (index, (got, want)) in zip(windowed, whole).enumerated() {
            #expect(got.id == want.id, "record \(index)")
            #expect(got.document == want.document, "record \(index)")
            #expect(got.kind == want.kind, "record \(index)")
            #expect(got.quote == want.quote, "record \(index): \(got.quote.text)")
            #expect(got.speaker == want.speaker, "record \(index): \(got.quote.text)")
            #expect(got.cue == want.cue, "record \(index)")
            #expect(got.rule == want.rule, "record \(index)")
            #expect(got.confidence == want.confidence, "record \(index)")
        }
    }

    @Test func independentArticlesGiveTheRecordsOfTheWholeFile() throws {
        let text = (0..<40).map(Self.article).joined(separator: "\n\n")
        let file = try Self.write(Array(text.utf8))
        defer { try? FileManager.default.removeItem(at: file.directory) }
        let pipeline = try Self.pipeline()
        let whole = try pipeline.extract(path: file.path)
        // Windows of about three articles, a context of one and a lookahead of half of one.
        let windowed = WindowedExtractor(pipeline: pipeline, windowBytes: 2_000, contextBytes: 700, lookaheadBytes: 300)
        #expect(windowed.readsInWindows(path: file.path))
        var records: [ClaimRecord] = []
        var batches = 0
        let outcome = windowed.extract(path: file.path) { batch in
            records += batch
            batches += 1
        }
        #expect(outcome.failure == nil)
        #expect(outcome.windows >= 8)
        #expect(batches == outcome.windows)
        #expect(outcome.recordCount == records.count)
        #expect(whole.count >= 40 * 3)
        #expect(whole.allSatisfy { $0.speaker != nil })
        Self.expectSame(records, whole)
    }

    @Test func aFileWithBOMAndAnInvalidByteHashesAndPlacesAsWhole() throws {
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]
        for number in 0..<12 {
            bytes += Array(Self.article(number).utf8)
            // A stray byte that is not UTF-8 (one U+FFFD in the text) between articles.
            bytes += number == 5 ? [0x0A, 0xFF, 0x0A, 0x0A] : [0x0A, 0x0A]
        }
        let file = try Self.write(bytes)
        defer { try? FileManager.default.removeItem(at: file.directory) }
        let pipeline = try Self.pipeline()
        let whole = try pipeline.extract(path: file.path)
        let records = try WindowedExtractor(pipeline: pipeline, windowBytes: 1_500, contextBytes: 700, lookaheadBytes: 300).records(path: file.path)
        #expect(whole.first?.document.sha256 != whole.first?.document.textSha256)
        Self.expectSame(records, whole)
    }

    @Test func aOneLineFileIsCutAtSentencesAndItsRecordsVerify() throws {
        // No line break at all: windows end at sentence ends or whitespace.
        let text = (0..<30).map { Self.article($0).replacingOccurrences(of: "\n", with: " ") }.joined(separator: " ")
        #expect(!text.contains("\n"))
        let file = try Self.write(Array(text.utf8))
        defer { try? FileManager.default.removeItem(at: file.directory) }
        let rules = try RuleSet.load()
        let pipeline = Pipeline(rules: rules, language: "en")
        let extractor = WindowedExtractor(pipeline: pipeline, windowBytes: 1_200, contextBytes: 400, lookaheadBytes: 200)
        var records: [ClaimRecord] = []
        let outcome = extractor.extract(path: file.path) { records += $0 }
        #expect(outcome.windows >= 10)
        #expect(records.count >= 30 * 2)
        let loaded = try pipeline.loader.load(path: file.path)
        var previousStart = -1
        for record in records {
            #expect(loaded.string(in: record.quote.range) == record.quote.text)
            #expect(record.quote.start > previousStart, "records in text order, each once")
            previousStart = record.quote.start
            let bytes = record.quote.sourceBytes
            #expect(String(decoding: loaded.rawBytes[bytes.start..<bytes.end], as: UTF8.self) == record.quote.text)
            if let mention = record.speaker?.mention {
                #expect(loaded.string(in: mention.range) == mention.text)
            }
        }
        let results = RecordVerifier(reload: DocumentLoader.reloader(rules: rules, root: nil)).verify(records)
        #expect(results.allSatisfy { $0.status == .ok }, "\(results.filter { $0.status != .ok }.map(\.problems))")
    }

    @Test func cutsFallBackFromLinesToSentencesToWhitespaceToScalars() {
        let bytes = Array("One two. Three four five six seven\nEight nine.".utf8)
        // A line break in the second half of the range wins.
        #expect(Cuts.end(in: bytes, base: 0, after: 10, upTo: 40) == 35)
        // Without one, a sentence end; without that, a space.
        #expect(Cuts.end(in: bytes, base: 0, after: 0, upTo: 12) == 9)
        #expect(Cuts.end(in: bytes, base: 0, after: 10, upTo: 30) == 29)
        // One long "word" of two-byte letters: a cut between two of them, never inside one.
        let word = Array(String(repeating: "é", count: 20).utf8)
        let cut = Cuts.end(in: word, base: 0, after: 0, upTo: 21)
        #expect(cut > 0 && cut <= 21 && cut % 2 == 0)
        // A context starts at the first paragraph start, else after a sentence end.
        #expect(Cuts.start(in: bytes, base: 0, from: 1, before: 46) == 35)
        #expect(Cuts.start(in: bytes, base: 0, from: 1, before: 30) == 9)
    }

    @Test func ordinaryInputIsNeverReadInWindows() throws {
        let pipeline = try Self.pipeline()
        let extractor = WindowedExtractor(pipeline: pipeline)
        #expect(!extractor.readsInWindows(path: Self.fixtures.appendingPathComponent("articles/sharaa-putin.txt").path))
        // Exactly the window size is still read whole; one byte more is not.
        let limit = WindowedExtractor.defaultWindowBytes
        let atLimit = try Self.write([UInt8](repeating: UInt8(ascii: "a"), count: limit))
        defer { try? FileManager.default.removeItem(at: atLimit.directory) }
        #expect(!extractor.readsInWindows(path: atLimit.path))
        let over = try Self.write([UInt8](repeating: UInt8(ascii: "a"), count: limit + 1))
        defer { try? FileManager.default.removeItem(at: over.directory) }
        #expect(extractor.readsInWindows(path: over.path))
        // Over the size but not UTF-8 text: HTML, UTF-16, or over --max-bytes.
        let html = try Self.write(Array("<html><body><p>".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: limit), name: "page.html")
        defer { try? FileManager.default.removeItem(at: html.directory) }
        #expect(!extractor.readsInWindows(path: html.path))
        let utf16 = try Self.write([0xFF, 0xFE] + Array(repeating: [UInt8(ascii: "a"), 0], count: limit).flatMap { $0 })
        defer { try? FileManager.default.removeItem(at: utf16.directory) }
        #expect(!extractor.readsInWindows(path: utf16.path))
        let limited = WindowedExtractor(pipeline: Pipeline(rules: try RuleSet.load(), maxBytes: limit, language: "en"))
        #expect(!limited.readsInWindows(path: over.path))
    }
}
