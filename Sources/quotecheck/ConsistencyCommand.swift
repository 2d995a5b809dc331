import ArgumentParser
import Foundation
import QuoteCheck

struct ConsistencyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consistency",
        abstract: "Find quotes attributed to different speakers across a corpus of records.",
        discussion: """
            Inputs are .jsonl records files or directories of them (text and HTML documents found there are extracted too). The same or nearly the same quote (trimmed, elided, punctuated differently) attributed to different speakers, alias-aware (Putin = Vladimir Putin = PUTIN), is a conflict: each is listed with all its attributions grouped by speaker, most-cited first; conflicts most-cited first. Records without a named speaker are ignored.

            Each citation of a conflict is a speaker-conflict finding (docs/ci.md), an error unless .quotecheck.yml says otherwise. With --format the findings report replaces the listing.

            Exit status 1 when a finding is at error severity, 2 on usage, configuration or input errors, 0 otherwise.
            """
    )

    @Argument(help: ArgumentHelp("Records files or directories.", valueName: "records"))
    var inputs: [String]

    @Flag(help: "One JSON object per conflict.")
    var json = false

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Write the output to this file (replaced only when done) instead of standard output.", valueName: "file"))
    var out: String?

    @OptionGroup var ruleOptions: RuleOptions
    @OptionGroup var findingOptions: FindingOptions

    func run() throws {
        var book = PolicyBook(try findingOptions.resolver())
        try refuseOverwriting(out, inputs: inputs)
        let pipeline = try ruleOptions.pipeline(config: try book.policy(for: inputs.first ?? ".").config)
        let records: [ClaimRecord]
        do {
            records = try CheckInputs.articleRecords(inputs, pipeline: pipeline)
        } catch {
            throw Failure(error.description)
        }
        let conflicts = ConsistencyChecker(names: SpeakerNames(titles: pipeline.rules.speakerLabels.titles)).conflicts(in: records)
        var findings: [Finding] = []
        var lines = LineIndexCache()
        let byID = Dictionary(records.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for conflict in conflicts {
            let path = conflict.attributions.first?.citations.first?.uri ?? "."
            findings += try book.policy(for: path).findings(for: conflict, lines: { lines.index(for: $0) }, records: byID)
        }
        if let format = findingOptions.reportFormat {
            var options = findingOptions
            if options.report == nil { options.report = out }
            if try options.finish(findings: findings, documents: inputs, format: format) { throw ExitCode(1) }
            return
        }
        var sink = OutputSink(path: out)
        let encoder = JSONLines.encoder()
        for conflict in conflicts {
            if json {
                sink.writeLine(JSONLines.line(conflict, encoder: encoder))
                continue
            }
            sink.writeLine(Terminal.escaped("conflict (\(conflict.citationCount) citations): \(conflict.quote)"))
            for attribution in conflict.attributions {
                let forms = attribution.names.count > 1 ? " (as \(attribution.names.joined(separator: ", ")))" : ""
                sink.writeLine(Terminal.escaped("  \(attribution.speaker)\(forms): \(attribution.citations.count)"))
                for citation in attribution.citations {
                    sink.writeLine(Terminal.escaped("    \(citation.uri) \(citation.start)..<\(citation.end)  \(citation.text)"))
                }
            }
        }
        let summary = "\(records.count) records, \(conflicts.count) conflict\(conflicts.count == 1 ? "" : "s")"
        try sink.finish(summary: summary, json: json)
        if findings.hasErrors { throw ExitCode(1) }
    }
}
