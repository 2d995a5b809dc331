/// Everything QuoteCheck knows about a language, read from rule files and checked.
public struct RuleSet: Sendable {
    public var files: [RuleFile]
    public var boilerplate: [BoilerplateRule] = []
    /// Abbreviations after which a full stop does not end a sentence ("Mr.", "Sept.", "U.S.").
    public var abbreviations: Set<String> = []
    public var lexicon = Lexicon()
    /// Attribution sieves in the order they are tried: files in path order, rules in file order.
    public var attributionRules: [AttributionRule] = []
    /// Transcript speaker labels and the titles ignored when comparing names.
    public var speakerLabels = SpeakerLabelRules()
    /// The HTML loader's class/id vocabulary and thresholds (`kind: html`).
    public var html = HTMLRules()
    /// Stop-word profiles for telling a document's language (`languages/*.txt`).
    public var languages = LanguageProfiles()
    /// The languages with attribution rules: the top directories that hold `attribution/` files.
    public var rulePacks: Set<String> = []
    /// What a record's confidence is multiplied by for each way its speaker was resolved
    /// (`resolution` in a `kind: confidence` file); a step not listed multiplies by 1.
    public var resolutionConfidence: [String: Double] = [:]

    /// The file kinds a rule file may declare with its top-level `kind:` key.
    public static let kinds = ["boilerplate", "abbreviations", "lexicon", "cues", "attribution", "speaker-labels", "html", "confidence"]

    public static let lexiconKeys = [
        "honorifics", "titles", "pronouns", "relativePronouns", "anonymous", "organizations", "determiners",
        "particles", "auxiliaries", "stopWords", "adverbialStarts", "adverbialPrepositions", "infinitiveMarkers", "complementizers", "roleConjunctions", "findings", "subordinators", "articles", "phrasePrepositions", "subjectPronouns",
        "conjunctions", "clauseOpeners", "clauseBreakers", "nonContentStarts", "titleFunctionWords",
        "negations", "numberWords", "notNames", "cueNegations", "creditWords", "bylineWords", "organizationNameWords", "titleSuffixes",
        "wordClasses",
    ]
    /// Every top-level key any kind of file may have; each kind then checks its own.
    static let sectionKeys = Array(Set(["description", "rules", "abbreviations", "cues", "resolution"] + lexiconKeys + HTMLRules.keys)).sorted()

    /// Parses and checks rule files.
    /// - Throws: ``RuleError`` at the first problem, with file, line and column.
    public init(files: [RuleFile]) throws(RuleError) {
        self.files = files
        for file in files where file.path.hasSuffix("first-names.txt") {
            try lexicon.parseFirstNames(file)
        }
        for file in files where file.path.hasPrefix("languages/") && file.path.hasSuffix(".txt") {
            languages.parse(file)
        }
        for file in files where !file.path.hasSuffix(".txt") {
            // An empty file in --rules replaces the built-in file of the same name: every cue or
            // rule in it would silently be gone.
            guard let root = try YAMLCursor.parse(file) else {
                throw RuleError(
                    file: file.displayName, line: 1, column: 1,
                    message: "empty rule file: it would replace the built-in file of the same name with nothing; give it a 'kind' and content, or remove it"
                )
            }
            guard case .mapping = root.node else { throw root.error("expected a mapping with a 'kind' key") }
            let kind = try root.mapping(allowed: ["kind"] + Self.sectionKeys, required: ["kind"])
            let kindName = try kind["kind"].map { cursor throws(RuleError) in try cursor.oneOf(Self.kinds) } ?? ""
            try parse(kind: kindName, root: root, file: file)
        }
        var firstDefinition: [String: AttributionRule] = [:]
        for rule in attributionRules {
            if let earlier = firstDefinition[rule.id] {
                throw RuleError(
                    file: rule.file, line: rule.line, column: 1,
                    message: "duplicate rule id '\(rule.id)' (first defined at \(earlier.file):\(earlier.line))"
                )
            }
            firstDefinition[rule.id] = rule
        }
        for rule in attributionRules {
            for step in rule.pattern where !step.words.isEmpty {
                lexicon.add(step.words, as: .patternWord)
            }
        }
        lexicon.indexShortWords()
    }

    private mutating func parse(kind: String, root: YAMLCursor, file: RuleFile) throws(RuleError) {
        switch kind {
        case "boilerplate":
            let keys = try root.mapping(allowed: ["kind", "description", "rules"], required: ["rules"])
            for item in try keys["rules"]?.sequence() ?? [] {
                boilerplate.append(try BoilerplateRule.parse(item, idPrefix: file.idPrefix))
            }
        case "abbreviations":
            let keys = try root.mapping(allowed: ["kind", "description", "abbreviations"], required: ["abbreviations"])
            for word in try keys["abbreviations"]?.strings() ?? [] { abbreviations.insert(word) }
        case "lexicon":
            let keys = try root.mapping(allowed: ["kind", "description"] + Self.lexiconKeys)
            try lexicon.parseLexicon(keys)
        case "cues":
            let keys = try root.mapping(allowed: ["kind", "description", "cues"], required: ["cues"])
            if let cues = keys["cues"] { try lexicon.parseCues(cues) }
        case "attribution":
            let keys = try root.mapping(allowed: ["kind", "description", "rules"], required: ["rules"])
            for item in try keys["rules"]?.sequence() ?? [] {
                attributionRules.append(try AttributionRule.parse(item, idPrefix: file.idPrefix))
            }
            if let pack = file.path.split(separator: "/").first, file.path.contains("/") { rulePacks.insert(String(pack)) }
        case "speaker-labels":
            let keys = try root.mapping(allowed: ["kind", "description", "rules", "titles"], required: ["rules"])
            for item in try keys["rules"]?.sequence() ?? [] {
                speakerLabels.labels.append(try SpeakerLabelRule.parse(item, idPrefix: file.idPrefix))
            }
            for title in try keys["titles"]?.strings() ?? [] { speakerLabels.titles.insert(title.lowercased()) }
        case "html":
            try html.merge(root)
        case "confidence":
            let keys = try root.mapping(allowed: ["kind", "description", "resolution"], required: ["resolution"])
            if let resolution = keys["resolution"] {
                for (step, value) in try Lexicon.pairs(resolution) {
                    let factor = try value.double()
                    guard (0...1).contains(factor) else { throw value.error("a resolution factor must be between 0 and 1") }
                    resolutionConfidence[step] = factor
                }
            }
        default:
            break
        }
    }

    /// The built-in rules plus, when given, a directory that adds or replaces rule files.
    public static func load(overrides: String? = nil) throws(RuleError) -> RuleSet {
        try RuleSet(files: RuleSource.resolve(overrides: overrides))
    }
}
