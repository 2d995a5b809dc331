/// Grammatical gender as news text signals it (honorifics, first names, pronouns).
public enum Gender: String, Sendable, Hashable {
    case male = "m"
    case female = "f"
    case neuter = "n"
    case unknown = "x"

    /// Whether a mention of this gender may refer to an entity of `other`.
    public func isCompatible(with other: Gender) -> Bool {
        self == .unknown || other == .unknown || self == other
    }
}

public enum GrammaticalNumber: String, Sendable, Hashable {
    case singular = "s"
    case plural = "p"
}

/// The classes a lower-cased word belongs to; a word may be in several.
///
/// The classes below are the ones the lexicon's own lists fill; rule data may declare more by
/// name (`wordClasses:` in a lexicon file), and code finds those once, when it is built, with
/// ``Lexicon/wordClass(named:)``. Either way a test of a token's classes is a mask test. The
/// first ``namedCapacity`` classes declared by name have a bit here; any more are
/// ``WideWordClasses``, kept once per distinct word rather than on every token.
///
/// The classes are computed and inlinable rather than stored: a stored static is read in other
/// modules through an accessor call with a once-check, and the matcher tests classes in its
/// innermost loops.
public struct WordClasses: OptionSet, Sendable, Hashable {
    public let rawValue: UInt64
    @inlinable public init(rawValue: UInt64) { self.rawValue = rawValue }

    /// How many classes a word carries inline, the first named ones included.
    public static let capacity = UInt64.bitWidth
    /// The first bit free for a class rule data declares by name: the ones below are the lists'.
    static let firstNamedBit = 32
    /// How many classes declared by name have a bit of their own; later ones are wide.
    public static let namedCapacity = capacity - firstNamedBit

    @inlinable public static var honorific: WordClasses { WordClasses(rawValue: 1 << 0) }
    @inlinable public static var title: WordClasses { WordClasses(rawValue: 1 << 1) }
    @inlinable public static var pronoun: WordClasses { WordClasses(rawValue: 1 << 2) }
    @inlinable public static var relativePronoun: WordClasses { WordClasses(rawValue: 1 << 3) }
    @inlinable public static var anonymous: WordClasses { WordClasses(rawValue: 1 << 4) }
    @inlinable public static var organization: WordClasses { WordClasses(rawValue: 1 << 5) }
    @inlinable public static var determiner: WordClasses { WordClasses(rawValue: 1 << 6) }
    @inlinable public static var particle: WordClasses { WordClasses(rawValue: 1 << 7) }
    @inlinable public static var auxiliary: WordClasses { WordClasses(rawValue: 1 << 8) }
    @inlinable public static var stopWord: WordClasses { WordClasses(rawValue: 1 << 9) }
    /// The first word of some cue form.
    @inlinable public static var cueStart: WordClasses { WordClasses(rawValue: 1 << 10) }
    @inlinable public static var firstName: WordClasses { WordClasses(rawValue: 1 << 11) }
    /// Opens a time or place phrase: "on", "in", "last", "earlier".
    @inlinable public static var adverbialStart: WordClasses { WordClasses(rawValue: 1 << 12) }
    /// Articles and possessives: "the", "a", "his".
    @inlinable public static var article: WordClasses { WordClasses(rawValue: 1 << 13) }
    /// Prepositions allowed inside a speaker phrase led by a determiner: "a spokeswoman for the ministry".
    @inlinable public static var phrasePreposition: WordClasses { WordClasses(rawValue: 1 << 14) }
    @inlinable public static var subjectPronoun: WordClasses { WordClasses(rawValue: 1 << 15) }
    /// Conjunctions before a second attribution: "…, but officials said".
    @inlinable public static var conjunction: WordClasses { WordClasses(rawValue: 1 << 16) }
    /// Words that open a clause, so a comma before them does not open an aside.
    @inlinable public static var clauseOpener: WordClasses { WordClasses(rawValue: 1 << 17) }
    /// Words after which reported words end: ", though it is unclear".
    @inlinable public static var clauseBreaker: WordClasses { WordClasses(rawValue: 1 << 18) }
    /// Words that cannot open reported words running to the end of a sentence ("said on Monday").
    @inlinable public static var nonContentStart: WordClasses { WordClasses(rawValue: 1 << 19) }
    /// Short words a title of a work leaves in lower case: "The Old Man and the Sea".
    @inlinable public static var titleFunctionWord: WordClasses { WordClasses(rawValue: 1 << 20) }
    /// Adverbial openers that need a complement: "on" Monday, "last" week.
    @inlinable public static var adverbialPreposition: WordClasses { WordClasses(rawValue: 1 << 21) }
    /// Marks an infinitive that can be what was promised: "pledged to “bring …”".
    @inlinable public static var infinitiveMarker: WordClasses { WordClasses(rawValue: 1 << 22) }
    /// Opens reported words of their own: "…, and he added that …".
    @inlinable public static var complementizer: WordClasses { WordClasses(rawValue: 1 << 23) }
    /// Joins two roles of one speaker: "the Florida senator and Republican presidential candidate".
    @inlinable public static var roleConjunction: WordClasses { WordClasses(rawValue: 1 << 28) }
    /// A literal word of some attribution pattern ("according", "+that", "and|but"), added
    /// when rules load: what the matcher collects per sentence to rule patterns out cheaply.
    @inlinable public static var patternWord: WordClasses { WordClasses(rawValue: 1 << 29) }
    /// What a finding comes from, so it can stand as the source of one: "poll", "survey", "study".
    @inlinable public static var finding: WordClasses { WordClasses(rawValue: 1 << 30) }
    /// Opens a subordinate clause that ends at its comma: "As Trump lamented …, Clinton …".
    @inlinable public static var subordinator: WordClasses { WordClasses(rawValue: 1 << 31) }
    // Morphology, set by the tokenizer rather than by word lists.
    @inlinable public static var endsInLy: WordClasses { WordClasses(rawValue: 1 << 24) }
    @inlinable public static var endsInEd: WordClasses { WordClasses(rawValue: 1 << 25) }
    @inlinable public static var endsInIng: WordClasses { WordClasses(rawValue: 1 << 26) }
    @inlinable public static var possessive: WordClasses { WordClasses(rawValue: 1 << 27) }
}

