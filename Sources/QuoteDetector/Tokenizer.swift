import QuoteCheckText
import QuotePatterns
import QuoteRules

/// Splits text into words and punctuation, with each quotation as a single token.
///
/// A word keeps internal apostrophes ("Russia’s", "don't"), hyphens ("al-Sharaa"), digit
/// separators ("2,521") and abbreviation dots ("U.S.", "Mr.", "J.B."), so sentence ends are
/// decided here once rather than by every pattern.
struct Tokenizer {
    let scalars: [Unicode.Scalar]
    let lexicon: Lexicon
    let abbreviations: Set<String>
    let tables: TokenizerTables

    func tokenize(quotes: [QuoteSpan], excluded: [ScalarRange]) -> (tokens: [Token], words: WordTable) {
        var interner = WordInterner(scalars: scalars)
        var entries: [WordTable.Entry] = []
        var tokens: [Token] = []
        tokens.reserveCapacity(scalars.count / 5)
        var quoteCursor = 0
        var excludedCursor = 0
        var index = 0
        let count = scalars.count
        while index < count {
            while excludedCursor < excluded.count, excluded[excludedCursor].end <= index { excludedCursor += 1 }
            if excludedCursor < excluded.count, excluded[excludedCursor].contains(index) {
                index = excluded[excludedCursor].end
                continue
            }
            while quoteCursor < quotes.count, quotes[quoteCursor].outer.end <= index { quoteCursor += 1 }
            if quoteCursor < quotes.count, quotes[quoteCursor].outer.start == index {
                let quote = quotes[quoteCursor]
                // A quote token's scalar is the last one before its closing mark: a comma there
                // ("…,” he said) stands for the comma a pattern expects after the quotation.
                var last = quote.inner.end - 1
                while last > quote.inner.start, scalars[last].isSpaceLike { last -= 1 }
                let lastScalar: Unicode.Scalar = last >= quote.inner.start && last < scalars.count ? scalars[last] : " "
                let firstLetter = quote.inner.range.first { scalars[$0].isLetter }
                let opensCapitalized = firstLetter.map { isUppercase(scalars[$0]) } ?? false
                var token = Token(kind: .quote, range: quote.outer, key: "", classes: [], isCapitalized: opensCapitalized, scalar: lastScalar, quoteIndex: quoteCursor)
                token.isClaimLikeQuote = quote.wordCount >= 2 && !quote.looksLikeTitle
                token.isTitleLikeQuote = quote.looksLikeTitle
                tokens.append(token)
                index = quote.outer.end
                quoteCursor += 1
                continue
            }
            let scalar = scalars[index]
            if scalar.isSpaceLike {
                index += 1
                continue
            }
            if isWordScalar(scalar) || (isApostrophe(scalar) && index + 1 < count && isDigit(scalars[index + 1])) || isElidedYear(at: index) {
                let end = wordEnd(from: index)
                let packed = packedWord(index..<end)
                let id = packed.map { interner.id(ofShort: $0, at: index..<end) } ?? interner.id(of: index..<end)
                if id == entries.count { entries.append(entry(index..<end, packed: packed)) }
                tokens.append(Token(
                    kind: .word, range: ScalarRange(start: index, end: end), key: entries[id].key, classes: entries[id].classes,
                    isCapitalized: entries[id].isCapitalized, scalar: scalar, quoteIndex: -1, word: UInt32(truncatingIfNeeded: id)
                ))
                index = end
                continue
            }
            let key = scalar.isASCII ? tables.asciiKeys[Int(scalar.value)] : String(Character(scalar))
            tokens.append(Token(kind: .punctuation, range: ScalarRange(start: index, end: index + 1), key: key, classes: [], isCapitalized: false, scalar: scalar, quoteIndex: -1))
            index += 1
        }
        return (tokens, WordTable(entries: entries))
    }

