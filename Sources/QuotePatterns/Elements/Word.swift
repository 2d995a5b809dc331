import QuoteRules

extension ElementDocumentation {
    static let word = ElementDocumentation(
        element: .word, syntax: "`word`, `that\\|whether`",
        matches: "a literal lower-case word, or one of several",
        becomes: "",
        examples: [
            .init(pattern: "SPEAKER CUE CONTENT , but CONTENT $", text: "Smith said the vote was close, but the count went on.", speaker: "Smith", cue: "said"),
        ]
    )
}

extension Interpreter {
    func matchWord(step: Int, at position: Int, state: inout State) -> Int? {
        guard position < sentence.upperBound, isLiteralWord(at: position, step: steps[step]) else { return nil }
        return match(step: step + 1, at: position + 1, state: &state)
    }
}
