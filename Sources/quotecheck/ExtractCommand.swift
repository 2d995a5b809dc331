import ArgumentParser
import Foundation
import QuoteCheck

struct ExtractCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Find quotations and write one claim record per quotation as JSON Lines.",
        discussion: """
            Inputs are text or HTML files, directories (every .txt/.html file below them) or - for stdin. Records follow the quotecheck.claim/1 schema: offsets count Unicode scalars of the loaded text (see `quotecheck text`), sourceBytes point into the raw file. Each document goes through the same code as in `corpus`, so the output is byte-identical to `corpus --jobs 1`, except that a text file (UTF-8, UTF-16 or UTF-32) or standard input over 1 MiB is read in windows so memory stays flat (docs/limits.md).

            A file that cannot be loaded is reported on stderr with its name; the others are still processed, and the exit status is 2 (0 when every document was read).

            With --jsonl-in, documents come as JSON lines on stdin and records leave as each line is done, for Spark's RDD.pipe, Hadoop Streaming or GNU parallel (docs/scaling.md); a malformed line is an error object on stdout and one line on stderr, the run goes on, and the exit status is 1.

            Examples:
              quotecheck extract article.html -o records.jsonl
              cat article.html | quotecheck extract --input-format html -
              quotecheck extract --jsonl-in < docs.jsonl > records.jsonl
            """
    )

    @Argument(help: ArgumentHelp("Files, directories, or - for standard input.", valueName: "file"))
    var inputs: [String] = []

    @Option(name: [.customShort("o"), .customLong("out"), .customLong("output")], help: ArgumentHelp("Write records to this file instead of stdout (replaced only when done).", valueName: "file"))
    var output: String?

    @OptionGroup var ruleOptions: RuleOptions
    @OptionGroup var inputOptions: InputOptions
    @OptionGroup var languageOptions: LanguageOptions
    @OptionGroup var streamOptions: JSONLinesInOptions

    func validate() throws {
        try streamOptions.validate(inputs: inputs, output: output)
    }

    func run() async throws {
        if streamOptions.jsonlIn {
            return try await streamOptions.run(rules: ruleOptions, maxBytes: inputOptions.maxBytes, language: languageOptions.language)
        }
        try refuseOverwriting(output, inputs: inputs.filter { $0 != "-" })
        let pipeline = try ruleOptions.pipeline(language: languageOptions.language, format: inputOptions.format, maxBytes: inputOptions.maxBytes)
        var failures = 0
        do throws(CorpusError) {
            var sink = try CorpusOutput(path: output)
            do throws(CorpusError) {
                try extract(with: pipeline, to: &sink, failures: &failures)
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
        let windowed = WindowedExtractor(pipeline: pipeline)
        for input in inputs {
            let jobs: [CorpusJob]
            if input == "-" {
                // Standard input over a window is spooled to a temporary file and read in windows.
                let reading = try windowed.extract(standardInput: 0, uri: "-") { (records) throws(CorpusError) in
                    for record in records { try sink.write(record) }
                }
                switch reading {
                case let .whole(bytes) where bytes.count > windowed.windowBytes:
                    try extractWhole(bytes, uri: "-", with: windowed, to: &sink, failures: &failures)
                    continue
                case let .whole(bytes):
                    jobs = [CorpusJob(path: "-", bytes: bytes)]
                case let .windows(outcome):
                    report(warnings: outcome.warnings, notice: outcome.notice, failure: outcome.failure, failures: &failures)
                    continue
                case let .failed(error):
                    Console.error(error.description)
                    failures += 1
                    continue
                }
            } else {
                let found = CorpusExtractor.jobs(in: [input])
                for failure in found.failures {
                    Console.error(failure.description)
                    failures += 1
                }
                jobs = found.jobs
            }
            for job in jobs {
                if job.bytes == nil, windowed.readsInWindows(path: job.path) {
                    // A huge text file streams window by window instead of being held whole.
                    let outcome = try windowed.extract(path: job.path) { (records) throws(CorpusError) in
                        for record in records { try sink.write(record) }
                    }
                    report(warnings: outcome.warnings, notice: outcome.notice, failure: outcome.failure, failures: &failures)
                    continue
                }
                if job.bytes == nil, windowed.exceedsAWindow(path: job.path) {
                    // HTML (rendered as it is parsed, never held whole) and other documents that
                    // cannot be cut from their bytes are analysed a window at a time.
                    let bytes: [UInt8]
                    do throws(LoadError) {
                        bytes = try pipeline.loader.read(path: job.path)
                    } catch {
                        report(warnings: [], notice: nil, failure: error, failures: &failures)
                        continue
                    }
                    try extractWhole(bytes, uri: job.path, with: windowed, to: &sink, failures: &failures)
                    continue
                }
                let document = CorpusExtractor.process(job, index: 0, pipeline: pipeline)
                report(warnings: document.warnings, notice: document.notice, failure: document.failure, failures: &failures)
                if document.failure == nil { try sink.write(document.jsonLines) }
            }
        }
    }

    /// Loads a document larger than a window whole and streams its records window by window.
    private func extractWhole(
        _ bytes: [UInt8], uri: String, with windowed: WindowedExtractor, to sink: inout CorpusOutput, failures: inout Int
    ) throws(CorpusError) {
        let outcome = try windowed.extract(bytes: bytes, uri: uri) { (records) throws(CorpusError) in
            for record in records { try sink.write(record) }
        }
        report(warnings: outcome.warnings, notice: outcome.notice, failure: outcome.failure, failures: &failures)
    }

    /// What a document's reading left to say on stderr, whether it was read whole or in windows.
    private func report(warnings: [String], notice: String?, failure: LoadError?, failures: inout Int) {
        for warning in warnings { Console.error("warning: \(warning)") }
        if let notice { Console.notice(notice) }
        if let failure {
            Console.error(failure.description)
            failures += 1
        }
    }
}
