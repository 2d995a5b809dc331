/// Marks a whole line as boilerplate when its trimmed, lower-cased text matches.
///
/// Plain string tests rather than regular expressions: they are what boilerplate lines need,
/// and they cost next to nothing per line.
public struct BoilerplateRule: Sendable, Hashable {
    public var id: String
    public var description: String
    /// Phrases, lower-cased, as scalars.
    public var equals: [[Unicode.Scalar]]
    public var startsWith: [[Unicode.Scalar]]
    public var contains: [[Unicode.Scalar]]
    public var endsWith: [[Unicode.Scalar]]
    /// A line starting with one of these is never boilerplate by this rule (a quotation mark, say).
    public var notStartsWith: [[Unicode.Scalar]]
    /// Lines longer than this (in scalars) are never boilerplate: protects article sentences
    /// that happen to contain a boilerplate phrase.
    public var maxLength: Int
    public var examples: RuleExamples

    /// Whether a line, already trimmed of surrounding white space, is boilerplate by this rule.
    ///
    /// Compares scalars directly with ASCII case folding: boilerplate phrases are ASCII words
    /// and symbols, and a line is tested without building a `String` for it.
    public func matches(line: ArraySlice<Unicode.Scalar>) -> Bool {
        guard line.count <= maxLength, !line.isEmpty else { return false }
        if notStartsWith.contains(where: { Self.hasPrefix(line, $0) }) { return false }
        if equals.contains(where: { $0.count == line.count && Self.hasPrefix(line, $0) }) { return true }
        if startsWith.contains(where: { Self.hasPrefix(line, $0) }) { return true }
        if endsWith.contains(where: { $0.count <= line.count && Self.hasPrefix(line.suffix($0.count), $0) }) { return true }
        return contains.contains { Self.contains(line, $0) }
    }

    /// The index of the first of `rules` that matches `line` (``matches(line:)``).
    ///
    /// Asked here, where `matches` can be inlined: a caller in another module iterating the
    /// rules (`for rule in`, `firstIndex(where:)`, even through a buffer) copied each rule,
    /// retaining every phrase list, once a line of every document.
    public static func firstMatch(in rules: [BoilerplateRule], line: ArraySlice<Unicode.Scalar>) -> Int? {
        for index in rules.indices where rules[index].matches(line: line) { return index }
        return nil
    }

    static func folded(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        ("A"..."Z").contains(scalar) ? Unicode.Scalar(scalar.value + 32) ?? scalar : scalar
    }

    static func hasPrefix(_ line: ArraySlice<Unicode.Scalar>, _ pattern: [Unicode.Scalar]) -> Bool {
        guard pattern.count <= line.count else { return false }
        var index = line.startIndex
        for scalar in pattern {
            if folded(line[index]) != scalar { return false }
            index += 1
        }
        return true
    }

    static func contains(_ line: ArraySlice<Unicode.Scalar>, _ pattern: [Unicode.Scalar]) -> Bool {
        guard let first = pattern.first, pattern.count <= line.count else { return false }
        var start = line.startIndex
        let last = line.endIndex - pattern.count
        while start <= last {
            if folded(line[start]) == first, hasPrefix(line[start...], pattern) { return true }
            start += 1
        }
        return false
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
        let lowered: (String) throws(RuleError) -> [[Unicode.Scalar]] = { key throws(RuleError) in
            try keys[key]?.strings().map { Array($0.lowercased().unicodeScalars) } ?? []
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
