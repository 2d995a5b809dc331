import Foundation
import QuoteCheck
import Testing

/// `quotecheck corpus` and the library under it: ordered, bounded parallel extraction.
@Suite struct CorpusTests {
    let scratch: URL
    let pipeline: Pipeline

    init() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("qc-corpus-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        pipeline = Pipeline(rules: try RuleSet.load())
    }

    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let url = scratch.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// A small corpus whose first document is far larger than the rest, so with several jobs
    /// the later documents finish before it and only the ordering puts them back.
    func makeCorpus() throws -> String {
        let seed = try Data(contentsOf: packageRoot.appendingPathComponent("Fixtures/articles/sharaa-putin.txt"))
        try write("corpus/a-large.txt", Array(String(repeating: String(decoding: seed, as: UTF8.self) + "\n", count: 40).utf8))
        for name in ["sharaa-putin.txt", "sharaa-putin.html", "sharaa-putin-1252.html"] {
            try write("corpus/b/\(name)", [UInt8](try Data(contentsOf: packageRoot.appendingPathComponent("Fixtures/articles/\(name)"))))
        }
        for index in 0..<12 {
            try write("corpus/c/short-\(index).txt", Array("“We are ready for round \(index),” Mr. Smith said on Monday.\n".utf8))
        }
        try write("corpus/c/notes.md", Array("# not a document".utf8))
        return scratch.appendingPathComponent("corpus").path
    }

