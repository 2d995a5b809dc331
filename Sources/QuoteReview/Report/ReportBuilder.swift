import Crypto
import Foundation
import Mustache
import QuoteCheck

/// Builds the self-contained HTML review report: one file, inline style and script allowed by
/// hash in a strict Content-Security-Policy, the records embedded as JSON the page reads.
public struct ReportBuilder: Sendable {
    /// The policy: nothing from anywhere (no network, no plugins, no forms, no base URL), the
    /// one style sheet and the one script by hash.
    public static func contentSecurityPolicy(styleHash: String, scriptHash: String) -> String {
        "default-src 'none'; script-src '\(scriptHash)'; style-src '\(styleHash)'; img-src data:; base-uri 'none'; form-action 'none'"
    }

    /// `sha256-<base64>` of the UTF-8 of an inline element's text, as CSP hash sources are written.
    public static func hashSource(_ text: String) -> String {
        "sha256-" + Data(SHA256.hash(data: Array(text.utf8))).base64EncodedString()
    }

    private let template: MustacheTemplate

    public init() throws {
        template = try MustacheTemplate(string: ReportTemplate.page)
    }

    /// The report page for `documents`, with an index when there is more than one.
    public func html(for documents: [ReviewDocument], title: String? = nil) -> String {
        let style = ReportStyle.css
        let script = ReportScript.javascript
        let audit = Audit(documents)
        let articles = zip(documents, audit.articles).enumerated().map { index, pair in
            ArticleView(document: pair.0, audit: pair.1, anchor: "a\(index + 1)")
        }
        let data = ReportData(articles: zip(documents, zip(articles, audit.articles)).map { document, views in
            ReportData.Article(
                anchor: views.0.anchor, uri: views.1.uri, sha256: document.sha256, people: document.people,
                entries: zip(document.records, views.1.entries).map { record, entry in
                    ReportData.Entry(record: record, verify: entry.verify, flags: entry.flags.map(\.rawValue), line: entry.line, column: entry.column, words: entry.words)
                })
        })
        let page = PageView(
            title: title ?? (documents.count == 1 ? documents[0].records.first?.document.uri ?? documents[0].uri : "\(documents.count) articles"),
            csp: Self.contentSecurityPolicy(styleHash: Self.hashSource(style), scriptHash: Self.hashSource(script)),
            style: style, script: script, data: Self.scriptSafeJSON(data),
            corpus: documents.count > 1, articleCount: documents.count, quoteCount: audit.summary.quotes, articles: articles)
        return template.render(page)
    }

