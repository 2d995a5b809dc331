import Foundation
import Testing

/// `quotecheck check` run as a new user would: a news article and a transcript pasted as it came
/// (hard-wrapped, straight quotes, `--`, timestamps, labels). (Written to a scratch directory:
/// a fixture file would join the extract byte-identity set.)
@Suite(.enabled(if: BadInputTests.executable != nil, "needs the quotecheck executable built"))
struct CheckCommandTests {
    static let article = """
        Council approves budget after heated session

        By Staff Reporter

        SPRINGFIELD -- The city council approved a $4 million budget on Tuesday after a session that ran past midnight.

        "We did not get everything we wanted, but this is a budget the city can live with," Mayor Ana Diaz told reporters after the vote. "Nobody should pretend that the roads will be fixed this year."

        Councilman Tom Reed was less forgiving. "This budget cuts 12 teachers and calls it reform," he said.

        Diaz said the city would "come back to the schools in the spring" and that the council had "never once ignored the parents."
        """

    static let transcript = """
        SPRINGFIELD CITY COUNCIL -- REGULAR SESSION
        Transcript (unofficial)

        [00:00:05] CHAIR: The meeting will come to order.

        [01:12:31] MAYOR DIAZ: Thank you. We did not get everything we
        wanted, but this is a budget the city can live with. I said it
        last week and I will say it again -- nobody should pretend that the
        roads will be fixed this year. We will come back to the schools
        in the spring. The council has never ignored the parents, not
        once.

        [01:14:02] COUNCILMAN REED: This budget cuts 14 teachers and calls
        it "reform." I cannot support it.
        """

    let article: String
    let transcript: String

    init() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("qc-check-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        article = scratch.appendingPathComponent("article.txt").path
        transcript = scratch.appendingPathComponent("transcript.txt").path
        try Data(Self.article.utf8).write(to: URL(fileURLWithPath: article))
        try Data(Self.transcript.utf8).write(to: URL(fileURLWithPath: transcript))
    }

    @Test func listingReadsWellForAWrappedTranscript() throws {
        let result = try BadInputTests.runCLI(["check", article, "--against", transcript])
        // The changed number is critical: the run fails.
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        // A wrapped reference's line breaks are spaces, never an escaped \u{A}.
        #expect(!result.stdout.contains("\\u{A}"), "\(result.stdout)")
        #expect(lines.contains { $0.hasPrefix("  deleted: source \"I said it last week and I will say it again\" ") }, "\(result.stdout)")
        // A replaced word is marked in place, with the source's spacing.
        #expect(lines.contains("             This budget cuts [-14-]{+12+} teachers and calls it \"reform"), "\(result.stdout)")
        #expect(lines.contains { $0.contains("altered [omitted-without-ellipsis]") })
        #expect(lines.contains { $0.contains("altered [critical: number-changed]") })
        // The mayor is the same person under both spellings.
        #expect(lines.contains("  speaker:   article Ana Diaz, source MAYOR DIAZ"))
        #expect(lines.last == "3 quotes: 0 verbatim, 0 elided, 3 altered, 0 spliced, 0 not-found, 0 paraphrase-ok, 0 paraphrase-conflict, 0 speaker-mismatch; 1 failing", "\(result.stdout)")
    }

    @Test func findingsReportHasTheOmissionAsItsOwnKind() throws {
        let result = try BadInputTests.runCLI(["check", article, "--against", transcript, "--format", "json"])
        #expect(result.status == 1)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let findings = try #require(report["findings"] as? [[String: Any]])
        #expect(findings.compactMap { $0["kind"] as? String } == ["omitted-without-ellipsis", "misquote-critical", "misquote"])
        #expect(findings.first?["severity"] as? String == "warning")
    }
}
