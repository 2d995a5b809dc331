import Foundation

/// What one non-blank input line became: its records, or an error object, ready to write.
public struct JSONLinesResult: Sendable {
    /// 1-based line number on the input stream.
    public let line: Int
    /// The records as `ClaimRecord.jsonLine` plus a newline each, the exact bytes `extract`
    /// writes for the same document in a file with the same uri; or, for a failure, the
    /// failure's ``JSONLinesFailure/jsonLine`` plus a newline.
    public let output: [UInt8]
    public let recordCount: Int
    public let failure: JSONLinesFailure?
    /// Rules skipped on a sentence for running out of the matcher's step budget, as `extract` warns of them.
    public var warnings: [String] = []
    /// The line that says the document was skipped for its language.
    public var notice: String?
}

/// Totals of an `extract --jsonl-in` run.
public struct JSONLinesSummary: Sendable, Hashable {
    /// Non-blank input lines read.
    public var lines = 0
    public var records = 0
    /// Lines that gave an error object instead of records.
    public var failures = 0
    /// The most lines held at once (read and not yet delivered): what bounds memory, with the
    /// longest line. Never more than ``JSONLinesExtractor/window``.
    public var peakHeld = 0
    /// Why reading the input stopped early, when it did.
    public var inputError: String?

    public init() {}

    mutating func add(_ result: JSONLinesResult) {
        lines += 1
        records += result.recordCount
        if result.failure != nil { failures += 1 }
    }
}

/// Runs the pipeline over documents given inline as JSON lines (see ``InputDocument``) and hands
/// each line's output back in input order, holding a bounded number of lines at a time.
///
/// This is the shape Spark's `RDD.pipe`, Hadoop Streaming and GNU `parallel --pipe` drive: one
/// document per line in, records out, the stream never read whole.
public struct JSONLinesExtractor: Sendable {
    public let pipeline: Pipeline
    public let jobs: Int
    // The line's key chooses the format, so a pipeline for each is ready; the given pipeline's
    // own format is unused, its limits, packs and language are kept.
    private let textPipeline: Pipeline
    private let htmlPipeline: Pipeline

    /// Documents larger than this are read in windows (``WindowedExtractor``).
    public let windowBytes: Int

    /// - Parameter jobs: lines processed at once (at least 1).
    /// - Parameter windowBytes: small ones are for tests.
    public init(pipeline: Pipeline, jobs: Int = 1, windowBytes: Int = WindowedExtractor.defaultWindowBytes) {
        self.pipeline = pipeline
        self.jobs = max(1, jobs)
        self.windowBytes = windowBytes
        self.textPipeline = pipeline.with(format: .text)
        self.htmlPipeline = pipeline.with(format: .html)
    }

    /// Lines held at most. One job reads a line only after the previous one was delivered, so a
    /// producer that waits for each answer before sending the next line is served; more jobs
    /// read up to 2 × jobs lines ahead, so a slow document does not idle the other workers.
    public var window: Int { jobs == 1 ? 1 : 2 * jobs }

    /// Parses, loads and extracts one line; every failure is part of the result.
    public func result(forLine bytes: [UInt8], number: Int) -> JSONLinesResult {
        result(forLine: bytes, number: number, streaming: nil as ((ArraySlice<UInt8>) throws(Never) -> Void)?)
    }

    /// ``result(forLine:number:)``, handing the records of a document read in windows to
    /// `streaming` window by window, when it is given, instead of holding them all for the
    /// result: a huge document's output is then never held whole. The result's output holds
    /// only what comes after them (an error object, if reading failed part-way).
    ///
    /// - Throws: what `streaming` throws.
    ///
    /// The line is let go once parsed, and the document's text as a String once its bytes are
    /// taken: a document of many megabytes is held at most twice while it is read.
    func result<Failure: Error>(
        forLine bytes: consuming [UInt8], number: Int, streaming: ((ArraySlice<UInt8>) throws(Failure) -> Void)?
    ) throws(Failure) -> JSONLinesResult {
        let document: (id: InputDocumentID, uri: String, format: InputFormat)
        var content: [UInt8]
        do throws(JSONLinesFailure) {
            let parsed = try InputDocument.parse(bytes, line: number)
            bytes = []
            document = (parsed.id, parsed.uri, parsed.format)
            content = Array(parsed.content.utf8)
        } catch {
            return JSONLinesResult(line: number, output: Array((error.jsonLine + "\n").utf8), recordCount: 0, failure: error)
        }
        let pipeline = document.format == .html ? htmlPipeline : textPipeline
        // A document over a window is read in windows as `extract` reads such a file.
        var lines = JSONLinesWriter(capacity: 1 << 16)
        let windowed = try WindowedExtractor(pipeline: pipeline, windowBytes: windowBytes).extract(
            document: &content, uri: document.uri
        ) { (records) throws(Failure) in
            for record in records { lines.write(record) }
            if let streaming {
                try streaming(lines.bytes)
                lines.removeAll()
            }
        }
        if let outcome = windowed {
            if let error = outcome.failure {
                let failure = JSONLinesFailure(line: number, id: document.id, reason: .load(error))
                lines.write(lines: Array((failure.jsonLine + "\n").utf8))
                return JSONLinesResult(line: number, output: Array(lines.bytes), recordCount: outcome.recordCount, failure: failure)
            }
            var result = JSONLinesResult(line: number, output: Array(lines.bytes), recordCount: outcome.recordCount, failure: nil)
            result.warnings = outcome.warnings
            result.notice = outcome.notice
            return result
        }
        // The same per-document code as `extract` and `corpus`, so the records are theirs byte for byte.
        let job = CorpusJob(path: document.uri, bytes: content)
        let processed = CorpusExtractor.process(job, index: 0, pipeline: pipeline)
        if let error = processed.failure {
            let failure = JSONLinesFailure(line: number, id: document.id, reason: .load(error))
            return JSONLinesResult(line: number, output: Array((failure.jsonLine + "\n").utf8), recordCount: 0, failure: failure)
        }
        var result = JSONLinesResult(line: number, output: processed.jsonLines, recordCount: processed.recordCount, failure: nil)
        result.warnings = processed.warnings
        result.notice = processed.notice
        return result
    }

