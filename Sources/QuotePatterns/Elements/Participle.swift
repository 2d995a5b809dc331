import QuoteRules

extension ElementDocumentation {
    static let participle = ElementDocumentation(
        element: .participle, syntax: "`PARTICIPLE`",
        matches: "a `CUE` whose form ends in `-ing` (`saying`, `telling reporters`)",
        becomes: "cue",
        examples: [
            .init(pattern: "SPEAKER ANY , PARTICIPLE +that? CONTENT $", text: "Smith attacked the plan, saying it would cost the city jobs.", speaker: "Smith",
                  cue: "saying", content: "it would cost the city jobs"),
        ]
    )
}

extension Interpreter {
    func matchParticiple(step: Int, at position: Int, state: inout State) -> Int? {
        matchCue(stepIndex: step, at: position, state: &state, participleOnly: true)
    }
}
