import QuoteRules

extension ElementDocumentation {
    static let finding = ElementDocumentation(
        element: .finding, syntax: "`FINDING`",
        matches: "a `SOURCE` whose last word is a poll, survey, study or report (lexicon `findings`): \"in the latest Washington Post-ABC News poll\"",
        becomes: "speaker",
        examples: []
    )
}

extension Interpreter {
    func matchFinding(step: Int, at position: Int, state: inout State) -> Int? {
        matchSource(step: step, at: position, state: &state, isFinding: true)
    }
}
