/// One step of a word alignment between a quote and a reference passage.
enum AlignmentStep: Hashable {
    case match(quote: Int, reference: Int)
    case substitute(quote: Int, reference: Int)
    /// A quote token with no reference word (an inserted word, an ellipsis, an editorial word).
    case quoteOnly(quote: Int)
    /// A reference word the quote leaves out; `elided` when an ellipsis or editorial word stands there.
    case referenceOnly(reference: Int, elided: Bool)
}

/// Word-level alignment of a quote against a stretch of reference, tolerating elisions.
///
/// Semi-global: the whole quote is aligned, the reference has free ends. Costs (in hundredths):
/// a replaced word or an inserted word costs 100; leaving out reference words opens a gap at 110
/// and extends it at 1 per word, so a splice of two distant passages is one gap, not hundreds of
/// deletions. Next to an ellipsis or an editorial word, gaps, ellipses and editorial words are free.
enum WordAlignment {
    static let substitution: Int32 = 100
    static let insertion: Int32 = 100
    static let gapOpen: Int32 = 110
    static let gapExtend: Int32 = 1
    private static let infinity = Int32.max / 4

    /// - Complexity: O(*m* × *n*) time and space for *m* quote tokens and *n* reference words.
    static func align(quote: [WordToken], reference: ArraySlice<WordToken>) -> [AlignmentStep] {
        let rows = quote.count
        let columns = reference.count
        let base = reference.startIndex
        let width = columns + 1
        // free[i]: whether a gap between quote tokens i-1 and i costs nothing.
        let free: [Bool] = (0...rows).map { index in
            index == 0 || index == rows || !quote[index - 1].isSpoken || !quote[index].isSpoken
        }
        var match = [Int32](repeating: infinity, count: (rows + 1) * width)
        var gap = [Int32](repeating: infinity, count: (rows + 1) * width)
        var matchFrom = [UInt8](repeating: 0, count: (rows + 1) * width)
        var gapFrom = [UInt8](repeating: 0, count: (rows + 1) * width)
        for column in 0...columns { match[column] = 0 }
        for row in 1...max(rows, 1) where row <= rows {
            let token = quote[row - 1]
            let insertCost: Int32 = token.isSpoken ? insertion : 0
            let open: Int32 = free[row] ? 0 : gapOpen
            let extend: Int32 = free[row] ? 0 : gapExtend
            for column in 0...columns {
                let cell = row * width + column
                let up = (row - 1) * width + column
                var best = match[up] + insertCost
                var from: UInt8 = 2
                if gap[up] + insertCost < best { best = gap[up] + insertCost; from = 3 }
                if column > 0 {
                    let diagonal = up - 1
                    let cost: Int32 = token.isEditorial || token.key == reference[base + column - 1].key ? 0 : (token.isEllipsis ? infinity : substitution)
                    if match[diagonal] + cost < best { best = match[diagonal] + cost; from = 0 }
                    if gap[diagonal] + cost < best { best = gap[diagonal] + cost; from = 1 }
                    let left = cell - 1
                    let opened = match[left] + open + extend
                    let extended = gap[left] + extend
                    gap[cell] = min(opened, extended)
                    gapFrom[cell] = opened <= extended ? 0 : 1
                }
                match[cell] = best
                matchFrom[cell] = from
            }
        }
        var endColumn = 0
        for column in 0...columns where match[rows * width + column] < match[rows * width + endColumn] { endColumn = column }
        var steps: [AlignmentStep] = []
        var row = rows
        var column = endColumn
        var inGap = false
        while row > 0 {
            let cell = row * width + column
            if inGap {
                steps.append(.referenceOnly(reference: base + column - 1, elided: free[row]))
                inGap = gapFrom[cell] == 1
                column -= 1
                continue
            }
            switch matchFrom[cell] {
            case 0, 1:
                let token = quote[row - 1]
                let referenceIndex = base + column - 1
                if !token.isEditorial, token.key == reference[referenceIndex].key {
                    steps.append(.match(quote: row - 1, reference: referenceIndex))
                } else {
                    steps.append(.substitute(quote: row - 1, reference: referenceIndex))
                }
                inGap = matchFrom[cell] == 1
                row -= 1
                column -= 1
            default:
                steps.append(.quoteOnly(quote: row - 1))
                inGap = matchFrom[cell] == 3
                row -= 1
            }
        }
        return steps.reversed()
    }
}
