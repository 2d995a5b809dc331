import QuoteRules

/// Where reported words end: the clause grammar CONTENT and ANY read.
extension Interpreter {
    /// ", Spicer said": a speaker phrase right after a comma before the cue at `cue`.
    func followsCommaAndSpeaker(_ cue: Int, after start: Int) -> Bool {
        var subject = cue - 1
        while subject > start, cue - subject <= PatternMatcher.maxSpeakerTokens, tokens[subject].isWord {
            if tokens[subject - 1].isPunctuation(","), isSpeakerPhrase(subject..<cue) { return true }
            subject -= 1
        }
        return false
    }

    /// Reported words end before a second attribution in the same sentence: "…the project,
    /// but officials said …" ends at the comma. `leavesRest` says whether the words after
    /// the end may be skipped (a concession, a second verb) or belong to another attribution.
    /// A cue that reports speech (confidence 0.8 or more), not a verb of stance such as
    /// "planned": only those start a second attribution inside reported words.
    func isSpeechCue(at position: Int) -> Bool {
        (cueForm(at: position)?.confidence ?? 0) >= 0.8
    }

    /// ", which …," after no more than a subject ("the decision", "that the campaign's
    /// announcement"): the relative clause closes at a later comma and the predicate follows.
    func isRelativeClauseOnSubject(comma: Int, start: Int, end: Int) -> Bool {
        guard let features else { return false }
        var subject = start
        if tokens[subject].classes.contains(.complementizer) { subject += 1 }
        guard features.words(in: subject..<comma) <= PatternMatcher.maxRelativeClauseSubjectWords else { return false }
        return (comma + 2..<end).contains { tokens[$0].isPunctuation(",") }
    }

    func clauseEnd(from start: Int, to end: Int, cueInflection: WordClasses) -> (end: Int, leavesRest: Bool) {
        var index = start + 1
        var quoted = tokens[start].isQuote
        while index < end {
            let token = tokens[index]
            // "called the Texas senator “the next George Washington” – the Founding Father …",
            // "called inversions “unpatriotic,” and his administration …": after the quoted
            // words a dash or a conjunction opens the writer's own aside.
            if quoted, index + 1 < end {
                if token.kind == .punctuation, PatternMatcher.isDash(token.scalar) { return (index, true) }
                // "…could be “way off,” and have been unreliable": an auxiliary (not before a
                // cue: "and then tweeted") or another quotation after the conjunction goes on
                // with the same subject.
                if tokens[index - 1].isQuote, tokens[index - 1].scalar == ",", token.isWord, token.classes.contains(.conjunction) {
                    let next = tokens[index + 1]
                    let goesOn = next.isQuote
                        || next.classes.contains(.auxiliary) && !(index + 2 < end && cueForm(at: index + 2) != nil)
                    if !goesOn { return (index, true) }
                }
            }
            if token.isQuote { quoted = true }
            // "…to the test and warned North Korea …": a second verb of speech ends the clause.
            if token.isWord, token.classes.contains(.conjunction), index + 1 < end, isSpeechCue(at: index + 1) {
                return (index, true)
            }
            // "called the merger “a terrible deal” and ranked Fiorina …", "calling it
            // “disqualifying” and asserting …": a verb inflected like the cue after "and"
            // is the subject's next predicate, not more of what was said.
            if !cueInflection.isEmpty, token.isWord, token.classes.contains(.conjunction), index + 1 < end,
                tokens[index + 1].isWord, !tokens[index + 1].isCapitalized, !tokens[index + 1].classes.isDisjoint(with: cueInflection)
            {
                return (index, true)
            }
            if token.kind == .punctuation, token.scalar == "," || token.scalar == ";" || token.scalar == "-" || token.scalar == "—",
                index + 1 < end
            {
                let following = tokens[index + 1]
                // ", though it is unclear …": a new clause. A relative clause right after a
                // short subject is inside the reported words: "said the decision, which struck
                // down restrictions, illustrates …".
                if following.isWord, following.classes.contains(.clauseBreaker),
                    !(following.classes.contains(.relativePronoun) && isRelativeClauseOnSubject(comma: index, start: start, end: end))
                {
                    return (index, true)
                }
                // "…votes democratic, said one candidate": the next attribution's cue (a
                // participle, ", telling …", is handled below: it leaves the rest).
                if token.scalar == ",", following.isWord, !following.classes.contains(.endsInIng), isSpeechCue(at: index + 1) {
                    return (index, false)
                }
                // "…her ‘responsibility gene’; rivals deride it …": a semicolon joins two sentences.
                if token.scalar == ";" { return (index, true) }
            }
            // "…, referring to the convention", "…by Cleveland,” referring to …": a participle
            // of speech opens an attribution of its own, which the participle rules may take.
            if token.scalar == ",", token.kind == .punctuation || token.isQuote, index + 1 < end,
                tokens[index + 1].isWord, tokens[index + 1].classes.contains(.endsInIng), cueForm(at: index + 1) != nil
            {
                return (token.isQuote ? index + 1 : index, true)
            }
            // "— the actress also pointed out that …": a dash may open the next attribution too.
            if token.kind == .punctuation, token.scalar == "," || token.scalar == ";" || token.scalar == "—" || token.scalar == "–" {
                var subject = index + 1
                if subject < end, tokens[subject].classes.contains(.conjunction) { subject += 1 }
                var verb = subject + 1
                while verb < min(end, subject + PatternMatcher.maxSpeakerTokens + 1) {
                    // "his campaign has argued": auxiliaries stand between the subject and the cue.
                    var phraseEnd = verb
                    while phraseEnd > subject + 1, tokens[phraseEnd - 1].classes.contains(.auxiliary) { phraseEnd -= 1 }
                    if isSpeechCue(at: verb), isSpeakerPhrase(subject..<phraseEnd) {
                        // "…, and he added that it would make sense …": the second attribution
                        // has words of its own, so this content ends here and the rest is left
                        // to it; ", Lavrov said." ends the sentence and claims the words before.
                        let rest = verb + 1..<end
                        let hasOwnWords = rest.contains { tokens[$0].classes.contains(.complementizer) }
                            || rest.count >= 2 && tokens[rest.lowerBound].isWord
                                && !tokens[rest.lowerBound].classes.contains(.adverbialStart)
                        return (index, hasOwnWords)
                    }
                    verb += 1
                }
            }
            index += 1
        }
        return (end, false)
    }
}
