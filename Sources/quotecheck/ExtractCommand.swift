import ArgumentParser
import Foundation
import QuoteCheck

struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Find quotations and write one claim record per quotation as JSON Lines.",
        discussion: """
            Inputs are text or HTML files, directories (every .txt/.html file below them) or - for stdin. Records follow the quotecheck.claim/1 schema: offsets count Unicode scalars of the loaded text (see `quotecheck text`), sourceBytes point into the raw file. Each document goes through the same code as in `corpus`, so the output is byte-identical to `corpus --jobs 1`.

            With --jsonl-in, standard input holds one article per line, {"id": …, "text": …} or {"id": …, "html": …}; the records of each go to standard output in input order (document.uri is the id), in constant memory, so Spark's RDD.pipe, Hadoop Streaming or GNU parallel can drive it (Examples/spark/). A line that is not such an object becomes an error line {"error": …, "line": N} in the output, and the next line is read.

            A file that cannot be loaded is reported on stderr with its name; the others are still processed, and the exit status is 2 (0 when every document was read).

            Examples:
              quotecheck extract article.html -o records.jsonl
              cat article.html | quotecheck extract --input-format html -
              jq -c '{id: .url, html: .body}' pages.jsonl | quotecheck extract --jsonl-in
            """
    )

    @Argument(help: ArgumentHelp("Files, directories, or - for standard input.", valueName: "file"))
    var inputs: [String] = []

    @Option(name: [.customShort("o"), .customLong("out"), .customLong("output")], help: ArgumentHelp("Write records to this file instead of stdout (replaced only when done).", valueName: "file"))
    var output: String?

    @Flag(name: .customLong("jsonl-in"), help: "Read {\"id\", \"text\"|\"html\"} JSON lines from standard input.")
    var jsonlIn = false

    @OptionGroup var ruleOptions: RuleOptions
    @OptionGroup var inputOptions: InputOptions

    func validate() throws {
        if jsonlIn, !inputs.isEmpty { throw ValidationError("--jsonl-in reads standard input; give no files") }
        if !jsonlIn, inputs.isEmpty { throw ValidationError("give files, directories or - (or --jsonl-in)") }
    }

    func run() throws {
        try refuseOverwriting(output, inputs: inputs.filter { $0 != "-" })
        let rules = try ruleOptions.loadRules()
        let pipeline = Pipeline(rules: rules, format: inputOptions.format)
        var failures = 0
        do throws(CorpusError) {
            var sink = try CorpusOutput(path: output)
            do throws(CorpusError) {
                if jsonlIn {
                    try JSONLinesInput.extract(rules: rules, to: &sink, failures: &failures)
                } else {
                    try extract(with: pipeline, to: &sink, failures: &failures)
                }
                try sink.finish()
            } catch {
                sink.abandon()
                throw error
            }
        } catch {
            throw Failure(error.description)
        }
        if failures > 0 { throw ExitCode(2) }
    }

    /// Streams every input's records into `sink`; a document that cannot be loaded is reported
    /// and counted, and the others still go through.
    private func extract(with pipeline: Pipeline, to sink: inout CorpusOutput, failures: inout Int) throws(CorpusError) {
        for input in inputs {
            let jobs: [CorpusJob]
            if input == "-" {
                jobs = [CorpusJob(path: "-", bytes: [UInt8](FileHandle.standardInput.readDataToEndOfFile()))]
            } else {
                let found = CorpusExtractor.jobs(in: [input])
                for failure in found.failures {
                    Console.error(failure.description)
                    failures += 1
                }
                jobs = found.jobs
            }
            for job in jobs {
                let document = CorpusExtractor.process(job, index: 0, pipeline: pipeline)
                if let failure = document.failure {
                    Console.error(failure.description)
                    failures += 1
                    continue
                }
                try sink.write(document.jsonLines)
            }
        }
    }
}

/// `extract --jsonl-in`: articles as JSON lines on standard input, records out in the same order.
enum JSONLinesInput {
    static func extract(rules: RuleSet, to sink: inout CorpusOutput, failures: inout Int) throws(CorpusError) {
        let text = Pipeline(rules: rules, format: .text)
        let html = Pipeline(rules: rules, format: .html)
        var reader = LineReader(descriptor: 0)
        var number = 0
        while let line = reader.next() {
            number += 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            let article: (id: String, bytes: [UInt8], pipeline: Pipeline)
            switch parse(line) {
            case let .success(parsed): article = (parsed.id, parsed.bytes, parsed.html ? html : text)
            case let .failure(problem):
                failures += 1
                Console.error("<stdin>:\(number): \(problem.message)")
                try sink.write(errorLine(number: number, id: problem.id, message: problem.message))
                continue
            }
            let document = CorpusExtractor.process(CorpusJob(path: article.id, bytes: article.bytes), index: number, pipeline: article.pipeline)
            if let failure = document.failure {
                failures += 1
                Console.error("<stdin>:\(number): \(failure.description)")
                try sink.write(errorLine(number: number, id: article.id, message: failure.description))
                continue
            }
            try sink.write(document.jsonLines)
        }
    }

    struct Problem: Error {
        var id: String?
        var message: String
    }

    static func parse(_ line: [UInt8]) -> Result<(id: String, bytes: [UInt8], html: Bool), Problem> {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
            return .failure(Problem(message: "not a JSON object"))
        }
        let id: String
        switch object["id"] {
        case let value as String: id = value
        case let value as NSNumber: id = value.stringValue
        default: return .failure(Problem(message: "missing string \"id\""))
        }
        if let value = object["html"] as? String { return .success((id, Array(value.utf8), true)) }
        if let value = object["text"] as? String { return .success((id, Array(value.utf8), false)) }
        return .failure(Problem(id: id, message: "missing string \"text\" or \"html\""))
    }

    static func errorLine(number: Int, id: String?, message: String) -> [UInt8] {
        var object: [String: Any] = ["error": message, "line": number]
        if let id { object["id"] = id }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return Array(data) + [0x0A]
    }
}

/// Lines of a file descriptor, read in blocks: memory holds one block and the longest line.
struct LineReader {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private var finished = false

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    mutating func next() -> [UInt8]? {
        while true {
            if let newline = buffer[start...].firstIndex(of: 0x0A) {
                let line = Array(buffer[start..<newline])
                start = newline + 1
                return line
            }
            if finished {
                guard start < buffer.count else { return nil }
                let line = Array(buffer[start...])
                start = buffer.count
                return line
            }
            buffer.removeFirst(start)
            start = 0
            var block = [UInt8](repeating: 0, count: 1 << 16)
            let count = block.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            if count <= 0 { finished = true } else { buffer.append(contentsOf: block[..<count]) }
        }
    }
}
