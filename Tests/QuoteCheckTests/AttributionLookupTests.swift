import Testing
@testable import QuoteAttribution
@testable import QuoteCheck
@testable import QuoteRules

/// The lookups that keep attribution near-linear on huge documents (binary searches over the
/// entity index, ``DocumentLookups``) against the plain scans they replaced, on a long generated
/// document; and the byte tests of word endings against `String.hasSuffix`.
@Suite struct AttributionLookupTests {
    // MARK: Word endings

    static let words = [
        "", "s", "'s", "’s", "putin's", "putin’s", "meadows'", "whole foods’", "josé's", "jose\u{301}'s", "x\u{0600}'s", "ß's",
        "didn't", "can’t", "n't", "member", "councilmember", "er", "präsident", "landespräsident", "minister", "e\u{301}",
        "cafe\u{301}", "\u{212A}", "k", "o'neill", "'", "’",
    ]
    static let endings = ["'s", "’s", "'", "’", "n't", "n’t", "member", "er", "präsident", "é", "k", ""]

    @Test(arguments: endings)
    func wordEndingAnswersAsHasSuffixDoes(_ text: String) {
        let ending = WordEnding(text)
        for word in Self.words {
            #expect(ending.ends(word) == word.hasSuffix(text), "«\(word)» ends with «\(text)»")
            let stripped = word.hasSuffix(text) && word.count > text.count ? String(word.dropLast(text.count)) : nil
            #expect(ending.strip(word) == stripped, "«\(word)» without «\(text)»")
        }
    }

    @Test func lexiconEndingTestsAnswerAsBefore() throws {
        let lexicon = try RuleSet.load().lexicon
        for word in Self.words {
            let bare = lexicon.possessiveSuffixes.first { word.hasSuffix($0) && word.count > $0.count }.map { String(word.dropLast($0.count)) } ?? word
            #expect(lexicon.withoutPossessive(word) == bare, "«\(word)»")
            #expect(lexicon.hasTitleSuffix(word) == lexicon.titleSuffixes.contains { word.hasSuffix($0) }, "«\(word)»")
            #expect(lexicon.hasNegationSuffix(word) == lexicon.negationSuffixes.contains { word.hasSuffix($0) }, "«\(word)»")
        }
    }

    // MARK: A long document

    /// Paragraphs that name people (with titles, honorifics, possessives, credits and
    /// bylines), organisations and quotations, varied so that names repeat at many distances.
    static func longDocument(paragraphs: Int) -> String {
        let first = ["Anna", "Raul", "Mary", "John", "Fiona", "David", "Sarah", "Ahmed"]
        let last = ["Ortiz", "Smith", "Jones", "Parata", "Chang", "Weber", "Lourimi", "Emery"]
        let roles = ["President", "Senator", "Governor", "Councilmember", "Minister"]
        let companies = ["Acme Corporation", "Whole Foods Market", "Globex Company", "Initech Agency"]
        var text = ""
        for index in 0..<paragraphs {
            let a = "\(first[index % first.count]) \(last[(index / 3) % last.count])"
            let b = "\(first[(index + 3) % first.count]) \(last[(index * 5 + 1) % last.count])"
            let surname = last[(index / 3) % last.count]
            let role = roles[index % roles.count]
            let company = companies[(index / 2) % companies.count]
            switch index % 5 {
            case 0:
                text += "\(role) \(a) met \(b) of the \(company) in Boston. “We will win \(index),” \(surname) said.\n\n"
            case 1:
                text += "By \(b)\n\nThe company said it would grow. (Photo by \(a)/Getty Images) “It is over,” the \(role.lowercased()) said.\n\n"
            case 2:
                text += "Mr. \(surname), a member of \(company), said the report by the National Institute of Health was wrong. "
                    + "\(surname)’s aides agreed. “Not true,” he said.\n\n"
            case 3:
                text += "\(company) (\(company.split(separator: " ").compactMap(\.first).map(String.init).joined())) declined. "
                    + "“No comment,” \(company.split(separator: " ").first ?? "") said, according to \(b).\n\n"
            default:
                text += "Dr. \(b) spoke. The \(role.lowercased()) of \(company) told \(a): “Soon.”\n\n"
            }
        }
        return text
    }

