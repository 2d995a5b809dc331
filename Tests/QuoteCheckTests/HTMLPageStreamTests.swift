import Foundation
import Testing
import QuoteCheckText
import QuoteRecords
import QuoteRules
@testable import QuoteCheck
@testable import QuoteLoader

/// Big pages rendered as they are parsed (issue #18): the text, its byte map, its quotation
/// hints and metadata must be those of the page loaded whole, whether the text is held or handed
/// on in pieces, and what a survey learns of the whole text without holding it must be what
/// the whole text holds.
@Suite struct HTMLPageStreamTests {
    static let fixtures = packageRoot.appendingPathComponent("Fixtures/html").path
    static let sharedPages = packageRoot.appendingPathComponent("../shared/data/webpages/pages").standardized.path

    /// Every fixture page and every fourth shared page.
    static func pages() throws -> [String] {
        var pages = try FileManager.default.contentsOfDirectory(atPath: fixtures).map { "\(fixtures)/\($0)" }
        if FileManager.default.fileExists(atPath: sharedPages) {
            let shared = try FileManager.default.contentsOfDirectory(atPath: sharedPages).sorted()
            pages += shared.indices.filter { $0 % 4 == 0 }.map { "\(sharedPages)/\(shared[$0])" }
        }
        return pages.sorted()
    }

    /// The text of `stream` as ``WindowedExtractor/survey(_:fallback:)`` renders it, handed on
    /// in pieces of about `piece` scalars that are forgotten once copied.
    static func renderInPieces(_ stream: HTMLPageStream, fallback: Bool, piece: Int) throws -> (scalars: [Unicode.Scalar], starts: [Int32], ends: [Int32]) {
        var scalars: [Unicode.Scalar] = []
        var starts: [Int32] = []
        var ends: [Int32] = []
        func take(_ page: inout RenderedPage) {
            #expect(page.base == scalars.count)
            scalars += page.scalars
            starts += page.map.byteStarts
            ends += page.map.byteEnds
            page.forget(before: page.count)
        }
        var rest = try stream.render(fallback: fallback) { page in
            if page.count - page.base >= piece { take(&page) }
            return true
        }
        take(&rest)
        return (scalars, starts, ends)
    }

    @Test func aStreamRendersWhatThePageLoadedWholeHolds() throws {
        let loader = HTMLLoader(rules: try RuleSet.load())
        var compared = 0
        for path in try Self.pages() {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            let whole: LoadedText
            do {
                whole = try loader.load(bytes: bytes, uri: path)
            } catch {
                #expect(throws: error, "\(path)") { try HTMLPageStream(loader: loader, bytes: bytes, uri: path) }
                continue
            }
            let stream = try HTMLPageStream(loader: loader, bytes: bytes, uri: path)
            var rendered = try stream.render(fallback: false) { _ in true }
            let fallback = rendered.count == 0 && stream.hasContainer
            if fallback { rendered = try stream.render(fallback: true) { _ in true } }
            let loaded = stream.loaded(rendered)
            #expect(loaded.scalars == whole.scalars, "\(path)")
            #expect(loaded.offsetMap == whole.offsetMap, "\(path)")
            #expect(loaded.quoteHints == whole.quoteHints, "\(path)")
            #expect(loaded.metadata == whole.metadata, "\(path)")
            let pieces = try Self.renderInPieces(stream, fallback: fallback, piece: 500)
            #expect(pieces.scalars == whole.scalars, "\(path)")
            #expect(pieces.starts == whole.offsetMap.byteStarts && pieces.ends == whole.offsetMap.byteEnds, "\(path)")
            compared += 1
        }
        #expect(compared >= 20)
    }

