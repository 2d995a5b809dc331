import QuoteRules

extension ElementDocumentation {
    static let speaker = ElementDocumentation(
        element: .speaker, syntax: "`SPEAKER`",
        matches: "a noun phrase of up to 8 words: a subject pronoun, `who`/`which`, a capitalised name with honorifics and particles, or a phrase whose head is a title, an organisation or an anonymous-source noun (`a senior official`, `the campaign`, `63 percent`), or a share (`six in 10 Democratic voters`)",
        becomes: "speaker mention",
        examples: [
            .init(pattern: "^ QUOTE ,? SPEAKER CUE $", text: "“We will win,” a senior official said.", speaker: "a senior official", cue: "said", content: "We will win"),
        ]
    )
}

extension Interpreter {
    func matchSpeaker(step stepIndex: Int, at position: Int, state: inout State) -> Int? {
        let next = stepIndex + 1
        guard position < sentence.upperBound, canStartSpeaker(at: position) else { return nil }
        // "…, who proclaimed": after reported words a relative pronoun describes the last
        // noun; it does not introduce the speaker of those words.
        let followsContent = steps[stepIndex].followsContent
        guard features != nil else { return nil }
        // The cheap tests of a length come first: its phrase is built only if they pass.
        for length in stride(from: longestSpeaker(at: position), through: 1, by: -1) {
            let range = position..<(position + length)
            if followsContent, length == 1, tokens[position].classes.contains(.relativePronoun) { continue }
            if steps[stepIndex].cueFollows, !canOpenAsideOrCue(at: range.upperBound, state: &state) { continue }
            guard isSpeaker(at: position, length: length, state: &state) else { continue }
            let saved = state.speaker
            state.speaker = nameBeforeRole(range).map { $0..<range.upperBound } ?? range
            if let result = match(step: next, at: range.upperBound, state: &state) { return result }
            state.speaker = saved
        }
        return nil
    }
}
