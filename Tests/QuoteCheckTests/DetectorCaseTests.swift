import Foundation
import Testing
@testable import QuoteCheck

/// What a journalist expects from one short piece of news text: every quotation, with its kind,
/// its words, the speaker as written and the cue as written (issue 4).
///
/// Conventions the expectations follow:
/// - Direct quotes exclude their quotation marks. A comma that hands over to the attribution
///   (`“…,” he said`) is not part of the words; a full stop inside closing marks that ends the
///   sentence is.
/// - A quotation interrupted by its attribution is one record; `pieces` lists its parts.
/// - Reported speech runs to the clause boundary and keeps a leading "that" (as in
///   `Rules/en/attribution/reported.yml`); mixed speech keeps the marks of its quoted fragment.
struct DetectorCase: Sendable, CustomTestStringConvertible {
    var name: String
    var text: String
    var expected: [ExpectedRecord]
    /// For a known gap: why the detector fails it today.
    var gap: String?

    init(_ name: String, _ text: String, _ expected: ExpectedRecord..., gap: String? = nil) {
        self.name = name
        self.text = text
        self.expected = expected
        self.gap = gap
    }

    var testDescription: String { name }
}

struct ExpectedRecord: Sendable, Equatable, CustomStringConvertible {
    var kind: QuoteKind
    /// The quoted or reported words; more than one for a quotation interrupted by its attribution.
    var pieces: [String]
    var mention: String?
    var cue: String?

    static func direct(_ text: String, by mention: String?, cue: String?) -> ExpectedRecord {
        ExpectedRecord(kind: .direct, pieces: [text], mention: mention, cue: cue)
    }

    static func split(_ pieces: String..., by mention: String?, cue: String?) -> ExpectedRecord {
        ExpectedRecord(kind: .direct, pieces: pieces, mention: mention, cue: cue)
    }

    static func indirect(_ pieces: String..., by mention: String?, cue: String?) -> ExpectedRecord {
        ExpectedRecord(kind: .indirect, pieces: pieces, mention: mention, cue: cue)
    }

    static func mixed(_ text: String, by mention: String?, cue: String?) -> ExpectedRecord {
        ExpectedRecord(kind: .mixed, pieces: [text], mention: mention, cue: cue)
    }

    /// The same fields read back from a record, with the pieces sliced from the loaded text.
    init(kind: QuoteKind, pieces: [String], mention: String?, cue: String?) {
        self.kind = kind
        self.pieces = pieces
        self.mention = mention
        self.cue = cue
    }

    init(_ record: ClaimRecord, in loaded: LoadedText) {
        let ranges = record.quote.parts?.map(\.range) ?? [record.quote.range]
        self.init(
            kind: record.kind, pieces: ranges.map { loaded.string(in: $0) },
            mention: record.speaker?.mention?.text, cue: record.cue?.text)
    }

    var description: String {
        let words = pieces.map { "«\($0)»" }.joined(separator: " + ")
        return "\(kind.rawValue) \(words) by \(mention ?? "nil") cue \(cue ?? "nil")"
    }
}

@Suite struct DetectorCaseTests {
    static let pipeline: Pipeline? = try? Pipeline(rules: RuleSet.load(), format: .text)
    /// Multi-byte scalars (emoji, combining-free accents, a dash) and a scare quote before every
    /// case: offsets that count bytes or UTF-16 units instead of scalars shift here.
    static let multiBytePrefix = "🎉 Ünïcödé — “prefix” line.\n\n"

    @Test(arguments: cases)
    func detectsWhatAJournalistExpects(_ testCase: DetectorCase) throws {
        try Self.check(testCase)
    }

    @Test(arguments: cases)
    func multiBytePrefixChangesNothing(_ testCase: DetectorCase) throws {
        let pipeline = try #require(Self.pipeline)
        let plain = try Self.run(testCase.text, pipeline)
        let prefixed = try Self.run(Self.multiBytePrefix + testCase.text, pipeline)
        #expect(
            prefixed.map(\.expectation) == plain.map(\.expectation),
            "\(testCase.name): behind a multi-byte prefix the records changed:\n  plain:    \(plain.map(\.expectation))\n  prefixed: \(prefixed.map(\.expectation))")
        let shift = Self.multiBytePrefix.unicodeScalars.count
        #expect(
            prefixed.map { $0.record.quote.start - shift } == plain.map(\.record.quote.start),
            "\(testCase.name): quote starts did not move by the prefix's \(shift) scalars")
    }

    @Test(.disabled("known gaps: the detector does not meet these yet; move a case to `cases` when it passes"),
          arguments: knownGaps)
    func knownGap(_ testCase: DetectorCase) throws {
        try Self.check(testCase)
    }

    @Test func casesAreEnoughAndNamedOnce() {
        #expect(Self.cases.count >= 80)
        let names = (Self.cases + Self.knownGaps).map(\.name)
        #expect(Set(names).count == names.count, "case names must be unique")
        #expect(Self.cases.allSatisfy { $0.gap == nil }, "a passing case carries no gap reason")
        #expect(Self.knownGaps.allSatisfy { $0.gap?.isEmpty == false }, "every known gap says why")
    }

    // MARK: - The seed article

    static let seedPath = packageRoot.appendingPathComponent("Fixtures/articles/sharaa-putin.txt").path

    @Test func seedArticleGivesTheThreeAttributedClaims() throws {
        let pipeline = try #require(Self.pipeline)
        let loaded = try pipeline.loader.load(path: Self.seedPath)
        let records = pipeline.records(for: loaded)
        let sharaa = records.first { $0.speaker?.name == "Ahmed al-Sharaa" }
        #expect(sharaa?.kind == .direct)
        #expect(sharaa?.speaker?.mention?.text == "Mr. al-Sharaa")
        #expect(sharaa?.cue?.text == "told")
        #expect(sharaa?.quote.text.hasPrefix("We are trying to restore and redefine") == true)
        let putin = records.first { $0.speaker?.name == "Vladimir Putin" && $0.kind == .direct }
        #expect(putin?.speaker?.mention?.text == "Mr. Putin")
        #expect(putin?.cue?.text == "said")
        #expect(putin?.quote.text.hasPrefix("I believe that this is a great success for you") == true)
        let lavrov = records.first { $0.speaker?.name == "Sergei Lavrov" }
        #expect(lavrov?.kind == .indirect)
        #expect(lavrov?.cue?.text == "told reporters")
        #expect(lavrov?.quote.text.contains("Syria may want them to stay as well") == true)
        for record in records {
            #expect(!loaded.isExcluded(record.quote.range), "record from a boilerplate line: \(record.quote.text)")
            #expect(Self.slice(loaded, record.quote.start, record.quote.end) == record.quote.text)
        }
    }

    /// “Mr. Putin called Mr. al-Sharaa in February” is a phone call, not speech; “The two leaders
    /// reportedly discussed …” is the claim of reports no one names.
    @Test func seedArticleGivesNothingElse() throws {
        let pipeline = try #require(Self.pipeline)
        let records = try pipeline.extract(path: Self.seedPath)
        #expect(
            records.compactMap(\.speaker?.name) == ["Ahmed al-Sharaa", "Vladimir Putin", "Sergei Lavrov"],
            "records: \(records.map { "\($0.kind.rawValue) \($0.speaker?.name ?? "nil"): \($0.quote.text)" })")
        #expect(records.count == 4)
        let reported = records.first { $0.cue?.text == "reportedly" }
        #expect(reported?.speaker == nil)
        #expect(reported?.kind == .indirect)
        #expect(reported?.quote.parts?.count == 2)
        #expect(reported?.quote.text.hasPrefix("The two leaders reportedly discussed the future of two Russian military bases") == true)
    }

    // MARK: - Running a case

    struct Observed {
        var record: ClaimRecord
        var expectation: ExpectedRecord
    }

    static func run(_ text: String, _ pipeline: Pipeline) throws -> [Observed] {
        let loaded = try pipeline.loader.load(bytes: Array(text.utf8), uri: "case.txt")
        let records = pipeline.records(for: loaded)
        for record in records {
            #expect(
                slice(loaded, record.quote.start, record.quote.end) == record.quote.text,
                "quote.text is not the loaded text at \(record.quote.start)..<\(record.quote.end)")
            for part in record.quote.parts ?? [] {
                #expect(record.quote.start <= part.start && part.end <= record.quote.end, "a part lies outside its quote")
            }
            if let mention = record.speaker?.mention {
                #expect(slice(loaded, mention.start, mention.end) == mention.text, "mention offsets are off")
            }
            if let cue = record.cue {
                #expect(slice(loaded, cue.start, cue.end) == cue.text, "cue offsets are off")
            }
        }
        return records.map { Observed(record: $0, expectation: ExpectedRecord($0, in: loaded)) }
    }

    static func check(_ testCase: DetectorCase) throws {
        let pipeline = try #require(Self.pipeline)
        let observed = try run(testCase.text, pipeline).map(\.expectation)
        let report = "\(testCase.name)\n  text:     \(testCase.text)\n  expected: \(testCase.expected)\n  actual:   \(observed)"
        #expect(observed.count == testCase.expected.count, "record count differs: \(report)")
        for (index, (actual, expected)) in zip(observed, testCase.expected).enumerated() {
            #expect(actual.kind == expected.kind, "record \(index): kind \(actual.kind) ≠ \(expected.kind): \(report)")
            #expect(actual.pieces == expected.pieces, "record \(index): words differ: \(report)")
            #expect(actual.mention == expected.mention, "record \(index): speaker mention differs: \(report)")
            #expect(actual.cue == expected.cue, "record \(index): cue differs: \(report)")
        }
    }

    /// Slices without clamping, so an offset past the end shows up as a mismatch.
    static func slice(_ loaded: LoadedText, _ start: Int, _ end: Int) -> String? {
        guard 0 <= start, start <= end, end <= loaded.scalars.count else { return nil }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: loaded.scalars[start..<end])
        return String(view)
    }
}

