import ArgumentParser
import Foundation
import QuoteCheck

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check each quote of articles against reference material (transcripts, speeches, earlier articles).",
        discussion: """
            ARTICLE and REF are text or HTML files, subtitles (.srt, .vtt), directories of them, or .jsonl records from earlier runs. References are read as they come: hard-wrapped lines, words hyphenated at line ends, straight or typographic quotation marks, -- or em dashes, timestamps ([00:12:31]) and bracketed notes are all ignored. Transcript speaker labels (PUTIN:, Vladimir Putin:, Q:/A:, [Speaker 1], after a timestamp or >>) are read by the rules in Rules/en/speaker-labels.yml.

            Each piece of a quote (a quotation interrupted by its attribution has several) is found and aligned on its own; the reporter's words between pieces are never compared. A direct or mixed quote is `verbatim` (same words), `elided` (only omissions marked … ... . . . and bracketed editorial words [T]he), `altered` (word diff; a negation added or dropped, a number changed or a named entity swapped is critical; a sentence or more left out without an ellipsis is the finding omitted-without-ellipsis), `spliced` (pieces from places far apart, out of order or in different references, with each piece's passage listed) or `not-found` (best similarity below 0.6). A mixed quote's quoted words are checked word for word. Reported speech (indirect quotes) is checked for numbers, negation and names only: `paraphrase-ok` or `paraphrase-conflict`. When the passage has a speaker, a quote attributed to someone else is a speaker-mismatch.

            Findings (docs/ci.md): misquote, misquote-critical, omitted-without-ellipsis, not-found and speaker-mismatch, at the severities of the nearest .quotecheck.yml (by default a critical misquote, a speaker mismatch and a quote not found are errors). With --format the findings report replaces the listing. Without --against, the references are those the configuration lists.

            Exit status 1 when a finding is at error severity (a quote not found in the references is an error unless --allow-not-found is given); 2 on usage, configuration or input errors; 0 otherwise.
            Examples:
              quotecheck check article.html --against transcript.txt
              quotecheck check articles/ --against speeches/ interview.vtt --json > checked.jsonl
              quotecheck check records.jsonl --against transcript.txt --allow-not-found
            """
    )

    @Argument(help: ArgumentHelp("Articles: files, directories or .jsonl records.", valueName: "article"))
    var articles: [String]

    @Option(name: .customLong("against"), parsing: .upToNextOption, help: ArgumentHelp("Reference files, directories or .jsonl records.", valueName: "ref"))
    var references: [String] = []

    @Flag(help: "Print the records, each with its `check` object, as JSON Lines.")
    var json = false

    @Flag(help: "Do not fail when a quote is not found in the references (a quote not found fails by default).")
    var allowNotFound = false

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Write the output to this file (replaced only when done) instead of standard output.", valueName: "file"))
    var out: String?

    @OptionGroup var ruleOptions: RuleOptions
    @OptionGroup var inputOptions: InputOptions
    @OptionGroup var findingOptions: FindingOptions

    func run() throws {
        var book = PolicyBook(try findingOptions.resolver())
        let config = try book.policy(for: articles.first ?? ".").config
        let references = self.references.isEmpty ? config.references : self.references
        if references.isEmpty { throw ValidationError("give at least one reference with --against (or `references:` in .quotecheck.yml)") }
        try refuseOverwriting(out, inputs: articles + references)
        let pipeline = try ruleOptions.pipeline(config: config, format: inputOptions.format, maxBytes: inputOptions.maxBytes)
        let records: [ClaimRecord]
        let documents: [ReferenceDocument]
        do {
            records = try CheckInputs.articleRecords(articles, pipeline: pipeline)
            documents = try CheckInputs.references(references, pipeline: pipeline)
        } catch {
            throw Failure(error.description)
        }
        let checker = QuoteChecker(index: ReferenceIndex(documents: documents), rules: pipeline.rules)
        var sink = OutputSink(path: findingOptions.reportFormat == nil ? out : nil)
        let encoder = JSONLines.encoder()
        var counts: [String: Int] = [:]
        var findings: [Finding] = []
        var lines = LineIndexCache()
        for record in records {
            let checked = checker.checked(record)
            guard let check = checked.check else { continue }
            counts[check.status.rawValue, default: 0] += 1
            if check.speaker == .mismatch { counts["speaker-mismatch", default: 0] += 1 }
            for var finding in try book.policy(for: record.document.uri).findings(forChecked: checked, lines: lines.index(for: record.document.uri)) {
                if allowNotFound, finding.kind == .notFound { finding.severity = .warning }
                findings.append(finding)
            }
            guard findingOptions.reportFormat == nil else { continue }
            if json {
                sink.writeLine(JSONLines.line(checked, encoder: encoder))
            } else {
                for line in CheckReport.lines(for: checked, check: check) { sink.writeLine(Terminal.escaped(line)) }
            }
        }
        if let format = findingOptions.reportFormat {
            var options = findingOptions
            if options.report == nil { options.report = out }
            if try options.finish(findings: findings, documents: articles, format: format) { throw ExitCode(1) }
            return
        }
        let failing = findings.filter { $0.severity == .error }.count
        let order = ClaimCheck.Status.allCases.map(\.rawValue) + ["speaker-mismatch"]
        let summary = "\(counts.filter { $0.key != "speaker-mismatch" }.values.reduce(0, +)) quotes: "
            + order.map { "\(counts[$0] ?? 0) \($0)" }.joined(separator: ", ") + "; \(failing) failing"
        try sink.finish(summary: summary, json: json)
        if failing > 0 { throw ExitCode(1) }
    }
}

