import Testing
@testable import QuoteCheck

/// A hand-made document: spans are found by their text so each figure below can be checked by eye.
struct ScoringText {
    let scalars: [Unicode.Scalar]

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    /// The `occurrence`-th place `needle` stands, in scalar offsets.
    func span(_ needle: String, occurrence: Int = 0) -> ScalarRange {
        let wanted = Array(needle.unicodeScalars)
        var seen = 0
        for start in 0...(scalars.count - wanted.count) where Array(scalars[start..<start + wanted.count]) == wanted {
            if seen == occurrence { return ScalarRange(start: start, end: start + wanted.count) }
            seen += 1
        }
        Issue.record("'\(needle)' not in the text")
        return ScalarRange(start: 0, end: 0)
    }

    func attribution(_ content: [String], source: String? = nil, cue: String? = nil, direct: Bool = false) -> ScoredAttribution {
        ScoredAttribution(
            content: content.map { span($0) }, source: source.map { [span($0)] } ?? [], cue: cue.map { [span($0)] } ?? [],
            isDirect: direct, rule: "test.rule"
        )
    }

    func score(_ gold: [ScoredAttribution], _ predicted: [ScoredAttribution], _ category: EvaluationCategory = .all) -> CategoryFigures {
        CategoryFigures(category: category, counts: Scorer(text: scalars).score(gold: gold, predicted: predicted, category: category).counts)
    }
}

// A multibyte start keeps offsets honest: they count scalars, not bytes or UTF-16 units.
let putinText = ScoringText(
    "Ünïcødé 🎉 news: “We are trying,” Putin said, “to restore order.” Lavrov told reporters that Syria may want them to stay."
)

@Suite struct EvalScorerTests {
    let text = putinText
    var direct: ScoredAttribution {
        text.attribution(["“We are trying,”", "“to restore order.”"], source: "Putin", cue: "said", direct: true)
    }
    var reported: ScoredAttribution {
        text.attribution(["that Syria may want them to stay"], source: "Lavrov", cue: "told")
    }

    @Test func perfectPredictionsScoreOneEverywhere() {
        for category in EvaluationCategory.allCases {
            let figures = text.score([direct, reported], [direct, reported], category)
            for prf in [figures.endToEnd, figures.contentExact, figures.contentOverlap, figures.cueExact] {
                #expect(prf == PRF(correct: 1, predicted: 1, gold: 1))
                #expect(prf.f1 == 1)
            }
            #expect(figures.sourceAccuracy == 1)
        }
        let all = text.score([direct, reported], [direct, reported])
        #expect(all.counts.gold == 2 && all.counts.predicted == 2 && all.counts.matched == 2 && all.counts.exactMatched == 2)
        #expect(text.score([direct, reported], [direct, reported], .direct).counts.gold == 1)
    }

    @Test func noPredictionsScoreZeroAndNothingAtAllScoresOne() {
        let missed = text.score([direct, reported], [])
        #expect(missed.endToEnd.precision == 0 && missed.endToEnd.recall == 0 && missed.endToEnd.f1 == 0)
        #expect(missed.sourceAccuracy == nil)
        let nothing = text.score([], [])
        #expect(nothing.endToEnd.f1 == 1 && nothing.contentOverlap.precision == 1)
        let invented = text.score([], [reported])
        #expect(invented.endToEnd.precision == 0 && invented.endToEnd.recall == 0)
    }

    @Test func trimmedMarksAndPunctuationDoNotCount() {
        // The prediction keeps the quotation marks and the comma, the gold drops them.
        let gold = text.attribution(["We are trying", "to restore order"], source: "Putin", direct: true)
        let figures = text.score([gold], [direct])
        #expect(figures.contentExact.f1 == 1)
    }

    @Test func offByOneSpanMatchesByOverlapOnly() {
        // 32 gold characters, the prediction drops the last one: Jaccard 31/32.
        let offByOne = text.attribution(["that Syria may want them to sta"], source: "Lavrov")
        let figures = text.score([reported], [offByOne])
        #expect(figures.contentExact.f1 == 0)
        #expect(figures.contentOverlap.f1 == 1)
        #expect(figures.endToEnd.f1 == 1)
        #expect(figures.cueExact.recall == 0)
    }