    /// A page of 24 articles with quotation elements (a `<blockquote>` over several paragraphs,
    /// `<q>` inside one) and boilerplate lines between them.
    static func page() -> String {
        let articles = (0..<24).map { number in
            let paragraphs = WindowedExtractorTests.article(number).split(separator: "\n", omittingEmptySubsequences: true)
                .map { "<p>\($0.replacingOccurrences(of: "the", with: "th&#101;"))</p>" }
            switch number % 3 {
            case 0: return "<blockquote>\n" + paragraphs.joined(separator: "\n") + "\n</blockquote>"
            case 1: return paragraphs.joined(separator: "\n") + "\n<p>She called it <q>a fair deal for item \(number)</q>.</p>"
            default:
                return paragraphs.joined(separator: "\n<p>  Copyright © 2025 The Council Times, LLC. </p>\n")
                    + "\n<p>• Anna Berg can be reached at anna@example.com.</p>"
            }
        }
        return "<!doctype html><html><head><title>Council</title></head><body><article>\n"
            + articles.joined(separator: "\n<hr>\n") + "\n</article></body></html>"
    }

    @Test func aSurveyLearnsWhatTheWholeTextHolds() throws {
        let bytes = Array(Self.page().utf8)
        let pipeline = Pipeline(rules: try RuleSet.load(), language: "en")
        let extractor = WindowedExtractor(pipeline: pipeline, windowBytes: 2_000, contextBytes: 700, lookaheadBytes: 300)
        let whole = try pipeline.loader.load(bytes: bytes, uri: "page.html")
        #expect(whole.excluded.count >= 8 && whole.quoteHints.count >= 16)
        let stream = try #require(try pipeline.loader.htmlStream(bytes: bytes, uri: "page.html"))
        guard case let .windows(survey) = try extractor.survey(stream, fallback: false) else {
            Issue.record("a text over a window is surveyed for windows")
            return
        }
        #expect(survey.count == whole.count)
        #expect(survey.excluded == whole.excluded)
        #expect(survey.hints == whole.quoteHints)
        #expect(survey.document == RecordFactory(loaded: whole).document)
        #expect(!survey.fallback)

        // Within a window, the survey is the page loaded whole.
        guard case let .whole(loaded) = try WindowedExtractor(pipeline: pipeline).survey(stream, fallback: false) else {
            Issue.record("a text within a window is loaded whole")
            return
        }
        #expect(loaded.scalars == whole.scalars && loaded.offsetMap == whole.offsetMap)
        #expect(loaded.excluded == whole.excluded && loaded.quoteHints == whole.quoteHints && loaded.metadata == whole.metadata)
    }

    @Test func aBigPageReadInWindowsGivesTheRecordsOfTheWholePage() throws {
        let bytes = Array(Self.page().utf8)
        let rules = try RuleSet.load()
        let pipeline = Pipeline(rules: rules, language: "en")
        let file = try WindowedExtractorTests.write(bytes, name: "page.html")
        defer { try? FileManager.default.removeItem(at: file.directory) }
        let whole = try pipeline.extract(path: file.path)
        #expect(whole.count >= 24 * 3)
        var batches: [[ClaimRecord]] = []
        let extractor = WindowedExtractor(pipeline: pipeline, windowBytes: 2_000, contextBytes: 700, lookaheadBytes: 300)
        let outcome = extractor.extract(bytes: bytes, uri: file.path) { batches.append($0) }
        #expect(outcome.failure == nil && outcome.windows == batches.count && outcome.windows > 5)
        WindowedExtractorTests.expectSame(batches.flatMap { $0 }, whole)
        let results = RecordVerifier(reload: DocumentLoader.reloader(rules: rules, root: nil)).verify(batches.flatMap { $0 })
        #expect(results.allSatisfy { $0.status == .ok })
    }

    @Test func aDeliveryErrorEndsTheRenderingAndIsRethrown() throws {
        struct Full: Error {}
        let pipeline = Pipeline(rules: try RuleSet.load(), language: "en")
        let extractor = WindowedExtractor(pipeline: pipeline, windowBytes: 2_000, contextBytes: 700, lookaheadBytes: 300)
        var delivered = 0
        #expect(throws: Full.self) {
            try extractor.extract(bytes: Array(Self.page().utf8), uri: "page.html") { (_) throws(Full) in
                delivered += 1
                if delivered == 2 { throw Full() }
            }
        }
        #expect(delivered == 2)
    }

    @Test func aBigPageInALanguageWithoutAPackIsSkippedWithANotice() throws {
        let paragraph = "<p>Le conseil municipal a voté le budget de la ville pour l'année prochaine, et les habitants ont été nombreux à venir.</p>\n"
        let page = "<html><body><article>\n" + String(repeating: paragraph, count: 60) + "</article></body></html>"
        let pipeline = Pipeline(rules: try RuleSet.load())
        let extractor = WindowedExtractor(pipeline: pipeline, windowBytes: 2_000, contextBytes: 700, lookaheadBytes: 300)
        var records = 0
        let outcome = extractor.extract(bytes: Array(page.utf8), uri: "page.html") { records += $0.count }
        #expect(records == 0 && outcome.failure == nil)
        #expect(outcome.notice?.contains("language fr") == true, "\(outcome.notice ?? "no notice")")
    }
}
