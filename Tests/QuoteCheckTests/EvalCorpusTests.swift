import Foundation
import Testing
@testable import QuoteCheck

/// The package root, found from this file so tests run from any directory.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let miniCorpus = packageRoot.appendingPathComponent("Fixtures/eval/mini").path
/// CI keeps the shared data beside the repository.
let polnearDev = packageRoot.appendingPathComponent("../shared/data/polnear/dev").standardized.path

/// The gold turned into claim records: what a perfect extractor would write.
func oracleRecords(_ document: GoldDocument, _ loaded: LoadedText) throws(EvaluationError) -> [ClaimRecord] {
    let factory = RecordFactory(loaded: loaded)
    func cover(_ ranges: [ScalarRange]) -> ScalarRange? {
        ranges.first.map { first in ranges.dropFirst().reduce(first) { $0.union($1) } }
    }
    return try GoldCorpus.annotations(of: document, textLength: loaded.count).attributions.map { gold in
        let speaker = cover(gold.source).map { mention in
            Speaker(name: loaded.string(in: mention), mention: factory.mention(mention), resolvedBy: "gold", anonymous: false)
        }
        let direct = ScoredAttribution(gold: gold, text: loaded.scalars).isDirect
        return factory.record(
            kind: direct ? .direct : .indirect, parts: gold.content, speaker: speaker, cue: cover(gold.cue), rule: "gold.\(gold.id)",
            confidence: 1
        )
    }
}

func expectPerfect(_ report: EvaluationReport) {
    for figures in report.categories {
        for prf in [figures.endToEnd, figures.contentExact, figures.contentOverlap, figures.cueExact] {
            #expect(prf.precision == 1, "\(figures.category)")
            #expect(prf.recall == 1, "\(figures.category)")
        }
        #expect(figures.sourceAccuracy ?? 1 == 1, "\(figures.category)")
        #expect(figures.counts.gold == figures.counts.predicted)
    }
}

@Suite struct EvalCorpusTests {
    let evaluator: Evaluator

    init() throws {
        evaluator = Evaluator(pipeline: Pipeline(rules: try RuleSet.load(), format: .text))
    }

    @Test func locatesTheFirstAnnotatorInSortOrder() throws {
        let corpus = try GoldCorpus.locate(miniCorpus)
        #expect(corpus.documents.map(\.name) == ["wire_2016-01-01_putin-syria"])
        #expect(corpus.documents.first?.annotationPath.hasSuffix("wire_2016-01-01_putin-syria_4e07.ann") == true)
        let viaSplit = try GoldCorpus.locate(packageRoot.appendingPathComponent("Fixtures/eval").path, split: "mini")
        #expect(viaSplit.documents.map(\.textPath) == corpus.documents.map(\.textPath))
    }

