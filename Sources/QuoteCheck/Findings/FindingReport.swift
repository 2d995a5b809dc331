import Foundation

/// The output formats CI systems read.
public enum ReportFormat: String, Sendable, CaseIterable {
    /// `path:line:col: severity kind message`, grouped by file, counts at the end.
    case text
    case json
    /// SARIF 2.1.0, for code scanning.
    case sarif
    /// JUnit XML: one test case per document.
    case junit
    /// GitHub Actions workflow commands (`::error file=…,line=…,col=…::…`).
    case github
    case checkstyle
    /// A summary table for a pull-request comment.
    case markdown
}

/// Everything a run reports: its findings, the documents it looked at, and what a baseline
/// accepted or no longer matched.
public struct FindingReport: Sendable {
    public var findings: [Finding]
    /// Every document (or records file) of the run, so JUnit has a passing case for each clean one.
    public var documents: [String]
    public var suppressed: Int
    public var stale: [Baseline.Entry]

    public init(findings: [Finding], documents: [String], suppressed: Int = 0, stale: [Baseline.Entry] = []) {
        // Reports list findings by file and position whatever order the run found them in.
        self.findings = findings.enumerated().sorted { a, b in
            let (x, y) = (a.element.location, b.element.location)
            return (x.path, x.line ?? 0, x.column ?? 0, a.offset) < (y.path, y.line ?? 0, y.column ?? 0, b.offset)
        }.map(\.element)
        self.documents = documents
        self.suppressed = suppressed
        self.stale = stale
    }

    public var hasErrors: Bool { findings.hasErrors }

    public func count(_ severity: Severity) -> Int { findings.filter { $0.severity == severity }.count }

    /// The report in `format`, ending in a newline.
    public func rendered(_ format: ReportFormat) -> String {
        switch format {
        case .text: return text()
        case .json: return json()
        case .sarif: return sarif()
        case .junit: return junit()
        case .github: return github()
        case .checkstyle: return checkstyle()
        case .markdown: return markdown()
        }
    }

    // MARK: text

    public var countsLine: String {
        var line = "\(count(.error)) error\(count(.error) == 1 ? "" : "s"), \(count(.warning)) warning\(count(.warning) == 1 ? "" : "s"), \(count(.info)) info"
        line += " in \(documents.count) document\(documents.count == 1 ? "" : "s")"
        if suppressed > 0 { line += "; \(suppressed) in the baseline" }
        if !stale.isEmpty { line += "; \(stale.count) baseline entr\(stale.count == 1 ? "y" : "ies") no longer found" }
        return line
    }

    func text() -> String {
        var out = ""
        var current: String?
        for finding in findings {
            if finding.location.path != current {
                if current != nil { out += "\n" }
                current = finding.location.path
            }
            out += "\(finding.location.description): \(finding.severity.rawValue) \(finding.kind.rawValue) \(Self.printable(finding.message))\n"
        }
        for entry in stale {
            out += "\(entry.path): baseline entry no longer found: \(entry.kind.rawValue) \(Self.printable(entry.message))\n"
        }
        if !findings.isEmpty || !stale.isEmpty { out += "\n" }
        return out + countsLine + "\n"
    }

