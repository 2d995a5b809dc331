import QuoteRules

/// Speaker phrases: the noun-phrase grammar SPEAKER and the clause tests read.
extension Interpreter {
    /// Whether the `length` tokens from `start` are a speaker phrase: worked out the first time a
    /// pattern asks for this start and length, and kept in `state` for the rest of the sentence
    /// (``State/tokenFacts``). A pattern asks only for the lengths the rest of it can follow
    /// (``Program/Step/cueFollows``), so most lengths of most starts are never built.
    func isSpeaker(at start: Int, length: Int, state: inout State) -> Bool {
        guard length >= 1, length <= PatternMatcher.maxSpeakerTokens, start + length <= sentence.upperBound else { return false }
        let offset = start - sentence.lowerBound
        let bit = UInt32(1) << (length - 1)
        let known = state.tokenFacts[offset]
        if known & (bit << 8) != 0 { return known & bit != 0 }
        var answer = canStartSpeaker(at: start)
        if answer {
            // A speaker phrase is words only: no length reaches past the first mark.
            for index in start..<(start + length) where !tokens[index].isWord {
                answer = false
                break
            }
        }
        if answer { answer = isSpeakerPhrase(start..<(start + length)) }
        state.tokenFacts[offset] = known | bit << 8 | (answer ? bit : 0)
        return answer
    }

    /// How many words from `position` on a speaker phrase may take: up to the first mark, and
    /// no more than ``PatternMatcher/maxSpeakerTokens``.
    func longestSpeaker(at position: Int) -> Int {
        var longest = 0
        while longest < PatternMatcher.maxSpeakerTokens, position + longest < sentence.upperBound, tokens[position + longest].isWord { longest += 1 }
        return longest
    }

    /// Whether the SPEAKER step `stepIndex` has a phrase to take at `position` that the step
    /// after it can follow: what a match attempt starting with that step needs.
    /// The answer depends on the step only by whether a cue follows it, so it is worked out once
    /// a sentence for each start: the rules that open with a speaker try every start up to the
    /// sentence's last cue, one rule after another.
    func canMatchSpeaker(step stepIndex: Int, at position: Int, state: inout State) -> Bool {
        guard position < sentence.upperBound else { return false }
        let cueFollows = steps[stepIndex].cueFollows
        let offset = position - sentence.lowerBound
        let knownBit = cueFollows ? State.Known.speakerBeforeCue : State.Known.speaker
        let known = state.tokenFacts[offset]
        if known & knownBit != 0 { return known & knownBit << 1 != 0 }
        let answer = hasSpeaker(at: position, cueFollows: cueFollows, state: &state)
        // Read again: working the answer out records speaker lengths at the same offset.
        state.tokenFacts[offset] |= knownBit | (answer ? knownBit << 1 : 0)
        return answer
    }

    private func hasSpeaker(at position: Int, cueFollows: Bool, state: inout State) -> Bool {
        guard canStartSpeaker(at: position) else { return false }
        for length in stride(from: longestSpeaker(at: position), through: 1, by: -1) {
            if cueFollows, !canOpenAsideOrCue(at: position + length, state: &state) { continue }
            if isSpeaker(at: position, length: length, state: &state) { return true }
        }
        return false
    }

    /// A cheap test of a phrase's first word, before any phrase is built on it.
    func canStartSpeaker(at position: Int) -> Bool {
        guard tokens[position].isWord else { return false }
        let classes = tokens[position].classes
        if tokens[position].isCapitalized || !classes.isDisjoint(with: [.determiner, .pronoun, .relativePronoun, .title, .anonymous, .organization, .honorific]) {
            return true
        }
        return classes.isDisjoint(with: [.stopWord, .cueStart, .adverbialStart])
    }

