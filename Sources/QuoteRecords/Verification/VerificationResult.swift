/// The verdict on one record.
public enum VerificationStatus: String, Codable, Sendable, CaseIterable {
    /// The document is unchanged and every span of the record agrees with it.
    case ok
    /// The document changed but the quote is in it, word for word, at `found`.
    case moved
    /// The document changed and only an edited version of the quote is in it, at `found`.
    case changed
    /// The document, or the quote in a changed document, is gone.
    case missing
    /// The document is unchanged but the record disagrees with it (wrong offsets, text or bytes),
    /// or the document cannot be loaded: the record itself is bad.
    case invalid

    /// Only `ok` verifies: a `moved` record still points at offsets and a hash the document no
    /// longer has, so anyone following it would land in the wrong place.
    public var verifies: Bool { self == .ok }
}

/// Where the quote stands now in a changed document: scalar offsets and raw bytes (the text is
/// in ``VerificationResult/foundText``).
public struct FoundSpan: Codable, Sendable, Hashable {
    public var start: Int
    public var end: Int
    public var sourceBytes: ByteRange

    public init(start: Int, end: Int, sourceBytes: ByteRange) {
        self.start = start
        self.end = end
        self.sourceBytes = sourceBytes
    }

    public var range: ScalarRange { ScalarRange(start: start, end: end) }
}

/// The result of verifying one record.
public struct VerificationResult: Codable, Sendable, Hashable {
    public var id: String
    public var uri: String
    public var status: VerificationStatus
    /// The record's quote span.
    public var start: Int
    public var end: Int
    /// For `moved` and `changed`: the quote's new span.
    public var found: FoundSpan?
    /// For `changed`: the text now at ``found``.
    public var foundText: String?
    /// For `moved`, `changed` and a `missing` quote: how close the closest text is (0 to 1).
    public var similarity: Double?
    /// What is wrong, one line each; empty when `ok`.
    public var problems: [String]

    public init(record: ClaimRecord) {
        self.id = record.id
        self.uri = record.document.uri
        self.status = .ok
        self.start = record.quote.start
        self.end = record.quote.end
        self.found = nil
        self.foundText = nil
        self.similarity = nil
        self.problems = []
    }
}

/// Counts of each status over a run.
public struct VerificationSummary: Codable, Sendable, Hashable {
    public var total: Int
    public var counts: [String: Int]

    public init(_ results: [VerificationResult]) {
        total = results.count
        counts = Dictionary(uniqueKeysWithValues: VerificationStatus.allCases.map { ($0.rawValue, 0) })
        for result in results { counts[result.status.rawValue, default: 0] += 1 }
    }

    public var allVerify: Bool { counts[VerificationStatus.ok.rawValue] == total }

    /// `5 records: 3 ok, 1 moved, 1 changed, 0 missing, 0 invalid`.
    public var line: String {
        let parts = VerificationStatus.allCases.map { "\(counts[$0.rawValue] ?? 0) \($0.rawValue)" }
        return "\(total) record\(total == 1 ? "" : "s"): " + parts.joined(separator: ", ")
    }
}
