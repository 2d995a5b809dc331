import QuoteRules

extension ElementDocumentation {
    static let quote = ElementDocumentation(
        element: .quote, syntax: "`QUOTE`",
        matches: "one quotation in marks; not a title-cased one right before a plain word (`“Parasite” director Bong Joon Ho said …`)",
        becomes: "content (the words between the marks)",
        examples: [
            .init(pattern: "^ SPEAKER CUE , QUOTE $", text: "Smith said, “We will win the vote.”", speaker: "Smith", cue: "said", content: "We will win the vote."),
        ]
    )
}

extension Interpreter {
    func matchQuote(step: Int, at position: Int, state: inout State) -> Int? {
        guard position < sentence.upperBound, tokens[position].isQuote, !modifiesTheNextWord(position) else { return nil }
        state.content.append(position..<(position + 1))
        if let result = match(step: step + 1, at: position + 1, state: &state) { return result }
        state.content.removeLast()
        return nil
    }

    /// "“Parasite” director Bong Joon Ho said …": a title-cased quotation right before a plain
    /// word names a work that the word is about; it is no one's words.
    private func modifiesTheNextWord(_ position: Int) -> Bool {
        let next = position + 1
        guard tokens[position].isTitleLikeQuote, next < sentence.upperBound, tokens[next].isWord, !tokens[next].isCapitalized else { return false }
        return tokens[next].classes.isDisjoint(with: [.pronoun, .subjectPronoun, .relativePronoun, .article, .determiner, .cueStart, .auxiliary, .endsInLy])
    }
}
