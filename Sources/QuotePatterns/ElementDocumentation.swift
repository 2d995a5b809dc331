import QuoteRules

/// What one pattern element matches, as users read it: each element's file in `Elements/`
/// declares its own next to the code that does the matching, and the element table of
/// docs/rules.md is generated from them (`quotecheck rules elements --markdown`), so the table
/// cannot drift from the engine.
public struct ElementDocumentation: Sendable {
    /// A sentence the element's example pattern must attribute, with what it must find.
    public struct Example: Sendable {
        /// A whole pattern that uses the element.
        public var pattern: String
        public var text: String
        public var speaker: String?
        public var cue: String?
        public var content: String?

        public init(pattern: String, text: String, speaker: String? = nil, cue: String? = nil, content: String? = nil) {
            self.pattern = pattern
            self.text = text
            self.speaker = speaker
            self.cue = cue
            self.content = content
        }
    }

    public var element: PatternElement
    /// How a rule file writes the element, as Markdown: "`SPEAKER`", "`+word`".
    public var syntax: String
    /// What it matches, as Markdown.
    public var matches: String
    /// What it makes of the tokens it matches in the record: content, speaker, cue, or nothing.
    public var becomes: String
    public var examples: [Example]

    /// Every element, in the order the table lists them.
    public static let all: [ElementDocumentation] = [
        sentenceStart, sentenceEnd, quote, content, speaker, cue, participle, appositive, mixedContent, verb, adverbial,
        gap, any, rest, source, finding, tail, word, contentWord, cueWord, punctuation,
    ]

    /// The element table of docs/rules.md.
    public static func markdownTable() -> String {
        var lines = ["| element | matches | becomes |", "|---|---|---|"]
        for entry in all {
            lines.append("| \(entry.syntax) | \(entry.matches) | \(entry.becomes) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
