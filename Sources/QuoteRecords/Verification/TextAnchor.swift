/// Finds a quote again in a text that changed: exact occurrences ranked by their context
/// (as the W3C `TextQuoteSelector` does), and the closest approximate match.
struct TextAnchor {
    let text: [Unicode.Scalar]

    /// Start offsets of every exact occurrence of `needle`.
    /// - Complexity: O(*n* × *m*) in the worst case, close to O(*n*) on prose.
    func occurrences(of needle: [Unicode.Scalar]) -> [Int] {
        guard let first = needle.first, needle.count <= text.count else { return [] }
        var found: [Int] = []
        var index = 0
        while index + needle.count <= text.count {
            if text[index] == first, text[index..<(index + needle.count)].elementsEqual(needle) {
                found.append(index)
            }
            index += 1
        }
        return found
    }

    /// How many scalars of context agree around an occurrence: the end of `prefix` against the
    /// text before it, plus the start of `suffix` against the text after.
    func contextScore(at start: Int, length: Int, prefix: [Unicode.Scalar], suffix: [Unicode.Scalar]) -> Int {
        var score = 0
        var back = start - 1
        var prefixIndex = prefix.count - 1
        while back >= 0, prefixIndex >= 0, text[back] == prefix[prefixIndex] {
            score += 1
            back -= 1
            prefixIndex -= 1
        }
        var forward = start + length
        var suffixIndex = 0
        while forward < text.count, suffixIndex < suffix.count, text[forward] == suffix[suffixIndex] {
            score += 1
            forward += 1
            suffixIndex += 1
        }
        return score
    }

    struct ApproximateMatch {
        let range: ScalarRange
        /// 1 − edit distance ÷ needle length, floored at 0.
        let similarity: Double
    }

    /// The span of the text with the smallest edit distance to `needle` (Sellers' algorithm:
    /// edit distance with a free start and end in the text), ignoring case.
    /// - Complexity: O(*n* × *m*) time, O(*m*) space.
    func bestApproximateMatch(of needle: [Unicode.Scalar]) -> ApproximateMatch? {
        guard !needle.isEmpty, !text.isEmpty else { return nil }
        let pattern = needle.map(Self.folded)
        let count = pattern.count
        // distance[i]: edits turning pattern[0..<i] into the text ending at the current column;
        // origin[i]: where in the text that alignment starts.
        var distance = Array(0...count)
        var origin = Array(repeating: 0, count: count + 1)
        var previousDistance = distance
        var previousOrigin = origin
        var best = (distance: count, start: 0, end: 0)
        for column in 0..<text.count {
            let scalar = Self.folded(text[column])
            swap(&distance, &previousDistance)
            swap(&origin, &previousOrigin)
            distance[0] = 0
            origin[0] = column + 1
            for row in 1...count {
                let substitute = previousDistance[row - 1] + (pattern[row - 1] == scalar ? 0 : 1)
                let skipText = previousDistance[row] + 1
                let skipPattern = distance[row - 1] + 1
                if substitute <= skipText, substitute <= skipPattern {
                    distance[row] = substitute
                    origin[row] = previousOrigin[row - 1]
                } else if skipText <= skipPattern {
                    distance[row] = skipText
                    origin[row] = previousOrigin[row]
                } else {
                    distance[row] = skipPattern
                    origin[row] = origin[row - 1]
                }
            }
            if distance[count] < best.distance {
                best = (distance[count], origin[count], column + 1)
            }
        }
        let similarity = max(0, 1 - Double(best.distance) / Double(count))
        return ApproximateMatch(range: ScalarRange(start: best.start, end: best.end), similarity: similarity)
    }

    private static func folded(_ scalar: Unicode.Scalar) -> UInt32 {
        // ASCII case folding is enough here: the point is to survive small edits, not to
        // normalise text (that is `check`'s job).
        let value = scalar.value
        return (0x41...0x5A).contains(value) ? value + 0x20 : value
    }
}
