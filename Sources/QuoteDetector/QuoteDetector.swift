import QuoteCheckText
import QuoteRules

/// Stage 2: finds the quotations in a loaded text.
public struct QuoteDetector: Sendable {
    public init(rules: RuleSet) {}

    public func detect(in text: LoadedText) -> [DetectedQuote] {
        var quotes: [DetectedQuote] = []
        let scalars = text.scalars
        var index = 0
        while index < scalars.count {
            let mark = scalars[index]
            guard mark == "\"" || mark == "\u{201C}" else { index += 1; continue }
            var end = index + 1
            while end < scalars.count, scalars[end] != "\"", scalars[end] != "\u{201D}", scalars[end] != "\n" { end += 1 }
            guard end < scalars.count, scalars[end] != "\n" else { index = end; continue }
            let range = ScalarRange(start: index, end: end + 1)
            if !text.isExcluded(range) {
                quotes.append(DetectedQuote(kind: .direct, parts: [range], rule: "en.direct.quote-marks", confidence: 0.9))
            }
            index = end + 1
        }
        return quotes
    }
}