    /// A line of spaces, tabs and carriage returns only: skipped, as most JSON Lines readers do.
    static func isBlank(_ line: [UInt8]) -> Bool {
        line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }

    /// Reads `lines` to the end and calls `deliver` once per non-blank line, in input order.
    ///
    /// - Parameter deliver: runs on the calling task; an error it throws (the output is gone)
    ///   stops the run: no further line is read and the lines in flight are dropped.
    /// - Returns: totals over the lines delivered.
    /// - Throws: whatever `deliver` threw.
    /// - Parameter streaming: with one job, a document read in windows hands each window's
    ///   records to it as they are made, before its line's result is delivered (whose output is
    ///   then only what follows them); nil holds them for the result.
    public func run<Lines: IteratorProtocol<[UInt8]>>(
        lines: inout Lines,
        streaming: ((ArraySlice<UInt8>) throws(CorpusError) -> Void)? = nil,
        deliver: (JSONLinesResult) throws(CorpusError) -> Void
    ) async throws(CorpusError) -> JSONLinesSummary {
        var summary = JSONLinesSummary()
        var number = 0
        // Numbers every line, blank ones too, so error messages point at the right line.
        func nextLine() -> (number: Int, bytes: [UInt8])? {
            while let bytes = lines.next() {
                number += 1
                if !Self.isBlank(bytes) { return (number, bytes) }
            }
            return nil
        }
        guard jobs > 1 else {
            while let (number, bytes) = nextLine() {
                summary.peakHeld = 1
                let result = try result(forLine: consume bytes, number: number, streaming: streaming)
                summary.add(result)
                try deliver(result)
            }
            return summary
        }
        // The window alone bounds the lines in flight (the task pool bounds the threads).
        let peakHeld = try await InOrderDelivery.run(
            jobs: window, window: window, next: { nextLine() },
            work: { _, line in self.result(forLine: line.bytes, number: line.number) },
            deliver: { (ready: JSONLinesResult) throws(CorpusError) in
                summary.add(ready)
                try deliver(ready)
            })
        summary.peakHeld = peakHeld
        return summary
    }
}

extension JSONLinesExtractor {
    /// Reads lines from `input` and writes each line's output to `output` as soon as it is its
    /// turn, one `write(2)` per line and no buffer in between, so a pipe consumer sees records
    /// while later documents are still being read.
    ///
    /// - Parameter report: called with each failed line, before its error object is written.
    /// - Parameter note: called with each line's result before its output is written, for its
    ///   ``JSONLinesResult/warnings`` and ``JSONLinesResult/notice``.
    /// - Returns: the totals; ``JSONLinesSummary/inputError`` is set when reading `input`
    ///   failed, after the lines before the failure were delivered.
    /// - Throws: ``CorpusError/output(path:reason:)`` when `output` cannot be written.
    public func run(
        input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO, note: (JSONLinesResult) -> Void = { _ in },
        report: (JSONLinesFailure) -> Void
    ) async throws(CorpusError) -> JSONLinesSummary {
        var lines = LineReader(descriptor: input)
        var summary = try await run(lines: &lines, streaming: { (bytes) throws(CorpusError) in try Self.write(bytes, to: output) }) {
            (result) throws(CorpusError) in
            note(result)
            if let failure = result.failure { report(failure) }
            try Self.write(result.output, to: output)
        }
        summary.inputError = lines.readError
        return summary
    }

    static func write<Bytes: ContiguousBytes>(_ bytes: Bytes, to descriptor: Int32) throws(CorpusError) {
        var failure: Int32?
        bytes.withUnsafeBytes { buffer in
            guard var next = buffer.baseAddress else { return }
            var left = buffer.count
            while left > 0 {
                let count = Foundation.write(descriptor, next, left)
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                next += count
                left -= count
            }
        }
        if let failure { throw .output(path: "-", reason: String(cString: strerror(failure))) }
    }
}
