import QuoteRules

extension ElementDocumentation {
    static let punctuation = ElementDocumentation(
        element: .punctuation, syntax: "`,` `:` `,\\|:`",
        matches: "punctuation, or one of several; a comma also matches where American style put it inside the closing mark (`“…,” Trump said`)",
        becomes: "",
        examples: [
            .init(pattern: "^ SPEAKER CUE ,|: QUOTE $", text: "Smith said: “We will win the vote.”", speaker: "Smith", cue: "said", content: "We will win the vote."),
        ]
    )
}

extension Interpreter {
    func matchPunctuation(step: Int, at position: Int, state: inout State) -> Int? {
        let next = step + 1
        if position < sentence.upperBound, tokens[position].kind == .punctuation, hasMark(step: step, tokens[position].scalar) {
            return match(step: next, at: position + 1, state: &state)
        }
        // American style puts the comma inside the marks: “…,” Trump said.
        if steps[step].allowsComma, position > sentence.lowerBound, tokens[position - 1].isQuote, tokens[position - 1].scalar == "," {
            return match(step: next, at: position, state: &state)
        }
        return nil
    }
}
