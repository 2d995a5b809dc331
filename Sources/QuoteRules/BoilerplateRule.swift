/// Marks a whole line as boilerplate when its trimmed, lower-cased text matches.
///
/// Plain string tests rather than regular expressions: they are what boilerplate lines need,
/// and they cost next to nothing per line.
public struct BoilerplateRule: Sendable, Hashable {
    public var id: String
    public var description: String
    public var equals: [String]
    public var startsWith: [String]
    public var contains: [String]
    public var endsWith: [String]
    /// A line starting with one of these is never boilerplate by this rule (a quotation mark, say).
    public var notStartsWith: [String]
    /// Lines longer than this (in scalars) are never boilerplate: protects article sentences
    /// that happen to contain a boilerplate phrase.
    public var maxLength: Int
    public var examples: RuleExamples

    /// Whether the line, already trimmed and lower-cased, is boilerplate by this rule.
    public func matches(normalizedLine line: String, length: Int) -> Bool {
        guard length <= maxLength, !line.isEmpty else { return false }
        if notStartsWith.contains(where: { line.hasPrefix($0) }) { return false }
        if equals.contains(line) { return true }
        if startsWith.contains(where: { line.hasPrefix($0) }) { return true }
        if endsWith.contains(where: { line.hasSuffix($0) }) { return true }
        return contains.contains(where: { line.contains($0) })
    }

    /// Trims and lower-cases a line the way ``matches(normalizedLine:length:)`` expects.
    public static func normalize(_ line: Substring) -> String {
        line.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}

/// Sentences a rule must act on and sentences it must leave alone; `quotecheck rules test`
/// and the unit tests run them.
public struct RuleExamples: Sendable, Hashable {
    public var match: [String]
    public var ignore: [String]

    public init(match: [String] = [], ignore: [String] = []) {
        self.match = match
        self.ignore = ignore
    }
}

extension BoilerplateRule {
    static func parse(_ cursor: YAMLCursor, idPrefix: String) throws(RuleError) -> BoilerplateRule {
        let keys = try cursor.mapping(
            allowed: ["id", "description", "equals", "startsWith", "contains", "endsWith", "notStartsWith", "maxLength", "examples"],
            required: ["id", "description"]
        )
        let lowered: (String) throws(RuleError) -> [String] = { key throws(RuleError) in
            try keys[key]?.strings().map { $0.lowercased() } ?? []
        }
        let rule = BoilerplateRule(
            id: idPrefix + "." + (try keys["id"]?.string() ?? ""),
            description: try keys["description"]?.string() ?? "",
            equals: try lowered("equals"),
            startsWith: try lowered("startsWith"),
            contains: try lowered("contains"),
            endsWith: try lowered("endsWith"),
            notStartsWith: try lowered("notStartsWith"),
            maxLength: try keys["maxLength"]?.int() ?? 300,
            examples: try keys["examples"].map { cursor throws(RuleError) in try RuleExamples.parse(cursor) } ?? RuleExamples()
        )
        if rule.equals.isEmpty && rule.startsWith.isEmpty && rule.contains.isEmpty && rule.endsWith.isEmpty {
            throw cursor.error("a boilerplate rule needs at least one of equals, startsWith, contains, endsWith")
        }
        return rule
    }
}

extension RuleExamples {
    static func parse(_ cursor: YAMLCursor) throws(RuleError) -> RuleExamples {
        let keys = try cursor.mapping(allowed: ["match", "ignore"])
        return RuleExamples(match: try keys["match"]?.strings() ?? [], ignore: try keys["ignore"]?.strings() ?? [])
    }
}