    @Test func aDirectoryWithoutTextIsNotACorpus() {
        let parent = packageRoot.appendingPathComponent("Fixtures/eval").path
        #expect(throws: EvaluationError.notACorpus(path: parent, missing: "text/")) {
            try GoldCorpus.locate(parent)
        }
    }

    @Test func goldAgainstItselfScoresOne() throws {
        let result = try evaluator.evaluate(GoldCorpus.locate(miniCorpus), collectFindings: true, predictions: oracleRecords)
        expectPerfect(result.report)
        #expect(result.report[.all].counts.gold == 3)
        #expect(result.report[.direct].counts.gold == 1)
        #expect(result.report.danglingEvents == 1)
        #expect(result.findings.isEmpty)
    }

    @Test func findingsNameEachMistake() throws {
        let result = try evaluator.evaluate(GoldCorpus.locate(miniCorpus), collectFindings: true) { document, loaded throws(EvaluationError) in
            var records = try oracleRecords(document, loaded)
            // Lose the Lavrov attribution, give Putin's quote to Lavrov, invent one.
            records.removeAll { $0.quote.text.hasPrefix("that Syria") }
            let lavrov = loaded.scalars.firstIndex(of: "L") ?? 0
            records[0].speaker?.mention = RecordFactory(loaded: loaded).mention(ScalarRange(start: lavrov, end: lavrov + 6))
            records.append(RecordFactory(loaded: loaded).record(
                kind: .indirect, parts: [ScalarRange(start: 0, end: 7)], speaker: nil, cue: nil, rule: "test.invented", confidence: 0.5
            ))
            return records
        }
        let kinds = Dictionary(grouping: result.findings, by: \.kind).mapValues(\.count)
        #expect(kinds == [.falseNegative: 1, .wrongSpeaker: 1, .falsePositive: 1])
        let missed = try #require(result.findings.first { $0.kind == .falseNegative })
        #expect(missed.rule == EvaluationFinding.noRecord)
        #expect(missed.context == "Lavrov told reporters ⟦that Syria may want them to stay⟧.")
        #expect(missed.gold.first?.source?.text == "Lavrov")

        let listing = EvaluationFinding.listing(result.findings, corpus: "mini")
        #expect(listing.contains("== (no record): 1 (1 false negative) =="))
        #expect(listing.contains("wrong speaker [DIRECT]  wire_2016-01-01_putin-syria  19-35;48-67"))
        #expect(listing.contains("speaker: 68-74 \"Lavrov\""))
    }

    @Test func findingsAgreeWithTheCountsWhateverTheDetectorFinds() throws {
        let result = try evaluator.evaluate(GoldCorpus.locate(miniCorpus), collectFindings: true)
        let counts = result.report[.all].counts
        let kinds = Dictionary(grouping: result.findings, by: \.kind).mapValues(\.count)
        #expect(counts.documents == 1 && counts.gold == 3)
        #expect(kinds[.falseNegative, default: 0] == counts.gold - counts.matched)
        #expect(kinds[.falsePositive, default: 0] == counts.predicted - counts.matched)
        #expect(kinds[.wrongSpeaker, default: 0] == counts.matched - counts.endToEndCorrect)
    }

    @Test func listingPutsTheBusiestRuleFirst() throws {
        let excerpt = EvaluationFinding.Excerpt(spans: [ScalarRange(start: 0, end: 1)], text: "x")
        func finding(_ rule: String) -> EvaluationFinding {
            EvaluationFinding(kind: .falsePositive, category: .direct, document: "d", rule: rule, context: "x", predicted: excerpt, predictedSpeaker: nil, gold: [])
        }
        let listing = EvaluationFinding.listing([finding("b.rare"), finding("a.busy"), finding("a.busy")], corpus: "c")
        let busy = try #require(listing.range(of: "== a.busy: 2"))
        let rare = try #require(listing.range(of: "== b.rare: 1"))
        #expect(busy.lowerBound < rare.lowerBound)
        #expect(listing.contains("false positive [DIRECT]  d  0-1"))
    }

    @Test func tableShowsEveryCategoryAndMeasure() throws {
        let result = try evaluator.evaluate(GoldCorpus.locate(miniCorpus), predictions: oracleRecords)
        let lines = result.report.table().split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("end-to-end") && $0.split(separator: " ").dropFirst().allSatisfy { $0 == "1.000" } })
        #expect(lines.contains { $0.contains("ALL") && $0.contains("DIRECT") && $0.contains("INDIRECT") })
        #expect(lines.contains { $0.hasPrefix("gold") && $0.hasSuffix(" 2") })
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: polnearDev), "needs ../shared/data/polnear beside the repository"))
    func polnearDevGoldAgainstItselfScoresOne() throws {
        let result = try evaluator.evaluate(GoldCorpus.locate(polnearDev), collectFindings: true, predictions: oracleRecords)
        expectPerfect(result.report)
        #expect(result.report.documents == 84)
        #expect(result.findings.isEmpty)
        #expect(result.report[.direct].counts.gold + result.report[.indirect].counts.gold == result.report[.all].counts.gold)
    }
}
