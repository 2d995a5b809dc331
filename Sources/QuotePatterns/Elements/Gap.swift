import QuoteRules

extension ElementDocumentation {
    static let gap = ElementDocumentation(
        element: .gap, syntax: "`GAP`",
        matches: "up to 3 words, no punctuation (`on Monday`); up to 6 when a `QUOTE` follows later in the pattern, commas between words and a title-cased quotation before a word allowed (`wrote to his 20,000 Twitter followers, “…”`, `acknowledged, however, “…”`, `told “Morning Edition” host Ana Ruiz, “…”`)",
        becomes: "",
        examples: [
            .init(pattern: "^ SPEAKER CUE GAP , QUOTE $", text: "Smith told reporters on Monday, “We will win the vote.”", speaker: "Smith", cue: "told reporters",
                  content: "We will win the vote."),
        ]
    )
}

extension Interpreter {
    func matchGap(step stepIndex: Int, at position: Int, state: inout State) -> Int? {
        let end = sentence.upperBound
        let next = stepIndex + 1
        let reach = steps[stepIndex].quoteFollows ? PatternMatcher.maxGapTokensBeforeQuote : PatternMatcher.maxGapTokens
        // A comma between two words may stand in the gap ("acknowledged, however, “…”").
        // So may the title of a show before a name ("told “CBS This Morning” co-host Gayle King, “…”").
        func isGapToken(_ index: Int) -> Bool {
            tokens[index].isWord
                || tokens[index].isPunctuation(",") && index + 1 < end && tokens[index + 1].isWord && tokens[index - 1].isWord
                || steps[stepIndex].quoteFollows && tokens[index].isTitleLikeQuote && index + 1 < end && tokens[index + 1].isWord
        }
        var cursor = position
        while true {
            if let result = matchAfterVariable(step: next, at: cursor, state: &state) { return result }
            guard cursor < end, cursor - position < reach, isGapToken(cursor) else { return nil }
            cursor += 1
        }
    }
}