/// The classes declared by name beyond ``WordClasses/namedCapacity``, as a bitset as wide as the
/// declarations need. A word in none of them stores no array at all, and a word in some shares
/// one array among all its tokens, so no token allocates.
public struct WideWordClasses: Sendable, Hashable {
    private var words: [UInt64] = []

    public init() {}

    public var isEmpty: Bool { words.allSatisfy { $0 == 0 } }

    public func contains(_ index: Int) -> Bool {
        let word = index / UInt64.bitWidth
        return index >= 0 && word < words.count && words[word] & (1 << UInt64(index % UInt64.bitWidth)) != 0
    }

    mutating func insert(_ index: Int) {
        let word = index / UInt64.bitWidth
        if words.count <= word { words += repeatElement(0, count: word + 1 - words.count) }
        words[word] |= 1 << UInt64(index % UInt64.bitWidth)
    }
}

/// A class declared by name, wherever the engine stores it: a bit of ``WordClasses`` for the
/// lists and the first named classes, an index into ``WideWordClasses`` for the rest.
public enum NamedWordClass: Sendable, Hashable {
    case inline(WordClasses)
    case wide(Int)
}

public struct PronounInfo: Sendable, Hashable {
    public var gender: Gender
    public var number: GrammaticalNumber
}

/// One way a cue is written: "said", "told reporters", "pointed out".
public struct CueForm: Sendable, Hashable {
    /// Lower-cased words, in order.
    public var words: [String]
    /// Whether the verb takes its listener as object ("told Mr. Putin").
    public var takesAddressee: Bool
    public var confidence: Double
    /// The verb is a cue only when a quotation follows in its sentence ("called it “a disgrace”").
    public var requiresQuotation: Bool = false
}

