import ArgumentParser
import Foundation
import QuoteCheck
import QuoteReview

struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Work with review files exported from `quotecheck report`.",
        subcommands: [ReviewApplyCommand.self]
    )
}

struct ReviewApplyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Write records with the verdicts of a review file in their `review` objects.",
        discussion: """
            A review applies to the record with its id only when the record's document.sha256 is the review's documentSha256; a review that matches no record, or matches a record of other bytes, is reported on stderr and not applied, and the exit status is 1. Rejected records stay in the output, marked with verdict "rejected". Records nobody reviewed are written as they are.

            Example:
              quotecheck review apply quotecheck-review.json records.jsonl -o reviewed.jsonl
            """
    )

    @Argument(help: ArgumentHelp("The review file (JSON, schema quotecheck.review/1).", valueName: "review"))
    var review: String

    @Argument(help: ArgumentHelp("JSON Lines records files.", valueName: "records"))
    var records: [String]

    @Option(name: .shortAndLong, help: ArgumentHelp("Write records to this file instead of stdout (replaced only when done).", valueName: "file"))
    var output: String?

    func run() throws {
        let reviews: ReviewFile
        do throws(ReviewError) { reviews = try ReviewFile.read(path: review) } catch { throw Failure(error.description) }
        var input: [ReviewedRecord] = []
        for path in records {
            do throws(RecordsError) { input += try ReviewedRecord.read(path: path) } catch { throw Failure(error.description) }
        }
        let result = ReviewApplication(reviews: reviews, to: input, reviewPath: review)
        var sink = OutputSink(path: output)
        let encoder = JSONLines.encoder()
        for record in result.records { sink.writeLine(JSONLines.line(record, encoder: encoder)) }
        try sink.finish()
        for problem in result.problems { Console.error(problem) }
        Console.error("\(result.applied) of \(reviews.reviews.count) reviews applied to \(result.records.count) records")
        if !result.problems.isEmpty { throw ExitCode(1) }
    }
}
