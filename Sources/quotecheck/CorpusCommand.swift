import ArgumentParser
import Foundation
import QuoteCheck

struct CorpusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corpus",
        abstract: "Extract claim records from a whole corpus in parallel, as one JSON Lines stream.",
        discussion: """
            Inputs are files and directories (every .txt/.html file below them, in sorted path order). \
            The records are exactly those `extract` writes for each file, in file order whatever --jobs is. \
            At most 2 × jobs documents are in memory at once, so memory does not grow with the corpus. \
            A summary (documents, bytes, records, failures, MB/s) goes to stderr.

            A file that cannot be loaded is reported on stderr with its name and the run goes on; \
            the exit status is then 1 (--fail-fast stops at the first one instead). \
            With --out FILE, records go to FILE.partial, renamed to FILE only when every document was processed. \
            No documents at all is an error (exit status 1).
            """
    )

    @Argument(help: ArgumentHelp("Files and directories.", valueName: "dir-or-file"))
    var inputs: [String]

    @Option(name: .long, help: ArgumentHelp("Documents processed at once; the default is the number of active cores.", valueName: "n"))
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Write records to this file (replaced only when done) instead of stdout; - for stdout.", valueName: "file"))
    var out: String?

    @Flag(name: .customLong("fail-fast"), help: "Stop at the first document that cannot be loaded and leave --out untouched.")
    var failFast = false

    @OptionGroup var ruleOptions: RuleOptions
    @OptionGroup var inputOptions: InputOptions
    @OptionGroup var languageOptions: LanguageOptions

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        if inputs.contains("-") { throw ValidationError("corpus reads files and directories; use `extract -` for standard input") }
    }

    func run() async throws {
        let pipeline = Pipeline(rules: try ruleOptions.loadRules(), format: inputOptions.format, language: languageOptions.language)
        let extractor = CorpusExtractor(pipeline: pipeline, jobs: jobs)
        let summary: CorpusSummary
        do throws(CorpusError) {
            var output = try CorpusOutput(path: out)
            summary = try await extractor.extract(inputs: inputs, to: &output, failFast: failFast, notice: Console.notice) { failure in
                Console.error(failure.description)
            }
        } catch {
            throw Failure(error.description)
        }
        FileHandle.standardError.write(Data("\(summary.line)\n".utf8))
        if summary.failures > 0 { throw ExitCode(1) }
    }
}
