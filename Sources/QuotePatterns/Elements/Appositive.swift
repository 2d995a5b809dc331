import QuoteRules

extension ElementDocumentation {
    static let appositive = ElementDocumentation(
        element: .appositive, syntax: "`APPOS`",
        matches: "an aside between commas or dashes, up to 30 tokens, no quotation (`, president of the union,`, `— who is listed as an attorney —`), a parenthesis (`(R-Utah)`), or a relative clause without commas, as short as lets the rest match (`who relayed the exchange`)",
        becomes: "",
        examples: [
            .init(pattern: "^ QUOTE ,? SPEAKER APPOS? CUE $", text: "“We will win,” Jane Smith, president of the union, said.", speaker: "Jane Smith", cue: "said",
                  content: "We will win"),
        ]
    )
}

extension Interpreter {
    func matchAppositive(step: Int, at position: Int, state: inout State) -> Int? {
        let end = sentence.upperBound
        let next = step + 1
        // A parenthesis after a name: "Jason Chaffetz (R-Utah)".
        if position < end, tokens[position].isPunctuation("(") {
            var cursor = position + 1
            while cursor < end, cursor - position <= 8, !tokens[cursor].isPunctuation(")"), !tokens[cursor].isQuote { cursor += 1 }
            guard cursor < end, tokens[cursor].isPunctuation(")") else { return nil }
            if let result = match(step: next, at: cursor + 1, state: &state) { return result }
            // "Sen. Claire McCaskill (D-Mo.), who has endorsed Clinton, said": a clause may follow.
            return commaAppositive(at: cursor + 1, next: next, state: &state)
        }
        // "One Democratic official who relayed the exchange said …": a relative clause
        // without commas, as short as lets the rest of the pattern match.
        if position < end, tokens[position].isWord, tokens[position].classes.contains(.relativePronoun), !tokens[position].isCapitalized {
            var cursor = position + 2
            while cursor < end, cursor - position <= PatternMatcher.maxRelativeClauseTokens, tokens[cursor - 1].isWord {
                if let result = match(step: next, at: cursor, state: &state) { return result }
                cursor += 1
            }
            return nil
        }
        return commaAppositive(at: position, next: next, state: &state)
    }

    /// ", a South Carolina Republican," between a speaker and the cue.
    func commaAppositive(at position: Int, next: Int, state: inout State) -> Int? {
        let end = sentence.upperBound
        // "Joyce — who is listed as an attorney in Illinois — told …": dashes set an aside apart too.
        if position < end, tokens[position].kind == .punctuation, tokens[position].scalar == "—" || tokens[position].scalar == "–" {
            let dash = tokens[position].scalar
            var cursor = position + 2
            while cursor < end, cursor - position <= PatternMatcher.maxAppositiveTokens {
                if tokens[cursor].isPunctuation(dash) { return match(step: next, at: cursor + 1, state: &state) }
                guard !tokens[cursor].isQuote else { return nil }
                cursor += 1
            }
            return nil
        }
        guard position < end, tokens[position].isPunctuation(",") else { return nil }
        // ", and the meeting deteriorated," is a second clause, not an aside.
        if position + 1 < end, tokens[position + 1].classes.contains(.clauseOpener) { return nil }
        var cursor = position + 1
        // "The leader of Ennahda, Rachid Ghannouchi, condemned the attack, saying …": the aside
        // may run on past the name, which ends at its first comma.
        var firstComma = end
        while cursor < end, cursor - position <= PatternMatcher.maxAppositiveTokens {
            if tokens[cursor].isPunctuation(","), cursor > position + 1 {
                firstComma = min(firstComma, cursor)
                // "her mother, Fiona, said": the name in the aside is who the role is, so the
                // speaker mention takes it in.
                let saved = state.speaker
                if let speaker = saved, speaker.upperBound == position, namesTheRole(speaker, aside: (position + 1)..<firstComma) {
                    state.speaker = speaker.lowerBound..<firstComma
                }
                if let result = match(step: next, at: cursor + 1, state: &state) { return result }
                state.speaker = saved
            }
            cursor += 1
        }
        return nil
    }

    /// Whether `aside` is the proper name of the role phrase `speaker` ("a lawyer in
    /// attendance, Shannon Kilpatrick"): the phrase opens with an article or determiner, and
    /// the aside is a short run of capitalised words (particles between them).
    func namesTheRole(_ speaker: Range<Int>, aside: Range<Int>) -> Bool {
        guard aside.count <= PatternMatcher.maxNameTokens, let first = aside.first, tokens[first].isWord, tokens[first].isCapitalized,
            tokens[speaker.lowerBound].classes.contains(.determiner) || tokens[speaker.lowerBound].classes.contains(.article)
        else { return false }
        return aside.allSatisfy(isNameWord(at:))
    }

    /// "David Chang, CEO of Gradifi — which … — said": a role that a name and a comma open
    /// the sentence with is that person's; the mention starts at the name.
    func nameBeforeRole(_ speaker: Range<Int>) -> Int? {
        let comma = speaker.lowerBound - 1
        guard comma - 2 >= sentence.lowerBound, tokens[comma].isPunctuation(","), tokens[speaker.lowerBound].classes.contains(.title)
        else { return nil }
        var start = comma
        while start > sentence.lowerBound, isNameWord(at: start - 1) { start -= 1 }
        let name = start..<comma
        guard start == sentence.lowerBound, name.count >= 2, name.count <= PatternMatcher.maxNameTokens,
            tokens[start].isCapitalized, !opensIntroductoryPhrase(at: start)
        else { return nil }
        return start
    }

    /// A word of a proper name set beside a role, as ``namesTheRole(_:aside:)`` and
    /// ``nameBeforeRole(_:)`` read one: a capitalised word or a particle ("de", "van") that is
    /// no function word, pronoun, role, organisation or cue ("Jane Smith", not "He", "Senator"
    /// or "Says").
    func isNameWord(at position: Int) -> Bool {
        guard tokens[position].isWord, tokens[position].isCapitalized || tokens[position].classes.contains(.particle) else { return false }
        return tokens[position].classes.isDisjoint(with: [
            .stopWord, .determiner, .auxiliary, .relativePronoun, .pronoun, .adverbialStart, .title, .organization, .cueStart,
        ])
    }

}
