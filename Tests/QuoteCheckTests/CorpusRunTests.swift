import Foundation
import QuoteCheck
import Testing

/// `corpus --out-dir`, `--resume`, `--shard` and `--time-limit`, run as a user would.
@Suite(.enabled(if: BadInputTests.executable != nil, "needs the quotecheck executable built"))
struct CorpusRunTests {
    let scratch: URL

    init() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("qc-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try BadInputTests.runCLI(arguments)
    }

    /// `count` articles in nested directories, each different (a number in the text and a
    /// quote from the seed article), some HTML.
    func makeCorpus(_ count: Int) throws -> String {
        let seed = try String(contentsOf: packageRoot.appendingPathComponent("Fixtures/articles/sharaa-putin.txt"), encoding: .utf8)
        let root = scratch.appendingPathComponent("corpus")
        for index in 0..<count {
            let directory = root.appendingPathComponent("desk-\(index % 7)/week-\(index % 3)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let text = "Report number \(index).\n\n" + seed
            if index % 5 == 0 {
                let html = "<html><body><article><p>" + text.replacingOccurrences(of: "\n\n", with: "</p>\n<p>") + "</p></article></body></html>\n"
                try Data(html.utf8).write(to: directory.appendingPathComponent("a\(index).html"))
            } else {
                try Data(text.utf8).write(to: directory.appendingPathComponent("a\(index).txt"))
            }
        }
        return root.path
    }

    @Test func outDirIsByteIdenticalForAnyJobsAndMirrorsTheTree() throws {
        let corpus = try makeCorpus(30)
        let one = scratch.appendingPathComponent("one").path
        let two = scratch.appendingPathComponent("two").path
        #expect(try run(["corpus", corpus, "--out-dir", one, "--jobs", "1", "-q"]).status == 0)
        #expect(try run(["corpus", corpus, "--out-dir", two, "--jobs", "3", "-q"]).status == 0)
        let first = try CIExitCodeTests.tree(one)
        #expect(first == (try CIExitCodeTests.tree(two)))
        #expect(first["desk-0/week-0/a0.html.jsonl"] != nil)
        #expect(first["summary.json"] != nil)
        // Each file holds exactly what `extract` writes for its document.
        let single = try run(["extract", corpus + "/desk-1/week-1/a1.txt"])
        #expect(String(decoding: try #require(first["desk-1/week-1/a1.txt.jsonl"]), as: UTF8.self) == single.stdout)
        #expect(!single.stdout.isEmpty)
        // No temporary file is left anywhere.
        #expect(!first.keys.contains { $0.hasSuffix(".tmp") })
    }

    @Test func shardsCoverTheCorpusOnce() throws {
        let corpus = try makeCorpus(25)
        let whole = scratch.appendingPathComponent("whole").path
        #expect(try run(["corpus", corpus, "--out-dir", whole, "-q"]).status == 0)
        var union: [String: Data] = [:]
        for shard in 1...3 {
            let directory = scratch.appendingPathComponent("shard-\(shard)").path
            #expect(try run(["corpus", corpus, "--out-dir", directory, "--shard", "\(shard)/3", "-q"]).status == 0)
            for (path, data) in try CIExitCodeTests.tree(directory) where path.hasSuffix(".jsonl") || path.hasPrefix(".quotecheck/") {
                #expect(union.updateValue(data, forKey: path) == nil, "\(path) is in two shards")
            }
        }
        let expected = try CIExitCodeTests.tree(whole).filter { $0.key != "summary.json" }
        #expect(union.count == expected.count)
        #expect(union == expected)
    }

    /// Really kills a run with SIGKILL in the middle, resumes it, and compares with a run that
    /// was never interrupted.
    @Test func killedRunResumesToTheIdenticalOutput() throws {
        let corpus = try makeCorpus(400)
        let reference = scratch.appendingPathComponent("reference").path
        #expect(try run(["corpus", corpus, "--out-dir", reference, "--jobs", "2", "-q"]).status == 0)

        let resumed = scratch.appendingPathComponent("resumed").path
        let process = Process()
        process.executableURL = try #require(BadInputTests.executable)
        process.arguments = ["corpus", corpus, "--out-dir", resumed, "--jobs", "2", "-q"]
        try process.run()
        // Wait until part of the corpus is written, then kill without warning.
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline, (try? CIExitCodeTests.tree(resumed).keys.filter { $0.hasSuffix(".jsonl") }.count) ?? 0 < 40 {
            usleep(2_000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        let partial = try CIExitCodeTests.tree(resumed)
        #expect(partial["summary.json"] == nil, "the run finished before it was killed; the test proves nothing")
        #expect(partial.keys.filter { $0.hasSuffix(".jsonl") }.count < 400)

        let again = try run(["corpus", corpus, "--out-dir", resumed, "--jobs", "2", "--resume"])
        #expect(again.status == 0)
        #expect(again.stderr.contains("unchanged"))
        #expect(try CIExitCodeTests.tree(resumed) == (try CIExitCodeTests.tree(reference)))

        // A second resume reprocesses nothing; a changed file is redone.
        let changed = corpus + "/desk-2/week-2/a2.txt"
        try Data("“Everything changed,” Mayor Jane Smith said.\n".utf8).write(to: URL(fileURLWithPath: changed))
        let third = try run(["corpus", corpus, "--out-dir", resumed, "--jobs", "2", "--resume"])
        #expect(third.stderr.contains("399 unchanged"))
        let redone = try String(contentsOfFile: resumed + "/desk-2/week-2/a2.txt.jsonl", encoding: .utf8)
        #expect(redone.contains("Everything changed"))
    }

    @Test func interruptedOutputLeavesNoTemporaryFile() throws {
        let corpus = try makeCorpus(300)
        let output = scratch.appendingPathComponent("out/records.jsonl")
        try FileManager.default.createDirectory(at: output.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("old\n".utf8).write(to: output)
        let process = Process()
        process.executableURL = try #require(BadInputTests.executable)
        process.arguments = ["corpus", corpus, "-o", output.path, "--jobs", "1", "-q"]
        try process.run()
        let directory = output.deletingLastPathComponent().path
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, (try FileManager.default.contentsOfDirectory(atPath: directory)).count < 2 { usleep(2_000) }
        usleep(100_000)
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal, "status \(process.terminationStatus)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["records.jsonl"])
        #expect(try String(contentsOf: output, encoding: .utf8) == "old\n")
    }

    /// A document over `--time-limit` is reported and skipped; the others are written and the
    /// run ends (the skipped work is abandoned, not waited for).
    @Test func documentOverTheTimeLimitIsReportedAndSkipped() throws {
        let seed = try String(contentsOf: packageRoot.appendingPathComponent("Fixtures/articles/sharaa-putin.txt"), encoding: .utf8)
        let directory = scratch.appendingPathComponent("limit")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // Thousands of times the fixture: tens of seconds of work in a debug build, far over the
        // limit, while the small file stays far under it even on a loaded 2-core machine.
        try Data(String(repeating: seed + "\n\n", count: 4000).utf8).write(to: directory.appendingPathComponent("big.txt"))
        try Data(seed.utf8).write(to: directory.appendingPathComponent("small.txt"))
        let out = scratch.appendingPathComponent("limit-out").path
        let limited = try run(["corpus", directory.path, "--time-limit", "3", "--out-dir", out, "--format", "github", "-q"])
        #expect(limited.status == 1)
        #expect(limited.stdout == "::error file=\(directory.path)/big.txt,title=quotecheck/unreadable::cannot read: took longer than the time limit of 3 s; skipped\n")
        let files = try CIExitCodeTests.tree(out)
        #expect(files["big.txt.jsonl"] == nil)
        #expect(String(decoding: try #require(files["small.txt.jsonl"]), as: UTF8.self) == (try run(["extract", directory.path + "/small.txt"])).stdout)
        #expect(try run(["corpus", directory.path, "--time-limit", "0", "-q"]).status == 2)
    }
}
