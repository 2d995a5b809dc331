import Testing
@testable import QuoteCheck

/// Made with Fixtures/corpora/tools/annotate.py from its yaml/ folder: four attributions, three
/// with a canonical name on the Source (the anonymous critic has none).
let namesCorpus = packageRoot.appendingPathComponent("Fixtures/eval/names").path

@Suite struct EvalSpeakerNameTests {
    let naming: SpeakerNaming

    init() throws {
        naming = SpeakerNaming(lexicon: try RuleSet.load().lexicon)
    }

    @Test func notesOnSourcesBecomeNamesAndOtherNotesAreIgnored() throws {
        let ann = """
            T1\tSource 0 2\the
            T2\tCue 3 7\tsaid
            T3\tContent 8 12\tstay
            T4\tAttribution 3 7\tsaid
            E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1
            T5\tContent 20 24\tleave
            E2\tAttribution:T4 Content:T5 Cue:T2
            #1\tAnnotatorNotes T1\t  Boris   Johnson 
            #2\tAnnotatorNotes T5\tIs this a quote at all?
            #3\tAnnotatorNotes T3
            """
        let parsed = try BratParser.parse(ann, path: "x.ann")
        #expect(parsed.attributions.map(\.sourceName) == ["Boris   Johnson", nil])
    }

    @Test func theFixtureCarriesItsNames() throws {
        let corpus = try GoldCorpus.locate(namesCorpus)
        let document = try #require(corpus.documents.first)
        let gold = try GoldCorpus.annotations(of: document, textLength: 200).attributions
        #expect(gold.map(\.sourceName) == ["John Tory", "John Tory", nil, "World Health Organization"])
    }

    @Test func namesCompareWithoutCaseSpacingOrQuoteStyle() {
        #expect(SpeakerNaming.normalized("  Boris \n JOHNSON ") == "boris johnson")
        #expect(SpeakerNaming.normalized("Conan O’Brien") == SpeakerNaming.normalized("conan o'brien"))
        #expect(SpeakerNaming.normalized("“Weird Al” Yankovic") == SpeakerNaming.normalized("\"weird al\" yankovic"))
        #expect(SpeakerNaming.normalized("John Tory") != SpeakerNaming.normalized("Tory"))
    }

    func speaker(_ name: String, _ resolvedBy: String = "mention", anonymous: Bool = false) -> Speaker {
        Speaker(name: name, mention: nil, resolvedBy: resolvedBy, anonymous: anonymous)
    }

    @Test func properNamesAreTellingFromPronounsRolesAndAnonymousSources() {
        #expect(naming.isProperName(speaker("John Tory")))
        #expect(naming.isProperName(speaker("John Tory", "pronoun")))
        #expect(naming.isProperName(speaker("World Health Organization", "alias")))
        #expect(naming.isProperName(speaker("Dr. Anthony Fauci")))
        #expect(!naming.isProperName(nil))
        #expect(!naming.isProperName(speaker("he", "unresolved")))
        #expect(!naming.isProperName(speaker("She")))
        #expect(!naming.isProperName(speaker("the mayor")))
        #expect(!naming.isProperName(speaker("The mayor")))
        #expect(!naming.isProperName(speaker("Mayor")))
        #expect(!naming.isProperName(speaker("Dr.")))
        #expect(!naming.isProperName(speaker("One official")))
        #expect(!naming.isProperName(speaker("a source", anonymous: true)))
        #expect(!naming.isProperName(speaker("John Tory", "unresolved")))
    }

    /// Gold names on 3 of 4 attributions; the records get one right ("John Tory" from a pronoun),
    /// name a second by surname only (right mention, wrong name), and leave the third without a speaker.
    @Test func nameAccuracyAndNamedShareOverAFixture() throws {
        let evaluator = Evaluator(pipeline: Pipeline(rules: try RuleSet.load(), format: .text))
        let result = try evaluator.evaluate(GoldCorpus.locate(namesCorpus), collectFindings: true) { document, loaded throws(EvaluationError) in
            let factory = RecordFactory(loaded: loaded)
            let gold = try GoldCorpus.annotations(of: document, textLength: loaded.count).attributions
            let speakers: [Speaker?] = [
                speaker("John Tory", "pronoun"), speaker("Tory"), speaker("a critic", anonymous: true), nil,
            ]
            return zip(gold, speakers).map { item, speaker in
                var speaker = speaker
                speaker?.mention = item.source.first.map(factory.mention)
                return factory.record(
                    kind: .indirect, parts: item.content, speaker: speaker, cue: item.cue.first, rule: "test", confidence: 1
                )
            }
        }
        let all = result.report[.all]
        #expect(all.counts.matched == 4)
        #expect(all.counts.matchedWithGoldName == 3)
        #expect(all.counts.nameCorrect == 1)
        #expect(all.counts.speakerNamed == 2)
        #expect(all.speakerNameAccuracy == 1.0 / 3.0)
        #expect(all.speakersNamed == 2.0 / 3.0)
        // The one DIRECT gold (“We will build it,”) is the one named right.
        #expect(result.report[.direct].speakerNameAccuracy == 1)
        #expect(result.report[.indirect].speakerNameAccuracy == 0)
        #expect(result.report.table().contains("speaker name acc."))
        // Only the surname-only record is a wrong name; the one without a speaker is a wrong speaker.
        let wrongNames = result.findings.filter { $0.kind == .wrongName }
        #expect(wrongNames.map(\.predictedName) == ["Tory"])
        #expect(wrongNames.first?.gold.first?.name == "John Tory")
        #expect(result.findings.filter { $0.kind == .wrongSpeaker }.count == 1)
        let listing = EvaluationFinding.listing(result.findings, corpus: "names")
        #expect(listing.contains("name: \"Tory\""))
        #expect(listing.contains("name: \"John Tory\""))
    }

    @Test func withoutGoldNamesThereIsNoFigureAndNoRow() throws {
        let evaluator = Evaluator(pipeline: Pipeline(rules: try RuleSet.load(), format: .text))
        let result = try evaluator.evaluate(GoldCorpus.locate(miniCorpus), predictions: oracleRecords)
        #expect(result.report[.all].speakerNameAccuracy == nil)
        #expect(result.report[.all].speakersNamed == nil)
        #expect(!result.report.table().contains("speaker name"))
    }

    @Test func unmatchedRecordsDoNotCount() {
        let text = ScoringText("Tory said the city would pay. Tory said no.")
        var gold = text.attribution(["the city would pay"], source: "Tory", cue: "said")
        gold.speakerName = "John Tory"
        var elsewhere = text.attribution(["no"], source: "Tory", cue: "said")
        elsewhere.speakerName = "John Tory"
        elsewhere.speakerIsNamed = true
        let figures = text.score([gold], [elsewhere])
        #expect(figures.counts.matchedWithGoldName == 0)
        #expect(figures.speakerNameAccuracy == nil)
    }
}