    /// A name, a pronoun, a role, an organisation or an anonymous source, as news text
    /// writes them before or after a cue.
    func isSpeakerPhrase(_ range: Range<Int>) -> Bool {
        // Tokens are read field by field here, never copied whole: this runs for every start
        // and length of every sentence.
        let firstClasses = tokens[range.lowerBound].classes
        if range.count == 1 {
            guard tokens[range.lowerBound].isWord else { return false }
            if firstClasses.contains(.subjectPronoun) || firstClasses.contains(.relativePronoun) { return true }
            // "One, who asked not to be named, said …": a number or determiner standing for one
            // of a group just named is the speaker, and the relative clause its aside.
            if firstClasses.contains(.determiner), range.lowerBound + 2 < sentence.upperBound, tokens[range.lowerBound + 1].isPunctuation(","),
                tokens[range.lowerBound + 2].classes.contains(.relativePronoun)
            {
                return true
            }
            // "“New lower prices,” reads one, against …", "“…,” said another.": after the cue, a
            // determiner alone stands for one of the things or people just named.
            if firstClasses.contains(.determiner), range.lowerBound > sentence.lowerBound,
                tokens[range.lowerBound - 1].classes.contains(.cueStart), !tokens[range.lowerBound - 1].isCapitalized,
                range.upperBound == sentence.upperBound || tokens[range.upperBound].kind == .punctuation
            {
                return true
            }
            if opensIntroductoryPhrase(at: range.lowerBound) { return false }
            return isHeadWord(at: range.lowerBound)
        }
        guard let lastIndex = range.last, tokens[lastIndex].isWord else { return false }
        // "six in 10", "4 in 10 Republican primary voters": a share, as polls report one.
        if range.count >= 3, isShare(at: range.lowerBound) {
            return range.dropFirst(3).allSatisfy { index in
                tokens[index].isWord && !tokens[index].classes.contains(.cueStart)
                    && (tokens[index].isCapitalized || !tokens[index].classes.contains(.stopWord))
            }
        }
        // "the New York businessman", "a longtime adviser": after an article any noun heads the phrase.
        // "a source close to him": a determiner-led phrase may end in a pronoun after its preposition.
        // "most of them", "some of us": a quantity of a group named by a pronoun.
        let endsInObjectPronoun = firstClasses.contains(.determiner) && tokens[lastIndex].classes.contains(.pronoun)
            && (range.count >= 4 && tokens[lastIndex - 1].classes.contains(.phrasePreposition)
                || range.count == 3 && tokens[lastIndex - 1].classes.intersects(vocabulary.ofLink))
        let articleLed = (firstClasses.contains(.article) || firstClasses.contains(.determiner))
            && (endsInObjectPronoun || !tokens[lastIndex].classes.contains(.stopWord)) && !tokens[lastIndex].classes.contains(.determiner)
            && !tokens[lastIndex].classes.contains(.cueStart) && !tokens[lastIndex].classes.contains(.auxiliary)
            && tokens[lastIndex].classes.isDisjoint(with: [.endsInLy, .endsInEd, .endsInIng])
        guard articleLed || isHeadWord(at: lastIndex) else { return false }
        // A capitalised function word opening the phrase only starts the sentence: "On September 27 …"
        if firstClasses.contains(.stopWord) || firstClasses.contains(.adverbialStart),
            !firstClasses.contains(.determiner), !firstClasses.contains(.title), !firstClasses.contains(.firstName)
        {
            return false
        }
        let startsWithDeterminer = firstClasses.contains(.determiner)
        // "former State policy planning director Anne-Marie Slaughter": a role of several
        // plain words may stand before a name, capitalised words among them.
        let endsWithName = tokens[lastIndex].isCapitalized && range.count >= 3 && tokens[lastIndex - 1].isCapitalized
        var unknownLowercase = 0
        var seenName = false
        for index in range {
            guard tokens[index].isWord else { return false }
            if index == lastIndex && endsInObjectPronoun { continue }
            let classes = tokens[index].classes
            let isCapitalized = tokens[index].isCapitalized
            defer { if isCapitalized { seenName = true } }
            if classes.intersects(vocabulary.ofLink) || classes.intersects(vocabulary.phraseArticle) && index > range.lowerBound {
                // "Secretary of State John Kerry", "president of the union"
                if index == range.lowerBound || index == lastIndex { return false }
                continue
            }
            if startsWithDeterminer, classes.contains(.phrasePreposition), index > range.lowerBound + 1, index < lastIndex {
                // "a narrator in the Clinton ad", "a spokeswoman for the ministry"
                continue
            }
            if classes.contains(.relativePronoun) || classes.contains(.pronoun) && !classes.contains(.determiner) { return false }
            // "the Florida senator and Republican presidential candidate": two roles of one person.
            if startsWithDeterminer, classes.contains(.roleConjunction), index > range.lowerBound + 1, index + 1 < lastIndex,
                tokens[index + 1].isCapitalized, tokens[lastIndex].classes.contains(.title)
            {
                continue
            }
            // "the World Travel and Tourism Council": a link between capitalised words of an
            // organisation's name ("Clinton and Trump" are two speakers, not one name).
            if classes.intersects(vocabulary.nameLink), !isCapitalized, index > range.lowerBound, index < lastIndex,
                tokens[index - 1].isCapitalized, tokens[index + 1].isCapitalized, !tokens[index + 1].classes.contains(.nonContentStart),
                tokens[lastIndex].isCapitalized, range.contains(where: { tokens[$0].isCapitalized && tokens[$0].classes.contains(.organization) })
            {
                continue
            }
            // "Snopes fact checker and staff writer David Emery": two roles before a name.
            if endsWithName, classes.contains(.roleConjunction), index > range.lowerBound + 1, index + 2 < lastIndex,
                !tokens[index - 1].isCapitalized, !tokens[index + 1].isCapitalized
            {
                continue
            }
            if classes.contains(.stopWord) && !classes.contains(.determiner) && !isCapitalized { return false }
            if classes.contains(.cueStart) && !isCapitalized
                && classes.isDisjoint(with: [.organization, .anonymous, .title]) { return false }
            if isCapitalized || !classes.isDisjoint(with: [.determiner, .title, .anonymous, .organization, .honorific, .particle]) {
                continue
            }
            unknownLowercase += 1
            if endsWithName {
                if unknownLowercase > 4 || classes.contains(.endsInLy) { return false }
                continue
            }
            if unknownLowercase > (startsWithDeterminer ? 3 : 2) || !classes.isDisjoint(with: [.endsInLy, .endsInIng]) { return false }
            // Modifiers come before the name: "presidential nominee Donald Trump". A plain word
            // after a name is a verb ("Gingrich dismissed NATO"), unless the name is a
            // possessive ("Trump’s campaign") or the phrase opens with an article, where a
            // capitalised word is an adjective ("the Republican presidential nominee").
            if seenName, index != lastIndex, !startsWithDeterminer, !tokens[index - 1].classes.contains(.possessive) { return false }
        }
        // An article or possessive is only the first word: "the campaign", not "Clinton his".
        for index in range.dropFirst() where !tokens[index].isCapitalized && tokens[index].classes.contains(.article)
            && !(tokens[index].classes.intersects(vocabulary.phraseArticle)
                && (tokens[index - 1].classes.intersects(vocabulary.ofLink) || startsWithDeterminer && tokens[index - 1].classes.contains(.phrasePreposition)))
        {
            return false
        }
        return true
    }