    /// What a word as written is, worked out at its first occurrence in the document: every
    /// later one shares it (``WordInterner``).
    private func entry(_ range: Range<Int>, packed written: ShortWordTable.Key?) -> WordTable.Entry {
        let word = scalars[range]
        let (key, packed) = written.map { Self.lowercasedKey($0, count: range.count) } ?? lowercasedKey(word)
        return WordTable.Entry(
            key: key, classes: lexicon.classes(of: key, packed: packed).union(lexicon.suffixClasses(of: word)),
            wideClasses: lexicon.wideClasses(of: key), isCapitalized: isUppercase(scalars[range.lowerBound]) || isParticleName(ScalarRange(range))
        )
    }

    /// The same string as `String(scalars: word).lowercased()`; an ASCII word (nearly every
    /// word in English news) is lower-cased byte by byte, and up to 15 letters it stays in the
    /// string's inline form, so most tokens cost no allocation. Up to sixteen ASCII bytes, the
    /// key also comes packed for ``ShortWordTable``.
    private func lowercasedKey(_ word: ArraySlice<Unicode.Scalar>) -> (key: String, packed: ShortWordTable.Key?) {
        guard word.allSatisfy(\.isASCII) else { return (String(scalars: word).lowercased(), nil) }
        var packed = ShortWordTable.Key(low: 0, high: 0)
        let key = String(unsafeUninitializedCapacity: word.count) { buffer in
            var index = 0
            for scalar in word {
                let byte = UInt8(truncatingIfNeeded: scalar.value)
                let lower = (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
                buffer[index] = lower
                if index < 8 {
                    packed.low |= UInt64(lower) << UInt64(index * 8)
                } else if index < 16 {
                    packed.high |= UInt64(lower) << UInt64(index * 8 - 64)
                }
                index += 1
            }
            return index
        }
        // A 0 byte packs like none: such a word takes the dictionary.
        guard word.count <= 16, !word.contains("\0") else { return (key, nil) }
        return (key, packed)
    }

    /// ``lowercasedKey(_:)`` for a word already packed as written (``packedWord(_:)``): its
    /// capitals are lowered eight bytes at a time.
    private static func lowercasedKey(_ written: ShortWordTable.Key, count: Int) -> (key: String, packed: ShortWordTable.Key?) {
        let packed = ShortWordTable.Key(low: lowercased(written.low), high: lowercased(written.high))
        let key = String(unsafeUninitializedCapacity: count) { buffer in
            for index in 0..<count {
                let word = index < 8 ? packed.low : packed.high
                buffer[index] = UInt8(truncatingIfNeeded: word >> UInt64((index % 8) * 8))
            }
            return count
        }
        return (key, packed)
    }

    /// Eight ASCII bytes with `A`–`Z` lowered: a byte's top bit, after adding 0x3F and after
    /// adding 0x25, says whether it is at least `A` and whether it is past `Z` (no byte under
    /// 0x80 carries into the next).
    @inline(__always)
    private static func lowercased(_ bytes: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let upper = (bytes &+ ones &* 0x3F) & ~(bytes &+ ones &* 0x25) & (ones &* 0x80)
        return bytes | (upper >> 2)
    }

    /// The scalars of a word of one to sixteen ASCII scalars as written, first lowest, as
    /// ``ShortWordTable/Key`` packs bytes; `nil` for any other word. A word holds no NUL (it is
    /// no letter, digit or joiner), so the packed form is the word's alone.
    @inline(__always)
    private func packedWord(_ range: Range<Int>) -> ShortWordTable.Key? {
        guard range.count <= 16 else { return nil }
        var key = ShortWordTable.Key(low: 0, high: 0)
        var shift: UInt64 = 0
        for index in range {
            let value = scalars[index].value
            guard value < 0x80 else { return nil }
            if shift < 64 { key.low |= UInt64(value) << shift } else { key.high |= UInt64(value) << (shift - 64) }
            shift += 8
        }
        return key
    }

    // ASCII answers without the Unicode property tables, which dominated tokenizing in callgrind.
    private func isUppercase(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? ("A"..."Z").contains(scalar) : scalar.properties.isUppercase
    }

    private func isLowercase(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? ("a"..."z").contains(scalar) : scalar.properties.isLowercase
    }

    /// "al-Sharaa", "bin-Salman", "de-Gaulle": a short lower-case particle, a hyphen, a capital.
    private func isParticleName(_ range: ScalarRange) -> Bool {
        var index = range.start
        while index < range.end, index - range.start <= 3, isLowercase(scalars[index]) { index += 1 }
        return index > range.start && index - range.start <= 3 && index + 1 < range.end
            && (scalars[index] == "-" || scalars[index] == "\u{2010}") && isUppercase(scalars[index + 1])
    }

    private func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isLetterOrDigit
    }

