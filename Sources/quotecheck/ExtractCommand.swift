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
    @OptionGroup var languageOptions: LanguageOptions

    func run() throws {
        let pipeline = Pipeline(rules: try ruleOptions.loadRules(), format: inputOptions.format, language: languageOptions.language)
        var failures = 0
        do throws(CorpusError) {
            var sink = try CorpusOutput(path: output)
            do throws(CorpusError) {
                try extract(with: pipeline, to: &sink, failures: &failures)
                try sink.finish()
            } catch {
                sink.abandon()
                throw error
            }
        } catch {
            throw Failure(error.description)
        }
        if failures > 0 { throw ExitCode(1) }
    }

    /// Streams every input's records into `sink`; a document that cannot be loaded is reported
    /// and counted, and the others still go through.
    private func extract(with pipeline: Pipeline, to sink: inout CorpusOutput, failures: inout Int) throws(CorpusError) {
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
                let records: [ClaimRecord]
                do throws(LoadError) {
                    let loaded: LoadedText
                    if let bytes = document.bytes {
                        loaded = try pipeline.loader.load(bytes: bytes, uri: document.uri)
                    } else {
                        loaded = try pipeline.loader.load(path: document.uri)
                    }
                    if let language = pipeline.unsupportedLanguage(of: loaded) {
                        Console.notice(Pipeline.skipNotice(uri: document.uri, language: language, rulePacks: pipeline.rules.rulePacks))
                        continue
                    }
                    records = pipeline.records(forSupported: loaded)
                } catch {
                    Console.error(error.description)
                    failures += 1
                    continue
                }
                for record in records { try sink.write(record) }
            }
        }
    }
}
