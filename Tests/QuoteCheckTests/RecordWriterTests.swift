import Foundation
import Testing
@testable import QuoteCheck
@testable import QuoteRecords

/// The fast paths after detection (the byte-level JSON writer, the per-document hashes, the
/// entity index's shortcuts) against the plain definitions they replace.
@Suite struct RecordWriterTests {
    /// JSON string escaping one byte at a time, as the writer did before it scanned words.
    static func referenceJSON(_ text: String) -> [UInt8] {
        var out: [UInt8] = [0x22]
        for byte in text.utf8 {
            switch byte {
            case 0x22: out += Array(#"\""#.utf8)
            case 0x5C: out += Array(#"\\"#.utf8)
            case 0x0A: out += Array(#"\n"#.utf8)
            case 0x0D: out += Array(#"\r"#.utf8)
            case 0x09: out += Array(#"\t"#.utf8)
            case 0x00..<0x20: out += Array(String(format: "\\u%04x", byte).utf8)
            default: out.append(byte)
            }
        }
        return out + [0x22]
    }

    /// Every byte that needs escaping, and some that do not, at every position of strings long
    /// enough for the eight-byte scan, next to multi-byte characters.
    static let escapeCases: [String] = {
        let specials: [String] = (0..<0x20).map { String(UnicodeScalar(UInt8($0))) } + ["\"", "\\", "/", "\u{7F}", "é", "“", "😀", " ", "!", "#", "[", "]", "\u{2028}"]
        var cases: [String] = []
        for special in specials {
            for position in 0..<18 {
                cases.append(String(repeating: "a", count: position) + special + String(repeating: "b", count: 17 - position))
            }
        }
        return cases
    }()

    static func record(text: String, document: DocumentReference, start: Int = 3, end: Int = 9) -> ClaimRecord {
        ClaimRecord(
            id: "0123456789abcdef", document: document, kind: .direct,
            quote: QuoteText(text: text, start: start, end: end, sourceBytes: ByteRange(start: start, end: end), prefix: "", suffix: text),
            speaker: nil, cue: nil, rule: "en.x.y", confidence: 0.7
        )
    }

    static let document = DocumentReference(uri: "a.txt", media: "text/plain", sha256: "00", textSha256: "11")

    @Test func stringsAreEscapedAsByteByByte() throws {
        for text in Self.escapeCases {
            let line = Array(Self.record(text: text, document: Self.document).jsonLine.utf8)
            let expected = Array(#"{"text":"#.utf8) + Self.referenceJSON(text) + Array(#","start":3"#.utf8)
            #expect(line.firstRange(of: expected) != nil, "\(Array(text.utf8))")
        }
    }

    @Test(arguments: [0, 1, 9, 10, 99, 100, 12_345, 1_000_000, Int.max, -1, -10, Int.min])
    func integersAreWrittenAsStringWritesThem(value: Int) {
        let line = Self.record(text: "x", document: Self.document, start: value, end: 7).jsonLine
        #expect(line.contains(#""start":\#(String(value)),"end":7,"#))
    }

    /// The document object is written once per document and reused: records of alternating
    /// documents must each carry their own.
    @Test func linesOfSeveralDocumentsDecodeToTheirRecords() throws {
        let other = DocumentReference(uri: "dir/b \"2\".html", media: "text/html", sha256: "22", textSha256: "33")
        let records = [Self.document, Self.document, other, Self.document, other].enumerated().map {
            Self.record(text: "quote \($0.offset)", document: $0.element)
        }
        var writer = JSONLinesWriter()
        for record in records { writer.write(record) }
        let lines = writer.bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        #expect(lines.count == records.count + 1)
        #expect(lines.last?.isEmpty == true)
        for (line, record) in zip(lines, records) {
            #expect(try JSONDecoder().decode(ClaimRecord.self, from: Data(line)) == record)
            #expect(String(decoding: line, as: UTF8.self) == record.jsonLine)
        }
        writer.removeAll()
        #expect(writer.bytes.isEmpty)
    }

    @Test(arguments: [ScalarRange(start: 0, end: 0), ScalarRange(start: 7, end: 10), ScalarRange(start: 12_345, end: 1_000_000)])
    func recordIDIsTheHashOfDocumentAndRange(range: ScalarRange) {
        let sha = Hashing.sha256Hex("document")
        let expected = String(Hashing.sha256Hex("\(sha):\(range.start)-\(range.end)").prefix(16))
        #expect(Hashing.recordID(documentSHA256: sha, range: range) == expected)
        #expect(expected.count == 16)
    }

    /// The text hash may reuse the file hash only when the loaded text is exactly the file's UTF-8.
    @Test func loadedTextIsTheFileOnlyWhenEveryByteMatches() {
        let text = "“Ready,” said Mr. Smith, 100% sure — naïve? 😀 plain ascii run of text here."
        let scalars = Array(text.unicodeScalars)
        let bytes = Array(text.utf8)
        #expect(RecordFactory.isUTF8(of: scalars, bytes))
        #expect(RecordFactory.isUTF8(of: [], []))
        #expect(!RecordFactory.isUTF8(of: scalars, bytes + [0x20]))
        #expect(!RecordFactory.isUTF8(of: scalars, Array(bytes.dropLast())))
        #expect(!RecordFactory.isUTF8(of: scalars + ["x"], bytes))
        for index in bytes.indices {
            var changed = bytes
            changed[index] ^= 0x01
            #expect(!RecordFactory.isUTF8(of: scalars, changed), "byte \(index)")
        }
    }

    @Test(arguments: ["plain ascii text, long enough for words", "\u{FEFF}with a byte order mark", "crlf\r\nlines\r\n", "“curly” text"])
    func textHashIsTheLoadedTextsHash(text: String) throws {
        let loaded = try PlainTextLoader().load(bytes: Array(text.utf8), uri: "t.txt")
        let factory = RecordFactory(loaded: loaded)
        #expect(factory.document.textSha256 == Hashing.sha256Hex(loaded.text))
        #expect(factory.document.sha256 == Hashing.sha256Hex(Array(text.utf8)))
    }

    /// Plain text loaded as the file holds it takes span texts straight from the file's bytes:
    /// they must be the loaded text's, for every span, clamped alike outside the text.
    @Test(arguments: ["“Ready,” said Mr. Smith — naïve 😀.\nNext line", "\u{FEFF}byte order mark, then “text”", "bad \u{FFFD} byte"])
    func spanTextsAreTheLoadedTexts(text: String) throws {
        var bytes = Array(text.utf8)
        if text.hasPrefix("bad") { bytes[4] = 0xE9 }
        let loaded = try PlainTextLoader().load(bytes: bytes, uri: "t.txt")
        let factory = RecordFactory(loaded: loaded)
        for start in -1...(loaded.count + 1) {
            for end in (start - 1)...(loaded.count + 2) {
                let range = ScalarRange(start: start, end: end)
                #expect(factory.string(in: range) == loaded.string(in: range), "\(start)..<\(end)")
            }
        }
    }

    /// `EntityIndex` skips the first-name table for words without the `firstName` class: the
    /// tokenizer must give that class to exactly the lexicon's first names.
    @Test func firstNameClassMarksExactlyTheLexiconsFirstNames() throws {
        let rules = try RuleSet.load()
        let loaded = try DocumentLoader(rules: rules).load(path: packageRoot.appendingPathComponent("Fixtures/articles/sharaa-putin.txt").path)
        let analysis = DocumentAnalysis(text: loaded, rules: rules)
        let words = analysis.tokens.filter(\.isWord)
        #expect(words.contains { $0.classes.contains(.firstName) })
        for token in words {
            #expect(token.classes.contains(.firstName) == (rules.lexicon.firstNames[token.key] != nil), "\(token.key)")
        }
    }

    @Test func surnamesAndFullNamesResolveToTheirFirstIntroduction() throws {
        let rules = try RuleSet.load()
        let text = "Ahmed al-Sharaa met Mary Jones in Moscow on Monday. Mr. Smith said al-Sharaa and Jones spoke. "
            + "Jones left Moscow later, and Smith stayed."
        let loaded = try PlainTextLoader().load(bytes: Array(text.utf8), uri: "names.txt")
        let analysis = DocumentAnalysis(text: loaded, rules: rules)
        let index = EntityIndex(analysis: analysis, lexicon: rules.lexicon)
        #expect(index.people.map(\.fullName) == ["Ahmed al-Sharaa", "Mary Jones", "Smith"])
        #expect(index.people.map(\.gender) == [.male, .female, .male])
        #expect(index.mentions.map { analysis.string($0.range) } == ["Ahmed al-Sharaa", "Mary Jones", "Smith", "al-Sharaa", "Jones", "Jones", "Smith"])
        #expect(index.mentions.map(\.entity) == [0, 1, 2, 0, 1, 1, 2])
        #expect(index.entity(forSurname: "jones") == 1)
        #expect(index.entity(forSurname: "moscow") == nil)
        #expect(index.entity(forFullName: "MARY JONES") == 1)
    }

    /// The CLI as a user runs it, through the bad-input tests' runner.
    func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try BadInputTests.runCLI(arguments)
    }

    /// `extract -o` streams through `FILE.partial` like `corpus`: the file ends up holding
    /// exactly what stdout gets, replaces an older file, and bad inputs are still only reported.
    @Test(.enabled(if: BadInputTests.executable != nil, "needs the quotecheck executable built"))
    func extractToAFileWritesWhatStdoutGets() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("qc-writer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let articles = packageRoot.appendingPathComponent("Fixtures/articles").path
        let missing = scratch.appendingPathComponent("missing.txt").path
        let output = scratch.appendingPathComponent("records.jsonl").path
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: output))

        let toStdout = try run(["extract", articles, missing])
        let toFile = try run(["extract", articles, missing, "-o", output])
        // A document that cannot be read is an error in `extract` (status 2), the others still written.
        #expect(toStdout.status == 2)
        #expect(toFile.status == 2)
        #expect(toFile.stdout.isEmpty)
        #expect(toFile.stderr == toStdout.stderr)
        #expect(toStdout.stdout.count > 1_000)
        #expect(try String(contentsOfFile: output, encoding: .utf8) == toStdout.stdout)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path) == ["records.jsonl"])

        let unwritable = scratch.appendingPathComponent("no-such-dir/records.jsonl").path
        let failed = try run(["extract", articles, "-o", unwritable])
        #expect(failed.status == 2)
        #expect(failed.stderr.contains("\(unwritable): cannot write records"))
        #expect(failed.stderr.split(separator: "\n").count == 1)
    }
}
