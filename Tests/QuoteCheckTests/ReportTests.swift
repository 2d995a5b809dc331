import Foundation
import QuoteCheck
import Testing

@testable import QuoteReview

/// The HTML report's safety and structure, checked on the markup (the browser test in
/// .ci/browser.sh checks what a real browser does with it).
@Suite struct ReportTests {
    static func documents(_ paths: [String], references: [String] = []) throws -> [ReviewDocument] {
        let inputs = ReviewInputs(pipeline: Pipeline(rules: try RuleSet.load()))
        return try inputs.documents(
            paths.map { packageRoot.appendingPathComponent($0).path }, references: references.map { packageRoot.appendingPathComponent($0).path })
    }

    static func matches(_ pattern: String, in text: String) throws -> [[String]] {
        let regex = try NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
        let ns = text as NSString
        return regex.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { match in
            (0..<match.numberOfRanges).map { match.range(at: $0).location == NSNotFound ? "" : ns.substring(with: match.range(at: $0)) }
        }
    }

    static let hostileFixtures = ["Fixtures/report/hostile.txt", "Fixtures/report/hostile.html"]

    @Test(arguments: hostileFixtures)
    func hostileArticleStaysText(_ fixture: String) throws {
        let documents = try Self.documents([fixture])
        let records = try #require(documents.first?.records)
        #expect(records.count >= 4, "the fixture's quotes are found")
        let html = try ReportBuilder().html(for: documents)
        // Exactly our two script elements and one style element; nothing from the article
        // became an element or an attribute.
        #expect(try Self.matches("<script", in: html).count == 2)
        #expect(try Self.matches("<style", in: html).count == 1)
        for pattern in ["<img", "<svg onload", "<iframe", "<a href", "<b "] {
            #expect(!html.contains(pattern), "\(pattern) in the report")
        }
        // No element of the page has an event handler or a javascript: URL.
        #expect(try Self.matches(#"<[a-zA-Z][^<>]*\s(on[a-z]+|href|src)\s*=\s*["']?\s*(javascript:)?"#, in: html).allSatisfy { match in
            !match[1].hasPrefix("on") && match[2].isEmpty
        })
        #expect(html.contains("&lt;/script&gt;&lt;script&gt;window.qcHostile"))
        // Template syntax in the article is shown, not expanded.
        #expect(html.contains("{{{payload}}}"))
        // The data block cannot be closed or commented out from inside.
        let data = try #require(try Self.matches(#"<script type="application/json" id="qc-data">(.*?)</script>"#, in: html).first?[1])
        for forbidden in ["<", ">", "&", "\u{2028}", "\u{2029}"] {
            #expect(!data.contains(forbidden), "raw \(forbidden.unicodeScalars.first.map { String($0.value, radix: 16) } ?? "") in the data block")
        }
        // And it still holds every record, text intact.
        let decoded = try JSONSerialization.jsonObject(with: Data(data.utf8)) as? [String: Any]
        let entries = ((decoded?["articles"] as? [[String: Any]])?.first?["entries"] as? [[String: Any]]) ?? []
        #expect(entries.count == records.count)
        let texts = entries.compactMap { (($0["record"] as? [String: Any])?["quote"] as? [String: Any])?["text"] as? String }
        #expect(texts == records.map(\.quote.text))
    }

    @Test func contentSecurityPolicyAllowsOnlyTheInlineCodeByHash() throws {
        let html = try ReportBuilder().html(for: try Self.documents(["Fixtures/articles/sharaa-putin.txt"]))
        let policy = try #require(try Self.matches(#"<meta http-equiv="Content-Security-Policy" content="([^"]*)">"#, in: html).first?[1])
            .replacingOccurrences(of: "&#39;", with: "'")
        let script = try #require(try Self.matches(#"<script>(.*?)</script>"#, in: html).first?[1])
        let style = try #require(try Self.matches(#"<style>(.*?)</style>"#, in: html).first?[1])
        #expect(policy.contains("default-src 'none'"))
        #expect(policy.contains("script-src '\(ReportBuilder.hashSource(script))'"))
        #expect(policy.contains("style-src '\(ReportBuilder.hashSource(style))'"))
        #expect(!policy.contains("unsafe-inline"))
        #expect(!policy.contains("unsafe-eval"))
        // No network: nothing in the page names another origin.
        #expect(try Self.matches(#"(src|href)="(https?:)?//"#, in: html).isEmpty)
        // A known hash: SHA-256 of "alert(1)" in base64.
        #expect(ReportBuilder.hashSource("alert(1)") == "sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI=")
    }

    @Test func everyRecordIsHighlightedOnceWithItsParts() throws {
        let documents = try Self.documents(["Fixtures/articles/sharaa-putin.txt"])
        let records = try #require(documents.first?.records)
        let html = try ReportBuilder().html(for: documents)
        let ids = try Self.matches(#"<span class="q [^"]*" data-record-id="([0-9a-f]+)""#, in: html).map { $0[1] }
        #expect(Set(ids) == Set(records.map(\.id)))
        // A split quote: each piece highlighted, the cue between them not.
        let split = try #require(records.first { ($0.quote.parts?.count ?? 0) > 1 })
        let pieces = try Self.matches(#"<span class="q [^"]*" data-record-id="\#(split.id)"[^>]*>([^<]*)</span>"#, in: html).map { $0[1] }
        #expect(pieces.joined() == split.quote.parts?.map(\.text).joined())
        #expect(html.contains("data-for=\"\(split.id)\">reportedly</span>"))
    }

    @Test func corpusReportHasAnIndex() throws {
        let documents = try Self.documents(["Fixtures/articles/sharaa-putin.txt", "Fixtures/check/article.txt"], references: ["Fixtures/check/transcript.txt"])
        let html = try ReportBuilder().html(for: documents)
        #expect(html.contains("<section class=\"index\""))
        #expect(try Self.matches(#"<section class="article" id="a\d""#, in: html).count == 2)
        #expect(html.contains("href=\"#a2\""))
        // Checked records carry their check into the data the page reads.
        #expect(html.contains("\"status\":\"verbatim\"") || html.contains("\"status\":\"altered\""))
    }
}

@Suite struct ReviewFileTests {
    static func records() throws -> [ReviewedRecord] {
        try Pipeline(rules: try RuleSet.load()).extract(path: packageRoot.appendingPathComponent("Fixtures/articles/sharaa-putin.txt").path)
            .map { ReviewedRecord(record: $0, review: nil) }
    }

    @Test func applyMatchesByIDAndDocumentHash() throws {
        let records = try Self.records()
        let sha = records[0].record.document.sha256
        let file = ReviewFile(reviews: [
            Review(id: records[0].record.id, documentSha256: sha, verdict: .accepted, speaker: nil, reviewer: "ed", time: "2026-12-03T06:00:00Z"),
            Review(id: records[1].record.id, documentSha256: sha, verdict: .rejected, speaker: nil, reviewer: "ed", time: "2026-12-03T06:01:00Z"),
            Review(id: records[2].record.id, documentSha256: sha, verdict: .corrected, speaker: "Sergei Lavrov", reviewer: "ed", time: "2026-12-03T06:02:00Z"),
            Review(id: records[3].record.id, documentSha256: String(repeating: "0", count: 64), verdict: .accepted, speaker: nil, reviewer: "ed", time: "t"),
            Review(id: "ffffffffffffffff", documentSha256: sha, verdict: .accepted, speaker: nil, reviewer: "ed", time: "t"),
        ])
        let result = ReviewApplication(reviews: file, to: records, reviewPath: "r.json")
        #expect(result.applied == 3)
        #expect(result.records.count == records.count, "a rejected record stays")
        #expect(result.records[1].review?.verdict == .rejected)
        #expect(result.records[2].review?.speaker == "Sergei Lavrov")
        #expect(result.records[3].review == nil, "a review of other bytes is not applied")
        #expect(result.problems.count == 2)
        #expect(result.problems[0].hasPrefix("r.json: review 4 (record \(records[3].record.id)): document sha256"))
        #expect(result.problems[1].contains("no record with this id"))
    }

    @Test func reviewedRecordsRoundTripAsJSONLines() throws {
        var record = try #require(try Self.records().first)
        record.review = Review(id: record.record.id, documentSha256: record.record.document.sha256, verdict: .corrected, speaker: "X Y", reviewer: "ed", time: "2026-12-03T06:00:00Z")
        let line = JSONLines.line(record)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["schema"] as? String == ClaimRecord.schemaVersion)
        #expect((object["review"] as? [String: Any])?["verdict"] as? String == "corrected")
        let back = try JSONDecoder().decode(ReviewedRecord.self, from: Data(line.utf8))
        #expect(back == record)
        // A plain claim record reader still reads it.
        #expect(try JSONDecoder().decode(ClaimRecord.self, from: Data(line.utf8)) == record.record)
    }

    @Test func badReviewFileNamesTheFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("qc-review-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try #"{"schema":"quotecheck.review/1","reviews":[{"id":"x"}]}"#.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: ReviewError.self) { try ReviewFile.read(path: path) }
        do {
            _ = try ReviewFile.read(path: path)
        } catch {
            #expect(error.description.hasPrefix("\(path): not a review file: missing key 'reviews.0.documentSha256'"))
        }
    }
}