    /// Control characters from documents never reach a terminal raw.
    static func printable(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }))
    }

    // MARK: json

    struct JSONReport: Encodable {
        var tool = "quotecheck"
        var version = QuoteCheckVersion.current
        var findings: [Finding]
        var documents: Int
        var errors: Int
        var warnings: Int
        var info: Int
        var suppressed: Int
        var staleBaselineEntries: [Baseline.Entry]
    }

    func json() -> String {
        let report = JSONReport(
            findings: findings, documents: documents.count, errors: count(.error), warnings: count(.warning), info: count(.info),
            suppressed: suppressed, staleBaselineEntries: stale
        )
        return Self.encode(report, pretty: true) + "\n"
    }

    static func encode<Value: Encodable>(_ value: Value, pretty: Bool) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    // MARK: SARIF 2.1.0

    static func sarifLevel(_ severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .info: return "note"
        case .off: return "none"
        }
    }

    /// A relative path as a relative URI reference; an absolute one as a `file:` URI.
    static func uri(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: ":")
        let encoded = path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
        return path.hasPrefix("/") ? "file://" + encoded : encoded
    }

    func sarif() -> String {
        let kinds = FindingKind.allCases
        let rules: [[String: Any]] = kinds.map { kind in
            [
                "id": kind.ruleID,
                "name": kind.rawValue.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(),
                "shortDescription": ["text": kind.summary],
                "defaultConfiguration": ["level": Self.sarifLevel(kind.defaultSeverity)],
            ]
        }
        let results: [[String: Any]] = findings.map { finding in
            var region: [String: Any] = [:]
            if let line = finding.location.line {
                region["startLine"] = line
                region["startColumn"] = finding.location.column ?? 1
            }
            var physical: [String: Any] = ["artifactLocation": ["uri": Self.uri(finding.location.path)]]
            if !region.isEmpty { physical["region"] = region }
            return [
                "ruleId": finding.ruleId,
                "ruleIndex": kinds.firstIndex(of: finding.kind) ?? 0,
                "level": Self.sarifLevel(finding.severity),
                "message": ["text": finding.message],
                "locations": [["physicalLocation": physical]],
                "partialFingerprints": ["quotecheckFingerprint/v1": finding.fingerprint],
            ]
        }
        let log: [String: Any] = [
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [[
                "tool": ["driver": [
                    "name": "quotecheck",
                    "version": QuoteCheckVersion.current,
                    "rules": rules,
                ]],
                "results": results,
            ]],
        ]
        guard let data = try? JSONSerialization.data(withJSONObject: log, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    // MARK: JUnit XML

    static func xml(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n": out += "&#10;"
            // XML 1.0 cannot carry other control characters at all, not even escaped.
            default: out.unicodeScalars.append(scalar.value < 0x20 && scalar != "\t" ? " " : scalar)
            }
        }
        return out
    }

    func junit() -> String {
        let byPath = Dictionary(grouping: findings, by: \.location.path)
        var paths = documents
        for path in byPath.keys.sorted() where !documents.contains(path) { paths.append(path) }
        let failing = paths.filter { byPath[$0]?.hasErrors == true }.count
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"quotecheck\" tests=\"\(paths.count)\" failures=\"\(failing)\" errors=\"0\">\n"
        out += "  <testsuite name=\"quotecheck\" tests=\"\(paths.count)\" failures=\"\(failing)\" errors=\"0\" skipped=\"0\">\n"
        for path in paths {
            let found = byPath[path] ?? []
            out += "    <testcase classname=\"quotecheck\" name=\"\(Self.xml(path))\""
            guard !found.isEmpty else { out += "/>\n"; continue }
            out += ">\n"
            let errors = found.filter { $0.severity == .error }
            if !errors.isEmpty {
                let summary = "\(errors.count) error finding\(errors.count == 1 ? "" : "s")"
                let body = errors.map { "\($0.location.description): \($0.kind.rawValue) \($0.message)" }.joined(separator: "\n")
                out += "      <failure type=\"\(Self.xml(errors[0].kind.rawValue))\" message=\"\(summary)\">\(Self.xml(body))</failure>\n"
            }
            let others = found.filter { $0.severity != .error }
            if !others.isEmpty {
                let body = others.map { "\($0.location.description): \($0.severity.rawValue) \($0.kind.rawValue) \($0.message)" }.joined(separator: "\n")
                out += "      <system-out>\(Self.xml(body))</system-out>\n"
            }
            out += "    </testcase>\n"
        }
        out += "  </testsuite>\n</testsuites>\n"
        return out
    }

    // MARK: GitHub workflow commands

    /// Escapes as the runner expects: `%`, CR and LF in the message; also `:` and `,` in properties.
    static func githubEscape(_ text: String, property: Bool) -> String {
        var out = text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
        if property { out = out.replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C") }
        return out
    }

    func github() -> String {
        var out = ""
        for finding in findings {
            let command: String
            switch finding.severity {
            case .error: command = "error"
            case .warning: command = "warning"
            case .info, .off: command = "notice"
            }
            var properties = ["file=\(Self.githubEscape(finding.location.path, property: true))"]
            if let line = finding.location.line {
                properties.append("line=\(line)")
                properties.append("col=\(finding.location.column ?? 1)")
            }
            properties.append("title=\(Self.githubEscape(finding.ruleId, property: true))")
            out += "::\(command) \(properties.joined(separator: ","))::\(Self.githubEscape(finding.message, property: false))\n"
        }
        return out
    }

    // MARK: Checkstyle XML

    func checkstyle() -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n"
        let byPath = Dictionary(grouping: findings, by: \.location.path)
        for path in byPath.keys.sorted() {
            out += "  <file name=\"\(Self.xml(path))\">\n"
            for finding in byPath[path] ?? [] {
                out += "    <error line=\"\(finding.location.line ?? 0)\" column=\"\(finding.location.column ?? 0)\" severity=\"\(finding.severity.rawValue)\""
                out += " message=\"\(Self.xml(finding.message))\" source=\"\(Self.xml(finding.ruleId))\"/>\n"
            }
            out += "  </file>\n"
        }
        return out + "</checkstyle>\n"
    }

    // MARK: Markdown

    static func cell(_ text: String) -> String {
        printable(text).replacingOccurrences(of: "|", with: "\\|")
    }

    /// At most this many findings are listed; a pull-request comment has a size limit.
    static let markdownRows = 50

    func markdown() -> String {
        var out = "### quotecheck: \(hasErrors ? "failed" : "passed")\n\n"
        out += countsLine + ".\n\n"
        let byKind = Dictionary(grouping: findings, by: \.kind)
        if !byKind.isEmpty {
            out += "| Finding | Severity | Count |\n|---|---|---:|\n"
            for kind in FindingKind.allCases {
                guard let found = byKind[kind] else { continue }
                let severities = Set(found.map(\.severity)).sorted(by: >).map(\.rawValue).joined(separator: ", ")
                out += "| `\(kind.rawValue)` | \(severities) | \(found.count) |\n"
            }
            out += "\n"
            let listed = findings.sorted { $0.severity > $1.severity }.prefix(Self.markdownRows)
            out += "| Location | Severity | Finding | Message |\n|---|---|---|---|\n"
            for finding in listed {
                out += "| `\(Self.cell(finding.location.description))` | \(finding.severity.rawValue) | `\(finding.kind.rawValue)` | \(Self.cell(finding.message)) |\n"
            }
            if findings.count > listed.count { out += "\n…and \(findings.count - listed.count) more.\n" }
        }
        if !stale.isEmpty {
            out += "\n\(stale.count) baseline entr\(stale.count == 1 ? "y is" : "ies are") no longer found; regenerate the baseline to drop \(stale.count == 1 ? "it" : "them").\n"
        }
        return out
    }
}