// MARK: - The cases

extension DetectorCaseTests {
    static let cases: [DetectorCase] = [
        // Straight and curly double quotes, with the attribution after, before or around them.
        DetectorCase(
            "straight quote, speaker then cue", #""It will be first-order business," Mr. Podesta said."#,
            .direct("It will be first-order business", by: "Mr. Podesta", cue: "said")),
        DetectorCase(
            "curly quote, honorific and day", "“We will not back down,” Gov. Kathy Hochul said on Tuesday.",
            .direct("We will not back down", by: "Gov. Kathy Hochul", cue: "said")),
        DetectorCase(
            "curly quote, cue then titled speaker", "“The economy is strong,” said Treasury Secretary Janet Yellen.",
            .direct("The economy is strong", by: "Treasury Secretary Janet Yellen", cue: "said")),
        DetectorCase(
            "quote then according to", "“Nobody knew,” according to one aide.",
            .direct("Nobody knew", by: "one aide", cue: "according to")),
        DetectorCase(
            "speaker, cue and colon before the quote", "Mr. Trump said on Monday: “We are going to win so much.”",
            .direct("We are going to win so much.", by: "Mr. Trump", cue: "said")),
        DetectorCase(
            "speaker, cue phrase and comma before the quote", #"Clinton told the crowd, "I will never stop fighting for you.""#,
            .direct("I will never stop fighting for you.", by: "Clinton", cue: "told the crowd")),
        DetectorCase(
            "quote straight after the cue", #"Sanders said "the system is rigged against working people.""#,
            .direct("the system is rigged against working people.", by: "Sanders", cue: "said")),
        DetectorCase(
            "appositive between speaker and cue", "“This is a disaster,” Sen. Lindsey Graham, a South Carolina Republican, said on Sunday.",
            .direct("This is a disaster", by: "Sen. Lindsey Graham", cue: "said")),
        DetectorCase(
            "anonymous official", "“We are not going anywhere,” a senior official said.",
            .direct("We are not going anywhere", by: "a senior official", cue: "said")),
        DetectorCase(
            "addressee after told", "“We are trying to restore and redefine these relations,” Mr. al-Sharaa told Mr. Putin.",
            .direct("We are trying to restore and redefine these relations", by: "Mr. al-Sharaa", cue: "told")),
        DetectorCase(
            "adverb between speaker and cue", "“We will win,” she also told supporters in Ohio.",
            .direct("We will win", by: "she", cue: "told")),
        DetectorCase(
            "pronoun speaker", "“It is over,” he said.",
            .direct("It is over", by: "he", cue: "said")),
        DetectorCase(
            "told reporters as the cue", "“It is over,” she told reporters.",
            .direct("It is over", by: "she", cue: "told reporters")),
        DetectorCase(
            "plural pronoun, in a statement", "“We will respond,” they said in a statement.",
            .direct("We will respond", by: "they", cue: "said")),
        DetectorCase(
            "cue then title and name", "“Nobody is above the law,” said Attorney General Merrick Garland.",
            .direct("Nobody is above the law", by: "Attorney General Merrick Garland", cue: "said")),
        DetectorCase(
            "speaker with a seed quote", "“I believe that this is a great success for you,” Mr. Putin said.",
            .direct("I believe that this is a great success for you", by: "Mr. Putin", cue: "said")),
        DetectorCase(
            "told supporters with place and time", "“We are going to keep fighting,” Mr. Sanders told supporters in Vermont on Tuesday night.",
            .direct("We are going to keep fighting", by: "Mr. Sanders", cue: "told")),
        DetectorCase(
            "accented hyphenated name", #""They can't stop us," said Jean-Luc Mélenchon."#,
            .direct("They can't stop us", by: "Jean-Luc Mélenchon", cue: "said")),
        DetectorCase(
            "particle in a surname", "“Ukraine’s future is in Europe,” Ms. von der Leyen said.",
            .direct("Ukraine’s future is in Europe", by: "Ms. von der Leyen", cue: "said")),
        DetectorCase(
            "possessive in the speaker", #""We're not going to take it anymore," the union's president said."#,
            .direct("We're not going to take it anymore", by: "the union's president", cue: "said")),

        // Guillemets and German quotes.
        DetectorCase(
            "guillemets around English", "«We will defend our borders,» Mr. Zelensky said.",
            .direct("We will defend our borders", by: "Mr. Zelensky", cue: "said")),
        DetectorCase(
            "guillemets around French", "«Nous ne céderons pas», Mr. Macron said in French.",
            .direct("Nous ne céderons pas", by: "Mr. Macron", cue: "said")),
        DetectorCase(
            "German low-high quotes", "„Wir schaffen das“, Ms. Merkel said.",
            .direct("Wir schaffen das", by: "Ms. Merkel", cue: "said")),
        DetectorCase(
            "German quotes around English", "„We can do this“, Ms. Merkel said in Berlin.",
            .direct("We can do this", by: "Ms. Merkel", cue: "said")),

        // Typewriter quotes: two apostrophes standing for a double mark.
        DetectorCase(
            "typewriter double apostrophes", "''We have made our decision,'' Ms. Tanzer said.",
            .direct("We have made our decision", by: "Ms. Tanzer", cue: "said")),

        // Single quotes nested inside double ones stay inside the outer quotation.
        DetectorCase(
            "nested curly single quote", "“He told me, ‘Do not come back,’ and then he left,” Ms. Alvarez said.",
            .direct("He told me, ‘Do not come back,’ and then he left", by: "Ms. Alvarez", cue: "said")),
        DetectorCase(
            "nested scare quote", "“The phrase ‘fake news’ means nothing anymore,” Mr. Stelter said.",
            .direct("The phrase ‘fake news’ means nothing anymore", by: "Mr. Stelter", cue: "said")),
        DetectorCase(
            "nested straight single quote with contractions", #""I told him, 'You're fired,' and he walked out," Mr. Trump said."#,
            .direct("I told him, 'You're fired,' and he walked out", by: "Mr. Trump", cue: "said")),
        DetectorCase(
            "nested quote closing with the outer one", "“Our message is simple: ‘Come home,’” Ms. Ardern said.",
            .direct("Our message is simple: ‘Come home,’", by: "Ms. Ardern", cue: "said")),

        // Apostrophes that are not quotation marks.
        DetectorCase(
            "possessive apostrophe inside a quote", "“Russia’s position has not changed,” Mr. Peskov said.",
            .direct("Russia’s position has not changed", by: "Mr. Peskov", cue: "said")),
        DetectorCase(
            "decade apostrophe inside a quote", "“Back in the ’90s we had nothing,” Mr. Orban said.",
            .direct("Back in the ’90s we had nothing", by: "Mr. Orban", cue: "said")),
        DetectorCase(
            "a year cut short behind an opening single mark",
            "Rep. Hank Johnson said in ‘08 that the early willingness of white voters to back Obama threw old assumptions into doubt.",
            .indirect("that the early willingness of white voters to back Obama threw old assumptions into doubt", by: "Rep. Hank Johnson", cue: "said")),
        DetectorCase(
            "rock ’n’ roll inside a quote", "“I grew up on rock ’n’ roll,” Mr. Springsteen said.",
            .direct("I grew up on rock ’n’ roll", by: "Mr. Springsteen", cue: "said")),
        DetectorCase("possessive apostrophe alone", "The fighters reached the town’s outskirts before dawn."),
        DetectorCase("decade apostrophe alone", "It was the ’80s, and nobody cared about the budget."),
        DetectorCase("’n’ twice in one sentence", "The diner served fish ’n’ chips and played rock ’n’ roll all night."),
        DetectorCase(
            "apostrophe in the speaker's name", "Mr. O’Brien said the committee would meet again in the fall.",
            .indirect("the committee would meet again in the fall", by: "Mr. O’Brien", cue: "said")),
        DetectorCase(
            "decade apostrophe in reported speech", "The ’60s were a turbulent decade for Detroit, the historian said.",
            .indirect("The ’60s were a turbulent decade for Detroit", by: "the historian", cue: "said")),
        DetectorCase(
            "contractions inside a split quote", "“I don’t know,” Mr. Trump said, “maybe we will, maybe we won’t.”",
            .split("I don’t know", "maybe we will, maybe we won’t.", by: "Mr. Trump", cue: "said")),

        // Quotations interrupted by their attribution: one record, two pieces.
        DetectorCase(
            "split quote, straight marks", #""We are trying," he said, "to restore the nature of these relations.""#,
            .split("We are trying", "to restore the nature of these relations.", by: "he", cue: "said")),
        DetectorCase(
            "split quote, curly marks", "“We are trying,” he said, “to restore the nature of these relations.”",
            .split("We are trying", "to restore the nature of these relations.", by: "he", cue: "said")),
        DetectorCase(
            "split quote, cue before speaker", "“It is a great success,” said Mr. Putin, “for all of Syria.”",
            .split("It is a great success", "for all of Syria.", by: "Mr. Putin", cue: "said")),
        DetectorCase(
            "split quote, multi-word speaker", "“The talks were productive,” a State Department spokesman said, “and we will meet again.”",
            .split("The talks were productive", "and we will meet again.", by: "a State Department spokesman", cue: "said")),
        DetectorCase(
            "split quote, straight marks, apology", #""It was a mistake," Mr. Johnson said, "and I apologize for it.""#,
            .split("It was a mistake", "and I apologize for it.", by: "Mr. Johnson", cue: "said")),
        DetectorCase(
            "split quote resumed after a colon", "“We are ready,” the general said: “the troops are in position.”",
            .split("We are ready", "the troops are in position.", by: "the general", cue: "said")),
        DetectorCase(
            "split quote, but", "“We want peace,” Mr. Abbas said, “but not at any price.”",
            .split("We want peace", "but not at any price.", by: "Mr. Abbas", cue: "said")),
        DetectorCase(
            "split quote, title as speaker", "“There will be no third term,” the president said, “and there never was going to be.”",
            .split("There will be no third term", "and there never was going to be.", by: "the president", cue: "said")),
        DetectorCase(
            "quote continued in a new sentence", "“We don’t negotiate with terrorists,” Mr. Bolton said. “We never have.”",
            .split("We don’t negotiate with terrorists", "We never have.", by: "Mr. Bolton", cue: "said")),
        DetectorCase(
            "interjected attribution in reported speech", "Even then, he said, he has learned enough about Hillary Clinton to be sure.",
            .indirect("Even then", "he has learned enough about Hillary Clinton to be sure", by: "he", cue: "said")),
        DetectorCase(
            "interjected attribution after the subject", "The settlement, Ms. James said, sends a message to every landlord in the state.",
            .indirect("The settlement", "sends a message to every landlord in the state", by: "Ms. James", cue: "said")),

        // Quotations over several paragraphs: an opening mark on each, the closing one at the end.
        DetectorCase(
            "quote over two paragraphs",
            "“We were told the plant was safe. We believed them.\n\n“Then the water turned brown,” Ms. Ortiz said.",
            .direct("We were told the plant was safe. We believed them.\n\n“Then the water turned brown", by: "Ms. Ortiz", cue: "said")),
        DetectorCase(
            "quote over three paragraphs",
            "“The first thing we did was call the police.\n\n“The second thing was to call our lawyer.\n\n“Nobody came for three days,” said Mr. Haddad, a shop owner.",
            .direct(
                "The first thing we did was call the police.\n\n“The second thing was to call our lawyer.\n\n“Nobody came for three days",
                by: "Mr. Haddad", cue: "said")),

        // Unbalanced marks are repaired within their paragraph.
        DetectorCase(
            "unclosed partial quote stops at its paragraph",
            "The minister said the plan was “dead on arrival.\n\nThe opposition walked out of the chamber in protest.",
            .mixed("the plan was “dead on arrival.", by: "The minister", cue: "said")),
        DetectorCase(
            "unclosed continuation stops at the end of the text", "“We need more time,” the coach said. “The season is long.",
            .split("We need more time", "The season is long.", by: "the coach", cue: "said")),

        // Partial quotes tied to a speaker by a cue are mixed.
        DetectorCase(
            "partial quote after called", "Putin called it “a great success.”",
            .mixed("it “a great success.”", by: "Putin", cue: "called")),
        DetectorCase(
            "partial quote after says", "Trump says voter fraud “would be one hell of a way to lose.”",
            .mixed("voter fraud “would be one hell of a way to lose.”", by: "Trump", cue: "says")),
        DetectorCase(
            "partial quote at the end of reported speech",
            "Michael Mulgrew, president of the teachers union, said he hopes the day sends a message that “communities are standing up.”",
            .mixed("he hopes the day sends a message that “communities are standing up.”", by: "Michael Mulgrew", cue: "said")),
        DetectorCase(
            "partial quote after tweeted that", "The senator tweeted that the vote was “a disgrace.”",
            .mixed("that the vote was “a disgrace.”", by: "The senator", cue: "tweeted")),
        DetectorCase(
            "partial quote after said", "Ms. Haley said the rally was “a great night for America.”",
            .mixed("the rally was “a great night for America.”", by: "Ms. Haley", cue: "said")),

        // Scare quotes, single quoted words and titles of works without a cue: not claims.
        DetectorCase("film title", "The film “Dune” opened in theaters on Friday."),
        DetectorCase("film title as object", "She watched “Casablanca” again last night."),
        DetectorCase("scare quote after so-called", "The so-called “peace plan” has stalled in Congress."),
        DetectorCase("nickname of a place", "Residents call the neighborhood “the Flats.”"),
        DetectorCase("scare quote in a forecast", "The forecast calls for “heavy rain” on Friday."),
        DetectorCase("nickname between commas", "His nickname, “the Hammer,” stuck for decades."),
        DetectorCase("hashtag in quotes", "The hashtag “#MeToo” spread quickly."),
        DetectorCase("two film titles", "She starred in “Pride and Prejudice” and “Atonement.”"),
        DetectorCase("headline scare quote in single marks", "Putin hails Syria talks as ‘great success’"),

        // Reported speech with every cue form.
        DetectorCase(
            "said that", "Mr. Putin said that the elections were a great success.",
            .indirect("that the elections were a great success", by: "Mr. Putin", cue: "said")),
        DetectorCase(
            "told reporters on Monday that",
            "Russian Foreign Minister Sergei Lavrov told reporters on Monday that Syria may want them to stay as well.",
            .indirect("that Syria may want them to stay as well", by: "Russian Foreign Minister Sergei Lavrov", cue: "told reporters")),
        DetectorCase(
            "according to, leading", "According to the Kremlin, the two leaders discussed the future of the bases.",
            .indirect("the two leaders discussed the future of the bases", by: "the Kremlin", cue: "According to")),
        DetectorCase(
            "according to, trailing", "Clinton was headed to an emergency room, according to The New York Post.",
            .indirect("Clinton was headed to an emergency room", by: "The New York Post", cue: "according to")),
        DetectorCase(
            "according to a poll", "Most voters are undecided, according to a poll released on Tuesday by Quinnipiac University.",
            .indirect("Most voters are undecided", by: "a poll", cue: "according to")),
        DetectorCase(
            "according to, honorific", "According to Mr. Kushner, the plan had the support of Saudi Arabia.",
            .indirect("the plan had the support of Saudi Arabia", by: "Mr. Kushner", cue: "According to")),
        DetectorCase(
            "content, X said", "Syria may want the bases to stay as logistics hubs, Lavrov said on Monday.",
            .indirect("Syria may want the bases to stay as logistics hubs", by: "Lavrov", cue: "said")),
        DetectorCase(
            "content, said X", "The deal will be signed next week, said a spokeswoman for the ministry.",
            .indirect("The deal will be signed next week", by: "a spokeswoman for the ministry", cue: "said")),
        DetectorCase(
            "content, two aides said", "The campaign was in trouble, two aides said.",
            .indirect("The campaign was in trouble", by: "two aides", cue: "said")),
        DetectorCase(
            "content, X said in a place", "Germany will meet its NATO target this year, Mr. Scholz said in Berlin.",
            .indirect("Germany will meet its NATO target this year", by: "Mr. Scholz", cue: "said")),
        DetectorCase(
            "said without that", "He said the two countries would sign the agreement next month.",
            .indirect("the two countries would sign the agreement next month", by: "He", cue: "said")),
        DetectorCase(
            "says", "Mr. Biden says the economy is turning a corner.",
            .indirect("the economy is turning a corner", by: "Mr. Biden", cue: "says")),
        DetectorCase(
            "institution says", "The White House says it will veto the bill.",
            .indirect("it will veto the bill", by: "The White House", cue: "says")),
        DetectorCase(
            "sources say", "Sources say the chancellor will resign within weeks.",
            .indirect("the chancellor will resign within weeks", by: "Sources", cue: "say")),
        DetectorCase(
            "believes", "Ms. Warren believes the bill will pass the Senate.",
            .indirect("the bill will pass the Senate", by: "Ms. Warren", cue: "believes")),
        DetectorCase(
            "believe, plural", "Experts believe the virus originated in bats.",
            .indirect("the virus originated in bats", by: "Experts", cue: "believe")),
        DetectorCase(
            "warned that", "The general warned that the ceasefire could collapse within days.",
            .indirect("that the ceasefire could collapse within days", by: "The general", cue: "warned")),
        DetectorCase(
            "warned without that", "Analysts warned the recession could last two years.",
            .indirect("the recession could last two years", by: "Analysts", cue: "warned")),
        DetectorCase(
            "warned that after an appositive", "Mr. Schumer, a New York Democrat, warned that the shutdown could last weeks.",
            .indirect("that the shutdown could last weeks", by: "Mr. Schumer", cue: "warned")),
        DetectorCase(
            "argued that", "Mr. Sanders argued that the plan would raise taxes on the middle class.",
            .indirect("that the plan would raise taxes on the middle class", by: "Mr. Sanders", cue: "argued")),
        DetectorCase(
            "argued without that", "The defense argued the evidence had been planted.",
            .indirect("the evidence had been planted", by: "The defense", cue: "argued")),
        DetectorCase(
            "claimed that", "The company claimed that its software had not been hacked.",
            .indirect("that its software had not been hacked", by: "The company", cue: "claimed")),
        DetectorCase(
            "claimed without that", "He claimed the election had been stolen.",
            .indirect("the election had been stolen", by: "He", cue: "claimed")),
        DetectorCase(
            "denied that", "Mr. Peskov denied that Moscow had interfered in the vote.",
            .indirect("that Moscow had interfered in the vote", by: "Mr. Peskov", cue: "denied")),
        DetectorCase(
            "insisted that", "The mayor insisted that the budget was balanced.",
            .indirect("that the budget was balanced", by: "The mayor", cue: "insisted")),
        DetectorCase(
            "insisted without that", "The coach insisted his team was not tired.",
            .indirect("his team was not tired", by: "The coach", cue: "insisted")),
        DetectorCase(
            "reportedly told", "Mr. Trump reportedly told aides that he would not concede.",
            .indirect("that he would not concede", by: "Mr. Trump", cue: "told")),
        DetectorCase(
            "'reportedly' hands the clause to unnamed reports",
            "The FBI is reportedly making arrangements to interview Hillary Clinton.",
            .indirect("The FBI is", "making arrangements to interview Hillary Clinton", by: nil, cue: "reportedly")),
        DetectorCase(
            "said in a statement that", "The White House said in a statement that the president had tested negative.",
            .indirect("that the president had tested negative", by: "The White House", cue: "said")),
        DetectorCase(
            "said on Friday that", "Pentagon officials said on Friday that the strike had killed two commanders.",
            .indirect("that the strike had killed two commanders", by: "Pentagon officials", cue: "said")),
        DetectorCase(
            "found that", "The report found that emissions had risen for a third year.",
            .indirect("that emissions had risen for a third year", by: "The report", cue: "found")),
        DetectorCase(
            "vowed that", "Mr. Zelensky vowed that Ukraine would never give up Crimea.",
            .indirect("that Ukraine would never give up Crimea", by: "Mr. Zelensky", cue: "vowed")),
        DetectorCase(
            "predicted that", "Ms. Harris predicted that turnout would break records.",
            .indirect("that turnout would break records", by: "Ms. Harris", cue: "predicted")),
        DetectorCase(
            "confirmed that", "The ministry confirmed that three soldiers had been wounded.",
            .indirect("that three soldiers had been wounded", by: "The ministry", cue: "confirmed")),
        DetectorCase(
            "has said that", "Mr. Netanyahu has said that the war will continue until Hamas is destroyed.",
            .indirect("that the war will continue until Hamas is destroyed", by: "Mr. Netanyahu", cue: "has said")),
        DetectorCase(
            "wrote that", "Mr. Adams wrote that the city could not absorb more migrants.",
            .indirect("that the city could not absorb more migrants", by: "Mr. Adams", cue: "wrote")),
        DetectorCase(
            "told reporters that", "Ms. Pelosi told reporters that the House would vote on Friday.",
            .indirect("that the House would vote on Friday", by: "Ms. Pelosi", cue: "told reporters")),
        DetectorCase(
            "told a network that", "Mr. Trump told Fox News on Sunday that he would sign the bill.",
            .indirect("that he would sign the bill", by: "Mr. Trump", cue: "told")),
        DetectorCase(
            "told a broadcaster that", "Mr. Macron told French television that Europe must rearm.",
            .indirect("that Europe must rearm", by: "Mr. Macron", cue: "told")),
        DetectorCase(
            "said after an appositive", "Sen. Mitch McConnell, the Republican leader, said the Senate would act quickly.",
            .indirect("the Senate would act quickly", by: "Sen. Mitch McConnell", cue: "said")),
        DetectorCase(
            "said after a participle phrase", "The president, speaking in Warsaw, said NATO was stronger than ever.",
            .indirect("NATO was stronger than ever", by: "The president", cue: "said")),
        DetectorCase(
            "said with a long content", "Ms. Clinton said she would campaign in Ohio and Pennsylvania next week.",
            .indirect("she would campaign in Ohio and Pennsylvania next week", by: "Ms. Clinton", cue: "said")),
        DetectorCase(
            "officials said", "Officials said the bridge would reopen in March.",
            .indirect("the bridge would reopen in March", by: "Officials", cue: "said")),
        DetectorCase(
            "denied with a gerund", "She denied ever meeting the lobbyist.",
            .indirect("ever meeting the lobbyist", by: "She", cue: "denied")),

        // Abbreviations and initials that do not end a sentence.
        DetectorCase(
            "initials after Gov.", "Gov. J.B. Pritzker said the state would sue the administration.",
            .indirect("the state would sue the administration", by: "Gov. J.B. Pritzker", cue: "said")),
        DetectorCase(
            "initials after Gov. in a direct quote", "“We will sue,” Gov. J.B. Pritzker said.",
            .direct("We will sue", by: "Gov. J.B. Pritzker", cue: "said")),
        DetectorCase(
            "U.S. opening reported speech", "The U.S. will not recognize the vote, Mr. Blinken said.",
            .indirect("The U.S. will not recognize the vote", by: "Mr. Blinken", cue: "said")),
        DetectorCase(
            "Sept. 11 inside reported speech", "Mr. Smith said he was at the memorial on Sept. 11 with his family.",
            .indirect("he was at the memorial on Sept. 11 with his family", by: "Mr. Smith", cue: "said")),
        DetectorCase(
            "Sept. 11, 2001, before the attribution", "The attack on Sept. 11, 2001, changed everything, Mr. Bush said.",
            .indirect("The attack on Sept. 11, 2001, changed everything", by: "Mr. Bush", cue: "said")),
        DetectorCase(
            "Jan. 6 inside reported speech", "Rep. Liz Cheney said the Jan. 6 attack was an assault on democracy.",
            .indirect("the Jan. 6 attack was an assault on democracy", by: "Rep. Liz Cheney", cue: "said")),
        DetectorCase(
            "Jan. 6. does end a sentence", "The hearing is set for Jan. 6. Mr. Lee said the court would decide by spring.",
            .indirect("the court would decide by spring", by: "Mr. Lee", cue: "said")),
        DetectorCase(
            "Sept. 11 inside a direct quote", "“We will never forget Sept. 11,” Mr. Giuliani said.",
            .direct("We will never forget Sept. 11", by: "Mr. Giuliani", cue: "said")),
        DetectorCase(
            "U.S. inside a direct quote", "“The U.S. is back,” Mr. Biden told the summit.",
            .direct("The U.S. is back", by: "Mr. Biden", cue: "told")),
        DetectorCase(
            "U.S. and U.K. inside a direct quote", "“The U.S. and the U.K. stand together,” Mr. Starmer said in Washington.",
            .direct("The U.S. and the U.K. stand together", by: "Mr. Starmer", cue: "said")),
        DetectorCase(
            "stacked ranks and initials", "Lt. Gen. H.R. McMaster said the threat was growing.",
            .indirect("the threat was growing", by: "Lt. Gen. H.R. McMaster", cue: "said")),
        DetectorCase(
            "U.S. mid-sentence, then a new sentence", "Mr. Lee flew back to the U.S. on Sunday. He said the visa had been approved.",
            .indirect("the visa had been approved", by: "He", cue: "said")),
        DetectorCase(
            "Dr. before a name", "Dr. Anthony Fauci said the vaccine was safe.",
            .indirect("the vaccine was safe", by: "Dr. Anthony Fauci", cue: "said")),

        // Marks that are not quotation marks: inches, code, URLs.
        DetectorCase("height in feet and inches", #"The suspect is 5' 10" tall and weighs 180 pounds."#),
        DetectorCase("feet and inches in measurements", #"The board measures 2' by 4' and is 3" thick."#),
        DetectorCase("height between commas", #"The defendant, 6' 2" and 220 pounds, did not testify."#),
        DetectorCase("quote marks in inline code", #"Run `echo "hello"` in a terminal to test the setup."#),
        DetectorCase("quote marks in a command-line flag", #"Set the flag with --name="prod" before deploying."#),
        DetectorCase(
            "a markup attribute whose value runs over a line break",
            "<tweet tweet-author=\"@ByronYork\" tweet-date=\"March 9, 2016\n\">Rubio stadium event in Hialeah. Stands empty.<tweet/>"),
        DetectorCase("quote marks in a URL", #"The page lives at https://example.com/search?q="climate" for now."#),
        DetectorCase("quote marks in a search URL", #"Visit https://www.example.org/?s="vote" to search the archive."#),

        // Boilerplate lines never give records, even with quotes and cues in them.
        DetectorCase("related-story line", "Related: “We will not back down,” Hochul says of migrant plan"),
        DetectorCase("read-more line", "Read more: Putin says Russia “will not withdraw” from Syria"),
        DetectorCase("copyright line", "Copyright © 2024 The Associated Press. “All rights reserved,” the agency said."),
        DetectorCase(
            "advertisement line before a quote", "Advertisement\n\n“We have done everything we can,” the mayor said.",
            .direct("We have done everything we can", by: "the mayor", cue: "said")),
        DetectorCase(
            "reprint line after a quote", "“We have done everything we can,” the mayor said.\n\nClick here for reprint permission.",
            .direct("We have done everything we can", by: "the mayor", cue: "said")),
        DetectorCase(
            "plural possessive apostrophe before the attribution", "The owners’ meeting was postponed, the league said.",
            .indirect("The owners’ meeting was postponed", by: "the league", cue: "said")),
        DetectorCase(
            "plural possessive apostrophe in reported speech", "The league said the owners’ meeting had been postponed.",
            .indirect("the owners’ meeting had been postponed", by: "The league", cue: "said")),
        DetectorCase(
            "partial quote after called with an object", "The senator called the bill “a betrayal of working families.”",
            .mixed("the bill “a betrayal of working families.”", by: "The senator", cue: "called")),
        DetectorCase(
            "partial quote after an advertisement said", "The advertisement said Mr. Trump was “unfit to serve.”",
            .mixed("Mr. Trump was “unfit to serve.”", by: "The advertisement", cue: "said")),
        DetectorCase(
            "song title with abbreviation dots", "The band played “Born in the U.S.A.” twice."),
        DetectorCase(
            "book title", "He read “The Old Man and the Sea” in high school."),
        DetectorCase(
            "content, the central bank predicted", "The inflation rate will fall below 3 percent by December, the central bank predicted.",
            .indirect("The inflation rate will fall below 3 percent by December", by: "the central bank", cue: "predicted")),
        DetectorCase(
            "content, warned the comptroller", "The city will run out of money by June, warned the comptroller.",
            .indirect("The city will run out of money by June", by: "the comptroller", cue: "warned")),
        DetectorCase(
            "according to anonymous people", "According to two people familiar with the matter, the deal collapsed on Sunday night.",
            .indirect("the deal collapsed on Sunday night", by: "two people familiar with the matter", cue: "According to")),
        DetectorCase(
            "spokeswoman for the ministry as subject", "A spokeswoman for the ministry said the talks would resume on Monday.",
            .indirect("the talks would resume on Monday", by: "A spokeswoman for the ministry", cue: "said")),
        DetectorCase(
            "whole quotation after a colon inside a sentence",
            #"At the time, Trump seemed to suggest he had silenced his former wife: "She signed a confidentiality agreement," he told the New York Times."#,
            .direct("She signed a confidentiality agreement", by: "he", cue: "told")),
        DetectorCase(
            "article-led role with a capitalised adjective",
            #""We have to really increase the bombings," the presumptive Republican presidential nominee told reporters."#,
            .direct("We have to really increase the bombings", by: "the presumptive Republican presidential nominee", cue: "told reporters")),
        DetectorCase(
            "abbreviation dots inside a parenthesis", "“They have nothing to worry about,” Sen. Chuck Schumer (D-N.Y.) said Tuesday.",
            .direct("They have nothing to worry about", by: "Sen. Chuck Schumer", cue: "said")),
        DetectorCase(
            "semicolon ends reported words", "The former first lady calls it her “responsibility gene”; rivals deride it as poll-tested caution.",
            .mixed("it her “responsibility gene”", by: "The former first lady", cue: "calls")),
        DetectorCase(
            "participle of speech after a quoted comma",
            "Trump said things “should be wrapped up by Cleveland,” referring to the party’s July convention.",
            .mixed("things “should be wrapped up by Cleveland,”", by: "Trump", cue: "said"),
            .indirect("the party’s July convention", by: "Trump", cue: "referring to")),
        DetectorCase(
            "role of several plain words before a name",
            #""I cannot imagine how exhausted you must be," former State policy planning director Anne-Marie Slaughter wrote to Clinton."#,
            .direct("I cannot imagine how exhausted you must be", by: "former State policy planning director Anne-Marie Slaughter", cue: "wrote")),
        DetectorCase(
            "narrating sentence inside a quoted paragraph",
            "“I’m more skilled with my hands than with my brain,” said Robin Maynard. He holds two associate degrees. “But I like working with my hands.”",
            .split("I’m more skilled with my hands than with my brain", "But I like working with my hands.", by: "Robin Maynard", cue: "said")),
        DetectorCase(
            "time between speaker and cue before a colon", "Priebus later Thursday told Fox News: “Both men are meeting up next week.”",
            .direct("Both men are meeting up next week.", by: "Priebus", cue: "told")),
        DetectorCase(
            "described as with a quoted word", "Campaign chair Paul Manafort described the whole kerfuffle as “absurd.”",
            .mixed("the whole kerfuffle as “absurd.”", by: "Campaign chair Paul Manafort", cue: "described")),
        DetectorCase(
            "infinitive after a promise", "Sanders also pledged to “bring our political revolution” to the convention.",
            .mixed("to “bring our political revolution” to the convention", by: "Sanders", cue: "pledged")),
        DetectorCase(
            "interjection between cue and quotation",
            "Emanuel acknowledged, however, “As they say in the stock brochures, past performance is no indication of future performance.”",
            .direct("As they say in the stock brochures, past performance is no indication of future performance.", by: "Emanuel", cue: "acknowledged")),
        DetectorCase(
            "second predicate inflected like the cue ends the content",
            #"Republican front-runner Donald Trump called the merger "a terrible deal" and ranked Fiorina as one of the worst chief executives."#,
            .mixed(#"the merger "a terrible deal""#, by: "Republican front-runner Donald Trump", cue: "called")),
        DetectorCase(
            "quotation followed by a clause of its own",
            "Canova wrote to his 20,000 Twitter followers, “It’s time to end her political career for good,” and shared a link to his webpage.",
            .direct("It’s time to end her political career for good", by: "Canova", cue: "wrote")),
        DetectorCase(
            "to before a listener is not content", "The senator said to reporters that the vote would be close.",
            .indirect("that the vote would be close", by: "The senator", cue: "said")),
        DetectorCase(
            "dateline is not a speaker",
            "DECATUR, Ala. — Senator Jeff Sessions weighed in on the allegations, calling the behavior a “fireable offense.”",
            .mixed("the behavior a “fireable offense.”", by: "Senator Jeff Sessions", cue: "calling")),
        DetectorCase(
            "dateline with an agency", "WASHINGTON (AP) — The Senate passed the bill on Tuesday, the majority leader said.",
            .indirect("The Senate passed the bill on Tuesday", by: "the majority leader", cue: "said")),
        DetectorCase(
            "participle and a quotation continue the speaker",
            #""They are not affiliated with the campaign," she said, adding, "Mr. Trump is incredibly grateful for their support.""#,
            .direct("They are not affiliated with the campaign", by: "she", cue: "said"),
            .direct("Mr. Trump is incredibly grateful for their support.", by: "she", cue: "adding")),
        DetectorCase(
            "name and colon before a quotation", #"Former secretary of state Hillary Rodham Clinton: "We were trying to help them close some gaps.""#,
            .direct("We were trying to help them close some gaps.", by: "Former secretary of state Hillary Rodham Clinton", cue: nil)),
        DetectorCase(
            "second attribution with words of its own",
            "Rendell said the foundation should be disbanded if Mrs. Clinton won, and he added that it would make sense to stop taking foreign donations.",
            .indirect("the foundation should be disbanded if Mrs. Clinton won", by: "Rendell", cue: "said"),
            .indirect("that it would make sense to stop taking foreign donations", by: "he", cue: "added")),
        DetectorCase(
            "as the speaker pointed out", "And as Menendez pointed out, court rulings have a lasting impact on real women.",
            .indirect("court rulings have a lasting impact on real women", by: "Menendez", cue: "pointed out")),
        DetectorCase(
            "adverbial keeps its noun before reported words", "The senator said in a statement the deal was done.",
            .indirect("the deal was done", by: "The senator", cue: "said")),
        DetectorCase(
            "adverbial after a trailing attribution", "The deal was done, the senator said on the same call.",
            .indirect("The deal was done", by: "the senator", cue: "said")),
        DetectorCase(
            "longer adverbial after a trailing attribution", "The deal was done, the senator said in an interview with the Post.",
            .indirect("The deal was done", by: "the senator", cue: "said")),
        DetectorCase(
            "party and state then a relative clause between speaker and cue",
            #"Sen. Claire McCaskill (D-Mo.), who has endorsed Clinton, said Sanders has pushed her to be a "stronger" candidate."#,
            .mixed(#"Sanders has pushed her to be a "stronger" candidate"#, by: "Sen. Claire McCaskill", cue: "said")),
        DetectorCase(
            "quotation resumes later in the sentence of its attribution",
            "“We are refugees,” Ms. Alawee said, standing by her stall in the market, “not terrorists.”",
            .split("We are refugees", "not terrorists.", by: "Ms. Alawee", cue: "said")),
        DetectorCase(
            "next sentence opens with more of the quotation",
            "“It was very nice,” Trump said of the call. “He was very charming” to everyone in the room.",
            .split("It was very nice", "He was very charming", by: "Trump", cue: "said")),
        DetectorCase(
            "paragraph ending in a colon introduces the next paragraph's quotation",
            "The New York Times reports:\n\n\"Just 24 percent of the contributors have given $200 or less.\"",
            .direct("Just 24 percent of the contributors have given $200 or less.", by: "The New York Times", cue: "reports")),
        DetectorCase(
            "colon without a speaker leaves the quotation unattributed", "Here are the rules:\n\n\"No food in the hall, ever.\"",
            .direct("No food in the hall, ever.", by: nil, cue: nil)),
        DetectorCase(
            "one speaker, two attributions: a verb and a participle",
            "Carson said he saw no need to change his campaign, telling Stephanopoulos that “we tell the truth, we deal with the issues.”",
            .indirect("he saw no need to change his campaign", by: "Carson", cue: "said"),
            .mixed("that “we tell the truth, we deal with the issues.”", by: "Carson", cue: "telling")),
        DetectorCase(
            "a statement read", "“The fact that Congress has failed to act is appalling,” the statement read.",
            .direct("The fact that Congress has failed to act is appalling", by: "the statement", cue: "read")),
        DetectorCase(
            "dash after the quoted words opens an aside", "He called the Texas senator “the next George Washington” – the Founding Father whom Beck idolizes.",
            .mixed("the Texas senator “the next George Washington”", by: "He", cue: "called")),
        DetectorCase(
            "conjunction after a quoted comma opens a new clause",
            #"President Obama has called inversions "unpatriotic," and his administration has cracked down on such transactions."#,
            .mixed(#"inversions "unpatriotic,""#, by: "President Obama", cue: "called")),
        DetectorCase(
            "participle opening the sentence is not a speaker",
            "Speaking at a town hall event in Salem, Trump went after Bush, calling him “a total stiff.”",
            .mixed("him “a total stiff.”", by: "Trump", cue: "calling")),
        DetectorCase(
            "dateline with a date", "WASHINGTON, Aug. 24 (UPI) — A spokesman for the campaign called the report “outrageous.”",
            .mixed("the report “outrageous.”", by: "A spokesman for the campaign", cue: "called")),
        DetectorCase(
            "two roles of one speaker joined by and",
            #""North Korea is run by a lunatic," the Florida senator and Republican presidential candidate said in a statement."#,
            .direct("North Korea is run by a lunatic", by: "the Florida senator and Republican presidential candidate", cue: "said")),
        DetectorCase(
            "quotation paragraph after reported speech continues its speaker",
            "Trump said he would win the state by a wide margin.\n\n“We will win big, and we will win soon.”",
            .indirect("he would win the state by a wide margin", by: "Trump", cue: "said"),
            .direct("We will win big, and we will win soon.", by: "Trump", cue: nil)),
        DetectorCase(
            "a subject's verb phrase never runs through someone else's attribution",
            "Ryan and Trump will meet sometime next week, Spicer said, adding, “They need to sit down and have a good talk.”",
            .indirect("Ryan and Trump will meet sometime next week", by: "Spicer", cue: "said"),
            .direct("They need to sit down and have a good talk.", by: "Spicer", cue: "adding")),
        DetectorCase(
            "the subject's second verb after 'but' is a cue of its own",
            "She said she had met with Manafort twice but said neither Manafort nor Gates played a role in its lobbying.",
            .indirect("she had met with Manafort twice", by: "She", cue: "said"),
            .indirect("neither Manafort nor Gates played a role in its lobbying", by: "She", cue: "said")),
        DetectorCase(
            "a headline names its speaker before a colon (a person, not a label such as \"Video:\")",
            "Bernie Sanders: Clinton needs to 'get away from all of this personality stuff' with Trump.",
            .indirect("Clinton needs to 'get away from all of this personality stuff' with Trump", by: "Bernie Sanders", cue: nil)),
        DetectorCase(
            "a title-case headline's capitalised verb is still a cue",
            "Bernie Sanders Says He Has Already Started Writing His Inaugural Address.",
            .indirect("He Has Already Started Writing His Inaugural Address", by: "Bernie Sanders", cue: "Says")),
        DetectorCase(
            "a capitalised cue word inside an ordinary sentence is a name",
            "The United States Says Nothing About It, a weekly newsletter, reaches 40,000 readers in Ohio."),
        DetectorCase(
            "an opening adverbial is not the words of a cue that has its own",
            "With two local TV crews filming, Perez says women are torn by guilt when they go back to work.",
            .indirect("women are torn by guilt when they go back to work", by: "Perez", cue: "says")),
        DetectorCase(
            "an article-led role may hold three plain words",
            "The self-described democratic socialist said he would win the state’s primary if turnout were high.",
            .indirect("he would win the state’s primary if turnout were high", by: "The self-described democratic socialist", cue: "said")),
        DetectorCase(
            "'according to' may name a poll or a document, not only a person",
            "According to a yearly Gallup poll of likely voters in all fifty states, Mrs. Clinton is the woman Americans admire most.",
            .indirect("Mrs. Clinton is the woman Americans admire most", by: "a yearly Gallup poll of likely voters in all fifty states", cue: "According to")),
        DetectorCase(
            "an anonymous source familiar with someone",
            "Cruz will be re-evaluating how he approaches his colleagues, two people familiar with them said.",
            .indirect("Cruz will be re-evaluating how he approaches his colleagues", by: "two people familiar with them", cue: "said")),
        DetectorCase(
            "a poll named before its finding is the finding's source",
            "In the latest Washington Post-ABC News poll, Clinton led Trump among voters ages 18 to 39.",
            .indirect("Clinton led Trump among voters ages 18 to 39", by: "the latest Washington Post-ABC News poll", cue: "In")),
        DetectorCase(
            "an interview is where words were said, not who said them",
            "In an interview on Monday, the senator was calm and collected."),
        DetectorCase(
            "records and filings speak for what they show",
            "Public records show no gifts at all from Trump to his namesake foundation since 2008.",
            .indirect("no gifts at all from Trump to his namesake foundation since 2008", by: "Public records", cue: "show")),
        DetectorCase(
            "the question put to a speaker has no speaker of its own",
            "Trump spoke in Ohio on Monday.\n\nAsked whether he would counsel Clinton to pick Sanders, Reid said he would not.",
            .indirect("whether he would counsel Clinton to pick Sanders", by: nil, cue: "Asked"),
            .indirect("he would not", by: "Reid", cue: "said")),
        DetectorCase(
            "an aside between dashes stands between speaker and cue",
            "Joyce — who is listed as an attorney in Illinois — told The Huffington Post he is not planning an appeal.",
            .indirect("he is not planning an appeal", by: "Joyce", cue: "told")),
        DetectorCase(
            "a quantity of a group named by a pronoun speaks",
            "Most of them said they had loved working for Carrier.",
            .indirect("they had loved working for Carrier", by: "Most of them", cue: "said")),
        DetectorCase(
            "'continues to' is no verb of speech without a quotation",
            "Trump continues to lead the Republican field in every national poll."),
        DetectorCase(
            "', however' after reported words opens the writer's own clause",
            "Around that time, 47 percent said they would vote for Clinton, however this time around that number has dropped to 35 percent.",
            .indirect("they would vote for Clinton", by: "47 percent", cue: "said")),
        DetectorCase(
            "', compared with' after reported words is the writer's comparison",
            "Now, 52 percent said Mr. Trump would be better, compared with 41 percent for Mrs. Clinton.",
            .indirect("Mr. Trump would be better", by: "52 percent", cue: "said")),
        DetectorCase(
            "a relative clause without commas between speaker and cue",
            "One Democratic official who relayed the exchange said Reid quieted the chatter.",
            .indirect("Reid quieted the chatter", by: "One Democratic official", cue: "said")),
        DetectorCase(
            "words reported inside a relative clause end with the clause",
            "Sanders, who had said he would debate the front-runner, criticized Clinton on two fronts.",
            .indirect("he would debate the front-runner", by: "who", cue: "said")),
        DetectorCase(
            "a relative clause's words end at its comma even when the main clause's cue follows",
            "Graham, who says the United States should contribute ground forces to the battle, tweeted that the plan was weak.",
            .indirect("the United States should contribute ground forces to the battle", by: "who", cue: "says"),
            .indirect("that the plan was weak", by: "Graham", cue: "tweeted")),
        DetectorCase(
            "a relative clause on the reported subject stays inside the reported words",
            "Abortion opponents said the decision, which struck down restrictions on Texas clinics, illustrates the importance of the election.",
            .indirect("the decision, which struck down restrictions on Texas clinics, illustrates the importance of the election", by: "Abortion opponents", cue: "said")),
        DetectorCase(
            "', which' after a whole clause still ends the reported words",
            "Sanders said the party had rigged the primary against him, which angered Clinton's aides, who called it a smear.",
            .indirect("the party had rigged the primary against him", by: "Sanders", cue: "said")),
        DetectorCase(
            "a second verb of speech after a first predicate that quotes",
            "He called her handling of highly sensitive information “extremely careless,” and said any “reasonable person” should have known what was classified.",
            .mixed("her handling of highly sensitive information “extremely careless,”", by: "He", cue: "called"),
            .mixed("any “reasonable person” should have known what was classified", by: "He", cue: "said")),
        DetectorCase(
            "'dismissed … as' with the speaker's own word",
            "Trump dismissed the whole kerfuffle as “absurd.”",
            .mixed("the whole kerfuffle as “absurd.”", by: "Trump", cue: "dismissed")),
        DetectorCase(
            "'described' reports an account without a quotation",
            "Schoen described the dire situation Hillary Clinton is facing in the California primary.",
            .indirect("the dire situation Hillary Clinton is facing in the California primary", by: "Schoen", cue: "described")),
        DetectorCase(
            "'according to' without a comma before it",
            "Clinton leads Sanders by 271 pledged delegates according to a count by The Associated Press.",
            .indirect("Clinton leads Sanders by 271 pledged delegates", by: "a count", cue: "according to")),
        DetectorCase(
            "'mentioned that' reports speech",
            "The senator mentioned that the bill had stalled in committee since March.",
            .indirect("that the bill had stalled in committee since March", by: "The senator", cue: "mentioned")),
        DetectorCase(
            "reported words end where another attribution's words begin",
            "Chris Brownell, an audience member, said he makes $41,000 a year and questioned how the plan works.",
            .indirect("he makes $41,000 a year", by: "Chris Brownell", cue: "said"),
            .indirect("how the plan works", by: "Chris Brownell", cue: "questioned")),
        DetectorCase(
            "a clause after a dash opens with its own subject",
            "For that she drew Trump's ire — he called her “weak” and said she had “zero support” in New Hampshire.",
            .mixed("her “weak”", by: "he", cue: "called"),
            .mixed("she had “zero support” in New Hampshire", by: "he", cue: "said")),
        DetectorCase(
            "an article after the listener opens the reported words",
            "Podesta told the AP his firm worked closely with the nonprofit.",
            .indirect("his firm worked closely with the nonprofit", by: "Podesta", cue: "told")),
        DetectorCase(
            "a poll's share of a group as the speaker",
            "Nearly eight in 10 Democratic voters overall said they have made up their mind.",
            .indirect("they have made up their mind", by: "eight in 10 Democratic voters overall", cue: "said")),
        DetectorCase(
            "an auxiliary after the quotation's conjunction goes on with the same subject",
            "Mook warned that polls could be “way off,” and have been unreliable in past races.",
            .mixed("that polls could be “way off,” and have been unreliable in past races", by: "Mook", cue: "warned")),
        DetectorCase(
            "'and then' before a cue after a quotation is the subject's next attribution",
            #"Trump blasted the instructor at a rally, calling her a "horrible, horrible witness," and then tweeted that she was "Disgraceful!""#,
            .mixed(#"her a "horrible, horrible witness,""#, by: "Trump", cue: "calling"),
            .mixed(#"that she was "Disgraceful!""#, by: "Trump", cue: "tweeted")),
        DetectorCase(
            "', while …' after reported words is a clause of its own",
            "Ryan said they would begrudgingly support Trump, while emphasizing it is not an endorsement.",
            .indirect("they would begrudgingly support Trump", by: "Ryan", cue: "said")),
        DetectorCase(
            "an adverbial never ends on its preposition: the listener is no claim",
            "Radio host Charlie Sykes lamented in an interview with the Business Insider politics editor Oliver Darcy."),
        DetectorCase(
            "'too many' opens reported words; only a bare 'too' after the cue is an adverb",
            "With two local TV crews filming, Perez says too many women are torn by guilt when they go back to work.",
            .indirect("too many women are torn by guilt when they go back to work", by: "Perez", cue: "says")),
        DetectorCase(
            "a name after ', said' is who spoke, not what was said",
            "Even as the race moves to New York, the race will be tight, said Dan Gerstein, an analyst in New York City.",
            .indirect("Even as the race moves to New York, the race will be tight", by: "Dan Gerstein", cue: "said")),
        DetectorCase(
            "reported words end before another subject's 'has argued'",
            "Sanders said it would be very hard for his campaign to win the nomination, his campaign has argued that it could still persuade superdelegates.",
            .indirect("it would be very hard for his campaign to win the nomination", by: "Sanders", cue: "said"),
            .indirect("that it could still persuade superdelegates", by: "his campaign", cue: "argued")),
        DetectorCase(
            "words reported inside an opening subordinate clause end at its comma",
            "As Donald Trump lamented illegal immigration from Mexico, Clinton took a moment to reach out to Spanish-speaking voters.",
            .indirect("illegal immigration from Mexico", by: "Donald Trump", cue: "lamented")),
        DetectorCase(
            "'As X said on Monday, …' gives the main clause to X",
            "As Menendez pointed out on Monday, court rulings have a lasting impact on real women.",
            .indirect("court rulings have a lasting impact on real women", by: "Menendez", cue: "pointed out")),
        DetectorCase(
            "a correction notice is the newsroom's, not a claim",
            "Correction: An earlier version of this article misstated when the “War on Drugs” began."),
    ]

    static let knownGaps: [DetectorCase] = [
        DetectorCase(
            "single quotes as the outer marks of a headline", "‘We will rebuild,’ mayor vows after floods",
            .direct("We will rebuild", by: "mayor", cue: "vows"),
            gap: "no record: single quotes are not taken as outer marks, and the headline has no article before “mayor”"),
        DetectorCase(
            "unclosed quote before its attribution",
            "“This will not stand, Mr. Kerry said.\n\nThe talks resumed on Thursday in Geneva.\n\nOfficials said the next round would start in May.",
            .direct("This will not stand", by: "Mr. Kerry", cue: "said"),
            .indirect("the next round would start in May", by: "Officials", cue: "said"),
            gap: "the repair stays in the paragraph (good) but does not close the quote before “, Mr. Kerry said”: unattributed direct «This will not stand, Mr. Kerry said.»"),
        DetectorCase(
            "partial quote followed by a second verb", "The governor called the shooting “an act of terror” and ordered flags lowered.",
            .mixed("the shooting “an act of terror”", by: "The governor", cue: "called"),
            gap: "content runs past the fragment and drops the object: mixed «“an act of terror” and ordered flags lowered»"),

    ]
}
