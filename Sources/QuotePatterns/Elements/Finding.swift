import QuoteRules

extension ElementDocumentation {
    static let finding = ElementDocumentation(
        element: .finding, syntax: "`FINDING`",
        matches: "a `SOURCE` whose last word is a poll, survey, study or report (lexicon `findings`): \"in the latest Washington Post-ABC News poll\"",
        becomes: "speaker",
        examples: [
            .init(pattern: "CONTENT , @according @to FINDING $", text: "Clinton leads by four points, according to the latest Washington Post-ABC News poll.",
                  speaker: "the latest Washington Post-ABC News poll", cue: "according to", content: "Clinton leads by four points"),
        ]
    )
}

extension Interpreter {
    func matchFinding(step: Int, at position: Int, state: inout State) -> Int? {
        matchSource(step: step, at: position, state: &state, isFinding: true)
    }
}
