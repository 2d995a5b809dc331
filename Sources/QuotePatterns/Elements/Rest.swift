import QuoteRules

extension ElementDocumentation {
    static let rest = ElementDocumentation(
        element: .rest, syntax: "`REST`",
        matches: "everything to the end of the sentence",
        becomes: "",
        examples: [
            .init(pattern: "^ QUOTE ,? SPEAKER CUE REST", text: "“We will win,” Smith said on a call with reporters.", speaker: "Smith", cue: "said",
                  content: "We will win"),
        ]
    )
}

extension Interpreter {
    func matchRest(step: Int, at position: Int, state: inout State) -> Int? {
        match(step: step + 1, at: sentence.upperBound, state: &state)
    }
}