    struct Fixture {
        var analysis: DocumentAnalysis
        var entities: EntityIndex
        var lexicon: Lexicon
    }

    static func fixture(paragraphs: Int = 120) throws -> Fixture {
        let rules = try RuleSet.load()
        let loaded = try PlainTextLoader().load(bytes: Array(longDocument(paragraphs: paragraphs).utf8), uri: "long.txt")
        let detection = QuoteDetector(rules: rules).detect(in: loaded)
        let sources = detection.quotes.compactMap(\.source)
        var entities = EntityIndex(analysis: detection.analysis, lexicon: rules.lexicon, speakerPhrases: sources)
        entities.markSpeakers(sources, analysis: detection.analysis)
        return Fixture(analysis: detection.analysis, entities: entities, lexicon: rules.lexicon)
    }

    /// Deterministic spans over the document: every length class, every place.
    static func spans(count: Int) -> [ScalarRange] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var result: [ScalarRange] = []
        for _ in 0..<600 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let start = Int(state >> 33) % count
            let length = [0, 1, 12, 80, 400, 3000][Int(state >> 20) % 6]
            result.append(ScalarRange(start: start, end: min(count, start + length)))
        }
        return result
    }

    @Test func theDocumentHasWhatTheLookupsAreFor() throws {
        let fixture = try Self.fixture()
        #expect(fixture.entities.mentions.count > 200)
        #expect(fixture.entities.mentions.contains { $0.isExcluded })
        #expect(fixture.entities.mentions.contains { $0.isPossessive })
        #expect(fixture.entities.organizations.count > 50)
        #expect(fixture.entities.otherRuns.count > 100)
        #expect(!fixture.entities.speakingOrganizations.isEmpty)
        // The binary searches rely on text order.
        for (earlier, later) in zip(fixture.entities.mentions, fixture.entities.mentions.dropFirst()) {
            #expect(earlier.range.end <= later.range.start)
        }
        for list in [fixture.entities.organizations, fixture.entities.otherRuns, fixture.entities.writtenRuns] {
            for (earlier, later) in zip(list, list.dropFirst()) { #expect(earlier.range.end <= later.range.start) }
        }
    }

    @Test func mentionLookupsAnswerAsScansDo() throws {
        let fixture = try Self.fixture()
        let entities = fixture.entities
        let mentions = entities.mentions
        for span in Self.spans(count: fixture.analysis.scalars.count) {
            #expect(entities.lastMention(inside: span) == mentions.last { span.contains($0.range) && !$0.isExcluded }, "\(span)")
            #expect(entities.firstMention(overlapping: span) { !$0.isExcluded } == mentions.first { $0.range.overlaps(span) && !$0.isExcluded }, "\(span)")
            for entity in [0, 3] {
                #expect(entities.firstMention(overlapping: span) { $0.entity == entity } == mentions.first { $0.entity == entity && $0.range.overlaps(span) })
            }
            var seen = Set<Int>()
            let people = mentions.filter { span.contains($0.range) && entities.canBeAntecedent($0) && seen.insert($0.entity).inserted }
            #expect(entities.people(in: span) == people, "\(span)")
            let outside = ScalarRange(start: span.start + span.count / 3, end: span.end - span.count / 3)
            let left = people.filter { !outside.contains($0.range) }
            #expect(entities.onlyPerson(in: span, leavingOut: outside) == (left.count == 1 ? left.first : nil), "\(span)")
        }
    }

    @Test func runLookupsAnswerAsScansDo() throws {
        let fixture = try Self.fixture()
        let entities = fixture.entities
        let organizations = entities.organizations
        for span in Self.spans(count: fixture.analysis.scalars.count) {
            let offset = span.end
            let window = span.count
            #expect(entities.firstRun(in: span)?.range == entities.otherRuns.first { span.contains($0.range) }?.range, "\(span)")
            #expect(entities.lastRun(before: offset, window: window)?.range
                == entities.otherRuns.last { $0.range.end <= offset && $0.range.start >= offset - window }?.range)
            for noun in ["company", "corporation", "market", "health"] {
                let expected = organizations.last { $0.range.end <= offset && $0.range.start >= offset - window && $0.words.contains(noun) }
                    ?? organizations.first { $0.range.start > offset && $0.range.start <= offset + 500 && $0.words.contains(noun) }
                #expect(entities.organization(withNoun: noun, before: offset, window: window, ahead: 500)?.range == expected?.range, "\(noun) \(span)")
            }
            let speaks: (EntityIndex.NameRun) -> Bool = { entities.speakingOrganizations.contains($0.words) }
            for ahead in [0, 300] {
                let salient = organizations.last { $0.range.end <= offset && $0.range.start >= offset - window && speaks($0) }
                    ?? (ahead > 0 ? organizations.first { $0.range.start > offset && $0.range.start <= offset + ahead && speaks($0) } : nil)
                #expect(entities.salientOrganization(before: offset, window: window, ahead: ahead)?.range == salient?.range, "\(span)")
            }
        }
    }

    @Test func roleAndFullerFormLookupsAnswerAsScansDo() throws {
        let fixture = try Self.fixture()
        let entities = fixture.entities
        var lookups = DocumentLookups()
        let roleSets: [Set<String>] = [["president"], ["senator"], ["councilmember"], ["governor", "president"], ["minister"], [], ["nobody"]]
        for span in Self.spans(count: fixture.analysis.scalars.count).prefix(200) {
            for roles in roleSets {
                // The scan the role lookup replaced.
                var expected = entities.mentions.reversed().first { mention in
                    mention.range.end <= span.start && !mention.isExcluded && roles.isSubset(of: entities.people[mention.entity].roleWords)
                }
                if expected == nil {
                    expected = entities.mentions.first { mention in
                        mention.range.start > span.start && !mention.isExcluded && roles.isSubset(of: entities.people[mention.entity].roleWords)
                    }
                }
                #expect(lookups.mention(introducedAs: roles, before: span.start, compounds: false, entities: entities) == expected, "\(roles) \(span)")
            }
        }
        // More distinct first words than are scanned for: both the scans and the groups answer.
        #expect(Set(entities.writtenRuns.compactMap(\.words.first)).count > DocumentLookups.scansBeforeGrouping)
        var asked = 0
        for run in entities.writtenRuns {
            for length in 1...min(3, run.words.count) {
                let words = Array(run.words.prefix(length))
                for alone in [false, true] {
                    #expect(lookups.fullerForm(of: words, firstNameAlone: alone, entities: entities)
                        == entities.fullerForm(of: words, firstNameAlone: alone), "\(words)")
                    asked += 1
                }
            }
        }
        #expect(asked > 100)
    }

    /// A document of many articles in one: every quotation is still given its own speaker.
    @Test func aLongDocumentKeepsEachSpeaker() throws {
        let names = ["Anna Ortiz", "Raul Smith", "Mary Jones", "John Parata"]
        var text = ""
        for index in 0..<400 {
            text += "\(names[index % names.count]) spoke on day \(index). “We will finish part \(index),” \(names[index % names.count]) said.\n\n"
        }
        let pipeline = try Pipeline(rules: RuleSet.load(), format: .text)
        let records = pipeline.records(for: try pipeline.loader.load(bytes: Array(text.utf8), uri: "long.txt"))
        #expect(records.count == 400)
        for (index, record) in records.enumerated() {
            #expect(record.quote.text == "We will finish part \(index)")
            #expect(record.speaker?.name == names[index % names.count])
        }
    }
}
