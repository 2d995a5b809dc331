import Foundation
import QuoteCheck
import Testing

/// `extract --jsonl-in` and the library under it: documents as JSON lines in, records out in
/// input order, malformed lines as error objects, bounded memory.
@Suite struct JSONLinesInputTests {
    let scratch: URL
    let pipeline: Pipeline

    init() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("qc-jsonl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        pipeline = Pipeline(rules: try RuleSet.load())
    }

    func fixture(_ name: String) throws -> String {
        try String(contentsOf: packageRoot.appendingPathComponent("Fixtures/articles/\(name)"), encoding: .utf8)
    }

    /// One input line as a JSON object, with keys as given (`JSONSerialization` escapes the strings).
    func line(_ object: [String: Any]) throws -> [UInt8] {
        [UInt8](try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }

    func short(_ index: Int) -> String { "“We are ready for round \(index),” Mr. Smith said on Monday.\n" }

    /// What `extract` writes for this file: the records of `Pipeline.extract(path:)` as JSON Lines.
    func extractOutput(path: String) throws -> String {
        var writer = JSONLinesWriter()
        for record in try pipeline.extract(path: path) { writer.write(record) }
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// Runs the extractor over `lines` and returns every result in delivery order with the totals.
    func collect(_ lines: [[UInt8]], jobs: Int) async throws -> (results: [JSONLinesResult], summary: JSONLinesSummary) {
        var results: [JSONLinesResult] = []
        var iterator = lines.makeIterator()
        let summary = try await JSONLinesExtractor(pipeline: pipeline, jobs: jobs).run(lines: &iterator) { result in
            results.append(result)
        }
        return (results, summary)
    }

    func text(_ results: [JSONLinesResult]) -> String {
        String(decoding: results.flatMap(\.output), as: UTF8.self)
    }

    @Test(arguments: [1, 3])
    func recordsAreByteIdenticalToExtractOfTheSameFile(jobs: Int) async throws {
        var lines: [[UInt8]] = []
        var expected = ""
        for name in ["sharaa-putin.txt", "sharaa-putin.html"] {
            let content = try fixture(name)
            let path = scratch.appendingPathComponent(name).path
            try content.write(toFile: path, atomically: true, encoding: .utf8)
            let key = name.hasSuffix(".html") ? "html" : "text"
            lines.append(try line(["id": name, "uri": path, key: content]))
            expected += try extractOutput(path: path)
        }
        let (results, summary) = try await collect(lines, jobs: jobs)
        #expect(!expected.isEmpty)
        #expect(text(results) == expected)
        #expect(summary.failures == 0)
        #expect(summary.records == expected.split(separator: "\n").count)
    }

    @Test func aDocumentOverAWindowGivesWhatExtractGivesForTheFile() async throws {
        // Over a window of text and of HTML: `extract` reads the file in windows (text) or
        // analyses the loaded page in windows (HTML); the line must give the same bytes.
        let article = try fixture("sharaa-putin.txt") + "\n"
        let window = 2 * article.utf8.count
        let plain = String(repeating: article, count: 5)
        let page = "<html><body>" + String(repeating: "<p>" + article.replacingOccurrences(of: "\n\n", with: "</p><p>") + "</p>\n", count: 5)
            + "</body></html>"
        var lines: [[UInt8]] = []
        var expected = ""
        for (name, key, content) in [("big.txt", "text", plain), ("big.html", "html", page)] {
            let path = scratch.appendingPathComponent(name).path
            try content.write(toFile: path, atomically: true, encoding: .utf8)
            lines.append(try line(["id": name, "uri": path, key: content]))
            var writer = JSONLinesWriter()
            let windowed = WindowedExtractor(pipeline: pipeline, windowBytes: window)
            let outcome = windowed.readsInWindows(path: path)
                ? windowed.extract(path: path) { for record in $0 { writer.write(record) } }
                : windowed.extract(bytes: Array(content.utf8), uri: path) { for record in $0 { writer.write(record) } }
            #expect(outcome.failure == nil && outcome.windows >= 2, "\(name): \(outcome.windows) windows")
            expected += String(decoding: writer.bytes, as: UTF8.self)
        }
        var results: [JSONLinesResult] = []
        var iterator = lines.makeIterator()
        let summary = try await JSONLinesExtractor(pipeline: pipeline, windowBytes: window).run(lines: &iterator) { results.append($0) }
        #expect(summary.failures == 0)
        #expect(summary.records == expected.split(separator: "\n").count)
        #expect(text(results) == expected)

        // With one job the records of a document read in windows leave window by window, before
        // its line's result, and are the same bytes; none are held for the result.
        var streamed: [[UInt8]] = []
        var after: [JSONLinesResult] = []
        iterator = lines.makeIterator()
        let again = try await JSONLinesExtractor(pipeline: pipeline, windowBytes: window).run(
            lines: &iterator, streaming: { streamed.append(Array($0)) }, deliver: { after.append($0) })
        #expect(streamed.count >= 4)
        #expect(after.allSatisfy { $0.output.isEmpty })
        #expect(again.records == summary.records && again.failures == 0)
        #expect(String(decoding: streamed.joined(), as: UTF8.self) == expected)
    }

    @Test(arguments: [1, 2, 4])
    func outputFollowsInputOrder(jobs: Int) async throws {
        // The first document is far larger, so with several jobs the short ones finish first.
        let large = String(repeating: try fixture("sharaa-putin.txt") + "\n", count: 30)
        var lines = [try line(["id": "large", "text": large])]
        for index in 0..<12 { lines.append(try line(["id": "short-\(index)", "text": short(index)])) }
        let (results, summary) = try await collect(lines, jobs: jobs)
        #expect(results.map(\.line) == Array(1...13))
        let uris = text(results).split(separator: "\n").compactMap { try? JSONDecoder().decode(ClaimRecord.self, from: Data($0.utf8)).document.uri }
        #expect(uris.first == "large")
        #expect(Array(uris.drop { $0 == "large" }) == (0..<12).map { "short-\($0)" })
        #expect(summary.lines == 13)
        #expect(summary.peakHeld <= (jobs == 1 ? 1 : 2 * jobs))
    }

    @Test func uriIsTheLinesUriElseItsId() async throws {
        let lines = [
            try line(["id": "a", "uri": "s3://bucket/a.txt", "text": short(1)]),
            try line(["id": "dir/b.txt", "text": short(2)]),
            Array(#"{"id": 42, "text": "“We won,” Mr. Smith said."}"#.utf8),
        ]
        let (results, _) = try await collect(lines, jobs: 1)
        let records = try results.map { try JSONLines.decode(String(decoding: $0.output, as: UTF8.self), path: "out") }
        #expect(records.map { $0.map(\.document.uri) } == [["s3://bucket/a.txt"], ["dir/b.txt"], ["42"]])
    }

    @Test func htmlLinesGoThroughTheHTMLLoaderWhateverTheUri() async throws {
        let html = "<html><body><p>“We will win,” Mr. Smith said on Monday.</p></body></html>"
        let (results, _) = try await collect([try line(["id": "page", "html": html]), try line(["id": "plain", "text": html])], jobs: 1)
        let records = try results.map { try JSONLines.decode(String(decoding: $0.output, as: UTF8.self), path: "out") }
        let page = try #require(records.first?.first)
        #expect(page.document.media == "text/html")
        #expect(page.quote.text == "We will win")
        // The same markup as "text" is read as text: the key decides, not sniffing.
        #expect(records.last?.first?.document.media == "text/plain")
    }

    /// Every kind of malformed line gives one failure naming its line and an error object in
    /// the output, and the good line after all of them still gives its record.
    @Test func malformedLinesBecomeErrorObjectsAndTheRunGoesOn() async throws {
        let cases: [(line: [UInt8], id: InputDocumentID?, reason: JSONLinesFailure.Reason)] = [
            (Array(#"{"id": "a", "text": "x""#.utf8), nil, .invalidJSON("")),
            (Array(#"["id", "text"]"#.utf8), nil, .notAnObject),
            (Array(#"{"text": "“Yes,” he said."}"#.utf8), nil, .missingID),
            (Array(#"{"id": true, "text": "x"}"#.utf8), nil, .wrongType(key: "id", expected: "a string or an integer")),
            (Array(#"{"id": 1.5, "text": "x"}"#.utf8), nil, .wrongType(key: "id", expected: "a string or an integer")),
            (Array(#"{"id": "", "text": "x"}"#.utf8), .string(""), .emptyID),
            (Array(#"{"id": "b", "text": 7}"#.utf8), .string("b"), .wrongType(key: "text", expected: "a string")),
            (Array(#"{"id": "c", "text": "x", "uri": ["u"]}"#.utf8), .string("c"), .wrongType(key: "uri", expected: "a string")),
            (Array(#"{"id": "d", "text": "x", "html": "<p>x</p>"}"#.utf8), .string("d"), .bothTextAndHTML),
            (Array(#"{"id": "e", "txt": "x"}"#.utf8), .string("e"), .neitherTextNorHTML),
            (Array(#"{"id": "f", "text": "caf"#.utf8) + [0xE9] + Array(#""}"#.utf8), nil, .invalidUTF8(byteOffset: #"{"id": "f", "text": "caf"#.utf8.count)),
            (Array(#"{"id": "g", "text": ""}"#.utf8), .string("g"), .load(.empty(uri: "g"))),
            (Array(#"{"id": "h", "text": "A\u0000B"}"#.utf8), .string("h"), .load(.binary(uri: "h", byteOffset: 1))),
        ]
        let good = try line(["id": "good", "text": short(1)])
        let (results, summary) = try await collect(cases.map(\.line) + [good], jobs: 1)
        #expect(results.count == cases.count + 1)
        #expect(summary.failures == cases.count)
        for (index, (expected, result)) in zip(cases, results).enumerated() {
            let failure = try #require(result.failure, "line \(index + 1)")
            #expect(failure.line == index + 1)
            #expect(failure.id == expected.id, "line \(index + 1)")
            if case .invalidJSON = expected.reason {
                guard case .invalidJSON = failure.reason else { Issue.record("line \(index + 1): \(failure.reason)"); continue }
            } else {
                #expect(failure.reason == expected.reason, "line \(index + 1)")
            }
            #expect(failure.description.hasPrefix("stdin:\(index + 1)"))
            #expect(!failure.description.contains("\n"))
            // The error object: one line of JSON with the message, the id (or null) and the line.
            #expect(result.output.last == 0x0A)
            #expect(result.output.filter { $0 == 0x0A }.count == 1)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(result.output)) as? [String: Any])
            #expect(object["error"] as? String == failure.reason.description)
            #expect((object["line"] as? NSNumber)?.intValue == index + 1)
            switch expected.id {
            case nil: #expect(object["id"] is NSNull)
            case let .string(id)?: #expect(object["id"] as? String == id)
            case let .integer(id)?: #expect((object["id"] as? NSNumber)?.intValue == id)
            }
        }
        let last = try #require(results.last)
        #expect(last.failure == nil)
        #expect(last.recordCount == 1)
        #expect(summary.records == 1)
    }

    @Test func blankLinesAreSkippedButCounted() async throws {
        let lines: [[UInt8]] = [[], try line(["id": "a", "text": short(1)]), Array(" \r".utf8), Array("{".utf8)]
        let (results, summary) = try await collect(lines, jobs: 1)
        #expect(results.map(\.line) == [2, 4])
        #expect(summary.lines == 2)
        #expect(results.last?.failure?.line == 4)
    }

    /// Pulls lines on demand and remembers how many were pulled, so a test can see how far
    /// reading ran ahead of delivery.
    final class CountingLines: IteratorProtocol {
        let total: Int
        private(set) var pulled = 0
        init(total: Int) { self.total = total }

        func next() -> [UInt8]? {
            guard pulled < total else { return nil }
            pulled += 1
            // Every tenth document has a quotation: enough records to check, cheap enough to run.
            let text = pulled % 10 == 0 ? "“We are ready for round \(pulled),” Mr. Smith said on Monday." : "Round \(pulled) was quiet."
            return Array(#"{"id":"doc-\#(pulled)","text":"\#(text)"}"#.utf8)
        }
    }

    /// Ten thousand lines: the extractor never holds more than its window of lines, whatever the
    /// stream's length, and delivers every one in order.
    @Test(arguments: [1, 4])
    func memoryStaysBoundedOverTenThousandLines(jobs: Int) async throws {
        let source = CountingLines(total: 10_000)
        var lines = source
        let extractor = JSONLinesExtractor(pipeline: pipeline, jobs: jobs)
        var delivered = 0
        var maximumAhead = 0
        var inOrder = true
        let summary = try await extractor.run(lines: &lines) { result in
            delivered += 1
            inOrder = inOrder && result.line == delivered
            maximumAhead = max(maximumAhead, source.pulled - delivered)
        }
        #expect(delivered == 10_000)
        #expect(inOrder)
        #expect(summary.records == 1_000)
        #expect(summary.peakHeld <= extractor.window)
        // Read but not yet delivered when a line is delivered: at most the window less that line.
        #expect(maximumAhead < extractor.window)
        #expect(extractor.window == (jobs == 1 ? 1 : 2 * jobs))
    }

    @Test func lineReaderSplitsLinesAcrossBlocks() throws {
        let path = scratch.appendingPathComponent("lines.jsonl").path
        let long = String(repeating: "x", count: LineReader.blockSize * 2 + 17)
        // Long lines back to back: each is handed on as the reader's buffer itself.
        try "a\n\nb\(long)\n\(long)c\nd\nlast".write(toFile: path, atomically: true, encoding: .utf8)
        let descriptor = open(path, O_RDONLY)
        defer { close(descriptor) }
        var reader = LineReader(descriptor: descriptor)
        var lines: [String] = []
        while let line = reader.next() { lines.append(String(decoding: line, as: UTF8.self)) }
        #expect(lines == ["a", "", "b" + long, long + "c", "d", "last"])
        #expect(reader.readError == nil)
    }

    /// The CLI as Spark's `pipe` runs it: stdin in, records and error objects on stdout, one
    /// error line on stderr, status 1, and the records those of `quotecheck extract FILE`.
    @Test(.enabled(if: BadInputTests.executable != nil, "needs the quotecheck executable built"))
    func cliStreamsStdinAndMatchesExtract() throws {
        let path = scratch.appendingPathComponent("sharaa-putin.txt").path
        let content = try fixture("sharaa-putin.txt")
        try content.write(toFile: path, atomically: true, encoding: .utf8)
        var input = try line(["id": "x", "uri": path, "text": content]) + [0x0A]
        input += Array("not json\n".utf8)
        input += try line(["id": "y", "text": short(3)]) + [0x0A]
        for jobs in ["1", "3"] {
            let streamed = try Self.run(["extract", "--jsonl-in", "--jobs", jobs], stdin: input)
            let extracted = try Self.run(["extract", path], stdin: [])
            #expect(streamed.status == 1)
            #expect(extracted.status == 0)
            let lines = streamed.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let fileRecords = extracted.stdout.split(separator: "\n").map(String.init)
            #expect(!fileRecords.isEmpty)
            #expect(Array(lines.prefix(fileRecords.count)) == fileRecords)
            #expect(lines.dropFirst(fileRecords.count).first?.hasPrefix(#"{"error":"not valid JSON"#) == true)
            #expect(lines.dropFirst(fileRecords.count).first?.hasSuffix(#""id":null,"line":2}"#) == true)
            #expect(lines.dropFirst(fileRecords.count + 1).first?.contains(#""uri":"y""#) == true)
            #expect(streamed.stderr.split(separator: "\n").count == 1)
            #expect(streamed.stderr.hasPrefix("quotecheck: stdin:2: not valid JSON"))
        }
        let misuse = try Self.run(["extract", "--jsonl-in", path], stdin: [])
        #expect(misuse.status != 0 && misuse.status != 1)
    }

    /// A consumer that sends a line and waits for its records before sending the next one, as a
    /// pipe consumer does, gets them: each line's output is written before the next is read.
    /// stdin stays open throughout, so nothing but that flush can deliver the records; `timeout`
    /// ends a process that fails to, and the read then finds the end of the stream.
    @Test(.enabled(if: BadInputTests.executable != nil && FileManager.default.isExecutableFile(atPath: "/usr/bin/timeout"), "needs the quotecheck executable built"))
    func cliAnswersEachLineBeforeTheNextArrives() throws {
        let executable = try #require(BadInputTests.executable)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        process.arguments = ["120", executable.path, "extract", "--jsonl-in"]
        let (input, out) = (Pipe(), Pipe())
        process.standardInput = input
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        for index in 1...3 {
            input.fileHandleForWriting.write(Data(try line(["id": "doc-\(index)", "text": short(index)]) + [0x0A]))
            var received = Data()
            while !received.contains(0x0A) {
                let data = out.fileHandleForReading.availableData
                if data.isEmpty { break }
                received.append(data)
            }
            #expect(String(decoding: received, as: UTF8.self).contains(#""uri":"doc-\#(index)""#), "line \(index)")
        }
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    static func run(_ arguments: [String], stdin: [UInt8]) throws -> (status: Int32, stdout: String, stderr: String) {
        let executable = try #require(BadInputTests.executable)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let (input, out, err) = (Pipe(), Pipe(), Pipe())
        process.standardInput = input
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Input is small enough for the pipe buffer, so writing all of it before reading cannot block.
        input.fileHandleForWriting.write(Data(stdin))
        try input.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }
}