/// What the rule files say about English words.
public struct Lexicon: Sendable {
    /// Any change drops ``shortWords``: it answers only for the dictionary it was built from.
    public var classes: [String: WordClasses] = [:] { didSet { shortWords = nil } }
    /// ``classes`` for short ASCII words, built once the rules are read (``indexShortWords()``).
    public private(set) var shortWords: ShortWordTable?
    public var honorificGender: [String: Gender] = [:]
    public var pronouns: [String: PronounInfo] = [:]
    /// Cue forms by their first word, longest first, so "told reporters" wins over "told".
    public var cuesByFirstWord: [String: [CueForm]] = [:]
    /// First names (original capitalisation lower-cased) with their gender.
    public var firstNames: [String: Gender] = [:]
    /// Words that negate (`check` flags a quote that adds or drops one); `n't` forms count too.
    public var negations: Set<String> = []
    /// Numbers written as words (`check` flags a quote whose numbers differ from the source's).
    public var numberWords: Set<String> = []
    /// Capitalised words that are no names even inside a sentence ("I", "Mr").
    public var notNames: Set<String> = []
    /// Words that deny the cue after them ("have not disclosed", "never said"): no claim is made.
    public var cueNegations: Set<String> = []
    /// Words that open a picture credit in parentheses ("(Photo by …)", "(Image: …)"): the names
    /// inside are no speakers and no antecedents.
    public var creditWords: Set<String> = []
    /// Words that introduce an article's author ("By Jane Doe" opening a paragraph).
    public var bylineWords: Set<String> = []
    /// Words that make a capitalised run an organisation's name, never a person's ("Florida
    /// State University", though "Florida" is a first name).
    public var organizationNameWords: Set<String> = []
    /// Endings of role words ("-member", "-person", "-or"): a capitalised word with one, before
    /// a first name and a surname, is a title the lexicon does not list ("Ombudsperson Karen Wills").
    public var titleSuffixes: [String] = [] { didSet { titleEndings = titleSuffixes.map(WordEnding.init) } }
    private var titleEndings: [WordEnding] = []
    /// Whether a lower-cased word ends as a role word does (``titleSuffixes``).
    public func hasTitleSuffix(_ word: String) -> Bool { titleEndings.contains { $0.ends(word) } }
    /// Letters after a name that are no part of it ("Neil Ford QC", "Chris Grayling MP"): the
    /// name ends before them, so "Judge Ford" later is the same person.
    public var postNominals: Set<String> = []
    /// Nouns that refer back to an organisation the document names ("the company", "the
    /// agency"): such a phrase as a speaker is resolved to that organisation.
    public var organizationRoles: Set<String> = []
    /// Nouns for what an organisation issues ("the report", "its new analysis"): such a phrase
    /// as a speaker is resolved to the organisation the document says issued it.
    public var issuedDocuments: Set<String> = []
    /// Words that introduce who issued a document: "a report released on Monday by …".
    public var issuerMarkers: Set<String> = []
    /// Possessives that tie a document to the organisation in its sentence: "in its new
    /// analysis, the Fed points to …".
    public var issuerPossessives: Set<String> = []
    /// Relative pronouns that never stand for a person ("which"): a name they follow is an
    /// organisation's or a thing's.
    public var nonPersonRelatives: Set<String> = []
    /// Endings that make a word its own negation ("didn't", "can’t"): `check` and denied cues
    /// count them as the words in ``negations`` and ``cueNegations``.
    public var negationSuffixes: [String] = [] { didSet { negationEndings = negationSuffixes.map(WordEnding.init) } }
    private var negationEndings: [WordEnding] = []
    /// Endings of a possessive ("Putin's", "Putin’s"): a name is looked up without one.
    public var possessiveSuffixes: [String] = [] { didSet { possessiveEndings = possessiveSuffixes.map(WordEnding.init) } }
    private var possessiveEndings: [WordEnding] = []
    /// Pronouns that address the listener ("you"): never the organisation that spoke last.
    public var secondPersonPronouns: Set<String> = []
    /// The words a role is compared without ("the Russian president" is the person introduced as
    /// "Russian President …"): the definite and indefinite articles.
    public var definiteArticles: Set<String> = []
    public var indefiniteArticles: Set<String> = []
    /// Words after a speaker's name that add a place, not a second name ("McConnell of Kentucky").
    public var originPrepositions: Set<String> = []
    /// Lower-case words inside an organisation's name before its acronym ("Department of
    /// Justice (DOJ)").
    public var nameFunctionWords: Set<String> = []
    /// Quotation marks the language pairs otherwise than the detector's built-in ones, opening
    /// mark to closing mark: German »…« where French and Swiss text write «…».
    public var quotationMarks: [Unicode.Scalar: Unicode.Scalar] = [:]
    /// The language capitalises every noun (German): a capitalised anonymous-source noun after a
    /// determiner ("ein Sprecher") is no name.
    public var nounsCapitalized = false
    /// Roles are compounds whose last part is the role: "die Ministerin" may be the person
    /// introduced as "Verkehrsministerin Sabine Weber".
    public var roleCompounds = false
    /// Every class by the name rule data gives it: the lists (`titles`, `stopWords`, …) and the
    /// classes `wordClasses:` declares, which get the next free bit while there is one
    /// (``WordClasses/namedCapacity``) and a place in ``WideWordClasses`` after that.
    public private(set) var namedClasses: [String: NamedWordClass] = [:]
    /// The wide classes of the words in some (``WideWordClasses``): most words are in none.
    public private(set) var wideClasses: [String: WideWordClasses] = [:]
    /// How many classes are wide.
    public private(set) var wideClassCount = 0
    /// Endings that put a word in a class (`suffixClasses:`), matched against the word as
    /// written ("REPORTED" has no ending "ed"); a word must be longer than its ending.
    public var suffixClasses: [SuffixClass] = []