    private func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar)
    }

    private func isApostrophe(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "'" || scalar == "\u{2019}"
    }

    /// "in ‘08": a year cut to two digits behind an opening single mark, which word processors
    /// put where the apostrophe belongs.
    private func isElidedYear(at index: Int) -> Bool {
        guard scalars[index] == "\u{2018}", index + 2 < scalars.count, isDigit(scalars[index + 1]), isDigit(scalars[index + 2]) else { return false }
        return index + 3 == scalars.count || !isWordScalar(scalars[index + 3])
    }

    private func wordEnd(from start: Int) -> Int {
        var index = start + 1
        let count = scalars.count
        while index < count {
            let scalar = scalars[index]
            if isWordScalar(scalar) { index += 1; continue }
            let next = index + 1 < count ? scalars[index + 1] : " "
            // Joiners inside a word: Russia’s, al-Sharaa, 2,521, 3.5
            if (isApostrophe(scalar) || scalar == "-" || scalar == "\u{2010}") && isWordScalar(next) { index += 1; continue }
            if (scalar == "," || scalar == ".") && isDigit(scalars[index - 1]) && isDigit(next) { index += 1; continue }
            if scalar == "." {
                // U.S. / J.B. / a.m.: a letter, a dot, a letter, a dot.
                if isWordScalar(next), index + 2 < count, scalars[index + 2] == ".", index - start <= 2 {
                    index += 1
                    continue
                }
                if isAbbreviation(start..<(index + 1)) { return index + 1 }
            }
            break
        }
        return index
    }

    private func isAbbreviation(_ range: Range<Int>) -> Bool {
        // A single capital and a dot is an initial ("J. Edgar Hoover").
        if range.count == 2, isUppercase(scalars[range.lowerBound]) { return true }
        // A short ASCII word is looked up by its bytes, without a string and its hash.
        if let table = tables.abbreviations, let packed = packedWord(range) {
            if !table.classes(of: packed).isEmpty { return true }
        } else if abbreviations.contains(String(scalars: scalars[range])) {
            return true
        }
        // Dotted acronyms: "U.S.", "D.C.", "a.m.", "J.B."
        var dots = 0
        for index in range where scalars[index] == "." { dots += 1 }
        let letters = range.count - dots
        return letters >= 2 && dots == letters
    }
}

/// What the tokenizer works out once for a rule set rather than once a document.
public struct TokenizerTables: Sendable {
    /// ``RuleSet/abbreviations`` by their packed bytes (``ShortWordTable``); `nil` when some
    /// abbreviation could equal a short ASCII word without being one, and the set is asked.
    let abbreviations: ShortWordTable?
    /// The key of an ASCII mark, by its value: made once rather than once a mark.
    let asciiKeys: [String]

    public init(rules: RuleSet) {
        var members: [String: WordClasses] = [:]
        for abbreviation in rules.abbreviations { members[abbreviation] = Self.member }
        abbreviations = ShortWordTable(members)
        asciiKeys = (0..<128).map { String(Character(Unicode.Scalar(UInt8($0)))) }
    }

    /// Any class: the table answers only whether it holds a word.
    private static var member: WordClasses { WordClasses(rawValue: 1) }
}

/// Numbers the distinct words of a text as written, in order of first occurrence. A word is
/// found again by a hash of its scalars and a comparison with its first occurrence in the text,
/// so a repeated word costs no string and no lexicon look-up.
struct WordInterner {
    let scalars: [Unicode.Scalar]
    /// The first occurrence of each word, by id.
    private var firsts: [Range<Int>] = []
    /// Ids plus one by slot, 0 for an empty slot; at most half full. Words that are not short
    /// ASCII (``shortSlots``) only.
    private var slots: [UInt32]
    private var mask: Int
    /// Short ASCII words by their packed scalars, compared as two integers rather than scalar by
    /// scalar against their first occurrence; at most half full.
    private var shortSlots: [ShortSlot]
    private var shortShift: UInt64
    private var shortCount = 0
    /// The ids in ``slots``, in order.
    private var longIds: [Int] = []

