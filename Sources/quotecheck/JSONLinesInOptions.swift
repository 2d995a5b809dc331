import ArgumentParser
import Foundation
import QuoteCheck

/// `extract --jsonl-in`: documents as JSON lines on stdin, records on stdout, for Spark's
/// `RDD.pipe`, Hadoop Streaming and GNU parallel. Kept apart from `ExtractCommand` so the
/// command itself only hands over to it.
struct JSONLinesInOptions: ParsableArguments {
    @Flag(
        name: .customLong("jsonl-in"),
        help: ArgumentHelp(
            "Read documents from stdin, one JSON object per line: {\"id\": …, \"text\": …} or {\"id\": …, \"html\": …}, optionally \"uri\" (records name the document by it, else by the id); the key, not the input format option, chooses the loader. Records go to stdout in input order, written as each line is done. A malformed line is reported on stderr and becomes {\"error\": …, \"id\": …, \"line\": N} on stdout; the run goes on and exits with status 1 at the end."
        )
    )
    var jsonlIn = false

    @Option(
        name: .long,
        help: ArgumentHelp("With --jsonl-in: lines processed at once, reading up to 2 × n lines ahead; with 1, each line is read only after the previous one was answered.", valueName: "n")
    )
    var jobs: Int = 1

    func validate(inputs: [String], output: String?) throws {
        guard jsonlIn else {
            if inputs.isEmpty { throw ValidationError("give files, directories or - for standard input (or --jsonl-in)") }
            if jobs != 1 { throw ValidationError("--jobs works with --jsonl-in; `quotecheck corpus --jobs n` extracts files in parallel") }
            return
        }
        guard inputs.isEmpty else { throw ValidationError("--jsonl-in reads standard input; give no files (\(inputs.joined(separator: " ")))") }
        // Records leave line by line so a pipe consumer sees them at once; a file replaced only at the end would defeat that.
        if output != nil { throw ValidationError("--jsonl-in writes to standard output; redirect it instead of --output") }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    func run(rules: RuleOptions, maxBytes: Int, language: String?) async throws {
        let pipeline = try rules.pipeline(language: language, maxBytes: maxBytes)
        let extractor = JSONLinesExtractor(pipeline: pipeline, jobs: jobs)
        let summary: JSONLinesSummary
        do throws(CorpusError) {
            summary = try await extractor.run(note: { result in
                for warning in result.warnings { Console.error("warning: \(warning)") }
                if let notice = result.notice { Console.notice(notice) }
            }) { failure in Console.error(failure.description) }
        } catch {
            throw Failure(error.description)
        }
        if let reason = summary.inputError { throw Failure("stdin: cannot read: \(reason)") }
        if summary.failures > 0 { throw ExitCode(1) }
    }
}
