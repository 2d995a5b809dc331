import Foundation

/// How much a finding matters. `off` findings are dropped; `error` findings fail the run.
public enum Severity: String, Codable, Sendable, CaseIterable, Comparable {
    case off, info, warning, error

    private var rank: Int {
        switch self {
        case .off: return 0
        case .info: return 1
        case .warning: return 2
        case .error: return 3
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// What a policy can flag. The raw value is the kind's name in `.quotecheck.yml` and in reports.
public enum FindingKind: String, Codable, Sendable, CaseIterable {
    /// A direct quote with no speaker.
    case unattributed
    case anonymousSource = "anonymous-source"
    /// A speaker found with a confidence below the configured threshold.
    case lowConfidence = "low-confidence"
    /// `check`: the quote's words differ from the reference passage.
    case misquote
    /// `check`: a change of meaning (negation, number, named entity).
    case misquoteCritical = "misquote-critical"
    /// `check`: a sentence or more of the passage left out of the quote with no ellipsis to say so.
    case omittedWithoutEllipsis = "omitted-without-ellipsis"
    /// `check`: the quote is absent from the references.
    case notFound = "not-found"
    case speakerMismatch = "speaker-mismatch"
    /// `consistency`: the same quote attributed to different speakers.
    case speakerConflict = "speaker-conflict"
    /// `verify`: a record that does not verify against its document.
    case unverifiable
    /// A document that cannot be read or loaded.
    case unreadable

    /// `quotecheck/<kind>`: the rule id reporters show and SARIF describes.
    public var ruleID: String { "quotecheck/\(rawValue)" }

    /// Severities when no configuration says otherwise: what fails a run is what the commands
    /// always failed on (critical misquotes, speaker mismatches and conflicts, records that do
    /// not verify, documents that cannot be read).
    public var defaultSeverity: Severity {
        switch self {
        // A quote absent from the references the user gave is a failure until shown otherwise (#17).
        case .misquoteCritical, .speakerMismatch, .speakerConflict, .unverifiable, .unreadable, .notFound: return .error
        case .unattributed, .misquote, .omittedWithoutEllipsis: return .warning
        case .anonymousSource, .lowConfidence: return .info
        }
    }

    /// One sentence for rule listings (SARIF `tool.driver.rules`, the markdown report).
    public var summary: String {
        switch self {
        case .unattributed: return "A direct quotation has no speaker."
        case .anonymousSource: return "A quotation is attributed to an anonymous source."
        case .lowConfidence: return "The speaker was found with a confidence below the configured threshold."
        case .misquote: return "The quoted words differ from the reference passage."
        case .misquoteCritical: return "The quoted words change the meaning of the reference passage (negation, number or named entity)."
        case .omittedWithoutEllipsis: return "A sentence or more of the reference passage is left out of the quotation without an ellipsis."
        case .notFound: return "The quotation was not found in the configured references."
        case .speakerMismatch: return "The reference passage has a different speaker than the article names."
        case .speakerConflict: return "The same quotation is attributed to different speakers across the corpus."
        case .unverifiable: return "A claim record does not verify against its document."
        case .unreadable: return "A document could not be read or loaded."
        }
    }
}

/// Where a finding is: a file and, when known, a 1-based line and column.
///
/// Line and column are those of the raw file at the record's `sourceBytes` start (the column
/// counts Unicode scalars from the start of the line). For a plain-text document that is the
/// line and column in the loaded text; for HTML it is the line of the markup the text came from.
public struct SourceLocation: Codable, Sendable, Hashable {
    public var path: String
    public var line: Int?
    public var column: Int?

    public init(path: String, line: Int? = nil, column: Int? = nil) {
        self.path = path
        self.line = line
        self.column = column
    }

    /// `path:line:column`, or as much of it as is known.
    public var description: String {
        guard let line else { return path }
        return "\(path):\(line):\(column ?? 1)"
    }
}

/// A record (or document) that a policy flags.
public struct Finding: Codable, Sendable, Hashable {
    /// Stable across runs of the same input: 16 hex digits from the kind and the fingerprint
    /// and, when two findings share both, their order.
    public var id: String
    public var kind: FindingKind
    public var severity: Severity
    public var ruleId: String
    public var message: String
    public var location: SourceLocation
    /// Survives edits elsewhere in the document: the kind, the document path, the quote's words
    /// and the speaker; never offsets. Baselines and SARIF `partialFingerprints` use it.
    public var fingerprint: String
    /// The claim record the finding is about, when there is one.
    public var recordId: String?

    public init(kind: FindingKind, severity: Severity, message: String, location: SourceLocation, fingerprint: String, recordId: String? = nil) {
        self.kind = kind
        self.severity = severity
        self.ruleId = kind.ruleID
        self.message = message
        self.location = location
        self.fingerprint = fingerprint
        self.recordId = recordId
        self.id = String(fingerprint.prefix(16))
    }

    /// The fingerprint of a finding about `quote` said by `speaker` in `path`: the quote's words
    /// lowercased, so whitespace, punctuation and line breaks do not change it.
    public static func fingerprint(kind: FindingKind, path: String, quote: String, speaker: String?) -> String {
        let words = quote.lowercased().unicodeScalars
            .split { !CharacterSet.alphanumerics.contains($0) }
            .map { String(String.UnicodeScalarView($0)) }
            .joined(separator: " ")
        let key = [kind.rawValue, path, words, speaker?.lowercased() ?? ""].joined(separator: "\u{1F}")
        return String(Hashing.sha256Hex(key).prefix(32))
    }
}

extension Array where Element == Finding {
    /// Makes ids unique when two findings share a fingerprint (the same quote twice in a
    /// document): the second gets a suffix by order, which is stable for the same input.
    public func withUniqueIDs() -> [Finding] {
        var seen: [String: Int] = [:]
        return map { finding in
            var finding = finding
            let count = seen[finding.id, default: 0]
            seen[finding.id] = count + 1
            if count > 0 { finding.id += "-\(count + 1)" }
            return finding
        }
    }

    /// Whether any finding fails the run.
    public var hasErrors: Bool { contains { $0.severity == .error } }
}

/// 1-based line and column of byte offsets in a raw file, for finding locations.
public struct LineIndex: Sendable {
    private let bytes: [UInt8]
    /// Byte offset where each line starts.
    private let starts: [Int]

    public init(bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        for (index, byte) in bytes.enumerated() where byte == 0x0A { starts.append(index + 1) }
        self.starts = starts
    }

    /// Line and column of the byte at `offset` (clamped into the file); the column counts the
    /// scalars before it on its line (UTF-8 continuation bytes are not counted).
    public func position(ofByte offset: Int) -> (line: Int, column: Int) {
        let offset = Swift.min(Swift.max(offset, 0), bytes.count)
        var low = 0
        var high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        var column = 1
        var index = starts[low]
        // A UTF-8 byte order mark is not a column.
        if low == 0, bytes.starts(with: [0xEF, 0xBB, 0xBF]), offset >= 3 { index = 3 }
        while index < offset {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return (low + 1, column)
    }
}
