import QuoteCheck
import FuzzSupport

/// A rule file (YAML + patterns) -> either a one-line error with a position, or rules that
/// extract sound records from a fixed article in bounded time (the matcher's step budget).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRules(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let contents = String(validating: Fuzz.bytes(data, size), as: UTF8.self) else { return 0 }
    // The first line picks which built-in file the input replaces, so cues, lexicon and
    // attribution files are all exercised.
    let targets = ["en/attribution/fuzz.yml", "en/cues.yml", "en/lexicon.yml", "en/attribution/reported.yml"]
    let pick = contents.unicodeScalars.first.map { Int($0.value) % targets.count } ?? 0
    // One pack: a rule set built from two is refused before a single rule is read.
    var files = RuleSource.files(RuleSource.builtIn, ofPack: "en").filter { $0.path != targets[pick] }
    files.append(RuleFile(path: targets[pick], displayName: "fuzz.yml", contents: contents))
    let rules: RuleSet
    do {
        rules = try RuleSet(files: files)
    } catch {
        Fuzz.check(!error.description.contains("\n") || error.message.contains("\n"), "rule error is not one line: \(error)")
        Fuzz.check(error.line >= 1 && error.column >= 1, "rule error without a position: \(error)")
        return 0
    }
    _ = RuleLinter.lint([files[files.count - 1]])
    let pipeline = Pipeline(rules: rules, format: .text)
    guard let loaded = try? pipeline.loader.load(bytes: Fuzz.article, uri: "article.txt") else { return 0 }
    Fuzz.checkRecords(pipeline.records(for: loaded), of: loaded)
    return 0
}

@_cdecl("FuzzRules_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    Fuzz.run(argc, argv, fuzzRules)
}
