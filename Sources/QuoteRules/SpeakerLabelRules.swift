import Foundation

/// A transcript speaker label: a regular expression tried at the start of a line whose named
/// group `name` is the speaker.
public struct SpeakerLabelRule: Sendable, Hashable {
    public var id: String
    public var description: String
    /// An `NSRegularExpression` pattern with a named group `name`; checked when the file is read.
    public var pattern: String
    /// The label names a role ("Q", "Speaker 1"), not a person.
    public var anonymous: Bool
    public var examples: RuleExamples
}

/// Everything the speaker-label files say: the labels in order, and the titles ignored when
/// names are compared.
public struct SpeakerLabelRules: Sendable, Hashable {
    public var labels: [SpeakerLabelRule]
    /// Lower-cased words ("president", "mr") dropped before comparing two names.
    public var titles: Set<String>

    public init(labels: [SpeakerLabelRule] = [], titles: Set<String> = []) {
        self.labels = labels
        self.titles = titles
    }
}

extension SpeakerLabelRule {
    static func parse(_ cursor: YAMLCursor, idPrefix: String) throws(RuleError) -> SpeakerLabelRule {
        let keys = try cursor.mapping(
            allowed: ["id", "description", "pattern", "anonymous", "examples"],
            required: ["id", "description", "pattern"]
        )
        let pattern = try keys["pattern"]?.string() ?? ""
        let patternCursor = keys["pattern"] ?? cursor
        // A built-in file's patterns are compiled by the tests of the binary that embeds them
        // (`SpeakerLabelTests`); compiling them again at every start-up took about 0.5 ms.
        if !RuleSource.isBuiltIn(cursor.file) {
            do {
                _ = try Regex(pattern)
            } catch {
                throw patternCursor.error("invalid regular expression: \(error)")
            }
        }
        // A pattern without the `name` group would match and name nobody.
        guard pattern.contains("(?<name>") else { throw patternCursor.error("pattern needs a named group (?<name>…)") }
        return SpeakerLabelRule(
            id: idPrefix + "." + (try keys["id"]?.string() ?? ""),
            description: try keys["description"]?.string() ?? "",
            pattern: pattern,
            anonymous: try keys["anonymous"]?.bool() ?? false,
            examples: try keys["examples"].map { cursor throws(RuleError) in try RuleExamples.parse(cursor) } ?? RuleExamples()
        )
    }
}