    /// One ending of ``suffixClasses``.
    public struct SuffixClass: Sendable, Hashable {
        public var suffix: [Unicode.Scalar]
        public var classes: WordClasses
    }

    public init() {}

    /// Whether `word` negates by its ending (``negationSuffixes``).
    public func hasNegationSuffix(_ word: String) -> Bool {
        negationEndings.contains { $0.ends(word) }
    }

    /// `key` without a possessive ending (``possessiveSuffixes``); a word no longer than the
    /// ending is left as it is.
    public func withoutPossessive(_ key: String) -> String {
        for ending in possessiveEndings {
            if let stripped = ending.strip(key) { return stripped }
        }
        return key
    }

    /// The class rule data calls `name`, or no class at all when the rules declare none by that
    /// name (a rule pack without such words): code looks its classes up once, when it is built.
    public func wordClass(named name: String) -> WordClasses {
        if case let .inline(classes) = namedClasses[name] { return classes }
        return []
    }

    /// The class rule data calls `name`, inline or wide; `nil` when no rule declares it.
    public func namedWordClass(_ name: String) -> NamedWordClass? {
        namedClasses[name]
    }

    /// Whether the lower-cased `word` is in the class, inline or wide.
    public func contains(_ word: String, in wordClass: NamedWordClass) -> Bool {
        switch wordClass {
        case let .inline(mask): return !classes(of: word).isDisjoint(with: mask)
        case let .wide(index): return wideClasses(of: word).contains(index)
        }
    }

    /// The wide classes of a lower-cased word (``WideWordClasses``).
    public func wideClasses(of word: String) -> WideWordClasses {
        wideClassCount == 0 ? WideWordClasses() : wideClasses[word] ?? WideWordClasses()
    }

    /// The classes of a word's ending (``suffixClasses``), for the word as written.
    public func suffixClasses(of word: ArraySlice<Unicode.Scalar>) -> WordClasses {
        var result: WordClasses = []
        // Indexed and compared scalar by scalar: `for entry in` copied each entry (a retain of its
        // ending) and the generic `suffix(_:).elementsEqual` ran unspecialized, for every
        // distinct word of every document.
        for index in suffixClasses.indices {
            let ending = suffixClasses[index].suffix
            guard word.count > ending.count else { continue }
            var (position, offset) = (word.endIndex - ending.count, 0)
            while offset < ending.count, word[position] == ending[offset] { (position, offset) = (position + 1, offset + 1) }
            if offset == ending.count { result.formUnion(suffixClasses[index].classes) }
        }
        return result
    }

