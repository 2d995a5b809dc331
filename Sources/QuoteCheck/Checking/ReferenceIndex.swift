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
    }

    public init(documents: [ReferenceDocument]) {
        self.documents = documents
        trigrams = PostingIndex(documents: documents, size: Self.shingleSize)
        words = PostingIndex(documents: documents, size: 1)
    }

    public var tokenCount: Int { documents.reduce(0) { $0 + $1.tokens.count } }

    /// The stretches of reference worth aligning `quote` against, best first.
    /// - Complexity: proportional to the postings of the quote's shingles, not to the references.
    func candidates(for quote: [WordToken], limit: Int = 4) -> [Candidate] {
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
        let index: PostingIndex
        if shingles.isEmpty {
            index = words
            shingles = quote.enumerated().filter { $0.element.isSpoken }.map { (FNV.combine([$0.element.key]), $0.offset) }
        } else {
            index = trigrams
        }
        let lists = shingles.map { (position: $0.position, postings: index.postings(for: $0.key)) }
        let hasRare = lists.contains { !$0.postings.isEmpty && $0.postings.count <= Self.commonShingle }
        var hits: [Int32: [(token: Int32, position: Int)]] = [:]
        for list in lists where !hasRare || list.postings.count <= Self.commonShingle {
            for posting in list.postings { hits[posting.document, default: []].append((posting.token, list.position)) }
        }
        let quoteLength = quote.count
        var clusters: [Candidate] = []
        for (document, documentHits) in hits {
            let sorted = documentHits.sorted { $0.token < $1.token }
            var documentClusters: [(range: ClosedRange<Int32>, positions: Set<Int>)] = []
            for hit in sorted {
                if let last = documentClusters.last, hit.token - last.range.upperBound <= Int32(quoteLength + 30) {
                    documentClusters[documentClusters.count - 1].range = last.range.lowerBound...hit.token
                    documentClusters[documentClusters.count - 1].positions.insert(hit.position)
                } else {
                    documentClusters.append((hit.token...hit.token, [hit.position]))
                }
            }
            documentClusters.sort { $0.positions.count > $1.positions.count }
            guard var best = documentClusters.first else { continue }
            // A quote spliced from two places in one document hits two clusters that cover
            // different words of it: align them together so the splice shows as one gap.
            if documentClusters.count > 1 {
                let second = documentClusters[1]
                let added = second.positions.subtracting(best.positions).count
                let span = max(best.range.upperBound, second.range.upperBound) - min(best.range.lowerBound, second.range.lowerBound)
                if added >= 2, span <= 5000 {
                    best = (min(best.range.lowerBound, second.range.lowerBound)...max(best.range.upperBound, second.range.upperBound), best.positions.union(second.positions))
                }
            }
            let count = documents[Int(document)].tokens.count
            let lower = max(0, Int(best.range.lowerBound) - quoteLength - 2)
            let upper = min(count, Int(best.range.upperBound) + quoteLength + Self.shingleSize + 2)
            clusters.append(Candidate(document: Int(document), tokens: lower..<upper, score: best.positions.count))
        }
        clusters.sort { lhs, rhs in
            lhs.score != rhs.score ? lhs.score > rhs.score : (lhs.document, lhs.tokens.lowerBound) < (rhs.document, rhs.tokens.lowerBound)
        }
        return Array(clusters.prefix(limit))
    }
}
