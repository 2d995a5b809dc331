import Foundation
import Testing

/// `language:` in `.quotecheck.yml` reads every document with that rule pack, as `--language`
/// does, instead of skipping documents detected in a language without one.
@Suite(.enabled(if: BadInputTests.executable != nil, "needs the quotecheck executable built"))
struct ConfigLanguageTests {
    @Test func configLanguageForcesTheRulePack() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("qc-language-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let german = scratch.appendingPathComponent("artikel.txt")
        let text = "Die Regierung hat am Montag gesagt, dass sie die Steuern nicht erhöhen wird. "
            + "Der Minister und die Abgeordneten waren sich einig, dass es für das Land und die Wirtschaft gut ist.\n"
        try Data(text.utf8).write(to: german)
        let detected = try BadInputTests.runCLI(["corpus", german.path])
        #expect(detected.stderr.contains("language de (German) has no rule pack; skipped"))
        try Data("language: en\n".utf8).write(to: scratch.appendingPathComponent(".quotecheck.yml"))
        let forced = try BadInputTests.runCLI(["corpus", german.path])
        #expect(!forced.stderr.contains("skipped"))
        #expect(forced.status == 0)
    }
}