    public func classes(of word: String) -> WordClasses {
        classes[word] ?? []
    }

    /// ``classes(of:)`` for a word that comes packed as a ``ShortWordTable/Key`` when it is
    /// short ASCII (`nil` otherwise): answered from the table when there is one.
    public func classes(of word: String, packed: ShortWordTable.Key?) -> WordClasses {
        if let packed, let shortWords { return shortWords.classes(of: packed) }
        return classes(of: word)
    }

    /// Builds ``shortWords`` from the words as they now are.
    public mutating func indexShortWords() {
        shortWords = ShortWordTable(classes)
    }

    mutating func add(_ words: [String], as wordClass: WordClasses) {
        for word in words {
            classes[word.lowercased(), default: []].insert(wordClass)
        }
    }

    mutating func add(cue: CueForm) {
        guard let first = cue.words.first else { return }
        classes[first, default: []].insert(.cueStart)
        cuesByFirstWord[first, default: []].append(cue)
        cuesByFirstWord[first]?.sort { $0.words.count > $1.words.count }
    }
}

extension Lexicon {
    /// Lexicon keys that each add lower-cased words to a set of their own name.
    static var wordSetKeys: KeyValuePairs<String, WritableKeyPath<Lexicon, Set<String>>> {
        [
            "negations": \.negations,
            "numberWords": \.numberWords,
            "notNames": \.notNames,
            "cueNegations": \.cueNegations,
            "creditWords": \.creditWords,
            "bylineWords": \.bylineWords,
            "organizationNameWords": \.organizationNameWords,
            "postNominals": \.postNominals,
            "organizationRoles": \.organizationRoles,
            "issuedDocuments": \.issuedDocuments,
            "issuerMarkers": \.issuerMarkers,
            "issuerPossessives": \.issuerPossessives,
            "nonPersonRelatives": \.nonPersonRelatives,
            "secondPersonPronouns": \.secondPersonPronouns,
            "definiteArticles": \.definiteArticles,
            "indefiniteArticles": \.indefiniteArticles,
            "originPrepositions": \.originPrepositions,
            "nameFunctionWords": \.nameFunctionWords,
        ]
    }

    /// Lexicon keys that each add lower-cased endings to a list of their own name, in file order.
    static var wordListKeys: KeyValuePairs<String, WritableKeyPath<Lexicon, [String]>> {
        [
            "titleSuffixes": \.titleSuffixes,
            "negationSuffixes": \.negationSuffixes,
            "possessiveSuffixes": \.possessiveSuffixes,
        ]
    }