    /// What `extract` writes for these paths, one file at a time. A `String`, not bytes, so a
    /// failed comparison prints two texts rather than a per-element diff of a megabyte array.
    func extractOutput(_ paths: [String]) throws -> String {
        var bytes: [UInt8] = []
        for path in paths {
            for record in try pipeline.extract(path: path) {
                bytes.append(contentsOf: record.jsonLine.utf8)
                bytes.append(0x0A)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    func contents(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    /// Runs the extractor and returns the bytes it delivered, the paths in delivery order, failures and totals.
    func collect(_ paths: [String], jobs: Int) async throws -> (bytes: [UInt8], order: [String], failures: [LoadError], summary: CorpusSummary) {
        var bytes: [UInt8] = []
        var order: [String] = []
        var failures: [LoadError] = []
        let summary = try await CorpusExtractor(pipeline: pipeline, jobs: jobs).run(paths) { document in
            bytes.append(contentsOf: document.jsonLines)
            order.append(document.path)
            if let failure = document.failure { failures.append(failure) }
        }
        return (bytes, order, failures, summary)
    }

    @Test func findsDocumentsRecursivelyInSortedOrder() throws {
        let corpus = try makeCorpus()
        let (paths, failures) = CorpusExtractor.documents(in: [corpus])
        #expect(failures.isEmpty)
        #expect(paths.count == 16)
        #expect(paths == paths.sorted())
        #expect(paths.first?.hasSuffix("a-large.txt") == true)
        #expect(!paths.contains { $0.hasSuffix(".md") })
    }

    @Test(arguments: [1, 2, 3, 8])
    func recordsEqualPerFileExtractInFileOrder(jobs: Int) async throws {
        let corpus = try makeCorpus()
        let paths = CorpusExtractor.documents(in: [corpus]).paths
        let result = try await collect(paths, jobs: jobs)
        #expect(result.order == paths)
        #expect(result.failures.isEmpty)
        #expect(text(result.bytes) == (try extractOutput(paths)))
        #expect(result.summary.documents == paths.count)
        #expect(result.summary.records == String(decoding: result.bytes, as: UTF8.self).split(separator: "\n").count)
        #expect(result.summary.records > 12)
        #expect(result.summary.peakHeld <= 2 * jobs)
        #expect(result.summary.peakHeld >= min(jobs, paths.count))
    }

    /// PolNeAR dev when the shared data is beside the repository: 84 real articles.
    static let polnearDev = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data/polnear/dev/text").path

    @Test(.enabled(if: FileManager.default.fileExists(atPath: polnearDev), "needs ../shared/data/polnear"))
    func polnearDevIsIdenticalWithOneAndTwoJobs() async throws {
        let paths = CorpusExtractor.documents(in: [Self.polnearDev]).paths
        let one = try await collect(paths, jobs: 1)
        let two = try await collect(paths, jobs: 2)
        #expect(one.order == paths)
        #expect(two.order == paths)
        #expect(text(one.bytes) == text(two.bytes))
        #expect(one.summary.records == two.summary.records)
        #expect(one.summary.records > 500)
    }

    @Test func badFilesAreReportedInOrderAndTheRunGoesOn() async throws {
        let corpus = try makeCorpus()
        let binary = try write("corpus/b/binary.txt", [0x41, 0x00, 0x42])
        let empty = try write("corpus/c/empty.txt", [])
        let missing = scratch.appendingPathComponent("missing").path
        let output = scratch.appendingPathComponent("records.jsonl").path
        var out = try CorpusOutput(path: output)
        var reported: [LoadError] = []
        let summary = try await CorpusExtractor(pipeline: pipeline, jobs: 2).extract(inputs: [corpus, missing], to: &out) {
            reported.append($0)
        }
        #expect(reported == [.notFound(uri: missing), .binary(uri: binary, byteOffset: 1), .empty(uri: empty)])
        #expect(summary.failures == 3)
        #expect(summary.documents == 18)
        let good = CorpusExtractor.documents(in: [corpus]).paths.filter { $0 != binary && $0 != empty }
        #expect((try contents(output)) == (try extractOutput(good)))
        #expect(!FileManager.default.fileExists(atPath: output + ".partial"))
    }

    @Test func emptyCorpusIsOneError() async throws {
        try write("nothing/readme.md", Array("no documents here".utf8))
        let directory = scratch.appendingPathComponent("nothing").path
        let output = try write("keep.jsonl", Array("old\n".utf8))
        var out = try CorpusOutput(path: output)
        var reported: [LoadError] = []
        await #expect(throws: CorpusError.noDocuments(inputs: [directory])) {
            try await CorpusExtractor(pipeline: pipeline, jobs: 2).extract(inputs: [directory], to: &out) { reported.append($0) }
        }
        #expect(reported.isEmpty)
        #expect(!CorpusError.noDocuments(inputs: [directory]).description.contains("\n"))
        #expect(try String(contentsOfFile: output, encoding: .utf8) == "old\n")
        #expect(!FileManager.default.fileExists(atPath: output + ".partial"))
    }

    @Test func missingOnlyInputIsOneErrorNamingIt() async throws {
        let missing = scratch.appendingPathComponent("no-such-dir").path
        let alsoMissing = scratch.appendingPathComponent("no-such-file.txt").path
        var out = try CorpusOutput(path: scratch.appendingPathComponent("never.jsonl").path)
        var reported: [LoadError] = []
        await #expect(throws: CorpusError.unreadableInput(.notFound(uri: alsoMissing))) {
            try await CorpusExtractor(pipeline: pipeline, jobs: 2).extract(inputs: [missing, alsoMissing], to: &out) { reported.append($0) }
        }
        #expect(reported == [.notFound(uri: missing)])
        #expect(CorpusError.unreadableInput(.notFound(uri: missing)).description.contains(missing))
    }

    @Test func failFastLeavesAnExistingOutputUntouched() async throws {
        let corpus = try makeCorpus()
        let binary = try write("corpus/c/short-5.txt", [0x41, 0x00])
        let output = try write("keep.jsonl", Array("old\n".utf8))
        var out = try CorpusOutput(path: output)
        var reported: [LoadError] = []
        await #expect(throws: CorpusError.stopped(.binary(uri: binary, byteOffset: 1))) {
            try await CorpusExtractor(pipeline: pipeline, jobs: 2).extract(inputs: [corpus], to: &out, failFast: true) { reported.append($0) }
        }
        #expect(reported.isEmpty)
        #expect(try String(contentsOfFile: output, encoding: .utf8) == "old\n")
        #expect(!FileManager.default.fileExists(atPath: output + ".partial"))
    }

    @Test func outputIsReplacedOnlyWhenFinished() throws {
        let output = try write("records.jsonl", Array("old\n".utf8))
        var out = try CorpusOutput(path: output)
        try out.write(Array(repeating: 0x41, count: 200_000))
        // Written past the flush size, yet the target still holds the old records.
        #expect(try String(contentsOfFile: output, encoding: .utf8) == "old\n")
        #expect(out.temporaryPath.map { FileManager.default.fileExists(atPath: $0) } == true)
        try out.finish()
        #expect(try Data(contentsOf: URL(fileURLWithPath: output)).count == 200_000)
        #expect(!FileManager.default.fileExists(atPath: output + ".partial"))

        var abandoned = try CorpusOutput(path: output)
        try abandoned.write(Array("new\n".utf8))
        abandoned.abandon()
        #expect(try Data(contentsOf: URL(fileURLWithPath: output)).count == 200_000)
        #expect(!FileManager.default.fileExists(atPath: output + ".partial"))
    }

    @Test func unwritableOutputFailsBeforeAnyWork() throws {
        let output = scratch.appendingPathComponent("no-such-dir/records.jsonl").path
        #expect(throws: CorpusError.self) { try CorpusOutput(path: output) }
        do {
            _ = try CorpusOutput(path: output)
        } catch {
            #expect(error.description.hasPrefix(output + ":"))
        }
    }

    @Test(.enabled(if: BadInputTests.executable != nil, "needs the quotecheck executable built"))
    func cliStreamsRecordsReportsBadFilesAndExitsOne() throws {
        let corpus = try makeCorpus()
        let binary = try write("corpus/b/binary.txt", [0x41, 0x00, 0x42])
        let output = scratch.appendingPathComponent("cli.jsonl").path
        let result = try BadInputTests().run(["corpus", corpus, "--jobs", "2", "--out", output])
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first?.contains(binary) == true)
        #expect(lines.last?.hasPrefix("corpus: 17 documents") == true)
        #expect(lines.last?.contains("1 failed") == true)
        let good = CorpusExtractor.documents(in: [corpus]).paths.filter { $0 != binary }
        #expect((try contents(output)) == (try extractOutput(good)))

        let stdout = try BadInputTests().run(["corpus", corpus, "--jobs", "1"])
        #expect(stdout.status == 1)
        #expect(stdout.stdout == (try extractOutput(good)))
    }

    @Test(.enabled(if: BadInputTests.executable != nil, "needs the quotecheck executable built"))
    func cliEmptyCorpusIsOneLineAndNonZero() throws {
        let directory = scratch.appendingPathComponent("void")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let result = try BadInputTests().run(["corpus", directory.path])
        #expect(result.status != 0)
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.contains(directory.path))
        #expect(result.stdout.isEmpty)
    }
}