    @Test func discontinuousGoldAgainstOneCoveringSpan() {
        // Gold pieces trim to 13 + 16 = 29 characters; the covering span trims to
        // `We are trying,” Putin said, “to restore order`, 45 characters: Jaccard 29/45 ≈ 0.64.
        let covering = text.attribution(["“We are trying,” Putin said, “to restore order.”"], source: "Putin", direct: true)
        let figures = text.score([direct], [covering])
        #expect(figures.contentExact.f1 == 0)
        #expect(figures.contentOverlap.f1 == 1)
        #expect(abs(Scorer.jaccard(Scorer(text: text.scalars).coverage(of: direct.content), Scorer(text: text.scalars).coverage(of: covering.content)) - 29.0 / 45.0) < 1e-12)
        // The first piece alone: 13/29 < 0.5, no match.
        let firstPiece = text.attribution(["We are trying"], source: "Putin", direct: true)
        #expect(text.score([direct], [firstPiece]).contentOverlap.f1 == 0)
        // The same pieces without their marks: exact.
        let pieces = text.attribution(["We are trying", "to restore order"], source: "Putin", direct: true)
        #expect(text.score([direct], [pieces]).contentExact.f1 == 1)
    }

    @Test func wrongSpeakerCostsEndToEndNotContent() {
        var wrong = reported
        wrong.source = [text.span("Putin")]
        let figures = text.score([reported], [wrong])
        #expect(figures.contentOverlap.f1 == 1)
        #expect(figures.endToEnd.f1 == 0)
        #expect(figures.sourceAccuracy == 0)
        // A longer mention containing the Source is right; a missing one is wrong.
        var longer = direct
        longer.source = [text.span("” Putin said")]
        #expect(text.score([direct], [longer]).sourceAccuracy == 1)
        var none = direct
        none.source = []
        #expect(text.score([direct], [none]).endToEnd.f1 == 0)
    }

    @Test func mentionSharingOnlyASpaceIsNotTheSpeaker() {
        var touching = direct
        touching.source = [text.span(" said")]
        let gold = ScoredAttribution(content: direct.content, source: [text.span("Putin ")], isDirect: true)
        #expect(text.score([gold], [touching]).sourceAccuracy == 0)
    }

    @Test func bothWithoutSourceIsRight() {
        var gold = reported
        gold.source = []
        var predicted = reported
        predicted.source = []
        let figures = text.score([gold], [predicted])
        #expect(figures.endToEnd.f1 == 1)
        #expect(figures.sourceAccuracy == nil)
    }

    @Test func duplicatePredictionIsAFalsePositive() {
        // One gold, two identical predictions: 1 right of 2 predicted, 1 of 1 found; F1 = 2/3.
        let figures = text.score([reported], [reported, reported])
        for prf in [figures.contentExact, figures.contentOverlap, figures.endToEnd] {
            #expect(prf.precision == 0.5)
            #expect(prf.recall == 1)
            #expect(abs(prf.f1 - 2.0 / 3.0) < 1e-12)
        }
        #expect(figures.counts.matched == 1)
        #expect(figures.counts.exactMatched == 1)
    }

    @Test func sameWordsByTwoSpeakersPairWithTheRightSpeakers() {
        let byPutin = text.attribution(["that Syria may want them to stay"], source: "Putin")
        // Predicted in the other order: the tie in Jaccard is broken by speaker agreement.
        let figures = text.score([byPutin, reported], [reported, byPutin])
        #expect(figures.endToEnd.f1 == 1)
    }

    @Test func cueIsComparedTrimmed() {
        var predicted = direct
        predicted.cue = [text.span("said,")]
        #expect(text.score([direct], [predicted]).cueExact.f1 == 1)
        predicted.cue = [text.span("Putin said")]
        #expect(text.score([direct], [predicted]).cueExact.f1 == 0)
        // A cue of punctuation alone (`Putin: …`) is compared untrimmed.
        var colonGold = direct
        colonGold.cue = [text.span(":")]
        var colonPredicted = direct
        colonPredicted.cue = [text.span(":")]
        #expect(text.score([colonGold], [colonPredicted]).cueExact.f1 == 1)
        colonPredicted.cue = [text.span(",", occurrence: 1)]
        #expect(text.score([colonGold], [colonPredicted]).cueExact.f1 == 0)
    }

