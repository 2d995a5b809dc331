import ArgumentParser
import QuoteCheck

// Async because `corpus` runs documents in a task group; the other commands stay synchronous.
// `Entry` (not `@main` here) runs it, to give every command the same exit codes.
struct QuoteCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quotecheck",
        abstract: "Find every quotation in news articles, work out who said it, and write verifiable claim records.",
        discussion: """
            Typical use:
              quotecheck extract article.html              JSON Lines claim records on stdout
              quotecheck corpus articles/ --out all.jsonl  the same for a whole corpus, in parallel
              quotecheck verify records.jsonl              check records against their documents
              quotecheck text article.html                 the main text that offsets refer to

            Exit status, the same for every command: 0 no finding at error severity, 1 findings at error severity, 2 usage, configuration or runtime errors (docs/ci.md).
            """,
        version: QuoteCheckVersion.current,
        // One command per line, so commands added on different branches merge cleanly.
        subcommands: [
            ExtractCommand.self,
            CorpusCommand.self,
            TextCommand.self,
            VerifyCommand.self,
            CheckCommand.self,
            ConsistencyCommand.self,
            EvalCommand.self,
            RulesCommand.self,
            ScoreHTMLCommand.self,
            AuditCommand.self,
            ReportCommand.self,
            ReviewCommand.self,
            ExportCommand.self,
        ]
    )
}
