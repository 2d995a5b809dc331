import QuoteRules

extension ElementDocumentation {
    static let sentenceEnd = ElementDocumentation(
        element: .sentenceEnd, syntax: "`$`",
        matches: "the end of the sentence, after any closing `. ! ? ; : ) ] …`",
        becomes: "",
        examples: [
            .init(pattern: "SPEAKER CUE +that? CONTENT $", text: "The mayor said the bridge would reopen in May.", speaker: "The mayor", cue: "said",
                  content: "the bridge would reopen in May"),
        ]
    )
}

extension Interpreter {
    func matchSentenceEnd(step: Int, at position: Int, state: inout State) -> Int? {
        let end = sentence.upperBound
        var cursor = position
        while cursor < end, isClosingPunctuation(tokens[cursor]) { cursor += 1 }
        return cursor == end ? match(step: step + 1, at: cursor, state: &state) : nil
    }
}
