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
    /// For every profile word, the profiles holding it as bits (profile `i` is bit `i`): one
    /// lookup per word of a document instead of one per word and profile.
    private var profilesByWord: [String: UInt64] = [:]
    /// The same for words of up to eight ASCII bytes, keyed by ``ShortWordTable/pack(_:)``: an
    /// integer hashes several times faster than a `String`, and nearly every word fits.
    private var profilesByShortWord: [UInt64: UInt64] = [:]
    private var shortWordsIndexed = false
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
        parse([file])
    }

    /// ``parse(_:)`` for several files, indexed once when all are read: indexing after each
    /// file went over the first profile's words eight times, the second's seven, and so on.
    mutating func parse(_ files: [RuleFile]) {
        for file in files { add(file) }
        index()
    }

    private mutating func add(_ file: RuleFile) {
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

    private mutating func index() {
        profilesByWord = [:]
        profilesByShortWord = [:]
        for (index, profile) in profiles.enumerated() where index < 64 {
            for word in profile.words {
                profilesByWord[word, default: 0] |= 1 << UInt64(index)
                if let packed = ShortWordTable.pack(word.utf8) { profilesByShortWord[packed, default: 0] |= 1 << UInt64(index) }
            }
        }
        // A word Unicode makes equal to an ASCII word without being ASCII (KELVIN SIGN for "k")
        // would be found by the dictionary and missed by the packed bytes: then use the dictionary.
        if profilesByWord.keys.contains(where: { word in
            ShortWordTable.pack(word.utf8) == nil && word.unicodeScalars.contains { $0 == "\u{212A}" || $0 == "\u{037E}" || $0 == "\u{1FEF}" }
        }) {
            profilesByShortWord = [:]
            shortWordsIndexed = false
        } else {
            shortWordsIndexed = true
        }
    }

    /// The language of a text, or `nil` when there are no profiles, too few words, or no
    /// profile stands out.
    public func identify(_ scalars: [Unicode.Scalar]) -> DetectedLanguage? {
        guard !profiles.isEmpty else { return nil }
        // Bits say which profiles hold a word only while there are at most 64 of them.
        let indexed = profiles.count <= 64
        var hits = [Int](repeating: 0, count: profiles.count)
        var words = 0
        // A word of ASCII letters (nearly every word) is lower-cased into `ascii` byte by byte,
        // without Unicode's property tables, and becomes a `String` (inline up to 15 bytes) only
        // to be looked up; a word with any other letter takes the general path in `current`.
        var ascii: [UInt8] = []
        ascii.reserveCapacity(32)
        var current = ""
        var isASCII = true
        func count(_ profileBits: UInt64?) {
            guard var bits = profileBits else { return }
            while bits != 0 {
                hits[bits.trailingZeroBitCount] += 1
                bits &= bits - 1
            }
        }
        func finish() {
            guard !ascii.isEmpty || !current.isEmpty else { return }
            words += 1
            if isASCII, indexed, shortWordsIndexed, let packed = ShortWordTable.pack(ascii) {
                count(profilesByShortWord[packed])
                ascii.removeAll(keepingCapacity: true)
                return
            }
            if isASCII { current = String(decoding: ascii, as: UTF8.self) }
            if indexed {
                count(profilesByWord[current])
            } else {
                for (index, profile) in profiles.enumerated() where profile.words.contains(current) { hits[index] += 1 }
            }
            current = ""
            ascii.removeAll(keepingCapacity: true)
            isASCII = true
        }
        for scalar in scalars {
            if scalar.isASCII {
                let byte = UInt8(truncatingIfNeeded: scalar.value)
                switch byte {
                case 0x41...0x5A, 0x61...0x7A:
                    if isASCII { ascii.append(byte | 0x20) } else { current.unicodeScalars.append(Unicode.Scalar(byte | 0x20)) }
                    continue
                default:
                    break
                }
            } else if scalar.properties.isAlphabetic {
                if isASCII {
                    current = String(decoding: ascii, as: UTF8.self)
                    ascii.removeAll(keepingCapacity: true)
                    isASCII = false
                }
                current.unicodeScalars.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
                continue
            }
            finish()
            if words >= Self.wordLimit { break }
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
