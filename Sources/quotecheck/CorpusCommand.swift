import ArgumentParser
import Foundation
import QuoteCheck

struct CorpusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corpus",
        abstract: "Extract claim records from a whole corpus in parallel, and report the findings a policy flags.",
        discussion: """
            Inputs are files and directories (every .txt/.html file below them, in sorted path order). The records are exactly those `extract` writes for each file, in file order whatever --jobs is. At most 2 × jobs documents are in memory at once, so memory does not grow with the corpus. A summary (documents, bytes, records, failures, MB/s) goes to stderr unless --quiet; a progress line too when stderr is a terminal.

            Records go to standard output, to one file with --out FILE (replaced only when every document was processed), or with --out-dir DIR to DIR/<path below the input>.jsonl, one file per document, each written atomically, plus DIR/summary.json. With --out-dir, --resume skips documents whose records are complete and whose file is unchanged (by SHA-256), so a run that was killed continues where it stopped and ends with exactly the output of an uninterrupted run. --shard I/N takes the I-th of N shares of the documents by a stable hash of their path below the input: N runs cover the corpus once.

            Findings (unattributed, anonymous-source, low-confidence, unreadable; docs/ci.md) follow the nearest .quotecheck.yml. With --format they are reported on standard output (records then go only to --out or --out-dir); without, findings at error severity are listed on stderr. A document that cannot be read is an unreadable finding and the run goes on (--fail-fast stops at the first one instead).

            Exit status 1 when a finding is at error severity, 2 on usage, configuration or output errors or when the inputs hold no document at all, 0 otherwise.

            Examples:
              quotecheck corpus news/ --out-dir recs/ --format sarif --report qc.sarif
              quotecheck corpus articles/ --out-dir records/ --resume
              quotecheck corpus articles/ --shard 2/4 --out-dir shard-2/ --format github
            """
    )

    @Argument(help: ArgumentHelp("Files and directories.", valueName: "dir-or-file"))
    var inputs: [String]

    @Option(name: .long, help: ArgumentHelp("Documents processed at once; the default is the number of active cores.", valueName: "n"))
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Write records to this file (replaced only when done) instead of stdout; - for stdout.", valueName: "file"))
    var out: String?

    @Option(name: .customLong("out-dir"), help: ArgumentHelp("Write each document's records to DIR/<path below the input>.jsonl, and DIR/summary.json.", valueName: "dir"))
    var outDirectory: String?

    @Flag(help: "With --out-dir: skip documents whose records are complete and whose file is unchanged.")
    var resume = false

    @Option(help: ArgumentHelp("Process only the I-th of N shares of the documents (by a stable hash of their path).", valueName: "I/N"))
    var shard: String?

    @Option(name: .customLong("time-limit"), help: ArgumentHelp("Skip (and report as unreadable) a document that takes longer than this.", valueName: "seconds"))
    var timeLimit: Double?

    @Flag(name: .shortAndLong, help: "No progress, no summary, no per-document messages on stderr.")
    var quiet = false

    @Flag(name: .customLong("fail-fast"), help: "Stop at the first document that cannot be loaded and leave --out untouched.")
    var failFast = false

    @OptionGroup var ruleOptions: RuleOptions
    @OptionGroup var inputOptions: InputOptions
    @OptionGroup var findingOptions: FindingOptions
    @OptionGroup var languageOptions: LanguageOptions

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        if inputs.contains("-") { throw ValidationError("corpus reads files and directories; use `extract -` for standard input") }
        if resume, outDirectory == nil { throw ValidationError("--resume needs --out-dir") }
        if out != nil, outDirectory != nil { throw ValidationError("give either --out or --out-dir, not both") }
        if let timeLimit, !(timeLimit > 0) { throw ValidationError("--time-limit must be more than 0 seconds") }
        if let shard, CorpusShard(shard) == nil { throw ValidationError("--shard must be I/N with 1 ≤ I ≤ N, got '\(shard)'") }
    }

    func run() async throws {
        var book = PolicyBook(try findingOptions.resolver())
        let config = try book.policy(for: inputs.first ?? ".").config
        let pipeline = try ruleOptions.pipeline(
            language: languageOptions.language, config: config, format: inputOptions.format, maxBytes: inputOptions.maxBytes
        )
        let format = findingOptions.reportFormat
        let shard = self.shard.flatMap(CorpusShard.init)

        var (jobs, inputFailures) = CorpusExtractor.jobs(in: inputs)
        if jobs.isEmpty {
            let specific = inputFailures.filter { if case .noDocuments = $0 { false } else { true } }
            guard let last = specific.last else { throw Failure(CorpusError.noDocuments(inputs: inputs).description) }
            for failure in specific.dropLast() { Console.error(failure.description) }
            throw Failure(last.description)
        }
        try refuseOverwriting(out, inputs: jobs.map(\.path))
        try refuseOverwriting(findingOptions.report, inputs: jobs.map(\.path))
        var selected: [CorpusJob] = []
        for var job in jobs {
            let policy = try book.policy(for: job.path)
            guard policy.config.includes(job.path), shard?.contains(job.relative) ?? true else { continue }
            job.policy = policy
            selected.append(job)
        }
        jobs = selected

        let directory: CorpusDirectoryOutput?
        do throws(CorpusError) {
            directory = try outDirectory.map { dir throws(CorpusError) in try CorpusDirectoryOutput(directory: dir) }
        } catch {
            throw Failure(error.description)
        }
        if let directory {
            if resume { directory.removeStaleTemporaryFiles() }
            var owners: [String: String] = [:]
            for index in jobs.indices {
                if let first = owners.updateValue(jobs[index].path, forKey: jobs[index].relative) {
                    throw Failure(OutputError.collision(path: directory.recordsPath(jobs[index].relative), first: first, second: jobs[index].path).description)
                }
                jobs[index].hashInput = true
                if resume { jobs[index].previous = directory.previousState(jobs[index].relative) }
            }
        }

        var findings: [Finding] = []
        for failure in inputFailures {
            if failFast { throw Failure(CorpusError.stopped(failure).description) }
            if !quiet, format == nil { Console.error(failure.description) }
            if let finding = try book.policy(for: failure.uri).finding(forUnreadable: failure) { findings.append(finding) }
        }

        // Records go to --out-dir, --out, or standard output unless a report takes that.
        let writesRecords = directory == nil && (format == nil || out != nil)
        let progress = Progress(total: jobs.count, enabled: !quiet && isatty(2) == 1)
        let summary: CorpusSummary
        var output: CorpusOutput?
        do throws(CorpusError) {
            output = writesRecords ? try CorpusOutput(path: out) : nil
            var extractor = CorpusExtractor(pipeline: pipeline, jobs: self.jobs)
            extractor.timeLimit = timeLimit.map { .milliseconds(Int64(($0 * 1000).rounded(.up))) }
            summary = try await extractor.run(jobs: jobs) { (document) throws(CorpusError) in
                if let failure = document.failure {
                    if failFast { throw .stopped(failure) }
                    if !quiet, format == nil { progress.clear(); Console.error(failure.description) }
                }
                if !quiet, let line = document.notice { progress.clear(); Console.notice(line) }
                if !quiet { for warning in document.warnings { progress.clear(); Console.error("warning: \(warning)") } }
                findings += document.findings
                if let directory, !document.reused {
                    try directory.write(document, relative: jobs[document.index].relative)
                }
                try output?.write(document.jsonLines)
                progress.update(done: document.index + 1)
            }
            try output?.finish()
        } catch {
            output?.abandon()
            progress.clear()
            throw Failure(error.description)
        }
        progress.clear()
        let failures = summary.failures + inputFailures.count

        if let directory {
            let counted = findings
            let totals = CorpusDirectoryOutput.Summary(
                documents: summary.documents, bytes: summary.bytes, records: summary.records, failures: failures,
                errors: counted.filter { $0.severity == .error }.count, warnings: counted.filter { $0.severity == .warning }.count,
                info: counted.filter { $0.severity == .info }.count, shard: shard?.description
            )
            do throws(CorpusError) { try directory.writeSummary(totals) } catch { throw Failure(error.description) }
        }
        if !quiet {
            var line = summary
            line.failures = failures
            let text = line.line + (summary.reused > 0 ? ", \(summary.reused) unchanged" : "")
            FileHandle.standardError.write(Data("\(text)\n".utf8))
        }
        if let format {
            if try findingOptions.finish(findings: findings, documents: jobs.map(\.path), format: format) { throw ExitCode(1) }
            return
        }
        if !quiet {
            for finding in findings.withUniqueIDs() where finding.severity == .error && finding.kind != .unreadable {
                Console.error("\(finding.location.description): error \(finding.kind.rawValue) \(finding.message)")
            }
        }
        if findings.hasErrors { throw ExitCode(1) }
    }
}

/// `done/total documents, rate, time left` on one line of a terminal's stderr, at most five
/// times a second; nothing when stderr is not a terminal.
final class Progress {
    private let total: Int
    private let enabled: Bool
    private let started = ContinuousClock.now
    private var shown = ContinuousClock.now - .seconds(1)
    private var visible = false

    init(total: Int, enabled: Bool) {
        self.total = total
        self.enabled = enabled
    }

    func update(done: Int) {
        guard enabled else { return }
        let now = ContinuousClock.now
        guard now - shown >= .milliseconds(200) || done == total else { return }
        shown = now
        let elapsed = now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rate = seconds > 0 ? Double(done) / seconds : 0
        let left = rate > 0 ? Double(total - done) / rate : 0
        let line = String(format: "\r%d/%d documents, %.0f docs/s, %.0f s left ", done, total, rate, left)
        FileHandle.standardError.write(Data(line.utf8))
        visible = true
    }

    func clear() {
        guard visible else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        visible = false
    }
}
