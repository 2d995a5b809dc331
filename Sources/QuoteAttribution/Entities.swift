import QuoteCheckText
import QuoteDetector
import QuoteRules

/// A person the document names, with the ways it refers to them.
public struct PersonEntity: Sendable, Hashable {
    public var fullName: String
    /// The last word of the name ("Putin", "al-Sharaa"), lower-cased: what "Mr. Putin" resolves by.
    public var surnameKey: String
    public var gender: Gender
    /// Role words from the introduction, lower-cased ("russian", "president").
    public var roleWords: Set<String>
}

/// One place a person is named.
public struct PersonMention: Sendable, Hashable {
    public var entity: Int
    public var range: ScalarRange
    public var tokens: Range<Int>
}

/// Finds people by capitalised names anchored by honorifics, titles and first names, and
/// links later short forms to the first full introduction ("Mr. al-Sharaa" → "Ahmed al-Sharaa").
public struct EntityIndex: Sendable {
    public private(set) var people: [PersonEntity] = []
    /// In text order.
    public private(set) var mentions: [PersonMention] = []
    private var bySurname: [String: Int] = [:]
    /// One bit per surname key in ``bySurname`` (``surnameBit(_:)``): most capitalised words are
    /// no known surname, and a clear bit says so without hashing the word.
    private var surnameBits: UInt64 = 0
    private var byFullName: [String: Int] = [:]

    public init(analysis: DocumentAnalysis, lexicon: Lexicon) {
        let tokens = analysis.tokens
        // Read once: a word class from another module is a call each time it is named.
        let particle = WordClasses.particle
        var index = 0
        while index < tokens.count {
            guard tokens[index].isWord, tokens[index].isCapitalized || tokens[index].classes.contains(particle) && index + 1 < tokens.count && tokens[index + 1].isCapitalized else {
                index += 1
                continue
            }
            var end = index
            while end < tokens.count, isNamePart(tokens, end, runStart: index) { end += 1 }
            if end > index {
                register(run: index..<end, analysis: analysis, lexicon: lexicon)
                index = end
            } else {
                index += 1
            }
        }
    }

    private func isNamePart(_ tokens: [Token], _ index: Int, runStart: Int) -> Bool {
        // Fields read in place: a copy of the token would retain and release its key.
        guard tokens[index].isWord else { return false }
        let classes = tokens[index].classes
        if tokens[index].isCapitalized { return !classes.contains(.stopWord) || classes.contains(.honorific) || index > runStart }
        // Lower-case particles inside a name: "Ursula von der Leyen", "al-Sharaa" is one token already.
        return classes.contains(.particle) && index + 1 < tokens.count && tokens[index + 1].isCapitalized && tokens[index + 1].isWord
    }

    private mutating func register(run: Range<Int>, analysis: DocumentAnalysis, lexicon: Lexicon) {
        let tokens = analysis.tokens
        var start = run.lowerBound
        var gender = Gender.unknown
        var anchored = false
        var roleWords = Set<String>()
        // An honorific or title before the name anchors it as a person: "Mr. Putin", "President Obama".
        if start > 0, tokens[start - 1].isWord, tokens[start - 1].classes.contains(.title) {
            anchored = true
            roleWords.insert(tokens[start - 1].key)
        }
        var lastTitle = -1
        for index in run where tokens[index].classes.contains(.honorific) || tokens[index].classes.contains(.title) {
            lastTitle = index
        }
        if lastTitle >= 0 {
            let honorificGender = lexicon.honorificGender[tokens[lastTitle].key] ?? .unknown
            if honorificGender != .unknown { gender = honorificGender }
            anchored = true
            for index in run.lowerBound...lastTitle { roleWords.insert(tokens[index].key) }
            start = lastTitle + 1
        }
        guard start < run.upperBound else { return }
        var nameTokens = start..<run.upperBound
        // Long capitalised runs are organisations or headlines, not people.
        if nameTokens.count > 4 { nameTokens = nameTokens.lowerBound..<(nameTokens.lowerBound + 4) }
        let surnameKey = tokens[nameTokens.upperBound - 1].key
        // Most runs are one capitalised word that names no one ("Monday", "Washington"): they
        // cost one lookup, and no string is built for them.
        let knownSurname = nameTokens.count == 1 && surnameBits & Self.surnameBit(surnameKey) != 0 ? bySurname[surnameKey] : nil
        if nameTokens.count == 1, knownSurname == nil, !anchored { return }
        // Every first name in the lexicon is also a word class, so most words skip the lookup
        // in the large first-name table.
        let firstName = tokens[start].classes.contains(.firstName) ? lexicon.firstNames[tokens[start].key] : nil
        if let firstName, !tokens[start].classes.contains(.stopWord) {
            if gender == .unknown { gender = firstName }
            anchored = anchored || nameTokens.count >= 2
        }
        let range = analysis.range(ofTokens: nameTokens)
        if nameTokens.count >= 2 {
            guard anchored || firstName != nil else { return }
            let fullName = analysis.string(range)
            let key = fullName.lowercased()
            let entity: Int
            if let known = byFullName[key] {
                entity = known
            } else {
                entity = people.count
                people.append(PersonEntity(fullName: fullName, surnameKey: surnameKey, gender: gender, roleWords: roleWords))
                byFullName[key] = entity
                if bySurname[surnameKey] == nil { addSurname(surnameKey, entity) }
            }
            if people[entity].gender == .unknown { people[entity].gender = gender }
            people[entity].roleWords.formUnion(roleWords)
            mentions.append(PersonMention(entity: entity, range: range, tokens: nameTokens))
        } else if let entity = knownSurname {
            if people[entity].gender == .unknown { people[entity].gender = gender }
            mentions.append(PersonMention(entity: entity, range: range, tokens: nameTokens))
        } else {
            // "Mr. Smith" before any full introduction: a person known by surname only.
            let fullName = analysis.string(range)
            let entity = people.count
            people.append(PersonEntity(fullName: fullName, surnameKey: surnameKey, gender: gender, roleWords: roleWords))
            addSurname(surnameKey, entity)
            byFullName[fullName.lowercased()] = entity
            mentions.append(PersonMention(entity: entity, range: range, tokens: nameTokens))
        }
    }

    private mutating func addSurname(_ key: String, _ entity: Int) {
        bySurname[key] = entity
        surnameBits |= Self.surnameBit(key)
    }

    /// A bit chosen by the key's length and first byte.
    private static func surnameBit(_ key: String) -> UInt64 {
        let utf8 = key.utf8
        return 1 << UInt64((Int(utf8.first ?? 0) &* 31 &+ utf8.count) & 63)
    }

    public func entity(forSurname key: String) -> Int? { bySurname[key] }
    public func entity(forFullName name: String) -> Int? { byFullName[name.lowercased()] }

    /// The last person mentioned before `offset` whose gender fits.
    public func nearestPerson(before offset: Int, gender: Gender, after lowerLimit: Int = 0) -> PersonMention? {
        var low = 0
        var high = mentions.count
        while low < high {
            let mid = (low + high) / 2
            if mentions[mid].range.end <= offset { low = mid + 1 } else { high = mid }
        }
        var index = low - 1
        while index >= 0, mentions[index].range.start >= lowerLimit {
            let mention = mentions[index]
            if gender.isCompatible(with: people[mention.entity].gender) { return mention }
            index -= 1
        }
        return nil
    }

    /// People named within a span, in order, without repeats.
    public func people(in range: ScalarRange) -> [PersonMention] {
        var seen = Set<Int>()
        return mentions.filter { range.contains($0.range) && seen.insert($0.entity).inserted }
    }
}
