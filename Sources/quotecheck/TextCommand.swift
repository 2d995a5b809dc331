import ArgumentParser
import Foundation
import QuoteCheck

struct TextCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "text",
        abstract: "Print the loaded main text of documents: what every record's offsets refer to.",
        discussion: """
            With --json, prints one object per document with the text, the excluded (boilerplate) regions, the quote hints from <q>/<blockquote>, metadata, and the offset map (for each scalar, its byte range in the raw file, as two parallel arrays).

            With --metadata, prints the title, author, date, site name and encoding found.

            With --out-dir DIR, loads every file in one process and writes each one's text to DIR/NAME.txt (NAME: the file name without its extension), each written atomically; nothing goes to stdout. Two inputs with the same NAME, or an output that would replace an input, are refused before anything is written. A file that cannot be loaded is reported on stderr and the exit status is 2.
            """
    )

    @Argument(help: ArgumentHelp("Text or HTML files.", valueName: "file"))
    var inputs: [String]

    @Flag(help: "Print JSON with excluded regions and the offset map.")
    var json = false

    @Flag(help: "Print the title, author, date, site name and encoding instead of the text.")
    var metadata = false

    @Option(name: .customLong("out-dir"), help: ArgumentHelp("Write each document's text to DIR/NAME.txt.", valueName: "dir"))
    var outDirectory: String?

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Write the output to this file (replaced only when done) instead of standard output.", valueName: "file"))
    var out: String?

    @OptionGroup var ruleOptions: RuleOptions
    @OptionGroup var inputOptions: InputOptions

    struct TextDump: Encodable {
        var uri: String
        var media: String
        var text: String
        var excluded: [ExcludedRegion]
        var quoteHints: [QuoteHint]
        var metadata: DocumentMetadata
        var byteStarts: [Int32]
        var byteEnds: [Int32]
    }

    func validate() throws {
        if outDirectory != nil, json || metadata {
            throw ValidationError("--out-dir writes plain text; it cannot be combined with --json or --metadata")
        }
        if outDirectory != nil, out != nil {
            throw ValidationError("give either --out or --out-dir, not both")
        }
        if outDirectory == nil, inputs.count > 1, !json, !metadata {
            throw ValidationError("several files need --out-dir DIR (or --json / --metadata)")
        }
    }

    func run() throws {
        let pipeline = try ruleOptions.pipeline(format: inputOptions.format, maxBytes: inputOptions.maxBytes)
        if let outDirectory {
            do {
                try FileManager.default.createDirectory(atPath: outDirectory, withIntermediateDirectories: true)
            } catch {
                throw Failure("\(outDirectory): cannot create directory: \(error.localizedDescription)")
            }
        }
        var targets: [String: String] = [:]
        if let outDirectory {
            for input in inputs {
                let path = Self.outputPath(for: input, in: outDirectory)
                if let first = targets.updateValue(input, forKey: path) {
                    throw Failure(OutputError.collision(path: path, first: first, second: input).description)
                }
                try refuseOverwriting(path, inputs: inputs)
            }
        }
        try refuseOverwriting(out, inputs: inputs)
        var sink = OutputSink(path: out)
        var failures = 0
        for input in inputs {
            let loaded: LoadedText
            do {
                loaded = try pipeline.loader.load(path: input)
            } catch {
                Console.error(error.description)
                failures += 1
                continue
            }
            if let outDirectory {
                do {
                    try AtomicFile.write(Array(loaded.text.utf8), to: Self.outputPath(for: input, in: outDirectory))
                } catch {
                    throw Failure(error.description)
                }
            } else if json {
                let dump = TextDump(
                    uri: loaded.uri, media: loaded.media.rawValue, text: loaded.text, excluded: loaded.excluded,
                    quoteHints: loaded.quoteHints, metadata: loaded.metadata,
                    byteStarts: loaded.offsetMap.byteStarts, byteEnds: loaded.offsetMap.byteEnds
                )
                sink.writeLine(JSONLines.line(dump))
            } else if metadata {
                let found = loaded.metadata
                if inputs.count > 1 { sink.writeLine("file:      \(loaded.uri)") }
                sink.writeLine("title:     \(found.title ?? "-")")
                sink.writeLine("author:    \(found.author ?? "-")")
                sink.writeLine("date:      \(found.date ?? "-")")
                sink.writeLine("site name: \(found.siteName ?? "-")")
                sink.writeLine("encoding:  \(found.encoding ?? "-")")
            } else {
                sink.writeLine(loaded.text)
            }
            try sink.flushIfLarge()
        }
        try sink.finish()
        if failures > 0 { throw ExitCode(2) }
    }

    static func outputPath(for input: String, in directory: String) -> String {
        let name = ((input as NSString).lastPathComponent as NSString).deletingPathExtension + ".txt"
        return (directory as NSString).appendingPathComponent(name)
    }
}
