import QuoteRules

extension ElementDocumentation {
    static let tail = ElementDocumentation(
        element: .tail, syntax: "`TAIL`",
        matches: "the rest of the sentence after a cue whose words came before it: nothing, punctuation first, or a word that cannot open reported words (`on Monday`, `recently`, `, adding …`); fails where the cue has words of its own (\"In 2008, he wanted to force the Fed …\")",
        becomes: "",
        examples: [
            .init(pattern: "^ QUOTE ,? SPEAKER CUE TAIL", text: "“We will win,” Smith said on Monday.", speaker: "Smith", cue: "said", content: "We will win"),
        ]
    )
}

extension Interpreter {
    func matchTail(step: Int, at position: Int, state: inout State) -> Int? {
        guard isWordless(tailFrom: position) else { return nil }
        return match(step: step + 1, at: sentence.upperBound, state: &state)
    }

    /// Whether the sentence from `position` on is no clause of its own: nothing, punctuation
    /// first, or a word that cannot open reported words ("on Monday", "too", "recently").
    private func isWordless(tailFrom position: Int) -> Bool {
        var cursor = position
        while cursor < sentence.upperBound, isClosingPunctuation(tokens[cursor]) { cursor += 1 }
        guard cursor < sentence.upperBound, tokens[cursor].isWord else { return true }
        let classes = tokens[cursor].classes
        return classes.contains(.nonContentStart) || classes.contains(.adverbialStart) || classes.contains(.endsInLy)
            || classes.contains(.cueStart) && classes.contains(.endsInIng)
    }
}
