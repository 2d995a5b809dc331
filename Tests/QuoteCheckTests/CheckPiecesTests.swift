import Foundation
import Testing
@testable import QuoteCheck

/// Issue 17: quotes in pieces, critical changes from the quote's own words only, references as
/// they come (wrapped, restyled, timestamped, subtitles, HTML), paraphrases, the verdict, and a
/// bounded candidate lookup.
@Suite struct CheckPiecesTests {
    static let rules: RuleSet = {
        do { return try RuleSet.load() } catch { fatalError("rules: \(error)") }
    }()

    static func reference(_ text: String, uri: String = "ref.txt") throws -> ReferenceDocument {
        let loaded = try PlainTextLoader().load(bytes: Array(text.utf8), uri: uri)
        return ReferenceDocument(loaded: loaded, labels: SpeakerLabeler(rules: rules.speakerLabels))
    }

    static func checker(_ documents: [ReferenceDocument]) -> QuoteChecker {
        QuoteChecker(index: ReferenceIndex(documents: documents), rules: rules)
    }

    /// A record for `article` whose quoted pieces are the given substrings (each found once).
    static func record(_ article: String, pieces: [String], kind: QuoteKind = .direct) throws -> ClaimRecord {
        let scalars = Array(article.unicodeScalars)
        var parts: [QuotePart] = []
        for piece in pieces {
            let range = try #require(article.range(of: piece))
            let start = article.unicodeScalars.distance(from: article.unicodeScalars.startIndex, to: range.lowerBound)
            let end = start + piece.unicodeScalars.count
            parts.append(QuotePart(start: start, end: end, sourceBytes: ByteRange(start: start, end: end), text: piece))
        }
        let start = try #require(parts.first?.start)
        let end = try #require(parts.last?.end)
        let quote = QuoteText(
            text: String(String.UnicodeScalarView(scalars[start..<end])), start: start, end: end, sourceBytes: ByteRange(start: start, end: end),
            prefix: "", suffix: "", parts: parts.count > 1 ? parts : nil)
        let document = DocumentReference(uri: "article.txt", media: MediaType.plainText.rawValue, sha256: "", textSha256: "")
        return ClaimRecord(id: "test", document: document, kind: kind, quote: quote, speaker: nil, cue: nil, rule: "test", confidence: 1)
    }

    static let speech = """
        We have seen this before. People are blaming it all on immigrants and refugees, and that is not fair to anyone. \
        They want to blame it on something they can see every day in the street. Nobody has 3 answers to this, not one. \
        The city council voted on the budget last week and nobody was happy with it, least of all the mayor. \
        The council will meet again in the spring to discuss the schools, the roads and the parks of the old town. \
        In the end we will rebuild what was lost and we will do it together with our neighbours.
        """

    @Test func narrationBetweenPiecesIsNeverCompared() throws {
        let article = "“People are blaming it all on immigrants and refugees,” she told AFP on Tuesday. “They want to blame it on something they can see every day.”"
        let record = try Self.record(article, pieces: ["People are blaming it all on immigrants and refugees,", "They want to blame it on something they can see every day."])
        let check = try #require(Self.checker([try Self.reference(Self.speech)]).checked(record).check)
        // The reference words "and that is not fair to anyone" lie between the two passages.
        #expect(check.status == .altered)
        #expect(check.critical.isEmpty, "\(check.diff)")
        #expect(!check.diff.contains { $0.quoteText?.contains("AFP") ?? false })
        let pieces = try #require(check.pieces)
        #expect(pieces.map(\.join) == ["first", "omitted"])
    }

    @Test func piecesInOrderAndAdjacentAreVerbatim() throws {
        let article = "“We have seen this before,” she said. “People are blaming it all on immigrants and refugees.”"
        let record = try Self.record(article, pieces: ["We have seen this before,", "People are blaming it all on immigrants and refugees."])
        let check = try #require(Self.checker([try Self.reference(Self.speech)]).checked(record).check)
        #expect(check.status == .verbatim)
        #expect(check.reference?.text == "We have seen this before. People are blaming it all on immigrants and refugees")
    }

    @Test func oneChangedWordInAPieceIsAlteredNotNotFound() throws {
        let article = "“We have seen this before,” she said. “People are blaming it all on strangers and refugees.”"
        let record = try Self.record(article, pieces: ["We have seen this before,", "People are blaming it all on strangers and refugees."])
        let check = try #require(Self.checker([try Self.reference(Self.speech)]).checked(record).check)
        #expect(check.status == .altered)
        #expect(check.diff.filter(\.isChange).map(\.quoteText) == ["strangers"])
    }

