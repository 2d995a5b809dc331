import Foundation
import Testing
@testable import QuoteCheck

/// Speaker mentions that cover the whole phrase naming the speaker (issue 14): an apposition
/// that gives a role's name, a name before its role. The mention is what the speaker span
/// shows; the name comes from the part of it that is the name.
@Suite struct SpeakerSpanTests {
    static let pipeline: Pipeline? = try? Pipeline(rules: RuleSet.load(), format: .text)

    static func speaker(_ text: String, quoting words: String) throws -> Speaker {
        let pipeline = try #require(Self.pipeline)
        let records = pipeline.records(for: try pipeline.loader.load(bytes: Array(text.utf8), uri: "case.txt"))
        let record = try #require(records.first { $0.quote.text.contains(words) }, "no record quoting «\(words)» in \(records.map(\.quote.text))")
        return try #require(record.speaker)
    }

    @Test(arguments: [
        ("The agency’s director, Maria Lindqvist, said the inquiry would take a year.", "inquiry",
         "The agency’s director, Maria Lindqvist", "Maria Lindqvist"),
        ("“The pool will reopen in May,” a lifeguard on duty, Tomas Weber, said on Friday.", "pool",
         "a lifeguard on duty, Tomas Weber", "Tomas Weber"),
        ("The head of the union, Rafael Ortega, criticised the plan, saying it was “a step backwards for every worker.”", "backwards",
         "The head of the union, Rafael Ortega", "Rafael Ortega"),
        ("Petra Novak, CEO of Brightline — which builds ferries for the coast guard — said the order had been cancelled.", "order",
         "Petra Novak, CEO of Brightline", "Petra Novak"),
    ])
    func appositionIsInTheMentionAndTheNameIsClean(text: String, words: String, mention: String, name: String) throws {
        let speaker = try Self.speaker(text, quoting: words)
        #expect(speaker.mention?.text == mention)
        #expect(speaker.name == name)
    }

    @Test func roleBeforeTheNameBecomesItsTitle() throws {
        let speaker = try Self.speaker("The agency’s director, Maria Lindqvist, said the inquiry would take a year.", quoting: "inquiry")
        #expect(speaker.title == "The agency’s director")
    }

    @Test func asideThatIsNoNameStaysOutOfTheMention() throws {
        // "a South Carolina Republican" describes the senator; the name is already the speaker.
        let speaker = try Self.speaker("“This is a disaster,” Sen. Lindsey Graham, a South Carolina Republican, said on Sunday.", quoting: "disaster")
        #expect(speaker.mention?.text == "Sen. Lindsey Graham")
        // A clause after a comma is no name: "the mayor, who spoke first, said".
        let other = try Self.speaker("The mayor, who spoke first, said the budget was balanced.", quoting: "budget")
        #expect(other.mention?.text == "The mayor")
    }

    /// Cut-off phrases: a name is kept whole through its lower-case links and particles.
    @Test(arguments: [
        ("The Standing Committee on Housing and Planning said the rents would rise next year.", "rents",
         "The Standing Committee on Housing and Planning", "Standing Committee on Housing and Planning"),
        ("Gazette reporter and photo editor Lena Marsh said the footage had not been edited.", "footage",
         "Gazette reporter and photo editor Lena Marsh", "Lena Marsh"),
        ("“The museum will stay open all summer,” said Anne des Rosiers.", "museum", "Anne des Rosiers", "Anne des Rosiers"),
    ])
    func nameIsKeptWhole(text: String, words: String, mention: String, name: String) throws {
        let speaker = try Self.speaker(text, quoting: words)
        #expect(speaker.mention?.text == mention)
        #expect(speaker.name == name)
    }

    @Test func dayAfterAnOrganisationIsNoPartOfItsName() throws {
        let speaker = try Self.speaker("“We disagree with the ruling,” said the Housing Council on Monday.", quoting: "ruling")
        #expect(speaker.mention?.text == "the Housing Council")
    }
}
