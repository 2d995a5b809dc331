import QuoteCheckText
import QuoteRules

/// Marks boilerplate lines ("Advertisement", a copyright line) as excluded regions.
public struct BoilerplateMarker: Sendable {
    public let rules: [BoilerplateRule]
    private let longestMatchableLine: Int

    public init(rules: [BoilerplateRule]) {
        self.rules = rules
        self.longestMatchableLine = rules.map(\.maxLength).max() ?? 0
    }

    /// The excluded regions of a text: one per boilerplate line, covering the line without its
    /// surrounding whitespace.
    public func regions(in scalars: [Unicode.Scalar]) -> [ExcludedRegion] {
        var regions: [ExcludedRegion] = []
        var lineStart = 0
        var index = 0
        let count = scalars.count
        while lineStart < count {
            index = lineStart
            while index < count, scalars[index] != "\n" { index += 1 }
            if let region = region(in: scalars, line: lineStart..<index) { regions.append(region) }
            lineStart = index + 1
        }
        return regions
    }

    private func region(in scalars: [Unicode.Scalar], line: Range<Int>) -> ExcludedRegion? {
        var lower = line.lowerBound
        var upper = line.upperBound
        while lower < upper, scalars[lower].isSpaceLike { lower += 1 }
        while upper > lower, scalars[upper - 1].isSpaceLike { upper -= 1 }
        let length = upper - lower
        // Most lines are paragraphs far longer than any boilerplate: skip them without building a string.
        guard length > 0, length <= longestMatchableLine else { return nil }
        guard let matching = BoilerplateRule.firstMatch(in: rules, line: scalars[lower..<upper]) else { return nil }
        return ExcludedRegion(range: ScalarRange(start: lower, end: upper), rule: rules[matching].id)
    }
}
