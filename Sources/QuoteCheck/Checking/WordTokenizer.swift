/// A word (or an ellipsis) of a quote or a reference, with where it stands and its comparison key.
///
/// Words compare by ``key``: a hash of the lower-cased word with apostrophes and hyphens folded,
/// so case, quotation-mark style, dashes and punctuation at word edges never make two words differ.
public struct WordToken: Sendable, Hashable {
    public struct Flags: OptionSet, Sendable, Hashable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        /// An elision mark: `…`, `...`, `. . .`.
        public static let ellipsis = Flags(rawValue: 1 << 0)
        /// Entirely inside brackets: an editor's word, not the speaker's (`[the president]`).
        public static let editorial = Flags(rawValue: 1 << 1)
        /// Starts with a capital letter.
        public static let capitalized = Flags(rawValue: 1 << 2)
        /// First word of a sentence (or of the text), where a capital says nothing about names.
        public static let sentenceInitial = Flags(rawValue: 1 << 3)
        /// Contains a digit.
        public static let numeric = Flags(rawValue: 1 << 4)
    }

    /// Scalar offsets into the tokenized text.
    public var start: Int32
    public var end: Int32
    public var key: UInt64
    public var flags: Flags

    public var range: ScalarRange { ScalarRange(start: Int(start), end: Int(end)) }
    public var isEllipsis: Bool { flags.contains(.ellipsis) }
    public var isEditorial: Bool { flags.contains(.editorial) }
    /// Neither an ellipsis nor an editorial insertion: a word the speaker is said to have said.
    public var isSpoken: Bool { !flags.contains(.ellipsis) && !flags.contains(.editorial) }
}

/// Splits text into words for checking quotes.
///
/// A word is a run of letters and digits, joined across an inner apostrophe, hyphen, full stop
/// or (between digits) comma: `don’t`, `al-Sharaa`, `U.S`, `3.5`, `1,000`. Brackets inside a word
/// are transparent (`[T]he` is `the`); a word wholly in brackets is editorial. Dashes, quotation
/// marks and other punctuation separate words and are otherwise ignored.
public enum WordTokenizer {
    /// - Parameter markEllipses: emit ellipsis tokens (for quotes); references ignore them.
    public static func tokenize(_ scalars: [Unicode.Scalar], markEllipses: Bool = true) -> [WordToken] {
        tokenize(scalars[...], markEllipses: markEllipses)
    }

    public static func tokenize(_ scalars: ArraySlice<Unicode.Scalar>, markEllipses: Bool = true) -> [WordToken] {
        var tokens: [WordToken] = []
        tokens.reserveCapacity(scalars.count / 5)
        var depth = 0
        var index = scalars.startIndex
        let end = scalars.endIndex
        while index < end {
            let scalar = scalars[index]
            if scalar == "[" { depth += 1; index += 1; continue }
            if scalar == "]" { depth = max(0, depth - 1); index += 1; continue }
            let ellipsisEnd = Self.ellipsisEnd(scalars, at: index)
            if ellipsisEnd > index {
                if markEllipses {
                    tokens.append(WordToken(start: Int32(index), end: Int32(ellipsisEnd), key: 0, flags: .ellipsis))
                }
                index = ellipsisEnd
                continue
            }
            guard isWordScalar(scalar) else { index += 1; continue }
            let start = index
            var hash = FNV.offset
            var outside = depth == 0
            var flags: WordToken.Flags = scalar.properties.isUppercase ? .capitalized : []
            if isSentenceStart(scalars, before: start) { flags.insert(.sentenceInitial) }
            var cursor = index
            while cursor < end {
                let current = scalars[cursor]
                if isWordScalar(current) {
                    if depth == 0 { outside = true }
                    if current.properties.numericType != nil { flags.insert(.numeric) }
                    hash = FNV.add(folded(current), to: hash)
                    cursor += 1
                } else if (current == "[" || current == "]"), cursor + 1 < end, isWordScalar(scalars[cursor + 1]) {
                    depth = current == "[" ? depth + 1 : max(0, depth - 1)
                    cursor += 1
                } else if let joiner = joiner(current), cursor + 1 < end, isWordScalar(scalars[cursor + 1]),
                    current != "," || (scalars[cursor - 1].properties.numericType != nil && scalars[cursor + 1].properties.numericType != nil)
                {
                    // Hyphens do not count: `well-known` is the `well-\nknown` of a hard-wrapped page.
                    if joiner != hyphen { hash = FNV.add(joiner, to: hash) }
                    cursor += 1
                } else if let next = lineEndHyphenation(scalars, at: cursor) {
                    cursor = next
                } else {
                    break
                }
            }
            if !outside { flags.insert(.editorial) }
            tokens.append(WordToken(start: Int32(start), end: Int32(cursor), key: hash, flags: flags))
            index = cursor
        }
        return tokens
    }

