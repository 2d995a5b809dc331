import Foundation

/// The audit as text: `plain` (every field on its own line, for pipes, files and golden tests),
/// `terminal` (compact and coloured), `markdown` (a table per article), `json`.
public enum AuditFormat: String, Sendable, CaseIterable {
    case plain, terminal, markdown = "md", json
}

public enum AuditRenderer {
    public static func render(_ audit: Audit, format: AuditFormat) -> String {
        switch format {
        case .plain: return plain(audit)
        case .terminal: return terminal(audit)
        case .markdown: return markdown(audit)
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            guard let data = try? encoder.encode(audit) else { return "{}\n" }
            return String(decoding: data, as: UTF8.self) + "\n"
        }
    }

    static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }

    static func confidence(_ value: Double) -> String { String(format: "%.3f", value) }

    // MARK: plain

    static func plain(_ audit: Audit) -> String {
        var lines: [String] = []
        for article in audit.articles {
            lines.append("\(article.uri)  (\(article.entries.count) quote\(article.entries.count == 1 ? "" : "s"), sha256 \(article.sha256.prefix(12)))")
            for entry in article.entries {
                lines.append("")
                lines.append("  \(entry.line):\(entry.column)  \(entry.kind)  \(entry.id)")
                lines.append("    words:      “\(oneLine(entry.words))”")
                lines.append("    speaker:    \(entry.speaker.map { oneLine($0.resolution) } ?? "none")")
                lines.append("    cue:        \(entry.cue.map(oneLine) ?? "none")")
                lines.append("    rule:       \(oneLine(entry.rule))  confidence \(confidence(entry.confidence))")
                lines.append("    flags:      \(entry.flags.isEmpty ? "none" : entry.flags.map(\.rawValue).joined(separator: ", "))")
                if let verify = entry.verify { lines.append("    verify:     \(verify)") }
                if let check = entry.check {
                    var status = "\(check.status)  similarity \(confidence(check.similarity))  speaker \(check.speaker)"
                    if !check.critical.isEmpty { status += "  critical: \(check.critical.joined(separator: ", "))" }
                    lines.append("    check:      \(status)")
                    if let reference = check.reference { lines.append("    source:     \(reference)") }
                    if let text = check.referenceText { lines.append("                “\(oneLine(text))”") }
                    for change in check.changes { lines.append("      \(oneLine(change))") }
                }
            }
            lines.append("")
        }
        lines += summaryLines(audit.summary)
        return lines.joined(separator: "\n") + "\n"
    }

    static func summaryLines(_ summary: Audit.Summary) -> [String] {
        var lines = [
            "Summary: \(summary.quotes) quote\(summary.quotes == 1 ? "" : "s"), \(summary.attributed) attributed (\(percent(summary.attributedShare))), \(summary.anonymous) anonymous (\(percent(summary.anonymousShare)))"
        ]
        let width = summary.speakers.map(\.speaker.count).max() ?? 0
        for count in summary.speakers {
            lines.append("  \(count.speaker.padding(toLength: width, withPad: " ", startingAt: 0))  \(count.quotes)")
        }
        let unattributed = summary.quotes - summary.attributed
        if unattributed > 0 { lines.append("  \("(unattributed)".padding(toLength: max(width, 14), withPad: " ", startingAt: 0))  \(unattributed)") }
        if summary.anonymous > 0 { lines.append("  \("(anonymous)".padding(toLength: max(width, 11), withPad: " ", startingAt: 0))  \(summary.anonymous)") }
        return lines
    }

    /// Text from an article or a records file on one line, safe for a terminal: line and
    /// paragraph separators become spaces (they would break the one-field-a-line layout), other
    /// control characters U+FFFD (an escape sequence in an article must not drive the terminal).
    static func oneLine(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .lineSeparator, .paragraphSeparator: out.append(" ")
            case .control: out.append(scalar == "\n" || scalar == "\r" || scalar == "\t" || scalar == "\u{85}" ? " " : "\u{FFFD}")
            default: out.append(scalar)
            }
        }
        return String(out).split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    // MARK: terminal

    enum Colour: String {
        case bold = "1", dim = "2", red = "31", green = "32", yellow = "33", blue = "34", magenta = "35", cyan = "36"
    }

    static func paint(_ text: String, _ colour: Colour) -> String { "\u{1B}[\(colour.rawValue)m\(text)\u{1B}[0m" }

    /// Two lines a quote: position, kind, speaker, cue, confidence, flags; then the words,
    /// shortened to `width` columns.
    static func terminal(_ audit: Audit, width: Int = 110) -> String {
        var lines: [String] = []
        for article in audit.articles {
            lines.append(paint(article.uri, .bold) + paint("  \(article.entries.count) quotes", .dim))
            for entry in article.entries {
                var head = paint("\(entry.line):\(entry.column)".padding(toLength: 8, withPad: " ", startingAt: 0), .dim)
                head += entry.kind.padding(toLength: 9, withPad: " ", startingAt: 0)
                head += entry.speaker.map { paint(oneLine($0.resolution), $0.anonymous ? .magenta : .cyan) } ?? paint("unattributed", .red)
                if let cue = entry.cue { head += paint(" · \(oneLine(cue))", .dim) }
                head += paint(" · \(confidence(entry.confidence))", entry.confidence < AuditEntry.lowConfidenceBelow ? .yellow : .dim)
                for flag in entry.flags where flag != .unattributed { head += " " + paint("[\(flag.rawValue)]", .yellow) }
                if let check = entry.check {
                    let colour: Colour = check.status == "verbatim" || check.status == "elided" ? .green : (check.critical.isEmpty ? .yellow : .red)
                    head += " " + paint(check.status, colour)
                }
                lines.append(head)
                var words = oneLine(entry.words)
                if words.count > width { words = String(words.prefix(width - 1)) + "…" }
                lines.append("        “\(words)”")
                for change in entry.check?.changes ?? [] { lines.append("        " + paint(oneLine(change), .yellow)) }
            }
            lines.append("")
        }
        lines += summaryLines(audit.summary).enumerated().map { $0.offset == 0 ? paint($0.element, .bold) : $0.element }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: markdown

    static func markdown(_ audit: Audit) -> String {
        var lines: [String] = []
        for article in audit.articles {
            lines.append("## \(cell(article.uri))")
            lines.append("")
            lines.append("| Line:col | Kind | Words | Speaker | Cue | Confidence | Rule | Flags | Check |")
            lines.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
            for entry in article.entries {
                var check = entry.check.map { "\($0.status) \(confidence($0.similarity))" } ?? ""
                if let changes = entry.check?.changes, !changes.isEmpty { check += ": " + changes.joined(separator: "; ") }
                let row = [
                    "\(entry.line):\(entry.column)", entry.kind, "“\(entry.words)”", entry.speaker?.resolution ?? "—", entry.cue ?? "—",
                    confidence(entry.confidence), "`\(entry.rule)`", entry.flags.map(\.rawValue).joined(separator: ", "), check,
                ]
                lines.append("| " + row.map(cell).joined(separator: " | ") + " |")
            }
            lines.append("")
        }
        let summary = audit.summary
        lines.append("**Summary:** \(summary.quotes) quotes, \(summary.attributed) attributed (\(percent(summary.attributedShare))), \(summary.anonymous) anonymous (\(percent(summary.anonymousShare)))")
        lines.append("")
        lines.append("| Speaker | Quotes |")
        lines.append("| --- | --- |")
        for count in summary.speakers { lines.append("| \(cell(count.speaker)) | \(count.quotes) |") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A table cell: pipes escaped, line breaks made spaces, and `<` and `&` as entities so a
    /// Markdown renderer shows an article's markup as text.
    static func cell(_ text: String) -> String {
        oneLine(text).replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: "|", with: "\\|")
    }
}
