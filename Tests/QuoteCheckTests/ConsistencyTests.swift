import Foundation
import Testing
@testable import QuoteCheck

/// `quotecheck consistency`: near-identical quotes attributed to different speakers.
@Suite struct ConsistencyTests {
    static func record(_ text: String, speaker: String?, uri: String, start: Int = 100) -> ClaimRecord {
        let end = start + text.unicodeScalars.count
        return ClaimRecord(
            id: Hashing.recordID(documentSHA256: uri, range: ScalarRange(start: start, end: end)),
            document: DocumentReference(uri: uri, media: "text/plain", sha256: uri, textSha256: uri),
            kind: .direct,
            quote: QuoteText(text: text, start: start, end: end, sourceBytes: ByteRange(start: start, end: end), prefix: "", suffix: ""),
            speaker: speaker.map { Speaker(name: $0, mention: nil, resolvedBy: "test", anonymous: false) },
            cue: nil, rule: "test", confidence: 1)
    }

    static let bases = "Russia will not withdraw its people from the bases in Tartous and Khmeimim while the region needs them."

    static let corpus: [ClaimRecord] = [
        record("“\(bases)”", speaker: "Vladimir Putin", uri: "a.txt"),
        record("\"russia will not withdraw its people from the bases in Tartous and Khmeimim...\"", speaker: "Putin", uri: "b.txt"),
        record("“Russia will not withdraw its people from the bases … while the region needs them”", speaker: "PUTIN", uri: "c.txt"),
        record("“\(bases)”", speaker: "Mr. al-Sharaa", uri: "d.txt"),
        // Consistent: one speaker under two names.
        record("“We are trying to restore and redefine in a new way the nature of these relations”", speaker: "Ahmed al-Sharaa", uri: "a.txt", start: 400),
        record("“We are trying to restore and redefine the nature of these relations”", speaker: "al-Sharaa", uri: "b.txt", start: 400),
        // Unattributed: not an attribution at all.
        record("“\(bases)”", speaker: nil, uri: "e.txt"),
        // Unrelated.
        record("“The elections were a great success for the whole of society”", speaker: "Sergei Lavrov", uri: "a.txt", start: 900),
    ]

    @Test func conflictingAttributionsAreGroupedMostCitedFirst() throws {
        let checker = ConsistencyChecker(names: SpeakerNames(titles: try RuleSet.load().speakerLabels.titles))
        let conflicts = checker.conflicts(in: Self.corpus)
        #expect(conflicts.count == 1)
        let conflict = try #require(conflicts.first)
        #expect(conflict.citationCount == 4)
        #expect(conflict.attributions.map(\.citations.count) == [3, 1])
        #expect(Set(conflict.attributions[0].names) == ["Vladimir Putin", "Putin", "PUTIN"])
        #expect(conflict.attributions[1].speaker == "Mr. al-Sharaa")
        #expect(conflict.attributions[1].citations.map(\.uri) == ["d.txt"])
    }

    @Test func orderIsByCitationsAcrossConflicts() throws {
        var corpus = Self.corpus
        corpus.append(Self.record("“The elections were a great success for the whole of society”", speaker: "Vladimir Putin", uri: "f.txt"))
        let checker = ConsistencyChecker(names: SpeakerNames(titles: try RuleSet.load().speakerLabels.titles))
        let conflicts = checker.conflicts(in: corpus)
        #expect(conflicts.map(\.citationCount) == [4, 2])
        #expect(conflicts.last?.attributions.map(\.speaker).sorted() == ["Sergei Lavrov", "Vladimir Putin"])
    }

    @Test func noConflictWhenEveryoneAgrees() throws {
        let checker = ConsistencyChecker(names: SpeakerNames(titles: try RuleSet.load().speakerLabels.titles))
        let agreeing = Self.corpus.filter { $0.speaker?.name.contains("Sharaa") != true || $0.quote.start == 400 }
        #expect(checker.conflicts(in: agreeing).isEmpty)
    }
}
