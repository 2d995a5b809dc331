import ArgumentParser
import Foundation
import QuoteCheck

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check claim records against their documents.",
        discussion: """
            Records are untrusted input: each record's document.uri (relative, absolute or file://) must name a regular file inside --root (default: the current directory) once `..` and symbolic links are resolved; anything else is refused and the record is `invalid`. Use --root / to allow any path. Nothing longer than the record's own quote is ever printed from a document.

            Each record's document is re-read. When its SHA-256 is unchanged, the quote, speaker mention, cue and quote parts must be exactly the text at their offsets, with the byte ranges the offset map gives: `ok`, else `invalid`. When the document changed, the quote is searched for again from its text and context: `moved` (found word for word, new offsets shown), `changed` (only an edited version found, with its similarity) or `missing` (document or quote gone).

            Each record that is not `ok` is an unverifiable finding (docs/ci.md), an error unless .quotecheck.yml says otherwise: `moved` counts too, since the record's offsets and hash no longer match the document and it must be regenerated. With --format the findings report replaces the listing.

            Exit status 1 when a finding is at error severity, 2 when a records file cannot be read or on usage or configuration errors, 0 otherwise.
            """
    )

    @Argument(help: ArgumentHelp("JSON Lines records files, or - for standard input.", valueName: "records"))
    var inputs: [String]

    @Option(name: .long, help: ArgumentHelp("Resolve document URIs under this directory and refuse any outside it (default: the current directory).", valueName: "dir"))
    var root: String = "."

    @Option(name: .long, help: ArgumentHelp("Refuse documents larger than this many bytes (default 64 MiB).", valueName: "n"))
    var maxBytes: Int = DocumentLoader.defaultMaxBytes

    @Flag(help: "One JSON object per record (status, problems, new offsets) instead of text lines; the summary goes to stderr.")
    var json = false

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Write the output to this file (replaced only when done) instead of standard output.", valueName: "file"))
    var out: String?

    @OptionGroup var ruleOptions: RuleOptions
    @OptionGroup var findingOptions: FindingOptions

    func run() throws {
        var book = PolicyBook(try findingOptions.resolver())
        try refuseOverwriting(out, inputs: inputs)
        var records: [ClaimRecord] = []
        for input in inputs {
            do throws(RecordsError) {
                if input == "-" {
                    let text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
                    records += try JSONLines.decode(text, path: "<stdin>")
                } else {
                    records += try JSONLines.read(path: input)
                }
            } catch {
                throw Failure(error.description)
            }
        }
        let config = try book.policy(for: inputs.first.flatMap { $0 == "-" ? nil : $0 } ?? ".").config
        let verifier = RecordVerifier(reload: DocumentLoader.reloader(rules: try ruleOptions.loadRules(config: config), root: root, maxBytes: maxBytes))
        let results = verifier.verify(records)
        var findings: [Finding] = []
        var lines = LineIndexCache(root: root)
        for (record, result) in zip(records, results) {
            guard result.status != .ok else { continue }
            let document = DocumentLoader.resolve(uri: record.document.uri, root: root)
            findings += try book.policy(for: document).findings(for: result, record: record, lines: lines.index(for: record.document.uri))
        }
        if let format = findingOptions.reportFormat {
            var options = findingOptions
            if options.report == nil { options.report = out }
            if try options.finish(findings: findings, documents: inputs, format: format) { throw ExitCode(1) }
            return
        }
        var sink = OutputSink(path: out)
        let encoder = JSONLines.encoder()
        for result in results {
            sink.writeLine(json ? JSONLines.line(result, encoder: encoder) : Self.line(for: result))
        }
        let summary = VerificationSummary(results)
        try sink.finish(summary: summary.line, json: json)
        if findings.hasErrors { throw ExitCode(1) }
    }

    /// `moved    3f9c0a1e5b7d2c44  article.txt  412..<610 -> 450..<648`.
    static func line(for result: VerificationResult) -> String {
        let status = result.status.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
        var line = "\(status) \(result.id)  \(result.uri)  \(result.start)..<\(result.end)"
        if let found = result.found {
            line += " -> \(found.start)..<\(found.end) bytes [\(found.sourceBytes.start), \(found.sourceBytes.end))"
        }
        if let similarity = result.similarity, result.status != .moved {
            line += String(format: " similarity %.2f", similarity)
        }
        if !result.problems.isEmpty, result.status != .moved {
            line += ": " + result.problems.joined(separator: "; ")
        }
        // URIs and problems quote the record: untrusted text, kept inert on a terminal.
        return Terminal.escaped(line)
    }
}