    /// "six in 10", "4 in 10": a number word or numeral, "in", a numeral.
    func isShare(at position: Int) -> Bool {
        guard position + 2 < sentence.upperBound, tokens[position + 1].classes.intersects(vocabulary.shareLink), tokens[position + 2].isWord,
            tokens[position + 2].scalar.isNumeric, tokens[position].isWord else { return false }
        return tokens[position].scalar.isNumeric || tokens[position].classes.contains(.determiner)
    }

    /// "Speaking at a town hall, …", "Reached by POLITICO, …", "Shortly after …": a participle
    /// or an adverb opening the sentence before a function word or a comma introduces the
    /// sentence, not a speaker.
    func opensIntroductoryPhrase(at position: Int) -> Bool {
        guard position == sentence.lowerBound, position + 1 < sentence.upperBound else { return false }
        let first = tokens[position]
        guard first.isWord, first.isCapitalized, !first.classes.contains(.firstName),
            !first.classes.isDisjoint(with: [.endsInIng, .endsInEd, .endsInLy]) else { return false }
        let after = tokens[position + 1]
        return after.isPunctuation(",") || after.isWord && !after.isCapitalized && !after.classes.contains(.cueStart)
    }

    func isHeadWord(at position: Int) -> Bool {
        guard tokens[position].isWord else { return false }
        let classes = tokens[position].classes
        if tokens[position].isCapitalized {
            // A capitalised function word starts a sentence; it names no one.
            return classes.isDisjoint(with: [.stopWord, .determiner, .auxiliary, .relativePronoun, .adverbialStart])
                || !classes.isDisjoint(with: [.organization, .title])
        }
        return !classes.isDisjoint(with: [.anonymous, .organization, .title])
    }
}
