import QuoteRules

extension ElementDocumentation {
    static let contentWord = ElementDocumentation(
        element: .contentWord, syntax: "`+word`",
        matches: "a literal word that opens the following `CONTENT` and belongs to it (`+that`)",
        becomes: "content",
        examples: [
            .init(pattern: "SPEAKER CUE +that CONTENT $", text: "Smith said that the plant would close.", speaker: "Smith", cue: "said", content: "that the plant would close"),
        ]
    )
}

extension Interpreter {
    func matchContentWord(step: Int, at position: Int, state: inout State) -> Int? {
        guard position < sentence.upperBound, isLiteralWord(at: position, step: steps[step]) else { return nil }
        let saved = state.contentStart
        state.contentStart = position
        if let result = match(step: step + 1, at: position + 1, state: &state) { return result }
        state.contentStart = saved
        return nil
    }
}