    /// JSON that cannot end its `<script>` element or start a comment or CDATA section in it:
    /// `<`, `>` and `&` are written as `\u003c`, `\u003e`, `\u0026` (they occur only inside
    /// strings, where the escape means the same character), and U+2028/U+2029, which some
    /// JavaScript parsers take for line ends, as `\u2028`/`\u2029`.
    static func scriptSafeJSON<Value: Encodable>(_ value: Value) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let encoded = try? encoder.encode(value) else { return "{}" }
        let data = [UInt8](encoded)
        // Byte by byte: every character replaced is ASCII or the three-byte UTF-8 of U+2028/9.
        var out: [UInt8] = []
        out.reserveCapacity(data.count + data.count / 16)
        func escape(_ code: String) { out.append(contentsOf: Array("\\u\(code)".utf8)) }
        var index = 0
        while index < data.count {
            let byte = data[index]
            switch byte {
            case UInt8(ascii: "<"): escape("003c")
            case UInt8(ascii: ">"): escape("003e")
            case UInt8(ascii: "&"): escape("0026")
            case 0xE2 where index + 2 < data.count && data[index + 1] == 0x80 && (data[index + 2] == 0xA8 || data[index + 2] == 0xA9):
                escape(data[index + 2] == 0xA8 ? "2028" : "2029")
                index += 2
            default: out.append(byte)
            }
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// What the page's script reads: the records (as the schema writes them, so fields added to
/// records later show up too) and what the audit derived for each.
struct ReportData: Encodable {
    struct Entry: Encodable {
        var record: ClaimRecord
        var verify: String?
        var flags: [String]
        var line: Int
        var column: Int
        var words: String
    }

    struct Article: Encodable {
        var anchor: String
        var uri: String
        var sha256: String
        var people: [String]
        var entries: [Entry]
    }

    var articles: [Article]
}

struct PageView {
    var title: String
    var csp: String
    var style: String
    var script: String
    var data: String
    var corpus: Bool
    var articleCount: Int
    var quoteCount: Int
    var articles: [ArticleView]
}

struct ArticleView {
    struct SpeakerBar {
        var name: String
        var count: Int
        var colour: String
        var barWidth: Int
        var barY: Int
        var labelY: Int
    }

    struct Filter {
        var name: String
        var count: Int
    }

    var anchor: String
    var uri: String
    var sha256: String
    var shortSha: String
    var quoteCount: Int
    var attributedPercent: String
    var anonymousCount: Int
    var speakerCount: Int
    var verifySummary: String
    var checkSummary: String
    var segments: [ReportSegment]
    var speakers: [SpeakerBar]
    var chartHeight: Int
    var kinds: [Filter]
    var flags: [Filter]
    var people: [String]

    static let rowHeight = 30

    init(document: ReviewDocument, audit: Audit.Article, anchor: String) {
        let summary = Audit.Summary(audit.entries)
        self.anchor = anchor
        uri = audit.uri
        sha256 = audit.sha256
        shortSha = String(audit.sha256.prefix(12))
        quoteCount = summary.quotes
        attributedPercent = AuditRenderer.percent(summary.attributedShare)
        anonymousCount = summary.anonymous
        speakerCount = summary.speakers.count
        verifySummary = Self.tally(audit.entries.map { $0.verify ?? "not verified" })
        checkSummary = Self.tally(audit.entries.compactMap { $0.check?.status })
        people = document.people

        // Colours follow the order speakers are first quoted, so the same article always gets
        // the same colours.
        var colourOf: [String: String] = [:]
        for name in document.people { colourOf[name] = "s\(colourOf.count % ReportStyle.paletteSize)" }
        let colours = document.records.map { record -> String in
            guard let speaker = record.speaker else { return "s-none" }
            if speaker.anonymous { return "s-anon" }
            return colourOf[speaker.name] ?? "s-none"
        }
        segments = ReportSegments.segments(
            text: document.loaded.scalars, records: document.records, colours: colours,
            flags: audit.entries.map { $0.flags.map(\.rawValue).joined(separator: " ") })

        var bars = summary.speakers.map { (name: $0.speaker, count: $0.quotes, colour: colourOf[$0.speaker] ?? "s-none") }
        if summary.anonymous > 0 { bars.append((name: "anonymous sources", count: summary.anonymous, colour: "s-anon")) }
        if summary.quotes > summary.attributed { bars.append((name: "unattributed", count: summary.quotes - summary.attributed, colour: "s-none")) }
        let most = max(bars.map(\.count).max() ?? 1, 1)
        speakers = bars.enumerated().map { index, bar in
            SpeakerBar(
                name: bar.name, count: bar.count, colour: bar.colour, barWidth: max(4, 280 * bar.count / most),
                barY: index * Self.rowHeight + 17, labelY: index * Self.rowHeight + 12)
        }
        chartHeight = max(bars.count * Self.rowHeight, Self.rowHeight)
        kinds = QuoteKind.allCases.map { kind in Filter(name: kind.rawValue, count: audit.entries.filter { $0.kind == kind.rawValue }.count) }
        flags = AuditFlag.allCases.map { flag in Filter(name: flag.rawValue, count: audit.entries.filter { $0.flags.contains(flag) }.count) }
    }

    /// "3 ok, 1 invalid", in order of first appearance.
    static func tally(_ values: [String]) -> String {
        var order: [String] = []
        var counts: [String: Int] = [:]
        for value in values {
            if counts[value] == nil { order.append(value) }
            counts[value, default: 0] += 1
        }
        return order.isEmpty ? "—" : order.map { "\(counts[$0] ?? 0) \($0)" }.joined(separator: ", ")
    }
}
