/// A language a document was found to be written in.
public struct DetectedLanguage: Sendable, Hashable {
    /// The rule directory's name for it: `en`, `de`, …
    public var code: String
    /// The name a user reads: "German".
    public var name: String
    /// The share of the document's words that are this language's frequent function words.
    public var share: Double

    public init(code: String, name: String, share: Double) {
        self.code = code
        self.name = name
        self.share = share
    }
}

/// Stop-word profiles (`Rules/languages/<code>.txt`): each language's most frequent function
/// words. A document's language is the one whose words make up the largest share of its words;
/// frequent function words are a large part of any running text, and few of them are shared
/// between the languages the profiles cover, so a page of text is enough to tell them apart.
public struct LanguageProfiles: Sendable {
    public struct Profile: Sendable, Hashable {
        public var code: String
        public var name: String
        public var words: Set<String>
    }

    public private(set) var profiles: [Profile] = []
    /// Words read from the start of a document: enough to decide, and a long document costs
    /// no more than a short one.
    public static let wordLimit = 3000
    /// Fewer words than this say too little: the document is left undetermined.
    public static let minimumWords = 30
    /// The winning profile must cover at least this share of the words, and this many times
    /// the runner-up's share, or the document is left undetermined.
    public static let minimumShare = 0.08
    public static let margin = 1.5

    public init() {}

    /// Reads `languages/<code>.txt`: a `# name: German` line, other `#` comments, then one word
    /// per line.
    mutating func parse(_ file: RuleFile) {
        let fileName = file.path.split(separator: "/").last.map(String.init) ?? file.path
        let code = fileName.hasSuffix(".txt") ? String(fileName.dropLast(4)) : fileName
        var name = code
        var words = Set<String>()
        for rawLine in file.contents.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmedOf(" \t")
            if line.hasPrefix("#") {
                let comment = line.dropFirst().trimmedOf(" \t")
                if comment.hasPrefix("name:") { name = comment.dropFirst(5).trimmedOf(" \t") }
                continue
            }
            if !line.isEmpty { words.insert(line.lowercased()) }
        }
        profiles.removeAll { $0.code == code }
        profiles.append(Profile(code: code, name: name, words: words))
        profiles.sort { $0.code < $1.code }
    }

    /// The language of a text, or `nil` when there are no profiles, too few words, or no
    /// profile stands out.
    public func identify(_ scalars: [Unicode.Scalar]) -> DetectedLanguage? {
        guard !profiles.isEmpty else { return nil }
        var hits = [Int](repeating: 0, count: profiles.count)
        var words = 0
        var current = ""
        func finish() {
            guard !current.isEmpty else { return }
            words += 1
            for (index, profile) in profiles.enumerated() where profile.words.contains(current) { hits[index] += 1 }
            current = ""
        }
        for scalar in scalars {
            if scalar.properties.isAlphabetic {
                current.unicodeScalars.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            } else {
                finish()
                if words >= Self.wordLimit { break }
            }
        }
        finish()
        guard words >= Self.minimumWords else { return nil }
        let ranked = hits.indices.sorted { hits[$0] > hits[$1] }
        guard let best = ranked.first else { return nil }
        let share = Double(hits[best]) / Double(words)
        let runnerUp = ranked.count > 1 ? Double(hits[ranked[1]]) / Double(words) : 0
        guard share >= Self.minimumShare, share >= runnerUp * Self.margin else { return nil }
        return DetectedLanguage(code: profiles[best].code, name: profiles[best].name, share: share)
    }
}

extension StringProtocol {
    fileprivate func trimmedOf(_ set: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice.removeFirst() }
        while let last = slice.last, set.contains(last) { slice.removeLast() }
        return String(slice)
    }
}
