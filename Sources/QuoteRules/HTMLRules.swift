/// What the HTML loader's main-text extraction knows as data: the class/id vocabulary of
/// boilerplate and of content containers, and its density thresholds.
///
/// Class and id values are lower-cased and split into tokens on spaces, `-` and `_`
/// (`article-body` → `article`, `body`). A token equal to a ``boilerplateTokens`` entry, or a
/// class/id containing a ``boilerplateSubstrings`` entry, marks the element as boilerplate
/// unless the class/id also contains a ``contentSubstrings`` entry. A token equal to a
/// ``weakBoilerplateTokens`` entry (`author`, `meta`, `caption`) names boilerplate only in a
/// block that is also short or mostly links: the same words name content wrappers too.
public struct HTMLRules: Sendable, Hashable {
    /// How strongly a class/id marker names boilerplate.
    public enum Boilerplate: Sendable, Hashable {
        case none
        /// Boilerplate only when the block is also short or mostly links.
        case weak
        case strong
    }

    public var boilerplateTokens: Set<String> {
        didSet { tokenLevels = Self.levels(strong: boilerplateTokens, weak: weakBoilerplateTokens) }
    }
    public var weakBoilerplateTokens: Set<String> {
        didSet { tokenLevels = Self.levels(strong: boilerplateTokens, weak: weakBoilerplateTokens) }
    }
    /// Both token sets in one table, a token in both being strong: one lookup a token.
    private var tokenLevels: [String: Boilerplate]
    public var boilerplateSubstrings: [String] {
        didSet { boilerplateSubstringSet = SubstringSet(boilerplateSubstrings) }
    }
    /// Class/id fragments of main-content containers (`article-body`, `entry-content`).
    public var contentSubstrings: [String] {
        didSet { contentSubstringSet = SubstringSet(contentSubstrings) }
    }
    private var boilerplateSubstringSet: SubstringSet
    private var contentSubstringSet: SubstringSet
    /// ARIA roles that are never article text (`navigation`, `banner`, `contentinfo`).
    public var boilerplateRoles: Set<String>
    /// A block whose link text is more than this share of its text is a link list.
    public var maxLinkDensity: Double
    /// A content container with less text than this (in scalars) is not trusted as the article.
    public var minMainTextLength: Int

    /// A block marked only by a weak token is kept when it has at least this much text (in scalars).
    public var weakBoilerplateMaxText: Int
    /// A content container with less than this share of the page's text gives way to the whole page.
    public var minContainerShare: Double
    /// Lower-cased openings of short blocks that are page furniture whatever their markup
    /// ("mehr zum thema", "read also", "titelbild:"): a block whose text starts with one, at a
    /// word boundary, and is shorter than ``boilerplatePhraseMaxText`` is left out.
    public var boilerplatePhrases: [String] {
        didSet { (phrasesByFirstScalar, longestBoilerplatePhrase) = Self.index(boilerplatePhrases) }
    }
    /// The phrases as scalars, by their first scalar: most short blocks are tested against none.
    private var phrasesByFirstScalar: [Unicode.Scalar: [[Unicode.Scalar]]] = [:]
    /// The longest phrase, in scalars: how much of a block's text the phrase test needs.
    public private(set) var longestBoilerplatePhrase = 0
    /// Blocks with at least this much text (non-space scalars) are running text, whatever they open with.
    public var boilerplatePhraseMaxText: Int