    mutating func parseLexicon(_ keys: [String: YAMLCursor]) throws(RuleError) {
        if let honorifics = keys["honorifics"] {
            for (word, gender) in try Self.pairs(honorifics) {
                let parsed = try Self.gender(gender)
                honorificGender[word.lowercased()] = parsed
                add([word], as: .honorific)
            }
        }
        if let pronounNode = keys["pronouns"] {
            for (word, value) in try Self.pairs(pronounNode) {
                let parts = try value.strings()
                guard parts.count == 2, let number = GrammaticalNumber(rawValue: parts[1]) else {
                    throw value.error("expected [gender, number], e.g. [m, s]")
                }
                guard let gender = Gender(rawValue: parts[0]) else {
                    throw value.error("unknown gender '\(parts[0])'; expected one of: m, f, n, x")
                }
                pronouns[word.lowercased()] = PronounInfo(gender: gender, number: number)
                add([word], as: .pronoun)
            }
        }
        let lists: [(String, WordClasses)] = [
            ("titles", .title), ("relativePronouns", .relativePronoun), ("anonymous", .anonymous),
            ("organizations", .organization), ("determiners", .determiner), ("particles", .particle),
            ("auxiliaries", .auxiliary), ("stopWords", .stopWord), ("adverbialStarts", .adverbialStart),
            ("articles", .article), ("phrasePrepositions", .phrasePreposition), ("subjectPronouns", .subjectPronoun),
            ("conjunctions", .conjunction), ("clauseOpeners", .clauseOpener), ("clauseBreakers", .clauseBreaker),
            ("nonContentStarts", .nonContentStart), ("titleFunctionWords", .titleFunctionWord),
            ("adverbialPrepositions", .adverbialPreposition), ("infinitiveMarkers", .infinitiveMarker),
            ("complementizers", .complementizer), ("roleConjunctions", .roleConjunction),
            ("findings", .finding), ("subordinators", .subordinator),
        ]
        for (key, wordClass) in lists {
            namedClasses[key] = .inline(wordClass)
            if let node = keys[key] { add(try node.strings(), as: wordClass) }
        }
        namedClasses["honorifics"] = .inline(.honorific)
        namedClasses["pronouns"] = .inline(.pronoun)
        let endings: [(String, WordClasses)] = [("endsInLy", .endsInLy), ("endsInEd", .endsInEd), ("endsInIng", .endsInIng), ("possessive", .possessive)]
        for (name, wordClass) in endings { namedClasses[name] = .inline(wordClass) }
        if let node = keys["wordClasses"] { try parseNamedClasses(node) }
        if let node = keys["suffixClasses"] { try parseSuffixClasses(node) }
        // Checking words are kept apart from the word classes: no detector rule reads them.
        for (key, words) in Self.wordSetKeys { if let node = keys[key] { self[keyPath: words].formUnion(try node.strings().map { $0.lowercased() }) } }
        for (key, words) in Self.wordListKeys { if let node = keys[key] { self[keyPath: words] += try node.strings().map { $0.lowercased() } } }
        if let node = keys["nounsCapitalized"] { nounsCapitalized = try node.bool() }
        if let node = keys["roleCompounds"] { roleCompounds = try node.bool() }
        if let node = keys["quotationMarks"] {
            for item in try node.sequence() {
                let pair = Array(try item.string().unicodeScalars)
                guard pair.count == 2 else { throw item.error("expected two marks, the opening then the closing one (\"»«\")") }
                quotationMarks[pair[0]] = pair[1]
            }
        }
    }

    /// `wordClasses: {name: [word, …]}`: a class the lists do not have gets the next free bit,
    /// or the next wide index once the bits are taken; a name a list or an earlier file already
    /// declared adds its words to that class.
    private mutating func parseNamedClasses(_ node: YAMLCursor) throws(RuleError) {
        for (name, words) in try Self.pairs(node) {
            add(try words.strings(), as: declareClass(named: name))
        }
    }

    /// The class called `name`, declared now if no list or earlier file did.
    private mutating func declareClass(named name: String) -> NamedWordClass {
        if let known = namedClasses[name] { return known }
        let inline = namedClasses.values.filter { if case let .inline(bit) = $0 { bit.rawValue >= 1 << WordClasses.firstNamedBit } else { false } }.count
        let wordClass: NamedWordClass
        if inline < WordClasses.namedCapacity {
            wordClass = .inline(WordClasses(rawValue: 1 << UInt64(WordClasses.firstNamedBit + inline)))
        } else {
            wordClass = .wide(wideClassCount)
            wideClassCount += 1
        }
        namedClasses[name] = wordClass
        return wordClass
    }

    private mutating func add(_ words: [String], as wordClass: NamedWordClass) {
        switch wordClass {
        case let .inline(mask): add(words, as: mask)
        case let .wide(index): for word in words { wideClasses[word.lowercased(), default: WideWordClasses()].insert(index) }
        }
    }

