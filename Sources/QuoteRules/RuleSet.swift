/// Everything QuoteCheck knows about one language, read from its pack (`Rules/<language>/`)
/// and checked. A rule set is built from exactly one pack, so no document is ever read with
/// two languages' rules.
public struct RuleSet: Sendable {
    /// The pack's language code (`en`), its directory name: rule ids start with it.
    public let language: String
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
    /// What a record's confidence is multiplied by for each way its speaker was resolved
    /// (`resolution` in a `kind: confidence` file); a step not listed multiplies by 1.
    public var resolutionConfidence: [String: Double] = [:]

    /// The file kinds a rule file may declare with its top-level `kind:` key.
    public static let kinds = ["boilerplate", "abbreviations", "lexicon", "cues", "attribution", "speaker-labels", "html", "confidence"]

    public static let lexiconKeys = [
        "honorifics", "titles", "pronouns", "relativePronouns", "anonymous", "organizations", "determiners",
        "particles", "auxiliaries", "stopWords", "adverbialStarts", "adverbialPrepositions", "infinitiveMarkers", "complementizers", "roleConjunctions", "findings", "subordinators", "articles", "phrasePrepositions", "subjectPronouns",
        "conjunctions", "clauseOpeners", "clauseBreakers", "nonContentStarts", "titleFunctionWords",
        "negations", "numberWords", "notNames", "cueNegations", "creditWords", "bylineWords", "organizationNameWords", "titleSuffixes", "postNominals", "organizationRoles", "issuedDocuments", "issuerMarkers", "issuerPossessives", "nonPersonRelatives",
        "negationSuffixes", "possessiveSuffixes", "secondPersonPronouns", "definiteArticles", "indefiniteArticles", "originPrepositions",
        "nameFunctionWords", "quotationMarks", "nounsCapitalized", "roleCompounds",
        "wordClasses", "suffixClasses",
    ]
    /// Every top-level key any kind of file may have; each kind then checks its own.
    static let sectionKeys = Array(Set(["description", "rules", "abbreviations", "cues", "resolution"] + lexiconKeys + HTMLRules.keys)).sorted()

    /// Parses and checks the rule files of one pack (plus the shared language profiles).
    /// - Throws: ``RuleError`` at the first problem, with file, line and column; for a file of a
    ///   second pack or outside any pack, naming it.
    public init(files: [RuleFile]) throws(RuleError) {
        guard let language = files.lazy.compactMap(\.pack).first else {
            throw RuleError(file: files.first?.displayName ?? "<rules>", line: 1, column: 1, message: "no rule files of any language pack")
        }
        try self.init(files: files, language: language)
    }

    /// Parses and checks rule files as the pack of `language`: every file must be that pack's
    /// or shared (a linter checks a shared file alone this way).
    /// - Throws: ``RuleError`` naming a file of another pack or outside any pack, or at the first
    ///   problem in a file.
    public init(files: [RuleFile], language: String) throws(RuleError) {
        for file in files where !file.isShared {
            guard let pack = file.pack else {
                throw RuleError(file: file.displayName, line: 1, column: 1, message: "rule file outside a language pack: rule files live in a directory named for their language (e.g. en/)")
            }
            guard pack == language else {
                throw RuleError(
                    file: file.displayName, line: 1, column: 1,
                    message: "rule file of the '\(pack)' pack in the '\(language)' rule set: a rule set is built from one language's pack"
                )
            }
        }
        self.language = language
        self.files = files
        for file in files where file.path.hasSuffix("first-names.txt") {
            try lexicon.parseFirstNames(file)
        }
        languages.parse(files.filter { $0.path.hasPrefix("languages/") && $0.path.hasSuffix(".txt") })
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
            // A shared file reaches every pack, so it may hold only what is no language's.
            if file.isShared, kindName != "html", let cursor = kind["kind"] {
                throw cursor.error("a file every pack shares (common/) may only be of kind html; '\(kindName)' belongs in a language's directory")
            }
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
        let idPrefix = file.idPrefix
        switch kind {
        case "boilerplate":
            let keys = try root.mapping(allowed: ["kind", "description", "rules"], required: ["rules"])
            for item in try keys["rules"]?.sequence() ?? [] {
                boilerplate.append(try BoilerplateRule.parse(item, idPrefix: idPrefix))
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
                attributionRules.append(try AttributionRule.parse(item, idPrefix: idPrefix))
            }
        case "speaker-labels":
            let keys = try root.mapping(allowed: ["kind", "description", "rules", "titles"], required: ["rules"])
            for item in try keys["rules"]?.sequence() ?? [] {
                speakerLabels.labels.append(try SpeakerLabelRule.parse(item, idPrefix: idPrefix))
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

    /// The pack of `language`: built-in files plus, when given, a directory that adds or
    /// replaces rule files by path.
    /// - Throws: ``RuleError`` when there is no such pack, when an overlay file belongs to
    ///   another pack, or at the first problem in a file.
    public static func load(language: String = defaultLanguage, overrides: String? = nil) throws(RuleError) -> RuleSet {
        try load(language: language, directories: overrides.map { [$0] } ?? [])
    }

    /// ``load(language:overrides:)`` with several overlay directories, applied in order.
    public static func load(language: String = defaultLanguage, directories: [String]) throws(RuleError) -> RuleSet {
        let files = try RuleSource.resolve(directories: directories, language: language)
        guard RuleSource.packs(in: files).contains(language) else { throw noPack(language, among: files) }
        return try RuleSet(files: RuleSource.files(files, ofPack: language))
    }

    /// Every pack there is, built-in or added by `overrides`, sorted by language.
    public static func loadAll(overrides: String? = nil) throws(RuleError) -> [RuleSet] {
        try loadAll(directories: overrides.map { [$0] } ?? [])
    }

    /// ``loadAll(overrides:)`` with several overlay directories, applied in order.
    public static func loadAll(directories: [String]) throws(RuleError) -> [RuleSet] {
        let files = try RuleSource.resolve(directories: directories)
        var sets: [RuleSet] = []
        for language in RuleSource.packs(in: files) {
            sets.append(try RuleSet(files: RuleSource.files(files, ofPack: language)))
        }
        return sets
    }

    /// The language a run reads when it is not told and cannot tell.
    public static let defaultLanguage = "en"

    static func noPack(_ language: String, among files: [RuleFile]) -> RuleError {
        let packs = RuleSource.packs(in: files).joined(separator: ", ")
        return RuleError(file: "<rules>/\(language)", line: 1, column: 1, message: "no rule pack for language '\(language)' (packs: \(packs))")
    }
}
