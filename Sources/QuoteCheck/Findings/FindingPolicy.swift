import Foundation

/// Turns records, checks, conflicts and verification results into findings, at the severities a
/// configuration gives (findings at `off` are left out).
public struct FindingPolicy: Sendable {
    public let config: QuoteCheckConfig

    public init(config: QuoteCheckConfig = QuoteCheckConfig()) {
        self.config = config
    }

    /// `check` statuses by name, so statuses added later map without touching this code; a
    /// status not listed here is no finding.
    public static let checkStatusKinds: [String: FindingKind] = [
        "altered": .misquote,
        "spliced": .misquote,
        "paraphrase-conflict": .misquote,
        "not-found": .notFound,
    ]

    private func finding(_ kind: FindingKind, _ message: String, at location: SourceLocation, fingerprint: String, record: String? = nil) -> Finding? {
        let severity = config.severity(of: kind)
        guard severity != .off else { return nil }
        return Finding(kind: kind, severity: severity, message: message, location: location, fingerprint: fingerprint, recordId: record)
    }

    /// Where a record's quote is: the raw file's line at its `sourceBytes` start.
    public static func location(of record: ClaimRecord, lines: LineIndex?) -> SourceLocation {
        guard let lines else { return SourceLocation(path: record.document.uri) }
        let position = lines.position(ofByte: record.quote.sourceBytes.start)
        return SourceLocation(path: record.document.uri, line: position.line, column: position.column)
    }

    /// The words a finding quotes: the quoted pieces when the quote is interrupted by narration.
    static func quotedWords(_ record: ClaimRecord) -> String {
        guard let parts = record.quote.parts, !parts.isEmpty else { return record.quote.text }
        let scalars = Array(record.quote.text.unicodeScalars)
        return parts.map { part in
            let lower = min(max(part.start - record.quote.start, 0), scalars.count)
            let upper = min(max(part.end - record.quote.start, lower), scalars.count)
            return String(String.UnicodeScalarView(scalars[lower..<upper]))
        }.joined(separator: " ")
    }

