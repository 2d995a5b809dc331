import QuoteRules

extension ElementDocumentation {
    static let adverbial = ElementDocumentation(
        element: .adverbial, syntax: "`ADVERBIAL`",
        matches: "a word from the lexicon's `adverbialStarts` (`on`, `in`, `last`…) and up to four more words: \"on Tuesday\", \"in a statement\"; it never ends on an article or on one of `adverbialPrepositions` (\"said in a statement the deal …\" takes \"in a statement\")",
        becomes: "",
        examples: [
            .init(pattern: "SPEAKER ADVERBIAL? CUE +that? CONTENT $", text: "Smith on Tuesday said the plant would close.", speaker: "Smith", cue: "said",
                  content: "the plant would close"),
        ]
    )
}

extension Interpreter {
    func matchAdverbial(step: Int, at position: Int, state: inout State) -> Int? {
        let end = sentence.upperBound
        let next = step + 1
        // "on Tuesday", "in a statement", "last week": a word that opens an adverbial, then
        // up to four more words.
        guard position < end, tokens[position].isWord, tokens[position].classes.contains(.adverbialStart) else { return nil }
        var cursor = position + 1
        while cursor <= end, cursor - position <= 5 {
            // "in a statement", never "in" or "in a": the phrase keeps its noun.
            let last = tokens[cursor - 1].classes
            if last.isDisjoint(with: [.adverbialPreposition, .article, .determiner]),
                let result = match(step: next, at: cursor, state: &state)
            {
                return result
            }
            guard cursor < end, tokens[cursor].isWord else { return nil }
            cursor += 1
        }
        return nil
    }
}
