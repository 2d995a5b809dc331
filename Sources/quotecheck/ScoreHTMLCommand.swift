import ArgumentParser
import Foundation
import QuoteCheck

struct ScoreHTMLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score-html",
        abstract: "Score HTML main-text extraction against pages with expected snippets.",
        discussion: """
            DATASET_DIR holds expected.json ({URL: {file, with, without}}) and pages/FILE.html. A `with` snippet found in the loaded text is a true positive, missing a false negative; a `without` snippet present is a false positive, absent a true negative (whitespace collapsed on both sides). Prints precision, recall, F1, accuracy and the loading speed in MB/s of HTML (file reading excluded; one process, one thread).
            """
    )

    @Argument(help: ArgumentHelp("The dataset directory.", valueName: "dataset-dir"))
    var dataset: String

    @Flag(help: "Print the figures as one JSON object.")
    var json = false

    @Flag(help: "List each page's missed and unwanted snippets on stderr.")
    var verbose = false

    @OptionGroup var ruleOptions: RuleOptions

    struct Report: Encodable {
        var pages: Int
        var failedPages: Int
        var truePositives: Int
        var falseNegatives: Int
        var trueNegatives: Int
        var falsePositives: Int
        var precision: Double
        var recall: Double
        var f1: Double
        var accuracy: Double
        var megabytes: Double
        var seconds: Double
        var megabytesPerSecond: Double
    }

    func run() throws {
        let pipeline = try ruleOptions.pipeline(format: .html)
        let expectations: [HTMLExpectation]
        do {
            expectations = try HTMLExpectation.load(datasetDirectory: dataset)
        } catch {
            throw Failure("\(dataset)/expected.json: cannot read: \(error)")
        }
        var score = HTMLExtractionScore()
        var bytes = 0
        var seconds = 0.0
        var failed = 0
        let clock = ContinuousClock()
        for page in expectations {
            let path = (dataset as NSString).appendingPathComponent("pages/" + page.file)
            var text = ""
            do {
                let raw = try DocumentLoader.read(path: path)
                let started = clock.now
                let loaded = try pipeline.loader.load(bytes: raw, uri: path)
                let elapsed = clock.now - started
                seconds += Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
                bytes += raw.count
                // Boilerplate lines the rules mark (copyright, "Read more:", ads) are not main text.
                text = loaded.textWithoutExcluded
            } catch {
                Console.error(error.description)
                failed += 1
            }
            score.add(text: text, with: page.with, without: page.without)
            if verbose { report(page: page, text: text) }
        }
        let megabytes = Double(bytes) / 1_000_000
        let result = Report(
            pages: score.pages, failedPages: failed, truePositives: score.truePositives, falseNegatives: score.falseNegatives,
            trueNegatives: score.trueNegatives, falsePositives: score.falsePositives, precision: score.precision,
            recall: score.recall, f1: score.f1, accuracy: score.accuracy, megabytes: megabytes, seconds: seconds,
            megabytesPerSecond: seconds > 0 ? megabytes / seconds : 0
        )
        if json {
            print(JSONLines.line(result))
        } else {
            print("pages      \(result.pages) (\(failed) failed to load)")
            print("TP \(result.truePositives)  FN \(result.falseNegatives)  TN \(result.trueNegatives)  FP \(result.falsePositives)")
            print(String(format: "precision  %.3f", result.precision))
            print(String(format: "recall     %.3f", result.recall))
            print(String(format: "F1         %.3f", result.f1))
            print(String(format: "accuracy   %.3f", result.accuracy))
            print(String(format: "speed      %.1f MB/s (%.1f MB in %.2f s)", result.megabytesPerSecond, megabytes, seconds))
        }
        if failed > 0 { throw ExitCode(2) }
    }

    private func report(page: HTMLExpectation, text: String) {
        let haystack = HTMLExtractionScore.collapse(text)
        for snippet in page.with where !haystack.contains(HTMLExtractionScore.collapse(snippet)) {
            Console.error("\(page.file): missed: \(snippet)")
        }
        for snippet in page.without where haystack.contains(HTMLExtractionScore.collapse(snippet)) {
            Console.error("\(page.file): unwanted: \(snippet)")
        }
    }
}
