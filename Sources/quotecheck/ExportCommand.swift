import ArgumentParser
import Foundation
import QuoteCheck
import QuoteReview

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export records as W3C Web Annotations or schema.org ClaimReview (JSON-LD).",
        discussion: """
            --format w3c writes an AnnotationPage with one Annotation per record; its target has a TextPositionSelector (Unicode scalar offsets into the loaded text) and a TextQuoteSelector (exact text, prefix, suffix), and its bodies tag the kind and name the speaker (the corrected one when reviewed). --format claimreview writes a ClaimReview for each record with an accepted or corrected review (`quotecheck review apply`): claimReviewed, itemReviewed (a Claim with author and appearance) and reviewRating.

            Examples:
              quotecheck export --format w3c records.jsonl -o annotations.jsonld
              quotecheck export --format claimreview reviewed.jsonl
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case w3c, claimreview
    }

    @Argument(help: ArgumentHelp("JSON Lines records files, with or without review objects.", valueName: "records"))
    var records: [String]

    @Option(help: "w3c or claimreview.")
    var format: Format

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of stdout (replaced only when done).", valueName: "file"))
    var output: String?

    func run() throws {
        var input: [ReviewedRecord] = []
        for path in records {
            do throws(RecordsError) { input += try ReviewedRecord.read(path: path) } catch { throw Failure(error.description) }
        }
        let exported = Exporter.export(input, format: format == .w3c ? .w3c : .claimReview)
        var sink = OutputSink(path: output)
        var text = exported.text
        if text.hasSuffix("\n") { text.removeLast() }
        sink.writeLine(text)
        try sink.finish()
    }
}
