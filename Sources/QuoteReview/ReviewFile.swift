import Foundation
import QuoteCheck

/// A reviewer's verdict on one record, as the HTML report exports it (schema
/// `quotecheck.review/1`) and as `review apply` writes it into the record's `review` object.
public struct Review: Codable, Sendable, Hashable {
    public enum Verdict: String, Codable, Sendable, CaseIterable {
        /// The quote and its speaker are right.
        case accepted
        /// The record is wrong (not a quotation, or not this span); it stays in the output, marked.
        case rejected
        /// The quote is right, the speaker is ``Review/speaker``.
        case corrected
    }

    /// The record's `id`.
    public var id: String
    /// The record's `document.sha256`: a review applies only to records of the same bytes.
    public var documentSha256: String
    public var verdict: Verdict
    /// The corrected speaker's name (for `corrected`).
    public var speaker: String?
    public var reviewer: String
    /// ISO 8601, as the browser's clock gave it.
    public var time: String

    public init(id: String, documentSha256: String, verdict: Verdict, speaker: String?, reviewer: String, time: String) {
        self.id = id
        self.documentSha256 = documentSha256
        self.verdict = verdict
        self.speaker = speaker
        self.reviewer = reviewer
        self.time = time
    }
}

/// The review file the report exports.
public struct ReviewFile: Codable, Sendable, Hashable {
    public static let schemaVersion = "quotecheck.review/1"

    public var schema: String
    public var reviews: [Review]

    public init(reviews: [Review]) {
        self.schema = Self.schemaVersion
        self.reviews = reviews
    }

    /// Reads a review file; the error names the file and what is wrong with it.
    public static func read(path: String) throws(ReviewError) -> ReviewFile {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path) }
        let file: ReviewFile
        do {
            file = try JSONDecoder().decode(ReviewFile.self, from: data)
        } catch let error as DecodingError {
            throw .invalidReviewFile(path: path, reason: describe(error))
        } catch {
            throw .invalidReviewFile(path: path, reason: "\(error)")
        }
        guard file.schema == schemaVersion else {
            throw .invalidReviewFile(path: path, reason: "schema is '\(file.schema)', expected '\(schemaVersion)'")
        }
        return file
    }
}

/// A claim record with the `review` object `review apply` adds. Kept beside ``ClaimRecord``
/// rather than in it: only reviewing reads or writes it, and the record's own encoding (and its
/// fast JSON Lines writer) stays as it is.
public struct ReviewedRecord: Codable, Sendable, Hashable {
    public var record: ClaimRecord
    public var review: Review?

    public init(record: ClaimRecord, review: Review?) {
        self.record = record
        self.review = review
    }

    enum CodingKeys: String, CodingKey {
        case review
    }

    public init(from decoder: any Decoder) throws {
        record = try ClaimRecord(from: decoder)
        review = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(Review.self, forKey: .review)
    }

    public func encode(to encoder: any Encoder) throws {
        try record.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(review, forKey: .review)
    }

    /// Reads records files with or without `review` objects; errors name file and line.
    public static func read(path: String) throws(RecordsError) -> [ReviewedRecord] {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path) }
        let decoder = JSONDecoder()
        var records: [ReviewedRecord] = []
        for (index, line) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            do {
                records.append(try decoder.decode(ReviewedRecord.self, from: Data(trimmed.utf8)))
            } catch let error as DecodingError {
                throw .invalidRecord(path: path, line: index + 1, reason: describe(error))
            } catch {
                throw .invalidRecord(path: path, line: index + 1, reason: "\(error)")
            }
        }
        return records
    }
}

/// What applying a review file did.
public struct ReviewApplication: Sendable {
    /// Every record, in input order, with its review when one matched.
    public var records: [ReviewedRecord]
    public var applied: Int
    /// Reviews that were not applied, one line each, saying why.
    public var problems: [String]

    /// Applies each review to the record with its id, only when the record's document hash is
    /// the review's: a review of other bytes may point at other words. Unmatched reviews are
    /// reported, never dropped silently; a record reviewed twice keeps the later review.
    public init(reviews: ReviewFile, to records: [ReviewedRecord], reviewPath: String = "review") {
        var byID: [String: Int] = [:]
        for (index, record) in records.enumerated() where byID[record.record.id] == nil { byID[record.record.id] = index }
        var records = records
        var applied = 0
        var problems: [String] = []
        for (index, review) in reviews.reviews.enumerated() {
            let label = "\(reviewPath): review \(index + 1) (record \(review.id))"
            guard let position = byID[review.id] else {
                problems.append("\(label): no record with this id; not applied")
                continue
            }
            let record = records[position].record
            guard record.document.sha256 == review.documentSha256 else {
                problems.append(
                    "\(label): document sha256 \(review.documentSha256.prefix(12))… is not the record's \(record.document.sha256.prefix(12))… (\(record.document.uri)); not applied")
                continue
            }
            if review.verdict == .corrected, (review.speaker ?? "").isEmpty {
                problems.append("\(label): verdict 'corrected' without a speaker; not applied")
                continue
            }
            records[position].review = review
            applied += 1
        }
        self.records = records
        self.applied = applied
        self.problems = problems
    }
}

/// A decoding error as one line: the key path and what was wrong there.
func describe(_ error: DecodingError) -> String {
    func name(_ key: any CodingKey) -> String { key.intValue.map(String.init) ?? key.stringValue }
    switch error {
    case let .keyNotFound(key, context):
        return "missing key '\((context.codingPath + [key]).map(name).joined(separator: "."))'"
    case let .typeMismatch(_, context), let .valueNotFound(_, context), let .dataCorrupted(context):
        let path = context.codingPath.map(name).joined(separator: ".")
        return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
    @unknown default:
        return "\(error)"
    }
}
