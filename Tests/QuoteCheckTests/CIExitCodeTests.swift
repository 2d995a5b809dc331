import Foundation
import QuoteCheck
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// The CLI as CI runs it: exit codes, write errors, refused outputs, config and baseline.
@Suite(.enabled(if: BadInputTests.executable != nil, "needs the quotecheck executable built"))
struct CIExitCodeTests {
    let scratch: URL

    init() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("qc-ci-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try BadInputTests.runCLI(arguments)
    }

    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let url = scratch.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        return url.path
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String { try write(name, Array(text.utf8)) }

    /// Files below `directory` (relative path → bytes), for comparing output trees.
    static func tree(_ directory: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let walker = FileManager.default.enumerator(atPath: directory)
        while let relative = walker?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let path = (directory as NSString).appendingPathComponent(relative)
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            files[relative] = try Data(contentsOf: URL(fileURLWithPath: path))
        }
        return files
    }

    static let anonymous = "“Nobody asked us,” one resident complained loudly.\n"
    static let attributed = "“We will not raise taxes,” Mayor Jane Smith said on Monday.\n"

    @Test func versionAndUsageErrors() throws {
        let version = try run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout == QuoteCheckVersion.current + "\n")
        // ArgumentParser's validation failure (64) is folded into 2.
        let usage = try run(["corpus", "--jobs", "0", scratch.path])
        #expect(usage.status == 2)
        #expect(usage.stderr.contains("--jobs must be at least 1"))
        #expect(try run(["extract", "--no-such-option", "x"]).status == 2)
        #expect(try run(["no-such-command"]).status == 2)
        #expect(try run(["corpus", "--shard", "3/2", scratch.path]).status == 2)
    }

    @Test func unreadableIsAnErrorForSingleFilesAndAFindingInCorpusRuns() throws {
        let good = try write("docs/good.txt", Self.attributed)
        let missing = scratch.appendingPathComponent("docs/missing.txt").path
        let single = try run(["extract", missing])
        #expect(single.status == 2)
        #expect(single.stderr == "quotecheck: \(missing): no such file\n")
        let clean = try run(["corpus", good, "-q"])
        #expect(clean.status == 0)
        let corpus = try run(["corpus", good, missing, "--format", "github", "-q"])
        #expect(corpus.status == 1)
        #expect(corpus.stdout == "::error file=\(missing),title=quotecheck/unreadable::no such file\n")
    }

    @Test func twoLineConfigMakesAnonymousSourcesFail() throws {
        let article = try write("repo/news/a.txt", Self.anonymous)
        #expect(try run(["corpus", article, "-q"]).status == 0)
        try write("repo/.quotecheck.yml", "policy:\n  anonymous-source: error\n")
        let failing = try run(["corpus", article])
        #expect(failing.status == 1)
        #expect(failing.stderr.contains("\(article):1:2: error anonymous-source"))
        // A nearer file wins.
        try write("repo/news/.quotecheck.yml", "policy:\n  anonymous-source: warning\n")
        #expect(try run(["corpus", article, "-q"]).status == 0)
        // --config beats both.
        let strict = try write("strict.yml", "policy:\n  anonymous-source: error\n")
        #expect(try run(["corpus", article, "-q", "--config", strict]).status == 1)
        // A typo is a configuration error: one line with file, line and column, status 2.
        let typo = try write("typo.yml", "policy:\n  anonymous-sources: error\n")
        let bad = try run(["corpus", article, "--config", typo])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("\(typo):2:3: unknown key 'anonymous-sources'"))
        #expect(bad.stderr.split(separator: "\n").count == 1)
    }

    @Test func includeAndExcludeGlobs() throws {
        try write("site/.quotecheck.yml", "exclude: [\"drafts/**\"]\npolicy:\n  anonymous-source: error\n")
        try write("site/drafts/x.txt", Self.anonymous)
        try write("site/published/y.txt", Self.attributed)
        let result = try run(["corpus", scratch.appendingPathComponent("site").path, "--format", "json", "-q"])
        #expect(result.status == 0)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(report["documents"] as? Int == 1)
    }

    @Test func baselineAcceptsTodaysFindingsAndFailsOnNewOnes() throws {
        try write("b/.quotecheck.yml", "policy:\n  anonymous-source: error\n")
        let article = try write("b/a.txt", Self.anonymous)
        let baseline = scratch.appendingPathComponent("baseline.json").path
        #expect(try run(["corpus", article, "-q"]).status == 1)
        #expect(try run(["corpus", article, "-q", "--write-baseline", baseline]).status == 0)
        #expect(try run(["corpus", article, "-q", "--baseline", baseline]).status == 0)
        // An unrelated edit above: still accepted.
        try write("b/a.txt", "The council met on Monday night.\n\n" + Self.anonymous)
        #expect(try run(["corpus", article, "-q", "--baseline", baseline]).status == 0)
        // A new anonymous quote fails; the report names only it.
        try write("b/a.txt", Self.anonymous + "“It was a mistake,” an official said.\n")
        let new = try run(["corpus", article, "-q", "--baseline", baseline, "--format", "github"])
        #expect(new.status == 1)
        #expect(new.stdout.split(separator: "\n").count == 1)
        #expect(new.stdout.contains("line=2"))
        // The accepted quote removed: listed as no longer found, and the run passes.
        try write("b/a.txt", Self.attributed)
        let stale = try run(["corpus", article, "-q", "--baseline", baseline, "--format", "text"])
        #expect(stale.status == 0)
        #expect(stale.stdout.contains("baseline entry no longer found: anonymous-source"))
    }

    /// Every command that writes, to a full device: status 2 and one line, never a crash or 0.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full")))
    func writeErrorsAreStatusTwo() throws {
        let article = packageRoot.appendingPathComponent("Fixtures/articles/sharaa-putin.txt").path
        let records = packageRoot.appendingPathComponent("Fixtures/articles/sharaa-putin.txt.expected.jsonl").path
        let commands: [[String]] = [
            ["extract", article], ["extract", article, "-o", "/dev/full"], ["corpus", article, "-q"], ["text", article],
            ["verify", records], ["check", article, "--against", article], ["consistency", records], ["rules", "lint"],
            ["corpus", article, "-q", "--format", "sarif"], ["eval", packageRoot.appendingPathComponent("Fixtures/eval/mini").path],
        ]
        for arguments in commands {
            let full = try runToFull(arguments)
            #expect(full.status == 2, "\(arguments)")
            #expect(full.stderr.contains("No space left on device"), "\(arguments)")
            #expect(full.stderr.split(separator: "\n").count == 1, "\(arguments): \(full.stderr)")
        }
    }

    func runToFull(_ arguments: [String]) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = try #require(BadInputTests.executable)
        process.arguments = arguments
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/full"))
        let err = Pipe()
        process.standardError = err
        try process.run()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stderr, as: UTF8.self))
    }

    @Test func outputEqualToAnInputIsRefused() throws {
        let article = try write("same.txt", Self.attributed)
        for arguments in [["extract", article, "-o", article], ["corpus", article, "-o", article], ["extract", article, "-o", scratch.path + "/./same.txt"]] {
            let result = try run(arguments)
            #expect(result.status == 2)
            #expect(result.stderr.contains("output is also an input"))
            #expect(try String(contentsOfFile: article, encoding: .utf8) == Self.attributed)
        }
    }

    @Test func textOutDirRefusesBasenameCollisions() throws {
        let first = try write("one/story.txt", Self.attributed)
        let second = try write("two/story.html", "<p>\(Self.anonymous)</p>")
        let out = scratch.appendingPathComponent("texts").path
        let result = try run(["text", first, second, "--out-dir", out])
        #expect(result.status == 2)
        #expect(result.stderr.contains("both \(first) and \(second)"))
        #expect(!FileManager.default.fileExists(atPath: out + "/story.txt"))
        let fine = try run(["text", first, "--out-dir", out])
        #expect(fine.status == 0)
        #expect(try String(contentsOfFile: out + "/story.txt", encoding: .utf8) == Self.attributed)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out) == ["story.txt"])
    }

    @Test func junitOverAMixedCorpusHasOneCasePerDocument() throws {
        try write("mixed/good.txt", Self.attributed)
        try write("mixed/anonymous.txt", Self.anonymous)
        try write("mixed/empty.txt", [])
        try write("mixed/binary.txt", [0x41, 0x00, 0x42])
        try write("mixed/malformed.html", "<html><body><p>“Unclosed,” he said <b><i></p></div>\u{FFFF}\u{0001}")
        let result = try run(["corpus", scratch.appendingPathComponent("mixed").path, "--format", "junit", "-q"])
        #expect(result.status == 1)
        let collector = XMLCollector()
        let parser = XMLParser(data: Data(result.stdout.utf8))
        parser.delegate = collector
        #expect(parser.parse())
        #expect(collector.testcases.count == 5)
        #expect(Set(collector.failures.map { ($0 as NSString).lastPathComponent }) == ["binary.txt", "empty.txt"])
    }
}

