/// Compares a record's speaker name with the gold name and says whether it is a proper name at all,
/// for the speaker name figures of ``CategoryFigures``.
///
/// A speaker counts as **named** when all of these hold:
/// - the record has a speaker, not marked `anonymous`, and `resolvedBy` is neither `unresolved` nor
///   `none` (the mention was left as written, or nothing was found);
/// - its `name` starts with an upper-case letter or a digit ("she", "the mayor" do not);
/// - the first word of `name` is not a pronoun, relative pronoun, article, determiner or
///   anonymous-source word of the rule pack's lexicon ("He", "The mayor", "One official");
/// - not every word of `name` is a title or honorific ("Mayor", "President").
///
/// How the engine got there (`mention`, `alias`, `pronoun`, `continuation`) does not matter: a
/// pronoun resolved to "Boris Johnson" is a name.
public struct SpeakerNaming: Sendable {
    public let lexicon: Lexicon

    static let unresolvedSteps: Set<String> = ["unresolved", "none"]
    static let notNameStarts: WordClasses = [.pronoun, .relativePronoun, .article, .determiner, .anonymous]

    public init(lexicon: Lexicon) {
        self.lexicon = lexicon
    }

    public func isProperName(_ speaker: Speaker?) -> Bool {
        guard let speaker, !speaker.anonymous, !Self.unresolvedSteps.contains(speaker.resolvedBy) else { return false }
        let words = Self.words(speaker.name)
        guard let first = words.first, let initial = first.unicodeScalars.first,
            initial.properties.isUppercase || initial.properties.numericType != nil
        else { return false }
        if !classes(of: first).isDisjoint(with: Self.notNameStarts) { return false }
        return !words.allSatisfy { !classes(of: $0).isDisjoint(with: [.title, .honorific]) }
    }

    /// The lexicon lists some abbreviations with their full stop ("dr."), which ``words(_:)`` strips.
    func classes(of word: String) -> WordClasses {
        let lower = word.lowercased()
        return lexicon.classes(of: lower).union(lexicon.classes(of: lower + "."))
    }

    /// Lower-cased, curly quotation marks and apostrophes made straight, runs of whitespace made
    /// one space, trimmed: the form two names are compared in.
    public static func normalized(_ name: String) -> String {
        var scalars = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in name.lowercased().unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !scalars.isEmpty
                continue
            }
            if pendingSpace {
                scalars.append(" ")
                pendingSpace = false
            }
            switch scalar {
            case "\u{2018}", "\u{2019}", "\u{201B}", "\u{2032}": scalars.append("'")
            case "\u{201C}", "\u{201D}", "\u{201E}", "\u{2033}": scalars.append("\"")
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// Words split at whitespace, stripped of punctuation at either end ("Mr." keeps its letters).
    static func words(_ name: String) -> [String] {
        name.split(whereSeparator: \.isWhitespace).compactMap { word in
            let trimmed = word.unicodeScalars.drop { !$0.properties.isAlphabetic && $0.properties.numericType == nil }
            let kept = String(String.UnicodeScalarView(trimmed.reversed().drop { !$0.properties.isAlphabetic && $0.properties.numericType == nil }.reversed()))
            return kept.isEmpty ? nil : kept
        }
    }
}
