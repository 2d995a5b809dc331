import Foundation
import Synchronization

/// Runs the pipeline over many documents at once and hands the results back in corpus order.
///
/// At most `jobs` documents are processed at a time, and at most `window` (2 × jobs) are held in
/// memory, processing or finished and waiting for an earlier one to be delivered. Memory therefore
/// depends on `jobs` and the largest documents, not on how many documents the corpus holds; the
/// paths themselves are the only thing kept for the whole corpus.
public struct CorpusExtractor: Sendable {
    public let pipeline: Pipeline
    public let jobs: Int
    /// The most one document may take; one over it is reported (as unreadable, with the reason)
    /// and skipped, and the run goes on. Nil: no limit.
    public var timeLimit: Duration?

    /// - Parameter jobs: documents processed at once (at least 1). Swift's concurrency pool runs
    ///   at most one task per core, so more jobs than cores only widens the window.
    public init(pipeline: Pipeline, jobs: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.pipeline = pipeline
        self.jobs = max(1, jobs)
    }

    /// Documents processing or waiting for delivery, at most. Twice `jobs`, so a slow document
    /// holds back delivery without idling the other workers at once.
    public var window: Int { 2 * jobs }

    /// The documents below `inputs`, in the order `extract` takes them: inputs as given, each
    /// directory's `.txt`/`.html` files recursively in sorted path order. An input that does not
    /// exist, or a directory without documents, becomes a failure instead of stopping the run.
    public static func documents(in inputs: [String]) -> (paths: [String], failures: [LoadError]) {
        var paths: [String] = []
        var failures: [LoadError] = []
        for input in inputs {
            do throws(LoadError) {
                paths.append(contentsOf: try DocumentLoader.expand(paths: [input]))
            } catch {
                failures.append(error)
            }
        }
        return (paths, failures)
    }

    /// Processes `paths` with up to `jobs` at a time and calls `deliver` once per document, in
    /// the order of `paths` whatever order they finish in.
    ///
    /// - Parameter deliver: runs on the calling task; an error it throws stops the run: no new
    ///   document is started and the ones in flight are finished and dropped.
    /// - Returns: totals over the documents delivered.
    /// - Throws: whatever `deliver` threw.
    public func run(
        _ paths: [String],
        deliver: (CorpusDocument) throws(CorpusError) -> Void
    ) async throws(CorpusError) -> CorpusSummary {
        try await run(jobs: paths.map { CorpusJob(path: $0) }, deliver: deliver)
    }

    /// Processes `jobs` as ``run(_:deliver:)`` does paths, each with its own policy.
    public func run(
        jobs documents: [CorpusJob],
        deliver: (CorpusDocument) throws(CorpusError) -> Void
    ) async throws(CorpusError) -> CorpusSummary {
        let started = ContinuousClock.now
        let pipeline = self.pipeline
        let timeLimit = self.timeLimit
        var summary = CorpusSummary()
        var remaining = documents.makeIterator()
        let peakHeld = try await InOrderDelivery.run(
            jobs: self.jobs, window: self.window, next: { remaining.next() },
            work: { index, job in
                guard let timeLimit else { return Self.process(job, index: index, pipeline: pipeline) }
                return await Self.process(job, index: index, pipeline: pipeline, timeLimit: timeLimit)
            },
            deliver: { (ready: CorpusDocument) throws(CorpusError) in
                summary.add(ready)
                try deliver(ready)
            })
        summary.peakHeld = peakHeld
        var timed = summary
        let elapsed = ContinuousClock.now - started
        timed.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return timed
    }

    /// ``process(_:index:pipeline:)`` within a time limit. The work runs on a thread of its own,
    /// not in the task pool: a document that never finishes cannot be stopped (the pipeline is
    /// synchronous), but it must not hold a pool thread the rest of the run needs. It is left
    /// running and dropped; the process ends with the run.
    static func process(_ job: CorpusJob, index: Int, pipeline: Pipeline, timeLimit: Duration) async -> CorpusDocument {
        await withCheckedContinuation { continuation in
            let once = FirstOnly()
            let worker = Thread {
                let document = process(job, index: index, pipeline: pipeline)
                if once.claim() { continuation.resume(returning: document) }
            }
            // As much stack as the main thread has: the detector recurses.
            worker.stackSize = 8 << 20
            worker.start()
            Task {
                try? await Task.sleep(for: timeLimit)
                guard once.claim() else { return }
                let seconds = Double(timeLimit.components.seconds) + Double(timeLimit.components.attoseconds) / 1e18
                let reason = "took longer than the time limit of \(String(format: "%g", seconds)) s; skipped"
                let failure = LoadError.unreadable(uri: job.path, reason: reason)
                var document = CorpusDocument(index: index, path: job.path, byteCount: 0, recordCount: 0, jsonLines: [], failure: failure)
                document.findings = job.policy.flatMap { $0.finding(forUnreadable: failure) }.map { [$0] } ?? []
                continuation.resume(returning: document)
            }
        }
    }