    public init(
        boilerplateTokens: Set<String> = [], weakBoilerplateTokens: Set<String> = [], boilerplateSubstrings: [String] = [], contentSubstrings: [String] = [],
        boilerplateRoles: Set<String> = [], maxLinkDensity: Double = 0.5, minMainTextLength: Int = 250,
        weakBoilerplateMaxText: Int = 200, minContainerShare: Double = 0.5, boilerplatePhrases: [String] = [],
        boilerplatePhraseMaxText: Int = 80
    ) {
        self.boilerplatePhrases = boilerplatePhrases
        self.boilerplatePhraseMaxText = boilerplatePhraseMaxText
        (self.phrasesByFirstScalar, self.longestBoilerplatePhrase) = Self.index(boilerplatePhrases)
        self.boilerplateTokens = boilerplateTokens
        self.weakBoilerplateTokens = weakBoilerplateTokens
        self.tokenLevels = Self.levels(strong: boilerplateTokens, weak: weakBoilerplateTokens)
        self.weakBoilerplateMaxText = weakBoilerplateMaxText
        self.minContainerShare = minContainerShare
        self.boilerplateSubstrings = boilerplateSubstrings
        self.contentSubstrings = contentSubstrings
        self.boilerplateSubstringSet = SubstringSet(boilerplateSubstrings)
        self.contentSubstringSet = SubstringSet(contentSubstrings)
        self.boilerplateRoles = boilerplateRoles
        self.maxLinkDensity = maxLinkDensity
        self.minMainTextLength = minMainTextLength
    }

    /// The keys a `kind: html` file may have.
    static let keys = [
        "kind", "description", "boilerplateTokens", "weakBoilerplateTokens", "boilerplateSubstrings", "contentSubstrings",
        "boilerplateRoles", "maxLinkDensity", "minMainTextLength", "weakBoilerplateMaxText", "minContainerShare",
        "boilerplatePhrases", "boilerplatePhraseMaxText",
    ]

    /// Whether a short block's text (lower-cased, whitespace collapsed) opens with a boilerplate
    /// phrase. Leading marks (`» `, `*`, `– `) are skipped; a phrase ending in a letter must end
    /// at a word boundary (`kommentare` matches `Kommentare (3)`, not `Kommentarspalte`).
    public func opensWithBoilerplatePhrase(_ text: some Collection<Unicode.Scalar>) -> Bool {
        opensWithPhrase(text)
    }

    /// ``opensWithBoilerplatePhrase(_:)`` for the loader's arrays, specialized here: the generic
    /// entry point, called from another module, ran unspecialized.
    public func opensWithBoilerplatePhrase(_ text: [Unicode.Scalar]) -> Bool {
        opensWithPhrase(text)
    }

    private func opensWithPhrase(_ text: some Collection<Unicode.Scalar>) -> Bool {
        let isWordScalar: (Unicode.Scalar) -> Bool = { $0.properties.isAlphabetic || $0.properties.numericType != nil }
        // A phrase may itself open with a mark ("©", "(quelle:"); otherwise marks are skipped.
        let starts = [text.firstIndex(where: { !$0.properties.isWhitespace }), text.firstIndex(where: isWordScalar)]
        for (number, start) in starts.enumerated() {
            guard let start, number == 0 || start != starts[0], let candidates = phrasesByFirstScalar[text[start]] else { continue }
            let rest = text[start...]
            for phrase in candidates where rest.starts(with: phrase) {
                let end = rest.index(rest.startIndex, offsetBy: phrase.count)
                guard end < rest.endIndex, let last = phrase.last, isWordScalar(last) else { return true }
                if !isWordScalar(rest[end]) { return true }
            }
        }
        return false
    }

    /// The phrases as lower-cased scalars by their first scalar, and the longest one's length.
    private static func index(_ phrases: [String]) -> (byFirstScalar: [Unicode.Scalar: [[Unicode.Scalar]]], longest: Int) {
        var index: [Unicode.Scalar: [[Unicode.Scalar]]] = [:]
        var longest = 0
        for phrase in phrases {
            let scalars = Array(phrase.lowercased().unicodeScalars)
            guard let first = scalars.first else { continue }
            index[first, default: []].append(scalars)
            longest = max(longest, scalars.count)
        }
        return (index, longest)
    }

    /// Whether a class/id marker (lower-cased `class` and `id` joined by a space) names boilerplate.
    public func isBoilerplate(marker: String) -> Bool {
        boilerplate(marker: marker) != .none
    }

