import QuoteRules

extension ElementDocumentation {
    static let any = ElementDocumentation(
        element: .any, syntax: "`ANY`",
        matches: "as few tokens as let the rest match, up to 25; no quotation, except before a literal word (`ANY` before `and` or `but` and a `CUE`: \"called her handling “extremely careless,” and said …\")",
        becomes: "",
        examples: [
            .init(pattern: "SPEAKER ANY , PARTICIPLE +that? CONTENT $", text: "Smith voted against the bill on Monday, saying it was too costly.", speaker: "Smith",
                  cue: "saying", content: "it was too costly"),
        ]
    )
}

extension Interpreter {
    func matchAny(step: Int, at position: Int, state: inout State) -> Int? {
        let end = sentence.upperBound
        let next = step + 1
        // "He called her handling “extremely careless,” and said …": the subject's first
        // predicate may quote someone before the conjunction that leads to its second.
        let passesQuotes = next < steps.count && steps[next].kind == .word
        var cursor = position
        while cursor <= end, cursor - position <= PatternMatcher.maxAnyTokens {
            if let result = matchAfterVariable(step: next, at: cursor, state: &state) { return result }
            guard cursor < end, passesQuotes || !tokens[cursor].isQuote else { return nil }
            // "Ryan and Trump will meet next week, Spicer said, adding, “…”": a verb of
            // speech after a comma is someone else's attribution, not the subject's verb phrase.
            if !tokens[cursor].classes.contains(.endsInIng), isSpeechCue(at: cursor), followsCommaAndSpeaker(cursor, after: position) {
                return nil
            }
            cursor += 1
        }
        return nil
    }
}
