import QuoteRules

extension ElementDocumentation {
    static let quote = ElementDocumentation(
        element: .quote, syntax: "`QUOTE`",
        matches: "one quotation in marks",
        becomes: "content (the words between the marks)",
        examples: [
            .init(pattern: "^ SPEAKER CUE , QUOTE $", text: "Smith said, “We will win the vote.”", speaker: "Smith", cue: "said", content: "We will win the vote."),
        ]
    )
}

extension Interpreter {
    func matchQuote(step: Int, at position: Int, state: inout State) -> Int? {
        guard position < sentence.upperBound, tokens[position].isQuote else { return nil }
        state.content.append(position..<(position + 1))
        if let result = match(step: step + 1, at: position + 1, state: &state) { return result }
        state.content.removeLast()
        return nil
    }
}
