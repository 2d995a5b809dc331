import QuoteRules

extension ElementDocumentation {
    static let cue = ElementDocumentation(
        element: .cue, syntax: "`CUE`",
        matches: "auxiliaries and `-ly` adverbs (`has also`, `repeatedly`) then a cue form from `cues.yml`, longest first; a verb with `addressee: true` then takes its listener (`told Mr. Putin`), which is never the speaker",
        becomes: "cue",
        examples: [
            .init(pattern: "SPEAKER CUE +that? CONTENT $", text: "Smith has repeatedly told reporters that the plant will close.", speaker: "Smith",
                  cue: "told reporters", content: "that the plant will close"),
        ]
    )
}

extension Interpreter {
    func matchCue(step: Int, at position: Int, state: inout State) -> Int? {
        matchCue(stepIndex: step, at: position, state: &state, participleOnly: false)
    }

    func matchCue(stepIndex: Int, at position: Int, state: inout State, participleOnly: Bool) -> Int? {
        let end = sentence.upperBound
        var cursor = position
        // Auxiliaries and adverbs before the verb: "has also said", "repeatedly claimed".
        while cursor < end, cursor - position < 4, tokens[cursor].isWord,
            tokens[cursor].classes.contains(.auxiliary) || tokens[cursor].classes.contains(.endsInLy) && !tokens[cursor].classes.contains(.cueStart)
        {
            if cueForm(at: cursor) != nil { break }
            cursor += 1
        }
        guard cursor < end, let form = cueForm(at: cursor) else { return nil }
        // "called" is speech only with a quotation in its sentence ("called it “a great
        // success”", "“…,” the statement read"), not a phone call; a title of a work is no
        // quotation ("read “The Old Man and the Sea”").
        if form.requiresQuotation && !(features?.hasQuoteOtherThanTitle ?? false) { return nil }
        if participleOnly && !form.isParticiple { return nil }
        let cueRange = cursor..<(cursor + form.length)
        let saved = (state.cue, state.cueConfidence)
        state.cue = cueRange
        state.cueConfidence = form.confidence
        var after = cueRange.upperBound
        if form.takesAddressee {
            // The listener is never the speaker: "told Mr. Putin", "told CNN".
            let addresseeStart = after
            var hasHead = false
            while after < end, after - addresseeStart < PatternMatcher.maxAddresseeTokens, tokens[after].isWord,
                !tokens[after].classes.intersects(vocabulary.listenerEnd),
                !tokens[after].classes.contains(.stopWord) || tokens[after].classes.contains(.determiner)
                    || isListenerOf(after, start: addresseeStart)
            {
                // "told the AP her group never worked …": an article after the listener's
                // head opens the reported words ("members of the council" keeps its "the").
                if hasHead, tokens[after].classes.contains(.article), !isListenerOf(after, start: addresseeStart) { break }
                if !tokens[after].classes.contains(.determiner), !isListenerOf(after, start: addresseeStart) { hasHead = true }
                after += 1
            }
        }
        // Once a listener is taken ("called Mr. al-Sharaa in February"), what follows it must
        // fit the pattern: the listener is never re-read as the content.
        state.cueReached = true
        if let result = match(step: stepIndex + 1, at: after, state: &state) { return result }
        (state.cue, state.cueConfidence) = saved
        return nil
    }

    /// "members of the AFL-CIO executive council": "of" and "the" inside a listener phrase
    /// (``Vocabulary/ofLink``, ``Vocabulary/phraseArticle``).
    func isListenerOf(_ index: Int, start: Int) -> Bool {
        guard index > start, index + 1 < sentence.upperBound else { return false }
        let classes = tokens[index].classes
        return classes.intersects(vocabulary.ofLink)
            || classes.intersects(vocabulary.phraseArticle) && tokens[index - 1].classes.intersects(vocabulary.ofLink)
    }
}