/// The human-readable form of a check: the quote, the passage with the differences marked
/// (`[-reference-]{+quote+}`, elisions as `(…words…)`), the speaker finding.
enum CheckReport {
    static func lines(for record: ClaimRecord, check: ClaimCheck) -> [String] {
        var status = check.status.rawValue
        if !check.critical.isEmpty { status += " [critical: \(check.critical.joined(separator: ", "))]" }
        if let findings = check.findings { status += " [\(findings.joined(separator: ", "))]" }
        if check.speaker == .mismatch { status += " [speaker-mismatch]" }
        var lines = ["\(record.document.uri) \(record.quote.start)..<\(record.quote.end)  \(status)  similarity \(String(format: "%.2f", check.similarity))"]
        lines.append("  quote:     \(record.quote.text)")
        if let reference = check.reference {
            lines.append("  source:    \(reference.uri) \(reference.start)..<\(reference.end) bytes [\(reference.sourceBytes.start), \(reference.sourceBytes.end))")
            lines.append("             \(marked(reference: reference, diff: check.diff))")
        }
        for (number, piece) in (check.pieces ?? []).enumerated() {
            var line = "  piece \(number + 1): \(piece.join) \(piece.quoteStart)..<\(piece.quoteEnd)"
            if let reference = piece.reference { line += " <- \(reference.uri) \(reference.start)..<\(reference.end) \"\(reference.text.replacingOccurrences(of: "\n", with: " "))\"" }
            lines.append(line)
        }
        if let speaker = check.referenceSpeaker {
            let quoted = record.speaker?.name ?? "unattributed"
            lines.append("  speaker:   \(check.speaker == .mismatch ? "MISMATCH: " : "")article \(quoted), source \(speaker)")
        }
        for entry in check.diff where entry.isChange {
            var line = "  \(entry.kind.rawValue): "
            // A hard-wrapped reference's line breaks are spaces here, as in the marked passage.
            if let text = entry.referenceText, let start = entry.referenceStart, let end = entry.referenceEnd { line += "source \"\(flat(text))\" \(start)..<\(end)" }
            if entry.referenceText != nil, entry.quoteText != nil { line += " -> " }
            if let text = entry.quoteText, let start = entry.quoteStart, let end = entry.quoteEnd { line += "quote \"\(flat(text))\" \(start)..<\(end)" }
            if !entry.critical.isEmpty { line += "  CRITICAL \(entry.critical.joined(separator: ", "))" }
            lines.append(line)
        }
        return lines
    }

    /// Text on one line: each run of whitespace holding a line break becomes one space.
    static func flat(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }

    /// The source passage with the quote's differences written in.
    static func marked(reference: ReferenceSpan, diff: [DiffEntry]) -> String {
        let scalars = Array(reference.text.unicodeScalars)
        var out = ""
        var cursor = 0
        func slice(_ start: Int, _ end: Int) -> String {
            let lower = min(max(start - reference.start, 0), scalars.count)
            let upper = min(max(end - reference.start, lower), scalars.count)
            return String(String.UnicodeScalarView(scalars[lower..<upper]))
        }
        for entry in diff {
            // A spliced quote's other pieces have their own passages, listed on their own lines.
            if let start = entry.referenceStart, start < reference.start || start > reference.end { continue }
            let start = entry.referenceStart ?? cursor + reference.start
            guard start - reference.start >= cursor else { continue }
            out += slice(cursor + reference.start, start)
            let removed = entry.referenceText.map { "[-\($0)-]" } ?? ""
            // Words put in where nothing was removed need a space before the source's next word.
            let added = entry.quoteText.map { removed.isEmpty ? "{+\($0)+} " : "{+\($0)+}" } ?? ""
            switch entry.kind {
            case .elided: out += "(…\(entry.referenceText ?? "")…)"
            case .editorial: out += removed.isEmpty ? "{\(entry.quoteText ?? "")}" : "\(removed){\(entry.quoteText ?? "")}"
            default: out += removed + added
            }
            if let end = entry.referenceEnd { cursor = end - reference.start }
        }
        out += slice(cursor + reference.start, reference.end)
        return flat(out)
    }
}
