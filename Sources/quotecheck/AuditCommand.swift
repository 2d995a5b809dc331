import ArgumentParser
import Foundation
import QuoteCheck
import QuoteReview

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "List every quote of articles for review: words, speaker and how it was found, flags, check verdict.",
        discussion: """
            ARTICLE is a text or HTML file, a directory of them, or a .jsonl records file from an earlier run (its documents are read again from document.uri). Quotes are listed in text order with line:column; the pieces of a split quote are joined with …, never with the narration between them. Flags: unattributed, anonymous, low-confidence (below 0.6), ambiguous (a speaker found from context, a pronoun or a continuation, with another person mentioned within about two sentences before the quote; the engine reports no runner-up, so this is derived). A closing summary gives quotes per speaker, the share attributed and the anonymous share.

            On a terminal the listing is compact and coloured; piped or redirected it is plain text, one field a line. --format md writes Markdown tables, --format json one JSON document.

            Examples:
              quotecheck audit article.html
              quotecheck audit articles/ --against transcripts/ --format md > audit.md
              quotecheck audit records.jsonl --format json | jq '.summary'
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case auto, plain, md, json
    }

    @Argument(help: ArgumentHelp("Articles: files, directories or .jsonl records.", valueName: "article"))
    var articles: [String]

    @Option(name: .customLong("against"), parsing: .upToNextOption, help: ArgumentHelp("Reference files, directories or .jsonl records to check quotes against.", valueName: "ref"))
    var references: [String] = []

    @Option(help: "auto (coloured on a terminal, plain when piped), plain, md or json.")
    var format: Format = .auto

    @Option(name: .long, help: ArgumentHelp("Resolve relative document URIs of records files under this directory.", valueName: "dir"))
    var root: String?

    // No InputOptions: its --format is this command's output format; inputs are read by
    // extension, then by sniffing.
    @OptionGroup var ruleOptions: RuleOptions

    func run() throws {
        let pipeline = try ruleOptions.pipeline()
        let documents: [ReviewDocument]
        do {
            documents = try ReviewInputs(pipeline: pipeline, root: root).documents(articles, references: references)
        } catch {
            throw Failure(error.description)
        }
        let rendered: AuditFormat
        switch format {
        case .auto: rendered = isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil ? .terminal : .plain
        case .plain: rendered = .plain
        case .md: rendered = .markdown
        case .json: rendered = .json
        }
        FileHandle.standardOutput.write(Data(AuditRenderer.render(Audit(documents), format: rendered).utf8))
    }
}