    @Test func piecesOutOfOrderOrFarApartAreSpliced() throws {
        let article = "“In the end we will rebuild what was lost,” she said. “We have seen this before.”"
        let record = try Self.record(article, pieces: ["In the end we will rebuild what was lost,", "We have seen this before."])
        let check = try #require(Self.checker([try Self.reference(Self.speech)]).checked(record).check)
        #expect(check.status == .spliced)
        let pieces = try #require(check.pieces)
        #expect(pieces.count == 2)
        #expect(pieces[1].join == "spliced")
        #expect(pieces[0].reference?.text == "In the end we will rebuild what was lost")
        #expect(pieces[1].reference?.text == "We have seen this before")
        #expect(check.critical.isEmpty)
    }

    @Test func oneStringSplicedFromTwoPlacesIsSplicedWithoutCriticalFromSkippedWords() throws {
        // The skipped reference text holds "not", "Nobody", "3": none of it is the quote's.
        let check = Self.checker([try Self.reference(Self.speech)]).check(
            text: "People are blaming it all on immigrants and refugees, and we will do it together with our neighbours.")
        #expect(check.status == .spliced)
        #expect(check.critical.isEmpty, "\(check.diff)")
        #expect(check.pieces?.count == 2)
    }

    @Test func longOmissionWithoutEllipsisIsAFindingNotACriticalChange() throws {
        let check = Self.checker([try Self.reference(Self.speech)]).check(
            text: "People are blaming it all on immigrants and refugees, and that is not fair to anyone. Nobody has 3 answers to this, not one.")
        #expect(check.status == .altered)
        #expect(check.findings == ["omitted-without-ellipsis"])
        #expect(check.critical.isEmpty, "\(check.diff)")
        #expect(!check.fails(allowNotFound: false))
        let marked = Self.checker([try Self.reference(Self.speech)]).check(
            text: "People are blaming it all on immigrants and refugees, and that is not fair to anyone … Nobody has 3 answers to this, not one.")
        #expect(marked.status == .elided)
    }

    @Test func negationChangeInsideAPieceIsStillCritical() throws {
        let check = Self.checker([try Self.reference(Self.speech)]).check(text: "People are blaming it all on immigrants and refugees, and that is fair to anyone.")
        #expect(check.status == .altered)
        #expect(check.critical == ["negation-dropped"])
        #expect(check.fails(allowNotFound: true))
    }

    @Test func referencesAsTheyCome() throws {
        let transcript = """
            Press conference, Moscow

            [00:12:31] PUTIN: We don't want a war with anyone -- we
            want the talks to go on, and the govern-
            ment will keep its word [applause] whatever
            happens.
            >> LAVROV: (00:13:05) Thank you, Mr. President.
            """
        let document = try Self.reference(transcript)
        #expect(document.turns.map(\.name) == ["PUTIN", "LAVROV"])
        let check = Self.checker([document]).check(
            text: "“We don’t want a war with anyone — we want the talks to go on, and the government will keep its word whatever happens.”", speaker: "Vladimir Putin")
        #expect(check.status == .verbatim, "\(check.diff)")
        #expect(check.referenceSpeaker == "PUTIN")
        #expect(check.speaker == .same)
        let thanks = Self.checker([document]).check(text: "Thank you, Mr. President.", speaker: "Sergei Lavrov")
        #expect(thanks.status == .verbatim)
        #expect(thanks.referenceSpeaker == "LAVROV")
    }

    /// Debate transcripts as transcription services write them: the label alone on its line,
    /// with the time before or after the colon.
    @Test func labelsWithTimesOnTheirOwnLine() throws {
        let transcript = """
            Donald Trump: (00:14:02)
            We will build the wall and Mexico will pay for it.

            Hillary Clinton (00:15:10):
            That is simply not true and he knows it.
            """
        let document = try Self.reference(transcript)
        #expect(document.turns.map(\.name) == ["Donald Trump", "Hillary Clinton"])
        let checker = Self.checker([document])
        let check = checker.check(text: "That is simply not true and he knows it.", speaker: "Clinton")
        #expect(check.status == .verbatim, "\(check.diff)")
        #expect(check.speaker == .same)
        #expect(checker.check(text: "We will build the wall and Mexico will pay for it.", speaker: "Clinton").speaker == .mismatch)
    }

    @Test func passageInsideSomeoneElsesParagraph() throws {
        let document = try Self.reference("The moderator opened the evening and introduced the panel. Then he said we will never raise taxes on the middle class, and the room fell silent for a while.")
        let check = Self.checker([document]).check(text: "We will never raise taxes on the middle class")
        #expect(check.status == .verbatim)
    }