    @Test func categoriesSplitGoldAndPredictions() {
        // The reported-speech prediction is INDIRECT, so DIRECT sees one gold and no prediction.
        let figures = text.score([direct, reported], [reported], .direct)
        #expect(figures.counts.gold == 1 && figures.counts.predicted == 0)
        #expect(figures.endToEnd.recall == 0)
        let indirect = text.score([direct, reported], [reported], .indirect)
        #expect(indirect.endToEnd.f1 == 1)
    }

    @Test(arguments: [(10, 10, true), (10, 20, true), (10, 21, false)])
    func jaccardThresholdIsInclusive(gold: Int, predicted: Int, matches: Bool) {
        // A prediction containing the gold: Jaccard = gold / predicted.
        let goldItem = ScoredAttribution(content: [ScalarRange(start: 20, end: 20 + gold)], isDirect: false)
        let predictedItem = ScoredAttribution(content: [ScalarRange(start: 20, end: 20 + predicted)], isDirect: false)
        let plain = ScoringText(String(repeating: "x", count: 60))
        #expect((plain.score([goldItem], [predictedItem]).counts.matched == 1) == matches)
    }

    @Test func gapsInsideATrimmedSpanAreNotTrimmed() {
        let scorer = Scorer(text: text.scalars)
        let spaced = text.span(" “We are trying,” ")
        #expect(scorer.trimmed(spaced) == text.span("We are trying"))
        #expect(scorer.coverage(of: [text.span("“We"), text.span(" are trying,”")]) == [text.span("We are trying")])
    }
}

@Suite struct EvalRecordConversionTests {
    let loaded: LoadedText

    init() throws {
        loaded = try PlainTextLoader().load(
            bytes: Array("Ünïcødé: “Stay,” he said. They said they would stay. ''Go,'' she said.".utf8), uri: "t.txt")
    }

    func record(_ kind: QuoteKind, _ range: ScalarRange) -> ScoredAttribution {
        let record = RecordFactory(loaded: loaded).record(kind: kind, parts: [range], speaker: nil, cue: nil, rule: "r", confidence: 1)
        return ScoredAttribution(record: record, text: loaded.scalars)
    }

    /// The gold's test, a double mark in the content, read for a direct record with the marks
    /// around its pieces, since records leave them out and gold spans keep them.
    @Test func predictionsAreDirectByTheGoldsTest() {
        let quoted = ScalarRange(start: 9, end: 16)  // “Stay,”
        let inner = ScalarRange(start: 10, end: 14)  // Stay
        let reported = ScalarRange(start: 36, end: 52)  // they would stay.
        let typewriter = ScalarRange(start: 55, end: 57)  // Go (inside ''…'')
        #expect(loaded.string(in: quoted) == "“Stay,”")
        #expect(loaded.string(in: inner) == "Stay")
        #expect(loaded.string(in: typewriter) == "Go")
        #expect(record(.indirect, quoted).isDirect)
        #expect(record(.direct, inner).isDirect)
        #expect(!record(.direct, typewriter).isDirect)
        #expect(!record(.direct, reported).isDirect)
        #expect(!record(.mixed, reported).isDirect)
        #expect(!record(.indirect, reported).isDirect)
    }

    @Test func goldOffsetsCountScalarsOfTheStoredText() throws {
        let corpus = try GoldCorpus.locate(miniCorpus)
        let document = try #require(corpus.documents.first)
        let text = try PlainTextLoader().load(bytes: DocumentLoader.read(path: document.textPath), uri: document.textPath)
        let gold = try GoldCorpus.annotations(of: document, textLength: text.count).attributions
        #expect(gold.map { $0.source.map(text.string).joined() } == ["Putin", "Lavrov", ""])
        #expect(gold.map { $0.cue.map(text.string).joined() } == ["said", "told", "it was reported"])
    }
}
