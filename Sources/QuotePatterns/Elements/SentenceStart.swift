import QuoteRules

extension ElementDocumentation {
    static let sentenceStart = ElementDocumentation(
        element: .sentenceStart, syntax: "`^`",
        matches: "the start of the sentence; `^ QUOTE` also matches where a quotation that opens with a capital follows a colon or comma inside a sentence (`…his former wife: \"She signed an agreement,\" he told …`), and `^ SPEAKER` where a word follows a dash (`… drew Trump's ire — he called her “weak” …`)",
        becomes: "",
        examples: [
            .init(pattern: "^ QUOTE ,? SPEAKER CUE $", text: "“We will win,” Smith said.", speaker: "Smith", cue: "said", content: "We will win"),
        ]
    )
}

extension Interpreter {
    func matchSentenceStart(step: Int, at position: Int, state: inout State) -> Int? {
        let next = step + 1
        if position == sentence.lowerBound { return match(step: next, at: position, state: &state) }
        if steps[step].quoteNext, PatternMatcher.opensQuotedClause(position, in: sentence, tokens: tokens) {
            return match(step: next, at: position, state: &state)
        }
        guard next < steps.count, steps[next].kind == .speaker,
            PatternMatcher.opensDashClause(position, in: sentence, tokens: tokens) else { return nil }
        return match(step: next, at: position, state: &state)
    }
}