@Suite struct ExportTests {
    static func reviewed() throws -> [ReviewedRecord] {
        let records = try ReviewFileTests.records()
        let sha = records[0].record.document.sha256
        var out = records
        out[0].review = Review(id: records[0].record.id, documentSha256: sha, verdict: .accepted, speaker: nil, reviewer: "ed", time: "2026-12-03T06:00:00Z")
        out[1].review = Review(id: records[1].record.id, documentSha256: sha, verdict: .corrected, speaker: "Sergei Lavrov", reviewer: "ed", time: "2026-12-03T06:00:00Z")
        out[2].review = Review(id: records[2].record.id, documentSha256: sha, verdict: .rejected, speaker: nil, reviewer: "ed", time: "2026-12-03T06:00:00Z")
        return out
    }

    static func object(_ value: JSONValue) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(value.text.utf8)) as? [String: Any])
    }

    @Test func webAnnotationsHaveBothSelectors() throws {
        let records = try Self.reviewed()
        let page = try Self.object(Exporter.export(records, format: .w3c))
        #expect(page["@context"] as? String == "http://www.w3.org/ns/anno.jsonld")
        #expect(page["type"] as? String == "AnnotationPage")
        let items = try #require(page["items"] as? [[String: Any]])
        #expect(items.count == records.count)
        for (item, reviewed) in zip(items, records) {
            let record = reviewed.record
            #expect(item["type"] as? String == "Annotation")
            #expect((item["id"] as? String)?.hasPrefix("urn:quotecheck:") == true)
            #expect(item["motivation"] as? String != nil)
            #expect((item["body"] as? [[String: Any]])?.isEmpty == false)
            let target = try #require(item["target"] as? [String: Any])
            #expect(target["source"] as? String == record.document.uri)
            let selectors = try #require(target["selector"] as? [[String: Any]])
            let position = try #require(selectors.first { $0["type"] as? String == "TextPositionSelector" })
            #expect(position["start"] as? Int == record.quote.start)
            #expect(position["end"] as? Int == record.quote.end)
            let quote = try #require(selectors.first { $0["type"] as? String == "TextQuoteSelector" })
            #expect(quote["exact"] as? String == record.quote.text)
            #expect(quote["prefix"] as? String == record.quote.prefix)
            #expect(quote["suffix"] as? String == record.quote.suffix)
        }
        // The corrected speaker is the one named.
        let bodies = try #require(items[1]["body"] as? [[String: Any]])
        #expect(bodies.contains { $0["purpose"] as? String == "identifying" && $0["value"] as? String == "Sergei Lavrov" })
    }

    @Test func claimReviewsForReviewedClaimsOnly() throws {
        let records = try Self.reviewed()
        let graph = try Self.object(Exporter.export(records, format: .claimReview))
        #expect(graph["@context"] as? String == "https://schema.org")
        let items = try #require(graph["@graph"] as? [[String: Any]])
        #expect(items.count == 2, "accepted and corrected; rejected and unreviewed are not claims reviewed")
        for item in items {
            #expect(item["@type"] as? String == "ClaimReview")
            #expect((item["claimReviewed"] as? String)?.isEmpty == false)
            #expect(item["datePublished"] as? String == "2026-12-03")
            let claim = try #require(item["itemReviewed"] as? [String: Any])
            #expect(claim["@type"] as? String == "Claim")
            #expect((claim["author"] as? [String: Any])?["name"] as? String != nil)
            #expect((claim["appearance"] as? [String: Any])?["url"] as? String == records[0].record.document.uri)
            let rating = try #require(item["reviewRating"] as? [String: Any])
            #expect(rating["@type"] as? String == "Rating")
            let value = try #require(rating["ratingValue"] as? Int)
            #expect((1...5).contains(value))
            #expect(rating["alternateName"] as? String != nil)
        }
        #expect(((items[0]["itemReviewed"] as? [String: Any])?["author"] as? [String: Any])?["name"] as? String == records[0].record.speaker?.name)
        #expect(((items[1]["itemReviewed"] as? [String: Any])?["author"] as? [String: Any])?["name"] as? String == "Sergei Lavrov")
        #expect(items[0]["claimReviewed"] as? String == records[0].record.quote.text)
    }
}