    /// How strongly a class/id marker names boilerplate. Tokens are whole: `more` matches
    /// `read-more` but not `moreover`.
    public func boilerplate(marker: String) -> Boilerplate {
        guard !marker.isEmpty else { return .none }
        // Closures, not `boilerplate(markerBytes:)` as a value: that copied the whole rules.
        if let level = marker.utf8.withContiguousStorageIfAvailable({ boilerplate(markerBytes: $0) }) { return level }
        return Array(marker.utf8).withUnsafeBufferPointer { boilerplate(markerBytes: $0) }
    }

    /// ``boilerplate(marker:)`` over the marker's UTF-8, its tokens read in place (splitting
    /// into an array of slices, and two set lookups a token, were a third of its time).
    private func boilerplate(markerBytes bytes: UnsafeBufferPointer<UInt8>) -> Boilerplate {
        if contentSubstringSet.occurs(inBytes: bytes) { return .none }
        if boilerplateSubstringSet.occurs(inBytes: bytes) { return .strong }
        var level = Boilerplate.none
        var start = 0
        for end in 0...bytes.count where end == bytes.count || bytes[end] == 0x20 || bytes[end] == 0x2D || bytes[end] == 0x5F {
            defer { start = end + 1 }
            guard end > start else { continue }
            switch tokenLevels[String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)] {
            case .strong?: return .strong
            case .weak?: level = .weak
            case .none?, nil: break
            }
        }
        return level
    }

    private static func levels(strong: Set<String>, weak: Set<String>) -> [String: Boilerplate] {
        var levels = Dictionary(uniqueKeysWithValues: weak.map { ($0, Boilerplate.weak) })
        for token in strong { levels[token] = .strong }
        return levels
    }

    /// Whether a class/id marker names a main-content container.
    public func isContent(marker: String) -> Bool {
        !marker.isEmpty && contentSubstringSet.occurs(in: marker)
    }
}

extension HTMLRules {
    /// Adds the vocabulary of one `kind: html` file; numbers replace earlier ones.
    mutating func merge(_ cursor: YAMLCursor) throws(RuleError) {
        let keys = try cursor.mapping(allowed: Self.keys, required: ["kind"])
        let lowered: (String) throws(RuleError) -> [String] = { key throws(RuleError) in
            try keys[key]?.strings().map { $0.lowercased() } ?? []
        }
        boilerplateTokens.formUnion(try lowered("boilerplateTokens"))
        weakBoilerplateTokens.formUnion(try lowered("weakBoilerplateTokens"))
        boilerplateSubstrings.append(contentsOf: try lowered("boilerplateSubstrings"))
        contentSubstrings.append(contentsOf: try lowered("contentSubstrings"))
        boilerplateRoles.formUnion(try lowered("boilerplateRoles"))
        if let density = keys["maxLinkDensity"] {
            let value = try density.double()
            guard value > 0, value <= 1 else { throw density.error("maxLinkDensity must be in (0, 1]") }
            maxLinkDensity = value
        }
        if let length = keys["minMainTextLength"] {
            let value = try length.int()
            guard value >= 0 else { throw length.error("minMainTextLength must not be negative") }
            minMainTextLength = value
        }
        if let length = keys["weakBoilerplateMaxText"] {
            let value = try length.int()
            guard value >= 0 else { throw length.error("weakBoilerplateMaxText must not be negative") }
            weakBoilerplateMaxText = value
        }
        if let phrases = keys["boilerplatePhrases"] {
            let values = try phrases.strings()
            if values.contains(where: { $0.allSatisfy(\.isWhitespace) }) { throw phrases.error("boilerplatePhrases must not hold an empty phrase") }
            // Block text is matched with whitespace collapsed to single spaces: so are the phrases.
            boilerplatePhrases.append(contentsOf: values.map { $0.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ") })
        }
        if let length = keys["boilerplatePhraseMaxText"] {
            let value = try length.int()
            guard value >= 0 else { throw length.error("boilerplatePhraseMaxText must not be negative") }
            boilerplatePhraseMaxText = value
        }
        if let share = keys["minContainerShare"] {
            let value = try share.double()
            guard value >= 0, value <= 1 else { throw share.error("minContainerShare must be in [0, 1]") }
            minContainerShare = value
        }
    }
}
