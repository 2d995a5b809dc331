import ArgumentParser
import Foundation
import QuoteCheck

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check each quote of articles against reference material (transcripts, speeches, earlier articles).",
        discussion: """
            ARTICLE and REF are text or HTML files, directories of them, or .jsonl records from earlier
            runs. Transcript speaker labels (PUTIN:, Vladimir Putin:, Q:/A:, [Speaker 1]) are read by
            the rules in Rules/en/speaker-labels.yml. References are indexed once by word trigrams;
            only the passages sharing trigrams with a quote are aligned, word by word.

            Each direct or mixed quote is `verbatim` (same words, ignoring case, whitespace, quotation
            marks, dashes, edge punctuation), `elided` (only omissions marked … ... . . . and bracketed
            editorial words [T]he), `altered` (word diff; negation added/dropped, number changed or
            named entity swapped are critical) or `not-found` (best similarity below 0.6). When the
            passage has a speaker, a quote attributed to someone else is a speaker-mismatch.

            Findings (docs/ci.md): misquote, misquote-critical, not-found and speaker-mismatch, at the severities of the nearest .quotecheck.yml (by default a critical misquote and a speaker mismatch are errors). With --format the findings report replaces the listing. Without --against, the references are those the configuration lists.

            Exit status 1 when a finding is at error severity (with --strict, not-found counts as an error too); 2 on usage, configuration or input errors; 0 otherwise.
            """
    )

    @Argument(help: ArgumentHelp("Articles: files, directories or .jsonl records.", valueName: "article"))
    var articles: [String]

    @Option(name: .customLong("against"), parsing: .upToNextOption, help: ArgumentHelp("Reference files, directories or .jsonl records.", valueName: "ref"))
    var references: [String] = []

    @Flag(help: "Print the records, each with its `check` object, as JSON Lines.")
    var json = false

    @Flag(help: "Also fail when a quote is not found in the references.")
    var strict = false

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
        let pipeline = Pipeline(rules: try ruleOptions.loadRules(config: config), format: inputOptions.format)
        let records: [ClaimRecord]
        let documents: [ReferenceDocument]
        do {
            records = try CheckInputs.articleRecords(articles, pipeline: pipeline)
            documents = try CheckInputs.references(references, pipeline: pipeline)
        } catch {
            throw Failure(error.description)
        }
        let checker = QuoteChecker(index: ReferenceIndex(documents: documents), names: SpeakerNames(titles: pipeline.rules.speakerLabels.titles))
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
                if strict, finding.kind == .notFound { finding.severity = .error }
                findings.append(finding)
            }
            guard findingOptions.reportFormat == nil else { continue }
            if json {
                sink.writeLine(JSONLines.line(checked, encoder: encoder))
            } else {
                for line in CheckReport.lines(for: checked, check: check) { sink.writeLine(line) }
            }
        }
        if let format = findingOptions.reportFormat {
            var options = findingOptions
            if options.report == nil { options.report = out }
            if try options.finish(findings: findings, documents: articles, format: format) { throw ExitCode(1) }
            return
        }
        let failing = findings.filter { $0.severity == .error }.count
        let order = ["verbatim", "elided", "altered", "not-found", "speaker-mismatch"]
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
        if check.speaker == .mismatch { status += " [speaker-mismatch]" }
        var lines = ["\(record.document.uri) \(record.quote.start)..<\(record.quote.end)  \(status)  similarity \(String(format: "%.2f", check.similarity))"]
        lines.append("  quote:     \(record.quote.text)")
        if let reference = check.reference {
            lines.append("  source:    \(reference.uri) \(reference.start)..<\(reference.end) bytes [\(reference.sourceBytes.start), \(reference.sourceBytes.end))")
            lines.append("             \(marked(reference: reference, diff: check.diff))")
        }
        if let speaker = check.referenceSpeaker {
            let quoted = record.speaker?.name ?? "unattributed"
            lines.append("  speaker:   \(check.speaker == .mismatch ? "MISMATCH: " : "")article \(quoted), source \(speaker)")
        }
        for entry in check.diff where entry.isChange {
            var line = "  \(entry.kind.rawValue): "
            if let text = entry.referenceText, let start = entry.referenceStart, let end = entry.referenceEnd { line += "source \"\(text)\" \(start)..<\(end)" }
            if entry.referenceText != nil, entry.quoteText != nil { line += " -> " }
            if let text = entry.quoteText, let start = entry.quoteStart, let end = entry.quoteEnd { line += "quote \"\(text)\" \(start)..<\(end)" }
            if !entry.critical.isEmpty { line += "  CRITICAL \(entry.critical.joined(separator: ", "))" }
            lines.append(line)
        }
        return lines
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
            let start = entry.referenceStart ?? cursor + reference.start
            guard start - reference.start >= cursor else { continue }
            out += slice(cursor + reference.start, start)
            let removed = entry.referenceText.map { "[-\($0)-]" } ?? ""
            let added = entry.quoteText.map { "{+\($0)+} " } ?? ""
            switch entry.kind {
            case .elided: out += "(…\(entry.referenceText ?? "")…)"
            case .editorial: out += removed.isEmpty ? "{\(entry.quoteText ?? "")}" : "\(removed){\(entry.quoteText ?? "")}"
            default: out += removed + added
            }
            if let end = entry.referenceEnd { cursor = end - reference.start }
        }
        out += slice(cursor + reference.start, reference.end)
        return out.replacingOccurrences(of: "\n", with: " ")
    }
}
