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
        let cuts = Cuts(bytes: bytes, base: 0, encoding: .utf8)
        // A line break in the second half of the range wins.
        #expect(cuts.end(after: 10, upTo: 40) == 35)
        // Without one, a sentence end; without that, a space.
        #expect(cuts.end(after: 0, upTo: 12) == 9)
        #expect(cuts.end(after: 10, upTo: 30) == 29)
        // One long "word" of two-byte letters: a cut between two of them, never inside one.
        let word = Array(String(repeating: "é", count: 20).utf8)
        let cut = Cuts(bytes: word, base: 0, encoding: .utf8).end(after: 0, upTo: 21)
        #expect(cut > 0 && cut <= 21 && cut % 2 == 0)
        // A context starts at the first paragraph start, else after a sentence end.
        #expect(cuts.start(from: 1, before: 46) == 35)
        #expect(cuts.start(from: 1, before: 30) == 9)
        // A sentence closed by a curly quotation mark ends there too.
        let quoted = Array("He said “No.” Then more words follow here".utf8)
        #expect(Cuts(bytes: quoted, base: 0, encoding: .utf8).end(after: 0, upTo: 24) == 18)
    }

    @Test func wideCutsFallOnCodeUnitsAndNeverSplitASurrogatePair() {
        // UTF-16LE, no BOM: the same text, each scalar two bytes; cuts at twice the UTF-8 offsets.
        let text = "One two. Three four five six seven\nEight nine."
        let utf16 = Array(text.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let cuts = Cuts(bytes: utf16, base: 0, encoding: .utf16(bigEndian: false, bomLength: 0))
        #expect(cuts.end(after: 20, upTo: 80) == 70)
        #expect(cuts.end(after: 0, upTo: 24) == 18)
        #expect(cuts.start(from: 2, before: 92) == 70)
        // A "word" of letters outside the BMP (surrogate pairs, 4 bytes each) is cut between
        // two of them, never between the halves of one, even from an odd upper bound.
        let astral = Array(String(repeating: "𝔸", count: 12).utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let wide = Cuts(bytes: astral, base: 0, encoding: .utf16(bigEndian: true, bomLength: 0))
        for upper in 9...30 {
            let cut = wide.end(after: 0, upTo: upper)
            #expect(cut > 0 && cut <= upper && cut % 4 == 0, "upper \(upper): \(cut)")
        }
        let utf32 = text.unicodeScalars.flatMap { scalar in (0..<4).map { UInt8(truncatingIfNeeded: scalar.value >> (8 * $0)) } }
        #expect(Cuts(bytes: utf32, base: 0, encoding: .utf32(bigEndian: false)).end(after: 40, upTo: 160) == 140)
    }

    /// `text` in a wide encoding, with its byte order mark when `bom`.
    static func encoded(_ text: String, _ encoding: TextWindowEncoding) -> [UInt8] {
        switch encoding {
        case .utf8: return Array(text.utf8)
        case let .utf16(bigEndian, bomLength):
            let units = (bomLength > 0 ? [0xFEFF] : []) + Array(text.utf16)
            return units.flatMap { bigEndian ? [UInt8($0 >> 8), UInt8($0 & 0xFF)] : [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        case let .utf32(bigEndian):
            let values = [UInt32(0xFEFF)] + text.unicodeScalars.map(\.value)
            return values.flatMap { value in (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * (bigEndian ? 3 - $0 : $0))) } }
        }
    }

    @Test(arguments: [
        TextWindowEncoding.utf16(bigEndian: false, bomLength: 2), .utf16(bigEndian: true, bomLength: 2),
        .utf16(bigEndian: false, bomLength: 0), .utf32(bigEndian: false), .utf32(bigEndian: true),
    ])
    func wideEncodingsGiveTheRecordsOfTheWholeFile(encoding: TextWindowEncoding) throws {
        // An astral letter in every article, so UTF-16 surrogate pairs lie all over the file.
        let text = (0..<16).map { Self.article($0) + " 𝔸\u{00A0}end." }.joined(separator: "\n\n")
        let bytes = Self.encoded(text, encoding)
        let file = try Self.write(bytes)
        defer { try? FileManager.default.removeItem(at: file.directory) }
        let pipeline = try Self.pipeline()
        let whole = try pipeline.extract(path: file.path)
        let extractor = WindowedExtractor(pipeline: pipeline, windowBytes: 3_001, contextBytes: 1_401, lookaheadBytes: 601)
        #expect(extractor.readsInWindows(path: file.path))
        var records: [ClaimRecord] = []
        let outcome = extractor.extract(path: file.path) { records += $0 }
        #expect(outcome.failure == nil)
        // A window ends in the second half of its size: at least one per window size of the file.
        #expect(outcome.windows >= bytes.count / 3_001)
        #expect(whole.count >= 16 * 3)
        #expect(whole.first?.document.sha256 != whole.first?.document.textSha256)
        Self.expectSame(records, whole)
    }

    /// A pipe whose write end a thread fills with `bytes` and closes; the read end is the caller's.
    static func pipe(feeding bytes: [UInt8]) -> Int32 {
        var ends: [Int32] = [0, 0]
        #expect(Foundation.pipe(&ends) == 0)
        let writer = ends[1]
        Thread.detachNewThread {
            bytes.withUnsafeBytes { buffer in
                var done = 0
                while done < bytes.count, let address = buffer.baseAddress {
                    let wrote = Foundation.write(writer, address + done, bytes.count - done)
                    if wrote <= 0 { break }
                    done += wrote
                }
            }
            close(writer)
        }
        return ends[0]
    }

    @Test func standardInputOverAWindowIsSpooledAndReadInWindows() throws {
        let bytes = Array((0..<30).map(Self.article).joined(separator: "\n\n").utf8)
        let pipeline = try Self.pipeline()
        let whole = try pipeline.records(for: pipeline.loader.load(bytes: bytes, uri: "-"))
        let extractor = WindowedExtractor(pipeline: pipeline, windowBytes: 2_000, contextBytes: 700, lookaheadBytes: 300)
        let input = Self.pipe(feeding: bytes)
        defer { close(input) }
        var records: [ClaimRecord] = []
        let reading = extractor.extract(standardInput: input, uri: "-") { records += $0 }
        guard case let .windows(outcome) = reading else {
            Issue.record("not read in windows: \(reading)")
            return
        }
        #expect(outcome.failure == nil && outcome.windows >= bytes.count / 2_000)
        #expect(records.first?.document.uri == "-")
        Self.expectSame(records, whole)
        // The spool was unlinked when it was made: no file of ours is left in the temporary directory.
        let left = try FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path)
        #expect(!left.contains { $0.hasPrefix("quotecheck-stdin-") })
        // Redirected from a file (`< article.txt`): read in place, the same records.
        let file = try Self.write(bytes)
        defer { try? FileManager.default.removeItem(at: file.directory) }
        let redirected = open(file.path, O_RDONLY)
        defer { close(redirected) }
        var fromFile: [ClaimRecord] = []
        guard case .windows = extractor.extract(standardInput: redirected, uri: "-", deliver: { fromFile += $0 }) else {
            Issue.record("a redirected file is read in windows")
            return
        }
        Self.expectSame(fromFile, whole)
    }

    @Test func standardInputWithinAWindowOrOverTheLimitIsNotSpooled() throws {
        let pipeline = try Self.pipeline()
        let extractor = WindowedExtractor(pipeline: pipeline, windowBytes: 4_000)
        let small = Array(Self.article(1).utf8)
        let input = Self.pipe(feeding: small)
        defer { close(input) }
        let reading = extractor.extract(standardInput: input) { _ in Issue.record("nothing is delivered for a small input") }
        guard case let .whole(bytes) = reading else {
            Issue.record("a small input is read whole: \(reading)")
            return
        }
        #expect(bytes == small)
        // HTML over a window is read whole from the spool, as before.
        let page = Array("<html><body><p>".utf8) + Array(repeating: Array(Self.article(2).utf8), count: 10).flatMap { $0 }
        let htmlInput = Self.pipe(feeding: page)
        defer { close(htmlInput) }
        let htmlReading = try WindowedExtractor(pipeline: Pipeline(rules: RuleSet.load(), format: .html, language: "en"), windowBytes: 4_000)
            .extract(standardInput: htmlInput) { _ in Issue.record("HTML is not read in windows") }
        guard case let .whole(htmlBytes) = htmlReading else {
            Issue.record("HTML is read whole: \(htmlReading)")
            return
        }
        #expect(htmlBytes == page)
        // Over --max-bytes: refused, naming standard input.
        let limited = WindowedExtractor(pipeline: Pipeline(rules: try RuleSet.load(), maxBytes: 6_000, language: "en"), windowBytes: 2_000)
        let big = Self.pipe(feeding: Array(repeating: UInt8(ascii: "a"), count: 9_000))
        defer { close(big) }
        guard case let .failed(error) = limited.extract(standardInput: big, deliver: { _ in }) else {
            Issue.record("standard input over the limit is refused")
            return
        }
        #expect(error == .tooLarge(uri: "-", size: nil, limit: 6_000))
    }

    @Test func aPageLoadedWholeIsAnalysedInWindowsWithTheRecordsOfTheWholePage() throws {
        // Entities and markup between the paragraphs: the byte map has gaps and wide ranges.
        let paragraphs = (0..<24).map { number in
            Self.article(number).split(separator: "\n", omittingEmptySubsequences: true)
                .map { "<p class=\"story\">\($0.replacingOccurrences(of: "the", with: "th&#101;"))</p>" }.joined(separator: "\n")
        }
        let page = "<!doctype html><html><head><title>Council</title></head><body><article>\n"
            + paragraphs.joined(separator: "\n<hr>\n") + "\n</article></body></html>"
        let file = try Self.write(Array(page.utf8), name: "page.html")
        defer { try? FileManager.default.removeItem(at: file.directory) }
        let rules = try RuleSet.load()
        let pipeline = Pipeline(rules: rules, language: "en")
        let whole = try pipeline.extract(path: file.path)
        let extractor = WindowedExtractor(pipeline: pipeline, windowBytes: 2_000, contextBytes: 700, lookaheadBytes: 300)
        #expect(extractor.exceedsAWindow(path: file.path) && !extractor.readsInWindows(path: file.path))
        var records: [ClaimRecord] = []
        let outcome = extractor.extract(bytes: Array(page.utf8), uri: file.path) { records += $0 }
        #expect(outcome.failure == nil)
        let scalars = try pipeline.loader.load(path: file.path).count
        #expect(outcome.windows >= scalars / 2_000)
        #expect(whole.count >= 24 * 3)
        Self.expectSame(records, whole)
        let results = RecordVerifier(reload: DocumentLoader.reloader(rules: rules, root: nil)).verify(records)
        #expect(results.allSatisfy { $0.status == .ok }, "\(results.filter { $0.status != .ok }.map(\.problems))")
        // A text within a window is one batch, exactly the whole page's records.
        var single: [[ClaimRecord]] = []
        let one = WindowedExtractor(pipeline: pipeline).extract(bytes: Array(page.utf8), uri: file.path) { single.append($0) }
        #expect(one.windows == 1 && single.count == 1)
        Self.expectSame(single.flatMap { $0 }, whole)
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
        // Over the size but not plain text (HTML), or over --max-bytes.
        let html = try Self.write(Array("<html><body><p>".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: limit), name: "page.html")
        defer { try? FileManager.default.removeItem(at: html.directory) }
        #expect(!extractor.readsInWindows(path: html.path))
        let utf16 = try Self.write([0xFF, 0xFE] + Array(repeating: [UInt8(ascii: "a"), 0], count: limit).flatMap { $0 })
        defer { try? FileManager.default.removeItem(at: utf16.directory) }
        #expect(extractor.readsInWindows(path: utf16.path))
        let limited = WindowedExtractor(pipeline: Pipeline(rules: try RuleSet.load(), maxBytes: limit, language: "en"))
        #expect(!limited.readsInWindows(path: over.path))
    }
}