    static func excerpt(_ text: String, limit: Int = 80) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return flat.count <= limit ? flat : String(flat.prefix(limit - 1)) + "…"
    }

    private func recordFinding(_ kind: FindingKind, _ message: String, _ record: ClaimRecord, _ lines: LineIndex?) -> Finding? {
        let fingerprint = Finding.fingerprint(kind: kind, path: record.document.uri, quote: Self.quotedWords(record), speaker: record.speaker?.name)
        return finding(kind, message, at: Self.location(of: record, lines: lines), fingerprint: fingerprint, record: record.id)
    }

    /// What extraction alone can flag: unattributed direct quotes, anonymous sources, speakers
    /// below the confidence threshold.
    public func findings(forExtracted record: ClaimRecord, lines: LineIndex?) -> [Finding] {
        let quote = "“\(Self.excerpt(Self.quotedWords(record)))”"
        var result: [Finding?] = []
        if let speaker = record.speaker {
            if speaker.anonymous {
                result.append(recordFinding(.anonymousSource, "\(quote) is attributed to an anonymous source (\(speaker.name))", record, lines))
            }
            if record.confidence < config.confidenceThreshold {
                let message = "\(quote) attributed to \(speaker.name) with confidence \(String(format: "%.2f", record.confidence)), below \(String(format: "%.2f", config.confidenceThreshold))"
                result.append(recordFinding(.lowConfidence, message, record, lines))
            }
        } else if record.kind == .direct {
            result.append(recordFinding(.unattributed, "\(quote) has no speaker", record, lines))
        }
        return result.compactMap { $0 }
    }

    /// What `check` flags on a record that carries a `check` object.
    public func findings(forChecked record: ClaimRecord, lines: LineIndex?) -> [Finding] {
        guard let check = record.check else { return [] }
        let quote = "“\(Self.excerpt(Self.quotedWords(record)))”"
        var result: [Finding?] = []
        let omitted = check.findings?.contains(FindingKind.omittedWithoutEllipsis.rawValue) == true
        let omissions = omitted ? check.diff.filter(QuoteChecker.isLongOmission) : []
        // The omission is reported on its own; a misquote too only when other words changed.
        let onlyOmitted = omitted && check.status == .altered && check.critical.isEmpty
            && !check.diff.contains { $0.isChange && !QuoteChecker.isLongOmission($0) }
        if var kind = Self.checkStatusKinds[check.status.rawValue], !onlyOmitted {
            if kind == .misquote, !check.critical.isEmpty { kind = .misquoteCritical }
            let detail: String
            switch kind {
            case .notFound: detail = "is not in the references (best similarity \(String(format: "%.2f", check.similarity)))"
            case .misquoteCritical: detail = "differs from \(check.reference?.uri ?? "the reference"): \(check.critical.joined(separator: ", "))"
            default: detail = "differs from \(check.reference?.uri ?? "the reference") (\(check.status.rawValue), similarity \(String(format: "%.2f", check.similarity)))"
            }
            result.append(recordFinding(kind, "\(quote) \(detail)", record, lines))
        }
        if omitted {
            let counts = omissions.map { QuoteChecker.spokenWordCount($0.referenceText ?? "") }
            let source = check.reference?.uri ?? "the reference"
            var message = "\(quote) leaves out a sentence or more of \(source) without an ellipsis"
            if let longest = zip(omissions, counts).max(by: { $0.1 < $1.1 }) {
                message = "\(quote) leaves out \(longest.1) words of \(source) without an ellipsis: “\(Self.excerpt(longest.0.referenceText ?? "", limit: 60))”"
            }
            result.append(recordFinding(.omittedWithoutEllipsis, message, record, lines))
        }
        if check.speaker == .mismatch {
            let message = "\(quote) is attributed to \(record.speaker?.name ?? "nobody"), but \(check.reference?.uri ?? "the reference") has \(check.referenceSpeaker ?? "another speaker")"
            result.append(recordFinding(.speakerMismatch, message, record, lines))
        }
        return result.compactMap { $0 }
    }

    /// One finding per citation of a conflicting quote, so each article involved is marked.
    public func findings(for conflict: AttributionConflict, lines: (String) -> LineIndex?, records: [String: ClaimRecord]) -> [Finding] {
        let speakers = conflict.attributions.map(\.speaker)
        var result: [Finding] = []
        for attribution in conflict.attributions {
            let others = speakers.filter { $0 != attribution.speaker }.joined(separator: ", ")
            for citation in attribution.citations {
                var location = SourceLocation(path: citation.uri)
                if let record = records[citation.id] { location = Self.location(of: record, lines: lines(citation.uri)) }
                let message = "“\(Self.excerpt(conflict.quote))” is attributed here to \(attribution.speaker), elsewhere to \(others)"
                let fingerprint = Finding.fingerprint(kind: .speakerConflict, path: citation.uri, quote: citation.text, speaker: citation.speaker)
                if let found = finding(.speakerConflict, message, at: location, fingerprint: fingerprint, record: citation.id) { result.append(found) }
            }
        }
        return result
    }

    /// A record that does not verify (`verify` anything but `ok`).
    public func findings(for result: VerificationResult, record: ClaimRecord, lines: LineIndex?) -> [Finding] {
        guard result.status != .ok else { return [] }
        var message = "record \(result.id) is \(result.status.rawValue)"
        if !result.problems.isEmpty { message += ": " + result.problems.joined(separator: "; ") }
        guard var finding = recordFinding(.unverifiable, message, record, lines) else { return [] }
        // The document changed: the record's old offsets point at other text now, so the
        // finding points where the quote was found again, when it was.
        if let found = result.found, let lines {
            let position = lines.position(ofByte: found.sourceBytes.start)
            finding.location = SourceLocation(path: record.document.uri, line: position.line, column: position.column)
        }
        return [finding]
    }

    /// A document that could not be read or loaded.
    public func finding(forUnreadable error: LoadError) -> Finding? {
        let fingerprint = Finding.fingerprint(kind: .unreadable, path: error.uri, quote: "", speaker: nil)
        let prefix = error.uri + ": "
        let message = error.description.hasPrefix(prefix) ? String(error.description.dropFirst(prefix.count)) : error.description
        return finding(.unreadable, message, at: SourceLocation(path: error.uri), fingerprint: fingerprint)
    }
}
