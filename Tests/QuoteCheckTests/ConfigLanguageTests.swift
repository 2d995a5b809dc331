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
        // French: a language with a profile but no rule pack.
        let french = scratch.appendingPathComponent("article.txt")
        let text = "Le gouvernement a dit lundi qu'il ne va pas augmenter les impôts cette année. "
            + "Le ministre et les députés étaient d'accord que c'est bon pour le pays et pour les entreprises de la région.\n"
        try Data(text.utf8).write(to: french)
        let detected = try BadInputTests.runCLI(["corpus", french.path])
        #expect(detected.stderr.contains("language fr (French) has no rule pack; skipped"))
        try Data("language: en\n".utf8).write(to: scratch.appendingPathComponent(".quotecheck.yml"))
        let forced = try BadInputTests.runCLI(["corpus", french.path])
        #expect(!forced.stderr.contains("skipped"))
        #expect(forced.status == 0)
    }
}
