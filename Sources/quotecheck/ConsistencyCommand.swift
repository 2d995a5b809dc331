import ArgumentParser
import Foundation
import QuoteCheck

struct ConsistencyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consistency",
        abstract: "Find quotes attributed to different speakers across a corpus of records.",
        discussion: """
            Inputs are .jsonl records files or directories of them (text and HTML documents found
            there are extracted too). The same or nearly the same quote (trimmed, elided, punctuated
            differently) attributed to different speakers, alias-aware (Putin = Vladimir Putin =
            PUTIN), is a conflict: each is listed with all its attributions grouped by speaker,
            most-cited first; conflicts most-cited first. Records without a named speaker are ignored.

            Exit status 1 when there is a conflict, 0 otherwise.
            """
    )

    @Argument(help: ArgumentHelp("Records files or directories.", valueName: "records"))
    var inputs: [String]

    @Flag(help: "One JSON object per conflict.")
    var json = false

    @OptionGroup var ruleOptions: RuleOptions

    func run() throws {
        let pipeline = Pipeline(rules: try ruleOptions.loadRules())
        let records: [ClaimRecord]
        do {
            records = try CheckInputs.articleRecords(inputs, pipeline: pipeline)
        } catch {
            throw Failure(error.description)
        }
        let conflicts = ConsistencyChecker(names: SpeakerNames(titles: pipeline.rules.speakerLabels.titles)).conflicts(in: records)
        var sink = OutputSink(path: nil)
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
        if !conflicts.isEmpty { throw ExitCode(1) }
    }
}
