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
                let id = interner.id(of: index..<end)
                if id == entries.count { entries.append(entry(index..<end)) }
                tokens.append(Token(
                    kind: .word, range: ScalarRange(start: index, end: end), key: entries[id].key, classes: entries[id].classes,
                    isCapitalized: entries[id].isCapitalized, scalar: scalar, quoteIndex: -1, word: UInt32(truncatingIfNeeded: id)
                ))
                index = end
                continue
            }
            tokens.append(Token(kind: .punctuation, range: ScalarRange(start: index, end: index + 1), key: String(Character(scalar)), classes: [], isCapitalized: false, scalar: scalar, quoteIndex: -1))
            index += 1
        }
        return (tokens, WordTable(entries: entries))
    }

    /// What a word as written is, worked out at its first occurrence in the document: every
    /// later one shares it (``WordInterner``).
    private func entry(_ range: Range<Int>) -> WordTable.Entry {
        let word = scalars[range]
        let (key, packed) = lowercasedKey(word)
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
        if abbreviations.contains(String(scalars: scalars[range])) { return true }
        // Dotted acronyms: "U.S.", "D.C.", "a.m.", "J.B."
        let letters = scalars[range].filter { $0 != "." }.count
        let dots = range.count - letters
        return letters >= 2 && dots == letters
    }
}

/// Numbers the distinct words of a text as written, in order of first occurrence. A word is
/// found again by a hash of its scalars and a comparison with its first occurrence in the text,
/// so a repeated word costs no string and no lexicon look-up.
struct WordInterner {
    let scalars: [Unicode.Scalar]
    /// The first occurrence of each word, by id.
    private var firsts: [Range<Int>] = []
    /// Ids plus one by slot, 0 for an empty slot; at most half full.
    private var slots: [UInt32]
    private var mask: Int

    init(scalars: [Unicode.Scalar]) {
        self.scalars = scalars
        // English news has about one distinct word in six, so this rarely grows.
        var capacity = 256
        while capacity < scalars.count / 12 { capacity *= 2 }
        slots = Array(repeating: 0, count: capacity)
        mask = capacity - 1
    }

    /// The id of the word at `range`: the next free one (the number of words so far) when it is new.
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
        if firsts.count * 2 > slots.count { grow() }
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
        for (id, range) in firsts.enumerated() {
            var slot = slot(of: range)
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = UInt32(truncatingIfNeeded: id + 1)
        }
    }
}
