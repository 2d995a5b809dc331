/// What the HTML loader's main-text extraction knows as data: the class/id vocabulary of
/// boilerplate and of content containers, and its density thresholds.
///
/// Class and id values are lower-cased and split into tokens on spaces, `-` and `_`
/// (`article-body` → `article`, `body`). A token equal to a ``boilerplateTokens`` entry, or a
/// class/id containing a ``boilerplateSubstrings`` entry, marks the element as boilerplate
/// unless the class/id also contains a ``contentSubstrings`` entry.
public struct HTMLRules: Sendable, Hashable {
    public var boilerplateTokens: Set<String>
    public var boilerplateSubstrings: [String]
    /// Class/id fragments of main-content containers (`article-body`, `entry-content`).
    public var contentSubstrings: [String]
    /// ARIA roles that are never article text (`navigation`, `banner`, `contentinfo`).
    public var boilerplateRoles: Set<String>
    /// A block whose link text is more than this share of its text is a link list.
    public var maxLinkDensity: Double
    /// A content container with less text than this (in scalars) is not trusted as the article.
    public var minMainTextLength: Int

    public init(
        boilerplateTokens: Set<String> = [], boilerplateSubstrings: [String] = [], contentSubstrings: [String] = [],
        boilerplateRoles: Set<String> = [], maxLinkDensity: Double = 0.5, minMainTextLength: Int = 250
    ) {
        self.boilerplateTokens = boilerplateTokens
        self.boilerplateSubstrings = boilerplateSubstrings
        self.contentSubstrings = contentSubstrings
        self.boilerplateRoles = boilerplateRoles
        self.maxLinkDensity = maxLinkDensity
        self.minMainTextLength = minMainTextLength
    }

    /// The keys a `kind: html` file may have.
    static let keys = [
        "kind", "description", "boilerplateTokens", "boilerplateSubstrings", "contentSubstrings", "boilerplateRoles",
        "maxLinkDensity", "minMainTextLength",
    ]

    /// Whether a class/id marker (lower-cased `class` and `id` joined by a space) names boilerplate.
    public func isBoilerplate(marker: String) -> Bool {
        guard !marker.isEmpty else { return false }
        if contentSubstrings.contains(where: { Self.contains(marker, $0) }) { return false }
        if boilerplateSubstrings.contains(where: { Self.contains(marker, $0) }) { return true }
        var token = Substring()
        var start = marker.startIndex
        for index in marker.indices {
            let character = marker[index]
            if character == " " || character == "-" || character == "_" {
                token = marker[start..<index]
                if boilerplateTokens.contains(String(token)) { return true }
                start = marker.index(after: index)
            }
        }
        return boilerplateTokens.contains(String(marker[start...]))
    }

    /// Whether a class/id marker names a main-content container.
    public func isContent(marker: String) -> Bool {
        !marker.isEmpty && contentSubstrings.contains(where: { Self.contains(marker, $0) })
    }

    /// Byte-wise substring test: `String.contains` goes through Foundation's locale-aware
    /// search, which cost most of the loader's time on real pages.
    static func contains(_ haystack: String, _ needle: String) -> Bool {
        let hay = haystack.utf8
        let pin = needle.utf8
        guard let first = pin.first, pin.count <= hay.count else { return pin.isEmpty }
        var index = hay.startIndex
        let last = hay.index(hay.endIndex, offsetBy: -pin.count)
        while index <= last {
            if hay[index] == first, hay[index...].starts(with: pin) { return true }
            index = hay.index(after: index)
        }
        return false
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
    }
}
