import ArgumentParser
import Foundation
import QuoteCheck

struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Find quotations and write one claim record per quotation as JSON Lines.",
        discussion: """
            Inputs are text or HTML files, directories (every .txt/.html file below them) or - for stdin.
            Records follow the quotecheck.claim/1 schema: offsets count Unicode scalars of the loaded
            text (see `quotecheck text`), sourceBytes point into the raw file.

            A file that cannot be loaded is reported on stderr with its name; the others are still
            processed, and the exit status is 1.
            """
    )

    @Argument(help: ArgumentHelp("Files, directories, or - for standard input.", valueName: "file"))
    var inputs: [String]

    @Option(name: .shortAndLong, help: ArgumentHelp("Write records to this file instead of stdout (replaced only when done).", valueName: "file"))
    var output: String?

    @OptionGroup var ruleOptions: RuleOptions
    @OptionGroup var inputOptions: InputOptions

    func run() throws {
        let pipeline = Pipeline(rules: try ruleOptions.loadRules(), format: inputOptions.format)
        var sink = OutputSink(path: output)
        var failures = 0
        for input in inputs {
            let documents: [(bytes: [UInt8]?, uri: String)]
            if input == "-" {
                documents = [([UInt8](FileHandle.standardInput.readDataToEndOfFile()), "-")]
            } else {
                do {
                    documents = try DocumentLoader.expand(paths: [input]).map { (nil, $0) }
                } catch {
                    Console.error(error.description)
                    failures += 1
                    continue
                }
            }
            for document in documents {
                do throws(LoadError) {
                    let loaded: LoadedText
                    if let bytes = document.bytes {
                        loaded = try pipeline.loader.load(bytes: bytes, uri: document.uri)
                    } else {
                        loaded = try pipeline.loader.load(path: document.uri)
                    }
                    for record in pipeline.records(for: loaded) {
                        sink.writeLine(record.jsonLine)
                    }
                } catch {
                    Console.error(error.description)
                    failures += 1
                }
            }
        }
        try sink.finish()
        if failures > 0 { throw ExitCode(1) }
    }
}
