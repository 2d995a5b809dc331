/// Where one word n-gram (shingle) occurs: document and token index of its first word.
struct Posting: Sendable, Hashable {
    var document: Int32
    var token: Int32
}

/// An inverted index from shingle keys to postings, stored as sorted flat arrays (one binary
/// search per lookup) so millions of postings cost no per-key allocation.
struct PostingIndex: Sendable {
    private var keys: [UInt64] = []
    /// `postings[offsets[k]..<offsets[k + 1]]` are the postings of `keys[k]`.
    private var offsets: [Int32] = [0]
    private var postings: [Posting] = []

    /// - Complexity: O(*p* log *p*) for *p* postings.
    init(documents: [ReferenceDocument], size: Int) {
        var entries: [(key: UInt64, posting: Posting)] = []
        entries.reserveCapacity(documents.reduce(0) { $0 + max(0, $1.tokens.count - size + 1) })
        for (documentIndex, document) in documents.enumerated() where document.tokens.count >= size {
            for start in 0...(document.tokens.count - size) {
                let key = FNV.combine(document.tokens[start..<(start + size)].lazy.map(\.key))
                entries.append((key, Posting(document: Int32(documentIndex), token: Int32(start))))
            }
        }
        entries.sort { lhs, rhs in
            if lhs.key != rhs.key { return lhs.key < rhs.key }
            if lhs.posting.document != rhs.posting.document { return lhs.posting.document < rhs.posting.document }
            return lhs.posting.token < rhs.posting.token
        }
        postings.reserveCapacity(entries.count)
        for entry in entries {
            if keys.last != entry.key {
                if !keys.isEmpty { offsets.append(Int32(postings.count)) }
                keys.append(entry.key)
            }
            postings.append(entry.posting)
        }
        if !keys.isEmpty { offsets.append(Int32(postings.count)) }
    }

    func postings(for key: UInt64) -> ArraySlice<Posting> {
        var low = 0
        var high = keys.count
        while low < high {
            let middle = (low + high) / 2
            if keys[middle] < key { low = middle + 1 } else { high = middle }
        }
        guard low < keys.count, keys[low] == key else { return [] }
        return postings[Int(offsets[low])..<Int(offsets[low + 1])]
    }
}

/// The reference material, indexed once by word trigrams (and single words, for quotes too short
/// for a trigram), so finding the passages a quote may come from never scans every reference.
public struct ReferenceIndex: Sendable {
    public let documents: [ReferenceDocument]
    private let trigrams: PostingIndex
    private let words: PostingIndex
    static let shingleSize = 3
    /// Shingles found more often than this ("one of the") say little about where a quote is
    /// and would cost the most; they are skipped when the quote has rarer ones.
    static let commonShingle = 2000

    /// A stretch of one reference document worth aligning a quote against.
    struct Candidate {
        var document: Int
        /// Token indexes of the document.
        var tokens: Range<Int>
        /// How many distinct quote shingles hit it.
        var score: Int
        /// The tokens from the first hit to the end of the last: what identical passages share.
        var core: Range<Int>
    }

    public init(documents: [ReferenceDocument]) {
        self.documents = documents
        trigrams = PostingIndex(documents: documents, size: Self.shingleSize)
        words = PostingIndex(documents: documents, size: 1)
    }

    public var tokenCount: Int { documents.reduce(0) { $0 + $1.tokens.count } }