/// `verify` and `consistency` report their findings in the CI formats too.
@Suite(.enabled(if: BadInputTests.executable != nil, "needs the quotecheck executable built"))
struct CIFindingCommandTests {
    @Test func verifyReportsRecordsThatNoLongerVerify() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("qc-verify-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let article = scratch.appendingPathComponent("a.txt")
        try Data("Intro.\n\n“We will not raise taxes,” Mayor Jane Smith said.\n".utf8).write(to: article)
        let records = scratch.appendingPathComponent("a.jsonl").path
        #expect(try BadInputTests.runCLI(["extract", article.path, "-o", records]).status == 0)
        let clean = try BadInputTests.runCLI(["verify", records, "--root", scratch.path, "--format", "github"])
        #expect(clean.status == 0)
        #expect(clean.stdout.isEmpty)
        // The quote moves down a line: the record no longer verifies, and the finding points at
        // where the quote is now.
        try Data("Intro, rewritten.\n\n\n“We will not raise taxes,” Mayor Jane Smith said.\n".utf8).write(to: article)
        let moved = try BadInputTests.runCLI(["verify", records, "--root", scratch.path, "--format", "github"])
        #expect(moved.status == 1)
        #expect(moved.stdout.hasPrefix("::error file=\(article.path),line=4,col=2,title=quotecheck/unverifiable::record "))
        #expect(moved.stdout.contains("is moved"))
        // A policy can accept it.
        let lenient = scratch.appendingPathComponent("lenient.yml").path
        try Data("policy:\n  unverifiable: warning\n".utf8).write(to: URL(fileURLWithPath: lenient))
        #expect(try BadInputTests.runCLI(["verify", records, "--root", scratch.path, "--config", lenient, "--format", "text"]).status == 0)
    }

    @Test func consistencyConflictsAreFindingsPerCitation() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("qc-consistency-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let first = scratch.appendingPathComponent("one.txt")
        let second = scratch.appendingPathComponent("two.txt")
        try Data("“We will not raise taxes this year,” Mayor Jane Smith said.\n".utf8).write(to: first)
        try Data("“We will not raise taxes this year,” Governor Tom Brown said.\n".utf8).write(to: second)
        let result = try BadInputTests.runCLI(["consistency", scratch.path, "--format", "json"])
        #expect(result.status == 1)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let findings = try #require(report["findings"] as? [[String: Any]])
        #expect(findings.count == 2)
        #expect(Set(findings.compactMap { ($0["location"] as? [String: Any])?["path"] as? String }) == [first.path, second.path])
        #expect(findings.allSatisfy { $0["kind"] as? String == "speaker-conflict" && $0["severity"] as? String == "error" })
    }
}