    /// The lower-cased word a token stands for, as compared (brackets and edge punctuation gone).
    public static func normalized(_ token: WordToken, in scalars: [Unicode.Scalar]) -> String {
        var view = String.UnicodeScalarView()
        for scalar in scalars[token.range.range] where scalar != "[" && scalar != "]" && !scalar.properties.isWhitespace {
            if let value = Unicode.Scalar(isWordScalar(scalar) ? folded(scalar) : (joiner(scalar) ?? scalar.value)) {
                view.append(value)
            }
        }
        return String(view)
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
        }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    static let hyphen: UInt32 = 0x2D

    /// The folded form of a scalar that may join two parts of one word.
    static func joiner(_ scalar: Unicode.Scalar) -> UInt32? {
        switch scalar {
        case "'", "\u{2019}", "\u{2018}", "\u{02BC}": return 0x27
        case "-", "\u{2010}", "\u{2011}", "\u{00AD}": return hyphen
        case ".": return 0x2E
        case ",": return 0x2C
        default: return nil
        }
    }

    static func folded(_ scalar: Unicode.Scalar) -> UInt32 {
        let value = scalar.value
        if value < 0x80 { return (0x41...0x5A).contains(value) ? value + 0x20 : value }
        let lower = scalar.properties.lowercaseMapping.unicodeScalars
        return lower.count == 1 ? (lower.first?.value ?? value) : value
    }

    /// Where a word broken by a hyphen at a line end goes on (`govern-⏎ment`), or nil: a hyphen,
    /// spaces, one line break, spaces, then a lower-case letter.
    static func lineEndHyphenation(_ scalars: ArraySlice<Unicode.Scalar>, at index: Int) -> Int? {
        guard let mark = joiner(scalars[index]), mark == hyphen else { return nil }
        var cursor = index + 1
        var breaks = 0
        while cursor < scalars.endIndex, scalars[cursor] == " " || scalars[cursor] == "\t" || scalars[cursor] == "\r" || scalars[cursor] == "\n" {
            if scalars[cursor] == "\n" { breaks += 1 }
            cursor += 1
        }
        guard breaks == 1, cursor < scalars.endIndex, scalars[cursor].properties.isLowercase else { return nil }
        return cursor
    }

    /// The end of an ellipsis starting at `index` (`…`, three or more full stops, `. . .`), or `index`.
    static func ellipsisEnd(_ scalars: ArraySlice<Unicode.Scalar>, at index: Int) -> Int {
        let end = scalars.endIndex
        if scalars[index] == "\u{2026}" { return index + 1 }
        guard scalars[index] == "." else { return index }
        var dots = 0
        var cursor = index
        var lastDot = index
        while cursor < end {
            if scalars[cursor] == "." {
                dots += 1
                lastDot = cursor
                cursor += 1
            } else if scalars[cursor] == " " || scalars[cursor] == "\u{00A0}", cursor + 1 < end, scalars[cursor + 1] == "." {
                cursor += 1
            } else {
                break
            }
        }
        return dots >= 3 ? lastDot + 1 : index
    }

    /// Whether the word at `start` opens a sentence: nothing but spaces, quotation marks and
    /// brackets between it and the text start, a line break or a sentence-ending mark.
    static func isSentenceStart(_ scalars: ArraySlice<Unicode.Scalar>, before start: Int) -> Bool {
        var cursor = start - 1
        while cursor >= scalars.startIndex {
            let scalar = scalars[cursor]
            if scalar == "\n" { return true }
            if scalar.isSpaceLike || "\"“”‘’'[(«".unicodeScalars.contains(scalar) {
                cursor -= 1
                continue
            }
            return scalar == "." || scalar == "!" || scalar == "?" || scalar == ":" || scalar == "\u{2026}"
        }
        return true
    }
}

/// 64-bit FNV-1a: stable across runs and platforms, unlike `Hasher`.
enum FNV {
    static let offset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01B3

    static func add(_ value: UInt32, to hash: UInt64) -> UInt64 {
        var hash = hash
        var remaining = value
        repeat {
            hash = (hash ^ UInt64(remaining & 0xFF)) &* prime
            remaining >>= 8
        } while remaining != 0
        return hash
    }

    /// A key for `count` consecutive word keys (a shingle).
    static func combine<Keys: Sequence>(_ keys: Keys) -> UInt64 where Keys.Element == UInt64 {
        var hash = offset
        for key in keys {
            hash = (hash ^ key) &* prime
            hash = (hash ^ (hash >> 29)) &* prime
        }
        return hash
    }
}
