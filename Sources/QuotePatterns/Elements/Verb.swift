import QuoteRules

extension ElementDocumentation {
    static let verb = ElementDocumentation(
        element: .verb, syntax: "`VERB`",
        matches: "any lower-case word that is not a stop word (after auxiliaries and `-ly` adverbs): a verb the cue list does not know; not a bare `-ing` word, a word before a copula or an auxiliary (`The scandal is …`) or a word after a name's possessive (`Uber’s way …`)",
        becomes: "cue",
        examples: [
            .init(pattern: "^ QUOTE ,? SPEAKER VERB $", text: "“It is a disgrace,” Smith fumed.", speaker: "Smith", cue: "fumed", content: "It is a disgrace"),
        ]
    )
}

extension Interpreter {
    func matchVerb(step: Int, at position: Int, state: inout State) -> Int? {
        let end = sentence.upperBound
        let next = step + 1
        var cursor = position
        while cursor < end, cursor - position < 3, tokens[cursor].isWord,
            tokens[cursor].classes.contains(.auxiliary) || tokens[cursor].classes.contains(.endsInLy)
        {
            cursor += 1
        }
        guard cursor < end, tokens[cursor].isWord, !tokens[cursor].isCapitalized,
            tokens[cursor].classes.isDisjoint(with: [.stopWord, .determiner, .pronoun, .relativePronoun, .particle]),
            tokens[cursor].key.count >= 3,
            // "The low ranking the U.S. received was …": a bare -ing word is no finite verb, and
            // a word before an auxiliary ("The scandal is …") is the subject's noun.
            cursor > position || !tokens[cursor].classes.contains(.endsInIng),
            cursor + 1 >= end || !tokens[cursor + 1].classes.contains(.auxiliary) && !tokens[cursor + 1].classes.intersects(vocabulary.copula),
            // "Uber’s way to address …": a name's possessive modifies the word after it.
            cursor > position || !endsInNamePossessive(state.speaker)
        else { return nil }
        let saved = (state.cue, state.cueConfidence)
        state.cue = cursor..<(cursor + 1)
        state.cueConfidence = 0.6
        if let result = match(step: next, at: cursor + 1, state: &state) { return result }
        (state.cue, state.cueConfidence) = saved
        return nil
    }

    /// "Uber’s", "New York’s": a capitalised possessive, not a contraction such as "He’s".
    private func endsInNamePossessive(_ speaker: Range<Int>?) -> Bool {
        guard let speaker, let last = speaker.last, tokens[last].classes.contains(.possessive), tokens[last].isCapitalized else { return false }
        return speaker.count > 1 || tokens[last].key.unicodeScalars.count > 5
    }
}
