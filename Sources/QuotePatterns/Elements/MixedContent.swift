import QuoteRules

extension ElementDocumentation {
    static let mixedContent = ElementDocumentation(
        element: .mixedContent, syntax: "`MIXED`",
        matches: "a `CONTENT` that holds a quotation of two words or more that is not a title of a work",
        becomes: "content",
        examples: [
            .init(pattern: "SPEAKER CUE +that? MIXED $", text: "Smith said the plan was “a total disaster for the city.”", speaker: "Smith", cue: "said",
                  content: "the plan was “a total disaster for the city.”"),
        ]
    )
}

extension Interpreter {
    func matchMixedContent(step: Int, at position: Int, state: inout State) -> Int? {
        matchContent(step: step, at: position, state: &state, needsQuote: true)
    }
}