    /// The stretches of reference worth aligning `quote` against, best first.
    /// - Complexity: proportional to the postings of the quote's shingles, not to the references.
    /// - Parameter only: look in this document alone.
    func candidates(for quote: [WordToken], limit: Int = 4, only: Int? = nil) -> [Candidate] {
        // Shingles never straddle an ellipsis or an editorial word: those are where the quote
        // and the source legitimately part.
        var shingles: [(key: UInt64, position: Int)] = []
        var run: [Int] = []
        func flush() {
            if run.count >= Self.shingleSize {
                for start in 0...(run.count - Self.shingleSize) {
                    let key = FNV.combine(run[start..<(start + Self.shingleSize)].lazy.map { quote[$0].key })
                    shingles.append((key, run[start]))
                }
            }
            run.removeAll()
        }
        for (index, token) in quote.enumerated() {
            if token.isSpoken { run.append(index) } else { flush() }
        }
        flush()
        var found = hits(shingles, in: trigrams, only: only, bias: quote.count)
        if found.isEmpty {
            // Too short for a trigram, or too reworded to share one (a paraphrase): single words.
            let single = quote.enumerated().filter { $0.element.isSpoken }.map { (key: FNV.combine([$0.element.key]), position: $0.offset) }
            found = hits(single, in: words, only: only, bias: quote.count)
        }
        let quoteLength = quote.count
        // Hits of one occurrence of the passage lie on about one diagonal (reference token minus
        // quote position); a word left out or put in shifts it a little. Grouping by diagonal keeps
        // each occurrence apart, so a passage repeated thousands of times gives thousands of small
        // stretches, never one huge one, and identical occurrences have identical cores.
        // One sort of all hits by document and diagonal replaces a table of per-document lists:
        // at 100,000 paragraphs a common shingle touches thousands of documents.
        found.sort { $0.key < $1.key }
        let tolerance = Int64(max(8, quoteLength / 4))
        var clusters: [Candidate] = []
        // Which quote positions the current group has seen: stamped with the group's number.
        var stamps = [Int32](repeating: -1, count: quoteLength)
        var index = 0
        while index < found.count {
            let document = Int(found[index].key >> 32)
            let count = documents[document].tokens.count
            var groupNumber = Int32(clusters.count)
            var groupDiagonal = Int64(found[index].key & 0xFFFF_FFFF)
            var lowest = Int32.max
            var highest = Int32.min
            var score = 0
            func close() {
                let lower = max(0, Int(lowest) - quoteLength - 2)
                let upper = min(count, Int(highest) + quoteLength + Self.shingleSize + 2)
                let core = Int(lowest)..<min(count, Int(highest) + Self.shingleSize)
                clusters.append(Candidate(document: document, tokens: lower..<upper, score: score, core: core))
            }
            while index < found.count, Int(found[index].key >> 32) == document {
                let hit = found[index]
                let diagonal = Int64(hit.key & 0xFFFF_FFFF)
                if diagonal - groupDiagonal > tolerance {
                    close()
                    groupNumber += 1
                    groupDiagonal = diagonal
                    lowest = Int32.max
                    highest = Int32.min
                    score = 0
                }
                let token = Int32(diagonal - Int64(quoteLength)) + hit.position
                lowest = min(lowest, token)
                highest = max(highest, token)
                if stamps[Int(hit.position)] != groupNumber {
                    stamps[Int(hit.position)] = groupNumber
                    score += 1
                }
                index += 1
            }
            close()
        }
        clusters.sort { lhs, rhs in
            lhs.score != rhs.score ? lhs.score > rhs.score : (lhs.document, lhs.core.lowerBound) < (rhs.document, rhs.core.lowerBound)
        }
        // Identical passages (a speech reprinted, a transcript pasted twice) would all be aligned
        // and all give the same answer: the first of each is enough.
        var seen: Set<UInt64> = []
        var distinct: [Candidate] = []
        for candidate in clusters where distinct.count < limit {
            let key = FNV.combine(documents[candidate.document].tokens[candidate.core].lazy.map(\.key))
            if seen.insert(key).inserted { distinct.append(candidate) }
        }
        return distinct
    }

    /// One hit of a quote shingle: `key` is the document (high 32 bits) and the diagonal, the
    /// reference token minus the quote position plus the quote's length (low 32 bits, never negative).
    struct Hit {
        var key: UInt64
        var position: Int32
    }

    /// Hits of the quote's shingles. Shingles in more than ``commonShingle`` places are skipped
    /// when rarer ones hit; when none does, only the first ``commonShingle`` postings of each are
    /// read, so the lookup stays bounded however often a passage repeats.
    /// - Parameter bias: the quote's length, added to every diagonal so that none is negative.
    private func hits(_ shingles: [(key: UInt64, position: Int)], in index: PostingIndex, only: Int?, bias: Int) -> [Hit] {
        var lists = shingles.map { (position: $0.position, postings: index.postings(for: $0.key)) }
        if let only {
            // Postings are sorted by document: the one document's are a contiguous run.
            let document = Int32(only)
            lists = lists.map { list in
                let start = list.postings.partitioningIndex { $0.document >= document }
                let end = list.postings[start...].partitioningIndex { $0.document > document }
                return (list.position, list.postings[start..<end])
            }
        }
        let hasRare = lists.contains { !$0.postings.isEmpty && $0.postings.count <= Self.commonShingle }
        var hits: [Hit] = []
        for list in lists where !hasRare || list.postings.count <= Self.commonShingle {
            for posting in list.postings.prefix(Self.commonShingle) {
                let diagonal = Int64(posting.token) - Int64(list.position) + Int64(bias)
                hits.append(Hit(key: UInt64(UInt32(posting.document)) << 32 | UInt64(diagonal), position: Int32(list.position)))
            }
        }
        return hits
    }
}

extension ArraySlice {
    /// The first index whose element satisfies `belongs`, for a slice partitioned by it (binary search).
    func partitioningIndex(where belongs: (Element) -> Bool) -> Int {
        var low = startIndex
        var high = endIndex
        while low < high {
            let middle = low + (high - low) / 2
            if belongs(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
