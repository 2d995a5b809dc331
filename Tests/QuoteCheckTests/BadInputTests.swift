import Foundation
import QuoteCheck
import Testing

/// Bad input gets a clear one-line error naming the file, and a non-zero exit status; what was
/// already written is kept.
@Suite struct BadInputTests {
    let scratch: URL

    init() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("qc-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let url = scratch.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    @Test func missingFile() throws {
        let path = scratch.appendingPathComponent("nope.txt").path
        #expect(throws: LoadError.notFound(uri: path)) { try DocumentLoader.read(path: path) }
        #expect(throws: LoadError.notFound(uri: path)) { try DocumentLoader.expand(paths: [path]) }
        #expect(LoadError.notFound(uri: path).description == "\(path): no such file")
    }

    @Test func directoryWithoutDocuments() throws {
        let empty = scratch.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        _ = try write("empty/notes.md", Array("# not a document".utf8))
        #expect(throws: LoadError.noDocuments(uri: empty.path)) { try DocumentLoader.expand(paths: [empty.path]) }
    }

    @Test func emptyBinaryAndInvalidFiles() throws {
        let loader = DocumentLoader(rules: try RuleSet.load())
        let empty = try write("empty.txt", [])
        #expect(throws: LoadError.empty(uri: empty)) { try loader.load(path: empty) }
        let binary = try write("image.txt", [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x1A])
        #expect(throws: LoadError.binary(uri: binary, byteOffset: 4)) { try loader.load(path: binary) }
        // Invalid UTF-8 is not an error: each bad byte becomes U+FFFD mapped to that byte.
        let invalid = try write("latin1.txt", Array("“Caf".utf8) + [0xE9] + Array(",” he said.".utf8))
        let loaded = try loader.load(path: invalid)
        #expect(loaded.scalars.contains("\u{FFFD}"))
        #expect(loaded.offsetMap.bytes(ofScalar: 4) == ByteRange(start: 6, end: 7))
    }

    /// The CLI, run as a user would: it is built next to the test bundle.
    static var executable: URL? {
        let candidate = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("quotecheck")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        let built = packageRoot.appendingPathComponent(".build/debug/quotecheck")
        return FileManager.default.isExecutableFile(atPath: built.path) ? built : nil
    }

    func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try Self.runCLI(arguments)
    }

    /// Runs `quotecheck` with `arguments` and collects its status and output.
    static func runCLI(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let executable = try #require(Self.executable)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }

    @Test(.enabled(if: executable != nil, "needs the quotecheck executable built"))
    func cliReportsEachBadFileAndKeepsTheGoodOnes() throws {
        let good = try write("good.txt", Array("“We will win this state,” Mr. Smith said on Monday.".utf8))
        let binary = try write("bad.txt", [0x41, 0x00, 0x42])
        let missing = scratch.appendingPathComponent("missing.txt").path
        let output = scratch.appendingPathComponent("records.jsonl").path
        let result = try run(["extract", good, binary, missing, "-o", output])
        // Unreadable input is an error in single-file commands: status 2 (docs/ci.md).
        #expect(result.status == 2)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.contains { $0.contains(binary) && $0.contains("byte 1") && $0.contains("binary") })
        #expect(lines.contains { $0.contains(missing) && $0.contains("no such file") })
        // The good file's record was written.
        let records = try JSONLines.read(path: output)
        #expect(records.count == 1)
        #expect(records.first?.speaker?.mention?.text == "Mr. Smith")
    }

    @Test(.enabled(if: executable != nil, "needs the quotecheck executable built"))
    func cliRuleTypoNamesFileLineAndColumn() throws {
        let rules = scratch.appendingPathComponent("rules/en")
        try FileManager.default.createDirectory(at: rules, withIntermediateDirectories: true)
        try "kind: cues\ncues:\n  - froms: [said]\n".write(to: rules.appendingPathComponent("cues.yml"), atomically: true, encoding: .utf8)
        let good = try write("a.txt", Array("Hello.".utf8))
        let result = try run(["extract", good, "--rules", scratch.appendingPathComponent("rules").path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("cues.yml:3:5: unknown key 'froms'"))
    }

    @Test(.enabled(if: executable != nil, "needs the quotecheck executable built"))
    func cliEvalOnAnEmptyCorpusFails() throws {
        let corpus = scratch.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus.appendingPathComponent("text"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: corpus.appendingPathComponent("attributions"), withIntermediateDirectories: true)
        let result = try run(["eval", corpus.path])
        #expect(result.status != 0)
        #expect(result.stderr.split(separator: "\n").count == 1)
    }
}
