import QuoteRules

extension ElementDocumentation {
    static let source = ElementDocumentation(
        element: .source, syntax: "`SOURCE`",
        matches: "what \"according to\" names when it is no speaker phrase: up to 15 words without a quotation, to the next comma or the sentence's end (\"early results of exit polls conducted for the networks\")",
        becomes: "speaker",
        examples: [
            .init(pattern: "CONTENT , @according @to SOURCE $", text: "The plant will close next year, according to early results of a review by the state.",
                  speaker: "early results of a review by the state", cue: "according to", content: "The plant will close next year"),
        ]
    )
}

extension Interpreter {
    func matchSource(step: Int, at position: Int, state: inout State) -> Int? {
        matchSource(step: step, at: position, state: &state, isFinding: false)
    }

    /// Words up to the first comma or the sentence's end (closing punctuation aside), as long as
    /// the rest of the pattern matches after them; for a FINDING the last one names a finding.
    func matchSource(step: Int, at position: Int, state: inout State, isFinding: Bool) -> Int? {
        let end = sentence.upperBound
        var cursor = position
        while cursor < end, cursor - position < PatternMatcher.maxSourceTokens, tokens[cursor].isWord
            || tokens[cursor].kind == .punctuation && !tokens[cursor].isPunctuation(",") && !isClosingPunctuation(tokens[cursor])
        {
            cursor += 1
        }
        guard cursor > position, tokens[cursor - 1].isWord, cursor == end || !tokens[cursor].isQuote else { return nil }
        if isFinding, !tokens[cursor - 1].classes.contains(.finding) { return nil }
        let saved = state.speaker
        state.speaker = position..<cursor
        if let result = match(step: step + 1, at: cursor, state: &state) { return result }
        state.speaker = saved
        return nil
    }
}
