/// Everything QuoteCheck knows about a language, read from rule files and checked.
public struct RuleSet: Sendable {
    public var files: [RuleFile]
    public var boilerplate: [BoilerplateRule]
    /// Abbreviations after which a full stop does not end a sentence ("Mr.", "Sept.", "U.S.").
    public var abbreviations: Set<String>
    /// The HTML loader's class/id vocabulary and thresholds (`kind: html`).
    public var html: HTMLRules

    /// The file kinds a rule file may declare with its top-level `kind:` key.
    public static let kinds = ["boilerplate", "abbreviations", "html"]

    /// Parses and checks rule files.
    /// - Throws: ``RuleError`` at the first problem, with file, line and column.
    public init(files: [RuleFile]) throws(RuleError) {
        self.files = files
        self.boilerplate = []
        self.abbreviations = []
        self.html = HTMLRules()
        for file in files where !file.path.hasSuffix(".txt") {
            guard let root = try YAMLCursor.parse(file) else { continue }
            guard case .mapping = root.node else { throw root.error("expected a mapping with a 'kind' key") }
            let kind = try root.mapping(allowed: Array(Set(["kind", "description", "rules", "abbreviations"] + HTMLRules.keys)).sorted(), required: ["kind"])
            let kindName = try kind["kind"].map { cursor throws(RuleError) in try cursor.oneOf(Self.kinds) } ?? ""
            switch kindName {
            case "boilerplate":
                let keys = try root.mapping(allowed: ["kind", "description", "rules"], required: ["rules"])
                for item in try keys["rules"]?.sequence() ?? [] {
                    boilerplate.append(try BoilerplateRule.parse(item, idPrefix: file.idPrefix))
                }
            case "abbreviations":
                let keys = try root.mapping(allowed: ["kind", "description", "abbreviations"], required: ["abbreviations"])
                for word in try keys["abbreviations"]?.strings() ?? [] { abbreviations.insert(word) }
            case "html":
                try html.merge(root)
            default:
                break
            }
        }
    }

    /// The built-in rules plus, when given, a directory that adds or replaces rule files.
    public static func load(overrides: String? = nil) throws(RuleError) -> RuleSet {
        try RuleSet(files: RuleSource.resolve(overrides: overrides))
    }
}