@Suite struct QuotePartTextTests {
    @Test func partsCarryTheirTextAndOldRecordsStillRead() throws {
        let records = try Pipeline(rules: try RuleSet.load()).extract(path: packageRoot.appendingPathComponent("Fixtures/articles/sharaa-putin.txt").path)
        let split = try #require(records.first { ($0.quote.parts?.count ?? 0) > 1 })
        let parts = try #require(split.quote.parts)
        let scalars = Array(split.quote.text.unicodeScalars)
        for part in parts {
            let local = String(String.UnicodeScalarView(scalars[(part.start - split.quote.start)..<(part.end - split.quote.start)]))
            #expect(part.text == local)
        }
        // Written by the fast writer, read back equal.
        let line = split.jsonLine
        #expect(line.contains(#""text":"\#(parts[0].text)""#))
        #expect(try JSONDecoder().decode(ClaimRecord.self, from: Data(line.utf8)) == split)
        // A record written before parts had text: the reader fills it in from quote.text.
        var old = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        var quote = try #require(old["quote"] as? [String: Any])
        quote["parts"] = (quote["parts"] as? [[String: Any]])?.map { $0.filter { $0.key != "text" } }
        old["quote"] = quote
        let oldLine = try JSONSerialization.data(withJSONObject: old)
        #expect(try JSONDecoder().decode(ClaimRecord.self, from: oldLine).quote.parts == parts)
    }

    @Test func verifyCatchesAWrongPartText() throws {
        let path = packageRoot.appendingPathComponent("Fixtures/articles/sharaa-putin.txt").path
        let pipeline = Pipeline(rules: try RuleSet.load())
        var record = try #require(try pipeline.extract(path: path).first { ($0.quote.parts?.count ?? 0) > 1 })
        record.quote.parts?[0].text = "something else"
        let loaded = try pipeline.loader.load(path: path)
        let result = RecordVerifier(reload: { _ in .loaded(loaded) }).verify([record])
        #expect(result.first?.status == .invalid)
        #expect(result.first?.problems.contains { $0.hasPrefix("quote.parts[0].text does not match") } == true)
    }
}
