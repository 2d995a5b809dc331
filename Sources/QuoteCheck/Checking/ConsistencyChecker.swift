/// One place a quote was attributed.
public struct Citation: Codable, Sendable, Hashable {
    public var id: String
    public var uri: String
    public var start: Int
    public var end: Int
    public var text: String
    /// The speaker as that record names it.
    public var speaker: String
}

/// Everyone a (nearly) identical quote was attributed to under one name.
public struct SpeakerAttribution: Codable, Sendable, Hashable {
    /// The most frequent form of the name.
    public var speaker: String
    /// Every form of the name seen (`Putin`, `Vladimir Putin`).
    public var names: [String]
    public var citations: [Citation]
}

/// The same or nearly the same quote attributed to different speakers.
public struct AttributionConflict: Codable, Sendable, Hashable {
    /// The longest text of the quote among its citations.
    public var quote: String
    /// Grouped by speaker (alias-aware), most-cited first.
    public var attributions: [SpeakerAttribution]
    public var citationCount: Int
}

/// Finds quotes attributed to different speakers across a corpus of records.
///
/// Quotes are compared by their word-trigram sets (case, punctuation, quotation marks, dashes,
/// ellipses and bracketed words ignored). Two quotes are the same when most trigrams of the
/// shorter are in the longer (overlap coefficient ≥ 0.6), which survives trimming and elisions.
/// Candidates come from an inverted index of trigrams, not from comparing every pair.
public struct ConsistencyChecker: Sendable {
    public static let sameQuoteOverlap = 0.6
    /// Trigrams shared by more quotes than this ("one of the") are not used to find candidates.
    static let commonShingle = 200

    public let names: SpeakerNames

    public init(names: SpeakerNames) {
        self.names = names
    }

    /// Conflicts, the most-cited first.
    /// - Complexity: about linear in the records, plus the pairs that share a trigram.
    public func conflicts(in records: [ClaimRecord]) -> [AttributionConflict] {
        let attributed: [(record: ClaimRecord, speaker: String, shingles: Set<UInt64>)] = records.compactMap { record in
            guard let speaker = record.speaker, !speaker.anonymous else { return nil }
            let name = speaker.name.isEmpty ? (speaker.mention?.text ?? "") : speaker.name
            guard !names.words(name).isEmpty else { return nil }
            let shingles = Self.shingles(record.quote.text)
            return shingles.isEmpty ? nil : (record, name, shingles)
        }
        var postings: [UInt64: [Int]] = [:]
        for (index, item) in attributed.enumerated() { for shingle in item.shingles { postings[shingle, default: []].append(index) } }
        var parent = Array(attributed.indices)
        func root(_ index: Int) -> Int {
            var index = index
            while parent[index] != index {
                parent[index] = parent[parent[index]]
                index = parent[index]
            }
            return index
        }
        for (index, item) in attributed.enumerated() {
            var shared: [Int: Int] = [:]
            for shingle in item.shingles {
                guard let list = postings[shingle], list.count <= Self.commonShingle else { continue }
                for other in list where other > index { shared[other, default: 0] += 1 }
            }
            for (other, count) in shared {
                let smaller = min(item.shingles.count, attributed[other].shingles.count)
                if Double(count) / Double(smaller) >= Self.sameQuoteOverlap { parent[root(other)] = root(index) }
            }
        }
        var groups: [Int: [Int]] = [:]
        for index in attributed.indices { groups[root(index), default: []].append(index) }
        var conflicts: [AttributionConflict] = []
        for members in groups.values where members.count > 1 {
            var speakers: [(names: [String], citations: [Citation])] = []
            for member in members {
                let item = attributed[member]
                let citation = Citation(
                    id: item.record.id, uri: item.record.document.uri, start: item.record.quote.start, end: item.record.quote.end,
                    text: item.record.quote.text, speaker: item.speaker)
                if let existing = speakers.firstIndex(where: { group in group.names.contains { names.same($0, item.speaker) } }) {
                    speakers[existing].names.append(item.speaker)
                    speakers[existing].citations.append(citation)
                } else {
                    speakers.append(([item.speaker], [citation]))
                }
            }
            guard speakers.count > 1 else { continue }
            let attributions = speakers.map { group in
                SpeakerAttribution(speaker: Self.mostFrequent(group.names), names: Array(Set(group.names)).sorted(), citations: group.citations.sorted { ($0.uri, $0.start) < ($1.uri, $1.start) })
            }.sorted { $0.citations.count != $1.citations.count ? $0.citations.count > $1.citations.count : $0.speaker < $1.speaker }
            let quote = members.map { attributed[$0].record.quote.text }.max { ($0.unicodeScalars.count, $1) < ($1.unicodeScalars.count, $0) } ?? ""
            conflicts.append(AttributionConflict(quote: quote, attributions: attributions, citationCount: members.count))
        }
        return conflicts.sorted { $0.citationCount != $1.citationCount ? $0.citationCount > $1.citationCount : $0.quote < $1.quote }
    }

    /// Word-trigram keys of a quote's spoken words; a quote of one or two words is one key.
    static func shingles(_ text: String) -> Set<UInt64> {
        let keys = WordTokenizer.tokenize(Array(text.unicodeScalars)).filter(\.isSpoken).map(\.key)
        guard keys.count >= ReferenceIndex.shingleSize else { return keys.isEmpty ? [] : [FNV.combine(keys)] }
        return Set((0...(keys.count - ReferenceIndex.shingleSize)).map { FNV.combine(keys[$0..<($0 + ReferenceIndex.shingleSize)]) })
    }

    static func mostFrequent(_ values: [String]) -> String {
        var counts: [String: Int] = [:]
        for value in values { counts[value, default: 0] += 1 }
        return counts.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key ?? ""
    }
}
