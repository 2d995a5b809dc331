import ArgumentParser
import Foundation
import QuoteCheck

struct TextCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "text",
        abstract: "Print the loaded main text of a document: what every record's offsets refer to.",
        discussion: """
            With --json, prints one object with the text, the excluded (boilerplate) regions, the
            quote hints from <q>/<blockquote>, metadata, and the offset map (for each scalar, its
            byte range in the raw file, as two parallel arrays).
            """
    )

    @Argument(help: ArgumentHelp("A text or HTML file.", valueName: "file"))
    var input: String

    @Flag(help: "Print JSON with excluded regions and the offset map.")
    var json = false

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

    func run() throws {
        let pipeline = Pipeline(rules: try ruleOptions.loadRules(), format: inputOptions.format)
        let loaded: LoadedText
        do {
            loaded = try pipeline.loader.load(path: input)
        } catch {
            throw Failure(error.description)
        }
        if json {
            let dump = TextDump(
                uri: loaded.uri, media: loaded.media.rawValue, text: loaded.text, excluded: loaded.excluded,
                quoteHints: loaded.quoteHints, metadata: loaded.metadata,
                byteStarts: loaded.offsetMap.byteStarts, byteEnds: loaded.offsetMap.byteEnds
            )
            print(JSONLines.line(dump))
        } else {
            print(loaded.text)
        }
    }
}