    /// `suffixClasses: {name: [ending, …]}`: a word as written that ends so, and is longer than
    /// the ending, is in the class. Only classes with a bit of their own can be endings: the
    /// tokenizer gives them to the token inline.
    private mutating func parseSuffixClasses(_ node: YAMLCursor) throws(RuleError) {
        for (name, endings) in try Self.pairs(node) {
            guard case let .inline(classes) = declareClass(named: name) else {
                throw endings.error("word class '\(name)' has no bit left for endings: at most \(WordClasses.namedCapacity) classes declared by name carry one, and endings need one")
            }
            for ending in try endings.strings() {
                guard !ending.isEmpty else { throw endings.error("an ending of '\(name)' is empty") }
                suffixClasses.append(SuffixClass(suffix: Array(ending.unicodeScalars), classes: classes))
            }
        }
    }

    mutating func parseCues(_ list: YAMLCursor) throws(RuleError) {
        for item in try list.sequence() {
            let keys = try item.mapping(allowed: ["forms", "addressee", "confidence", "requiresQuotation"], required: ["forms"])
            let takesAddressee = try keys["addressee"]?.bool() ?? false
            let requiresQuotation = try keys["requiresQuotation"]?.bool() ?? false
            let confidence = try keys["confidence"]?.double() ?? 1.0
            guard (0...1).contains(confidence) else { throw item.error("confidence must be between 0 and 1") }
            for form in try keys["forms"]?.strings() ?? [] {
                let words = form.lowercased().split(separator: " ").map(String.init)
                add(cue: CueForm(words: words, takesAddressee: takesAddressee, confidence: confidence, requiresQuotation: requiresQuotation))
            }
        }
    }

    /// Reads `NAME<TAB>m|f` lines; `#` starts a comment. The list has thousands of lines and is
    /// read at every start, so lines are cut on UTF-8 bytes and ASCII names lower-cased byte by
    /// byte; other names go through `lowercased()`.
    mutating func parseFirstNames(_ file: RuleFile) throws(RuleError) {
        let bytes = Array(file.contents.utf8)
        firstNames.reserveCapacity(firstNames.count + bytes.count / 8)
        classes.reserveCapacity(classes.count + bytes.count / 8)
        var lineNumber = 0
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            lineNumber += 1
            defer { start = end + 1 }
            var line = start..<end
            if line.last.map({ bytes[$0] == 0x0D }) ?? false { line = line.dropLast() }
            if line.isEmpty || bytes[line.lowerBound] == UInt8(ascii: "#") { continue }
            guard let tab = line.firstIndex(where: { bytes[$0] == 0x09 }), tab > line.lowerBound,
                let gender = Self.gender(bytes[(tab + 1)..<line.upperBound])
            else {
                throw RuleError(file: file.displayName, line: lineNumber, column: 1, message: "expected NAME<TAB>m|f")
            }
            let nameBytes = bytes[line.lowerBound..<tab]
            let name: String
            if nameBytes.allSatisfy({ $0 < 0x80 }) {
                name = String(decoding: nameBytes.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
            } else {
                name = String(decoding: nameBytes, as: UTF8.self).lowercased()
            }
            firstNames[name] = gender
            classes[name, default: []].insert(.firstName)
        }
    }

    private static func gender(_ field: ArraySlice<UInt8>) -> Gender? {
        guard field.count == 1, let byte = field.first else { return nil }
        return Gender(rawValue: String(UnicodeScalar(byte)))
    }

    static func pairs(_ cursor: YAMLCursor) throws(RuleError) -> [(String, YAMLCursor)] {
        guard case let .mapping(mapping) = cursor.node else { throw cursor.error("expected a mapping of word: value") }
        var result: [(String, YAMLCursor)] = []
        for (key, value) in mapping {
            let keyCursor = YAMLCursor(node: key, file: cursor.file, fallbackLine: cursor.line)
            result.append((try keyCursor.string(), YAMLCursor(node: value, file: cursor.file, fallbackLine: keyCursor.line)))
        }
        return result
    }

    static func gender(_ cursor: YAMLCursor) throws(RuleError) -> Gender {
        let value = try cursor.string()
        guard let gender = Gender(rawValue: value) else {
            throw cursor.error("unknown gender '\(value)'; expected one of: m, f, n, x")
        }
        return gender
    }
}