    /// Reads, loads and extracts one document; a failure is part of the result, not thrown, so
    /// one bad file never stops the others.
    ///
    /// `extract` runs every document through here too (as a corpus run with one job), so the
    /// two are byte-identical by construction.
    public static func process(_ job: CorpusJob, index: Int, pipeline: Pipeline) -> CorpusDocument {
        var byteCount = 0
        var sha256: String?
        do throws(LoadError) {
            let bytes: [UInt8]
            if let given = job.bytes { bytes = given } else { bytes = try pipeline.loader.read(path: job.path) }
            byteCount = bytes.count
            if job.hashInput { sha256 = Hashing.sha256Hex(bytes) }
            if let previous = job.previous, previous.sha256 == sha256 {
                // `--resume`: the records on disk are for exactly these bytes.
                var document = CorpusDocument(index: index, path: job.path, byteCount: byteCount, recordCount: previous.records, jsonLines: [], failure: nil)
                document.findings = previous.findings
                document.sha256 = sha256
                document.reused = true
                return document
            }
            let (reader, loaded): (Pipeline, LoadedText)
            switch pipeline.reading(try pipeline.loader.load(bytes: bytes, uri: job.path)) {
            case let .skip(language):
                let notice = Pipeline.skipNotice(uri: job.path, language: language, rulePacks: pipeline.rulePacks)
                var document = CorpusDocument(index: index, path: job.path, byteCount: byteCount, recordCount: 0, jsonLines: [], failure: nil, notice: notice)
                document.sha256 = sha256
                return document
            case let .read(chosen, text):
                (reader, loaded) = (chosen, text)
            }
            var skipped: [BudgetExceeded] = []
            let records = reader.records(forSupported: loaded, budgetExceeded: &skipped)
            var lines = JSONLinesWriter(capacity: 1 << 14)
            for record in records { lines.write(record) }
            var document = CorpusDocument(index: index, path: job.path, byteCount: byteCount, recordCount: records.count, jsonLines: Array(lines.bytes), failure: nil)
            if let policy = job.policy, !records.isEmpty {
                let index = LineIndex(bytes: bytes)
                document.findings = records.flatMap { policy.findings(forExtracted: $0, lines: index) }
            }
            document.warnings = skipped.map { "\(job.path): \($0)" }
            document.sha256 = sha256
            return document
        } catch {
            var document = CorpusDocument(index: index, path: job.path, byteCount: byteCount, recordCount: 0, jsonLines: [], failure: error)
            document.findings = job.policy.flatMap { $0.finding(forUnreadable: error) }.map { [$0] } ?? []
            document.sha256 = sha256
            return document
        }
    }

    /// Extracts every document below `inputs` and writes the records to `output` in corpus order.
    ///
    /// Each document that cannot be loaded (and each input that does not exist) goes to `report`,
    /// in corpus order, and counts in ``CorpusSummary/failures``; the run goes on unless
    /// `failFast`. The output is finished (a file renamed into place) only when every document
    /// was delivered; on any thrown error it is abandoned, so an existing file stays as it was.
    ///
    /// - Throws: ``CorpusError/noDocuments(inputs:)`` when the inputs hold no document (or
    ///   ``CorpusError/unreadableInput(_:)`` when one of them could not be read at all),
    ///   ``CorpusError/stopped(_:)`` at the first failure with `failFast`,
    ///   ``CorpusError/output(path:reason:)`` when writing fails.
    public func extract(
        inputs: [String], to output: inout CorpusOutput, failFast: Bool = false, warn: (String) -> Void = { _ in },
        notice: (String) -> Void = { _ in },
        report: (LoadError) -> Void
    ) async throws(CorpusError) -> CorpusSummary {
        let (paths, inputFailures) = Self.documents(in: inputs)
        do throws(CorpusError) {
            guard !paths.isEmpty else {
                // A missing path says more than "no documents"; an empty directory says nothing
                // more. Each bad input is one line, the last one the error that ends the run.
                let specific = inputFailures.filter { if case .noDocuments = $0 { false } else { true } }
                guard let last = specific.last else { throw .noDocuments(inputs: inputs) }
                specific.dropLast().forEach(report)
                throw .unreadableInput(last)
            }
            for failure in inputFailures {
                if failFast { throw .stopped(failure) }
                report(failure)
            }
            var summary = try await run(paths) { (document) throws(CorpusError) in
                if let failure = document.failure {
                    if failFast { throw .stopped(failure) }
                    report(failure)
                }
                document.warnings.forEach(warn)
                if let line = document.notice { notice(line) }
                try output.write(document.jsonLines)
            }
            summary.failures += inputFailures.count
            try output.finish()
            return summary
        } catch {
            output.abandon()
            throw error
        }
    }
}

/// Lets exactly one of two racers (the work and its time limit) deliver.
final class FirstOnly: Sendable {
    private let taken = Mutex(false)

    func claim() -> Bool {
        taken.withLock { taken in
            defer { taken = true }
            return !taken
        }
    }
}
