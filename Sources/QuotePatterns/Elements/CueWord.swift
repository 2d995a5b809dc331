import QuoteRules

extension ElementDocumentation {
    static let cueWord = ElementDocumentation(
        element: .cueWord, syntax: "`@word`",
        matches: "a literal word that is part of the cue (`@according @to`)",
        becomes: "cue",
        examples: [
            .init(pattern: "CONTENT , @according @to SPEAKER $", text: "The plant will close next year, according to the mayor.", speaker: "the mayor",
                  cue: "according to", content: "The plant will close next year"),
        ]
    )
}

extension Interpreter {
    func matchCueWord(step: Int, at position: Int, state: inout State) -> Int? {
        guard position < sentence.upperBound, isLiteralWord(at: position, step: steps[step]) else { return nil }
        let saved = state.cue
        state.cue = (state.cue.map { min($0.lowerBound, position) } ?? position)..<(position + 1)
        if let result = match(step: step + 1, at: position + 1, state: &state) { return result }
        state.cue = saved
        return nil
    }
}
