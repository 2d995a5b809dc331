import QuoteRules

extension ElementDocumentation {
    static let content = ElementDocumentation(
        element: .content, syntax: "`CONTENT`",
        matches: "as many tokens as let the rest match; at the end of a pattern, to the end of the clause: the sentence's end, or just before a second attribution (\", but officials said\", \"and warned\")",
        becomes: "content: `direct` if it is only a quotation, `mixed` if it holds one, else `indirect`",
        examples: [
            .init(pattern: "SPEAKER CUE +that? CONTENT $", text: "The minister said the talks had failed, but officials said a deal was close.",
                  speaker: "The minister", cue: "said", content: "the talks had failed"),
        ]
    )
}

extension Interpreter {
    func matchContent(step: Int, at position: Int, state: inout State) -> Int? {
        matchContent(step: step, at: position, state: &state, needsQuote: false)
    }

    /// CONTENT takes as much as lets the rest match; at the end of the pattern it runs to
    /// the end of the sentence, without the closing punctuation.
    func matchContent(step stepIndex: Int, at position: Int, state: inout State, needsQuote: Bool) -> Int? {
        let end = sentence.upperBound
        let start = state.contentStart ?? position
        // Only content that runs to the sentence's end must not open with "on", "in", "too":
        // that is an adverbial after the cue ("he said on Monday"), not what was said.
        let lastContent = isLastContent(stepIndex)
        guard position < end, state.contentStart != nil || !lastContent || isContentStart(at: position) else { return nil }
        if lastContent, namesInvertedSpeaker(at: position, state: &state) { return nil }
        var upper = end
        // A clause that ends before a concession or a second verb leaves the rest of the
        // sentence to REST; one that ends before another attribution ("…, Lavrov said") is
        // that attribution's content, so this pattern must not claim the sentence.
        var leavesRest = false
        if lastContent {
            let cueInflection = state.cue.map { tokens[$0.upperBound - 1].classes.intersection([.endsInEd, .endsInIng]) } ?? []
            (upper, leavesRest) = clauseEnd(from: start, to: end, cueInflection: cueInflection)
            // "…said he makes $41,000 a year and questioned how …": words another match took
            // end these, without the comma or conjunction between them.
            if let stop = (start..<upper).first(where: { taken.contains($0) }) {
                var last = stop
                while last > start, tokens[last - 1].isPunctuation(",") || tokens[last - 1].classes.contains(.conjunction) { last -= 1 }
                (upper, leavesRest) = (last, true)
            }
            // "Sanders, who had said he would debate, criticized Clinton": words reported
            // inside a relative clause end with the clause, at its closing comma, and so do
            // those inside a subordinate clause that opens the sentence ("As Trump lamented
            // illegal immigration, Clinton …"). The comma leaves the rest even when the main
            // clause's cue follows it ("Graham, who says …, tweeted that …").
            if let speaker = state.speaker, opensClause(before: speaker),
                let comma = (start..<end).first(where: { tokens[$0].isPunctuation(",") }), comma <= upper
            {
                (upper, leavesRest) = (comma, true)
            }
        }
        while upper > position, isClosingPunctuation(tokens[upper - 1]) { upper -= 1 }
        // "CONTENT , SPEAKER …": where a required mark must follow, only the ends before one can
        // match, and the others are passed over without trying the rest of the pattern.
        let next = stepIndex + 1
        let markNext = next < steps.count && steps[next].kind == .punctuation && !steps[next].isOptional
        var candidate = upper
        while candidate > position {
            let range = start..<candidate
            if markNext, !(leavesRest && candidate == upper), !canMatchMark(step: next, at: candidate) {
                candidate -= 1
                continue
            }
            if isContentBody(range, minimumWords: lastContent ? 3 : 1),
                !needsQuote || (features?.claimQuotes(in: range) ?? 0) > 0
            {
                let savedStart = state.contentStart
                state.contentStart = nil
                state.content.append(range)
                // Content that ends the pattern ends at its clause: what follows ("…, but
                // pledged to remain civil") is left to REST, as if the sentence ended there.
                let resume = leavesRest && candidate == upper ? end : candidate
                if let result = matchAfterVariable(step: stepIndex + 1, at: resume, state: &state) {
                    return result
                }
                state.content.removeLast()
                state.contentStart = savedStart
            }
            candidate -= 1
        }
        return nil
    }

    /// Whether the speaker is a relative pronoun after a comma ("Sanders, who had said …,")

    /// or follows a subordinator that opens the sentence ("As Trump lamented …,").
    func opensClause(before speaker: Range<Int>) -> Bool {
        guard speaker.lowerBound > sentence.lowerBound else { return false }
        let previous = tokens[speaker.lowerBound - 1]
        if speaker.count == 1, tokens[speaker.lowerBound].classes.contains(.relativePronoun) {
            return previous.isPunctuation(",")
        }
        return speaker.lowerBound - 1 == sentence.lowerBound && previous.isWord && previous.classes.contains(.subordinator)
    }

    /// ", the race will be tight, said Dan Gerstein, an analyst": after ", said" a name that
    /// ends at a comma or the sentence's end is who said the words before, not what was said.
    func namesInvertedSpeaker(at position: Int, state: inout State) -> Bool {
        guard let cue = state.cue, cue.lowerBound > sentence.lowerBound, tokens[cue.lowerBound - 1].isPunctuation(","),
            tokens[position].isWord, tokens[position].isCapitalized, features != nil else { return false }
        for length in 1...PatternMatcher.maxSpeakerTokens where position + length <= sentence.upperBound {
            var after = position + length
            while after < sentence.upperBound, isClosingPunctuation(tokens[after]) { after += 1 }
            guard after == sentence.upperBound || tokens[position + length].isPunctuation(",") else { continue }
            if isSpeaker(at: position, length: length, state: &state) { return true }
        }
        return false
    }

    /// Whether only `$` or REST follow this CONTENT.
    func isLastContent(_ stepIndex: Int) -> Bool {
        steps[stepIndex].isLastContent
    }

    func isContentStart(at position: Int) -> Bool {
        let token = tokens[position]
        if token.isQuote { return true }
        guard token.isWord else { return false }
        // ", adding, “…”" is a second attribution, not the rest of the first one's content.
        if token.classes.contains(.cueStart), token.classes.contains(.endsInIng) { return false }
        // "pledged to “bring our political revolution”": an infinitive is what was promised;
        // "said to reporters" is not.
        if token.classes.contains(.infinitiveMarker), position + 1 < sentence.upperBound, tokens[position + 1].isWord || tokens[position + 1].isQuote,
            !tokens[position + 1].isCapitalized,
            tokens[position + 1].classes.isDisjoint(with: [.article, .determiner, .pronoun, .stopWord])
        {
            return true
        }
        return !token.classes.contains(.nonContentStart)
    }

    /// Content holds a quotation or enough words: three where it runs to the sentence's end,
    /// one where more of the pattern follows ("African-Americans, he said, can …").
    func isContentBody(_ range: Range<Int>, minimumWords: Int) -> Bool {
        guard let features else { return false }
        return features.quotes(in: range) > 0 || features.words(in: range) >= minimumWords
    }
}