    @Test func subtitlesAreAReferenceFormat() throws {
        let srt = """
            1
            00:00:01,000 --> 00:00:04,000
            We will rebuild the schools

            2
            00:00:04,500 --> 00:00:07,000
            and return the refugees home.
            """
        let fromSRT = Self.checker([try Self.reference(srt, uri: "speech.srt")]).check(text: "We will rebuild the schools and return the refugees home.")
        #expect(fromSRT.status == .verbatim, "\(fromSRT.diff)")
        let vtt = """
            WEBVTT

            NOTE recorded live

            00:00:01.000 --> 00:00:04.000
            <v Ahmed al-Sharaa>We will rebuild the schools</v>

            00:00:04.500 --> 00:00:07.000
            <v Ahmed al-Sharaa>and return the refugees home.
            """
        let fromVTT = Self.checker([try Self.reference(vtt, uri: "speech.vtt")]).check(text: "We will rebuild the schools and return the refugees home.", speaker: "al-Sharaa")
        #expect(fromVTT.status == .verbatim, "\(fromVTT.diff)")
        #expect(fromVTT.referenceSpeaker == "Ahmed al-Sharaa")
        #expect(fromVTT.speaker == .same)
    }

    @Test func htmlTranscriptThroughTheLoader() throws {
        let html = """
            <!doctype html><html><head><title>Transcript</title></head><body><article>
            <p><b>PUTIN:</b> We don&rsquo;t want a war with anyone, we want the talks to go on.</p>
            <p><b>QUESTION:</b> Thank you.</p></article></body></html>
            """
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("check-html-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("transcript.html")
        try html.write(to: path, atomically: true, encoding: .utf8)
        let references = try CheckInputs.references([path.path], pipeline: Pipeline(rules: Self.rules))
        let check = Self.checker(references).check(text: "We don't want a war with anyone, we want the talks to go on.")
        #expect(check.status == .verbatim, "\(check.diff)")
        #expect(check.reference?.uri == path.path)
    }

    @Test func mixedQuoteFragmentIsCheckedWordForWord() throws {
        let article = "She said the plan was “a disaster for the working families of the north” and left."
        let exact = try Self.record(article, pieces: ["She said the plan was “a disaster for the working families of the north” and left"], kind: .mixed)
        let reference = try Self.reference("Frankly the plan is a disaster for the working families of the north and everybody knows it.")
        #expect(Self.checker([reference]).checked(exact).check?.status == .verbatim)
        let changed = try Self.record(
            "She said the plan was “a disaster for the honest families of the north” and left.",
            pieces: ["She said the plan was “a disaster for the honest families of the north” and left"], kind: .mixed)
        #expect(Self.checker([reference]).checked(changed).check?.status == .altered)
    }

    @Test func reportedSpeechIsCheckedForMeaningOnly() throws {
        let reference = try Self.reference("The minister said: We will build 40 new schools in the region next year, and we will not close any hospital.")
        let checker = Self.checker([reference])
        let faithful = checker.checkParaphrase(text: "the government would build 40 schools in the region next year")
        #expect(faithful.status == .paraphraseOK)
        #expect(faithful.diff.isEmpty)
        let wrongNumber = checker.checkParaphrase(text: "the government would build 400 schools in the region next year")
        #expect(wrongNumber.status == .paraphraseConflict)
        #expect(wrongNumber.critical == ["number-changed"])
        #expect(wrongNumber.fails(allowNotFound: true))
        let record = try Self.record("The minister said the government would build 40 schools in the region next year.", pieces: ["the government would build 40 schools in the region next year"], kind: .indirect)
        #expect(checker.checked(record).check?.status == .paraphraseOK)
        #expect(checker.checkParaphrase(text: "the weather in the mountains was unusually warm for March").status == .notFound)
    }

    @Test func notFoundFailsUnlessAllowed() throws {
        let check = Self.checker([try Self.reference(Self.speech)]).check(text: "Completely different words that appear in no reference at all today.")
        #expect(check.status == .notFound)
        #expect(check.fails(allowNotFound: false))
        #expect(!check.fails(allowNotFound: true))
    }

    /// Issue 18's probe (10,000 identical passages took 257 s), at a small count: identical
    /// passages are aligned once, and a document repeating a passage gives small stretches.
    @Test func identicalPassagesAreLookedUpOnce() throws {
        let passage = "We will rebuild the country and we will return the refugees home before the winter."
        let copies = try (0..<40).map { try Self.reference("Note \($0).\n\n" + passage, uri: "copy-\($0).txt") }
        let repeated = try Self.reference(Array(repeating: passage, count: 200).joined(separator: "\n\n"), uri: "repeated.txt")
        let index = ReferenceIndex(documents: copies + [repeated])
        let quote = WordTokenizer.tokenize(Array(passage.unicodeScalars))
        let candidates = index.candidates(for: quote)
        #expect(candidates.count == 1)
        #expect(candidates.allSatisfy { $0.tokens.count <= 4 * quote.count + 40 })
        let check = QuoteChecker(index: index, rules: Self.rules).check(text: passage)
        #expect(check.status == .verbatim)
        // A passage that differs is still a candidate of its own.
        let variant = try Self.reference("We will rebuild the country and we will return the refugees home before the spring.", uri: "variant.txt")
        #expect(ReferenceIndex(documents: copies + [variant]).candidates(for: quote).count == 2)
    }
}
