import Foundation
import QuoteCheck

/// Every quote of some articles in text order, and the figures a desk editor asks first.
public struct Audit: Codable, Sendable, Hashable {
    public struct Article: Codable, Sendable, Hashable {
        public var uri: String
        public var sha256: String
        public var entries: [AuditEntry]
    }

    public struct Summary: Codable, Sendable, Hashable {
        public struct SpeakerCount: Codable, Sendable, Hashable {
            public var speaker: String
            public var quotes: Int
        }

        public var quotes: Int
        public var attributed: Int
        public var anonymous: Int
        /// Quotes per named speaker, most first; ties by name.
        public var speakers: [SpeakerCount]
        public var attributedShare: Double { quotes == 0 ? 0 : Double(attributed) / Double(quotes) }
        public var anonymousShare: Double { quotes == 0 ? 0 : Double(anonymous) / Double(quotes) }

        public init(_ entries: [AuditEntry]) {
            quotes = entries.count
            attributed = entries.filter { $0.speaker != nil }.count
            anonymous = entries.filter { $0.speaker?.anonymous == true }.count
            var counts: [String: Int] = [:]
            for entry in entries {
                if let speaker = entry.speaker, !speaker.anonymous { counts[speaker.name, default: 0] += 1 }
            }
            speakers = counts.map { SpeakerCount(speaker: $0.key, quotes: $0.value) }
                .sorted { ($1.quotes, $0.speaker) < ($0.quotes, $1.speaker) }
        }

        enum CodingKeys: String, CodingKey {
            case quotes, attributed, anonymous, speakers, attributedShare, anonymousShare
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            quotes = try container.decode(Int.self, forKey: .quotes)
            attributed = try container.decode(Int.self, forKey: .attributed)
            anonymous = try container.decode(Int.self, forKey: .anonymous)
            speakers = try container.decode([SpeakerCount].self, forKey: .speakers)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(quotes, forKey: .quotes)
            try container.encode(attributed, forKey: .attributed)
            try container.encode(anonymous, forKey: .anonymous)
            try container.encode(speakers, forKey: .speakers)
            try container.encode(attributedShare, forKey: .attributedShare)
            try container.encode(anonymousShare, forKey: .anonymousShare)
        }
    }

    public var articles: [Article]
    public var summary: Summary

    public init(_ documents: [ReviewDocument]) {
        articles = documents.map { document in
            let lines = LineIndex(document.loaded.scalars)
            return Article(
                uri: document.records.first?.document.uri ?? document.uri, sha256: document.sha256,
                entries: document.records.map { AuditEntry(record: $0, in: document, lines: lines) })
        }
        summary = Summary(articles.flatMap(\.entries))
    }
}
