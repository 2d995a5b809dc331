import Foundation
import QuoteCheck

/// A JSON value, for JSON-LD whose shape is set by outside vocabularies (W3C annotations,
/// schema.org) rather than by our types.
public indirect enum JSONValue: Codable, Sendable, Hashable {
    case string(String)
    case number(Double)
    case integer(Int)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([String: JSONValue])

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case let .string(value): try container.encode(value)
        case let .number(value): try container.encode(value)
        case let .integer(value): try container.encode(value)
        case let .bool(value): try container.encode(value)
        case .null: try container.encodeNil()
        case let .array(value): try container.encode(value)
        case let .object(value): try container.encode(value)
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public subscript(key: String) -> JSONValue? {
        guard case let .object(object) = self else { return nil }
        return object[key]
    }

    public var stringValue: String? {
        guard case let .string(value) = self else { return nil }
        return value
    }

    public var arrayValue: [JSONValue]? {
        guard case let .array(value) = self else { return nil }
        return value
    }

    /// Pretty, sorted-key JSON text ending in a newline.
    public var text: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

public enum ExportFormat: String, Sendable, CaseIterable {
    /// W3C Web Annotation Data Model, JSON-LD: one `Annotation` per record in an `AnnotationPage`.
    case w3c
    /// schema.org `ClaimReview`, JSON-LD: one per reviewed (accepted or corrected) record.
    case claimReview = "claimreview"
}

public enum Exporter {
    public static func export(_ records: [ReviewedRecord], format: ExportFormat) -> JSONValue {
        switch format {
        case .w3c: return webAnnotations(records)
        case .claimReview: return claimReviews(records)
        }
    }

    /// Annotations whose targets carry both selectors: `TextPositionSelector` (Unicode scalar
    /// offsets into the loaded text, the unit the W3C model counts in) and `TextQuoteSelector`
    /// (the exact text with its prefix and suffix, for re-anchoring in a changed document).
    public static func webAnnotations(_ records: [ReviewedRecord]) -> JSONValue {
        .object([
            "@context": .string("http://www.w3.org/ns/anno.jsonld"),
            "type": .string("AnnotationPage"),
            "items": .array(records.map(webAnnotation)),
        ])
    }

    static func webAnnotation(_ reviewed: ReviewedRecord) -> JSONValue {
        let record = reviewed.record
        var body: [JSONValue] = [
            .object(["type": .string("TextualBody"), "purpose": .string("tagging"), "value": .string("quote:\(record.kind.rawValue)")])
        ]
        let speaker = reviewed.review?.verdict == .corrected ? reviewed.review?.speaker : record.speaker?.name
        var description = speaker.map { "Speaker: \($0)" } ?? "Speaker: unknown"
        if let cue = record.cue?.text { description += "; cue: \(cue)" }
        description += "; rule: \(record.rule); confidence: \(record.confidence)"
        if let review = reviewed.review { description += "; review: \(review.verdict.rawValue) by \(review.reviewer)" }
        body.append(.object(["type": .string("TextualBody"), "purpose": .string("describing"), "format": .string("text/plain"), "value": .string(description)]))
        if let speaker {
            body.append(.object(["type": .string("TextualBody"), "purpose": .string("identifying"), "value": .string(speaker)]))
        }
        var annotation: [String: JSONValue] = [
            "id": .string("urn:quotecheck:\(record.document.sha256):\(record.id)"),
            "type": .string("Annotation"),
            "motivation": .string("identifying"),
            "body": .array(body),
            "target": .object([
                "source": .string(record.document.uri),
                "format": .string(record.document.media),
                "selector": .array([
                    .object(["type": .string("TextPositionSelector"), "start": .integer(record.quote.start), "end": .integer(record.quote.end)]),
                    .object([
                        "type": .string("TextQuoteSelector"), "exact": .string(record.quote.text), "prefix": .string(record.quote.prefix),
                        "suffix": .string(record.quote.suffix),
                    ]),
                ]),
            ]),
        ]
        if let review = reviewed.review {
            annotation["creator"] = .object(["type": .string("Person"), "name": .string(review.reviewer)])
            annotation["modified"] = .string(review.time)
        }
        return .object(annotation)
    }

    /// ClaimReviews for the records a person reviewed and did not reject: a rejected record is
    /// not a claim the article made.
    public static func claimReviews(_ records: [ReviewedRecord]) -> JSONValue {
        let items = records.compactMap { reviewed -> JSONValue? in
            guard let review = reviewed.review, review.verdict != .rejected else { return nil }
            return claimReview(reviewed.record, review: review)
        }
        return .object(["@context": .string("https://schema.org"), "@graph": .array(items)])
    }

    static func claimReview(_ record: ClaimRecord, review: Review) -> JSONValue {
        let speaker = review.verdict == .corrected ? (review.speaker ?? "") : (record.speaker?.name ?? "unknown")
        let anonymous = review.verdict != .corrected && record.speaker?.anonymous == true
        let rating = rating(record, review: review)
        return .object([
            "@type": .string("ClaimReview"),
            "url": .string("\(record.document.uri)#quotecheck-\(record.id)"),
            "claimReviewed": .string(record.quote.pieces.joined(separator: " … ")),
            "datePublished": .string(String(review.time.prefix(10))),
            "author": .object(["@type": .string("Person"), "name": .string(review.reviewer)]),
            "itemReviewed": .object([
                "@type": .string("Claim"),
                "author": .object(["@type": .string(anonymous ? "Organization" : "Person"), "name": .string(speaker)]),
                "appearance": .object([
                    "@type": .string("CreativeWork"), "url": .string(record.document.uri),
                    "identifier": .string("sha256:\(record.document.sha256)"),
                ]),
            ]),
            "reviewRating": .object([
                "@type": .string("Rating"), "ratingValue": .integer(rating.value), "bestRating": .integer(5), "worstRating": .integer(1),
                "alternateName": .string(rating.name),
            ]),
        ])
    }

    /// How faithful the quotation is, 1 to 5: the `check` status when the record was checked,
    /// else the reviewer's verdict on the attribution alone.
    static func rating(_ record: ClaimRecord, review: Review) -> (value: Int, name: String) {
        if review.verdict == .corrected { return (2, "Misattributed: said by \(review.speaker ?? "someone else")") }
        guard let check = record.check else { return (5, "Correctly attributed") }
        switch check.status.rawValue {
        case "verbatim": return (5, "Accurate quotation")
        case "elided": return (4, "Accurate, with marked omissions")
        case "altered": return check.critical.isEmpty ? (3, "Wording altered") : (1, "Misquoted: \(check.critical.joined(separator: ", "))")
        case "not-found": return (3, "Source not found")
        default: return (3, check.status.rawValue)
        }
    }
}
