import ArgumentParser
import Foundation
import QuoteCheck

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Score extraction against a corpus annotated in brat standoff (PolNeAR layout).",
        discussion: """
            GOLD_DIR holds text/NAME.txt and attributions/NAME_ANNOTATOR.ann; when a document has \
            several annotators the .ann that sorts first is the gold. Figures are given for ALL \
            attributions, DIRECT (content with a double quotation mark) and INDIRECT (the rest): \
            end-to-end P/R/F1 (content matched and speaker right: the headline), content exact and \
            overlap P/R/F1, cue exact P/R/F1, source accuracy, and counts. When the .ann files give \
            speakers' canonical names (a brat AnnotatorNotes line on the Source, as in \
            Fixtures/corpora/news), also speaker name accuracy (the record's speaker.name equals the \
            note) and speakers named (the record's speaker is a proper name, not a pronoun or role). \
            docs/evaluation.md gives the exact definitions.

            Exit status: 1 when --min-f1 is given and end-to-end F1 on ALL is below it, when \
            --min-name-accuracy is given and speaker name accuracy on ALL is below it or cannot be \
            measured, or when the corpus cannot be read; 0 otherwise.
            """
    )

    @Argument(help: ArgumentHelp("The corpus directory, or its parent with --split.", valueName: "gold-dir"))
    var goldDirectory: String

    @Option(help: ArgumentHelp("Score GOLD_DIR/NAME (e.g. dev, train).", valueName: "name"))
    var split: String?

    @Flag(help: "Print the figures as JSON instead of a table.")
    var json = false

    @Option(help: ArgumentHelp("Write every false positive, false negative, wrong speaker and wrong name, grouped by rule, to this file.", valueName: "file"))
    var errors: String?

    @Option(name: .customLong("min-f1"), help: ArgumentHelp("Fail when end-to-end F1 on ALL is below this.", valueName: "x"))
    var minimumF1: Double?

    @Option(
        name: .customLong("min-name-accuracy"),
        help: ArgumentHelp("Fail when speaker name accuracy on ALL is below this, or when the corpus names no speaker.", valueName: "x")
    )
    var minimumNameAccuracy: Double?

    @OptionGroup var ruleOptions: RuleOptions

    static func prettyEncoder() -> JSONEncoder {
        let encoder = JSONLines.encoder()
        encoder.outputFormatting.insert(.prettyPrinted)
        return encoder
    }

    func validate() throws {
        if let minimumF1, !(0...1).contains(minimumF1) {
            throw ValidationError("--min-f1 must be between 0 and 1, got \(minimumF1)")
        }
        if let minimumNameAccuracy, !(0...1).contains(minimumNameAccuracy) {
            throw ValidationError("--min-name-accuracy must be between 0 and 1, got \(minimumNameAccuracy)")
        }
    }

    func run() throws {
        let evaluator = Evaluator(pipeline: try ruleOptions.pipeline(format: .text))
        let result: EvaluationResult
        do {
            result = try evaluator.evaluate(try GoldCorpus.locate(goldDirectory, split: split), collectFindings: errors != nil)
        } catch {
            throw Failure(error.description)
        }

        if let errors {
            var sink = OutputSink(path: errors)
            sink.writeLine(EvaluationFinding.listing(result.findings, corpus: result.report.corpus))
            try sink.finish()
        }
        var output = OutputSink(path: nil)
        output.writeLine(json ? JSONLines.line(result.report, encoder: Self.prettyEncoder()) : result.report.table())
        try output.finish()

        var failed = false
        let headline = result.report[.all].endToEnd.f1
        if let minimumF1, headline < minimumF1 {
            Console.error(String(format: "end-to-end F1 on ALL is %.3f, below --min-f1 %.3f", headline, minimumF1))
            failed = true
        }
        if let minimumNameAccuracy {
            if let accuracy = result.report[.all].speakerNameAccuracy {
                if accuracy < minimumNameAccuracy {
                    Console.error(String(format: "speaker name accuracy on ALL is %.3f, below --min-name-accuracy %.3f", accuracy, minimumNameAccuracy))
                    failed = true
                }
            } else {
                Console.error("--min-name-accuracy: no matched attribution has a gold speaker name (AnnotatorNotes on a Source) to measure")
                failed = true
            }
        }
        if failed { throw ExitCode(1) }
    }
}