    struct ShortSlot {
        var word: ShortWordTable.Key
        /// The id plus one; 0 for an empty slot.
        var id: UInt32
    }

    init(scalars: [Unicode.Scalar]) {
        self.scalars = scalars
        slots = Array(repeating: 0, count: 64)
        mask = 63
        // A news text has a distinct word in about every thirteen scalars: room for twice that
        // rarely grows.
        var capacity = 256
        var bits: UInt64 = 8
        while capacity < scalars.count / 6 { (capacity, bits) = (capacity * 2, bits + 1) }
        shortSlots = Array(repeating: ShortSlot(word: ShortWordTable.Key(low: 0, high: 0), id: 0), count: capacity)
        shortShift = 64 - bits
    }

    /// ``id(of:)`` for a word that ``Tokenizer`` packed as written: the same ids, one sequence.
    mutating func id(ofShort word: ShortWordTable.Key, at range: Range<Int>) -> Int {
        let mask = shortSlots.count - 1
        var slot = Self.slot(of: word, shift: shortShift)
        while true {
            let stored = shortSlots[slot]
            if stored.id == 0 { break }
            if stored.word == word { return Int(stored.id) - 1 }
            slot = (slot + 1) & mask
        }
        firsts.append(range)
        shortSlots[slot] = ShortSlot(word: word, id: UInt32(truncatingIfNeeded: firsts.count))
        shortCount += 1
        if shortCount * 2 > shortSlots.count { growShort() }
        return firsts.count - 1
    }

    /// Fibonacci hashing: the top bits of the product mix every byte of the word.
    @inline(__always)
    private static func slot(of word: ShortWordTable.Key, shift: UInt64) -> Int {
        Int(truncatingIfNeeded: ((word.low ^ (word.high &* 0xC2B2_AE3D_27D4_EB4F)) &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    private mutating func growShort() {
        let old = shortSlots
        shortSlots = Array(repeating: ShortSlot(word: ShortWordTable.Key(low: 0, high: 0), id: 0), count: old.count * 2)
        shortShift -= 1
        let mask = shortSlots.count - 1
        for entry in old where entry.id != 0 {
            var slot = Self.slot(of: entry.word, shift: shortShift)
            while shortSlots[slot].id != 0 { slot = (slot + 1) & mask }
            shortSlots[slot] = entry
        }
    }

    /// The id of the word at `range`: the next free one (the number of words so far) when it is
    /// new. For a word ``Tokenizer`` cannot pack: a short ASCII word is asked by ``id(ofShort:at:)``.
    mutating func id(of range: Range<Int>) -> Int {
        var slot = self.slot(of: range)
        while true {
            let stored = slots[slot]
            if stored == 0 { break }
            let first = firsts[Int(stored) - 1]
            if first.count == range.count, scalars[first].elementsEqual(scalars[range]) { return Int(stored) - 1 }
            slot = (slot + 1) & mask
        }
        firsts.append(range)
        slots[slot] = UInt32(truncatingIfNeeded: firsts.count)
        longIds.append(firsts.count - 1)
        if longIds.count * 2 > slots.count { grow() }
        return firsts.count - 1
    }

    /// FNV-1a over the scalar values; the high bits pick the slot.
    private func slot(of range: Range<Int>) -> Int {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for index in range { hash = (hash ^ UInt64(scalars[index].value)) &* 0x100_0000_01B3 }
        return Int(truncatingIfNeeded: hash >> 20) & mask
    }

    private mutating func grow() {
        slots = Array(repeating: 0, count: slots.count * 2)
        mask = slots.count - 1
        for id in longIds {
            var slot = slot(of: firsts[id])
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = UInt32(truncatingIfNeeded: id + 1)
        }
    }
}
