import ArgumentParser
import Foundation
import QuoteCheck
import QuoteReview

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a self-contained HTML report for reviewing the quotes of articles in a browser.",
        discussion: """
            INPUT is a text or HTML file, a directory of them, or a .jsonl records file (its documents are read again from document.uri). One HTML file is written, with its style and script inline and a Content-Security-Policy that allows nothing else: it opens from disk and works offline. For several articles it starts with an index.

            Click a quote (or press j/k) to see its speaker, mention, resolution chain, cue, rule, confidence, offsets, verify status and, with --against, the check status with the reference passage and word diff. Press a to accept, r to reject, e to correct the speaker. Reviews are kept in the browser's storage; Export review downloads them as a review file for `quotecheck review apply`.

            Examples:
              quotecheck report article.html -o report.html
              quotecheck report articles/ --against transcripts/ -o review.html
            """
    )

    @Argument(help: ArgumentHelp("Articles: files, directories or .jsonl records.", valueName: "input"))
    var inputs: [String]

    @Option(name: .shortAndLong, help: ArgumentHelp("The HTML file to write (replaced only when done); - for stdout.", valueName: "file"))
    var output: String

    @Option(name: .customLong("against"), parsing: .upToNextOption, help: ArgumentHelp("Reference files, directories or .jsonl records to check quotes against.", valueName: "ref"))
    var references: [String] = []

    @Option(help: "The page title (default: the article's path, or the number of articles).")
    var title: String?

    @Option(name: .long, help: ArgumentHelp("Resolve relative document URIs of records files under this directory.", valueName: "dir"))
    var root: String?

    @OptionGroup var ruleOptions: RuleOptions
    @OptionGroup var inputOptions: InputOptions

    func run() throws {
        let pipeline = try ruleOptions.pipeline(format: inputOptions.format)
        let documents: [ReviewDocument]
        do {
            documents = try ReviewInputs(pipeline: pipeline, root: root).documents(inputs, references: references)
        } catch {
            throw Failure(error.description)
        }
        let html = try ReportBuilder().html(for: documents, title: title)
        var sink = OutputSink(path: output)
        sink.writeLine(html)
        try sink.finish()
        if output != "-" {
            Console.error("\(output): \(documents.count) article\(documents.count == 1 ? "" : "s"), \(documents.reduce(0) { $0 + $1.records.count }) quotes")
        }
    }
}
