import QuoteCheckText
import QuoteDetector
import QuoteRules

/// A person the document names, with the ways it refers to them.
public struct PersonEntity: Sendable, Hashable {
    /// The fullest name the document gives, without title or possessive: "Raul Ortiz".
    public var fullName: String
    /// The last word of the name ("Putin", "al-Sharaa"), lower-cased: what "Mr. Putin" resolves by.
    public var surnameKey: String
    public var gender: Gender
    /// Role words from the introduction, lower-cased ("russian", "president").
    public var roleWords: Set<String>
    /// The title or role the document puts before the name, as written ("Councilmember",
    /// "Russian President").
    public var title: String?
    /// Where the full name is first written: the end of a speaker's mention chain.
    public var introduction: ScalarRange
}

/// One place a person is named.
public struct PersonMention: Sendable, Hashable {
    public var entity: Int
    public var range: ScalarRange
    public var tokens: Range<Int>
    /// "Diana's": the name qualifies another noun, so it is no one's subject and no antecedent.
    public var isPossessive = false
    /// Inside a picture credit or a byline: the name is the photographer's or the author's.
    public var isExcluded = false
}

/// Finds people by capitalised names anchored by honorifics, titles and first names, and
/// links later short forms to the first full introduction ("Mr. al-Sharaa" → "Ahmed al-Sharaa").
/// Organisations introduced with an acronym ("the World Health Organization (WHO)") are kept
/// too, so the acronym resolves to the full name.
public struct EntityIndex: Sendable {
    public private(set) var people: [PersonEntity] = []
    /// In text order.
    public private(set) var mentions: [PersonMention] = []
    private var bySurname: [String: Int] = [:]
    /// One bit per surname key in ``bySurname`` (``surnameBit(_:)``): most capitalised words are
    /// no known surname, and a clear bit says so without hashing the word.
    private var surnameBits: UInt64 = 0
    private var byFullName: [String: Int] = [:]
    /// Acronyms (lower-cased) to the organisation names they stand for, with where the name is written.
    public private(set) var acronyms: [String: (name: String, range: ScalarRange)] = [:]
    /// Token ranges of picture credits in parentheses and of bylines.
    private(set) var excludedTokens: [Range<Int>] = []
    /// Capitalised runs of two to four words no first name or title anchors ("Hori Parata",
    /// "Georges Claude"), by their last word lower-cased, the first one written: what a bare
    /// surname speaker ("Parata said") resolves to when no known person has that surname.
    private var runsByLastWord: [String: ScalarRange] = [:]
    /// Every capitalised run of words the document writes, in text order: where a short form ("Whole Foods", "Walter") finds the fuller one the
    /// document introduced ("Whole Foods Market", "Walter A. Clyburn Reed").
    /// (Kept as one list, grouped only when a short form is looked up: most documents never
    /// look one up, and grouping costs a hash per run.)
    public private(set) var writtenRuns: [NameRun] = []
    /// Capitalised runs that name no person and stand where a subject does (no preposition
    /// just before them), in text order: the organisations "the company" and "it" may refer to.
    public private(set) var organizations: [NameRun] = []
    /// The words of the organisations that speak in the document (``markSpeakers(_:)``).
    private(set) var speakingOrganizations: Set<[String]> = []
    /// The indices of those organisations in ``organizations``, in text order.
    private var speakingOrganizationIndices: [Int] = []
    /// Every capitalised run that names no person, in text order.
    private(set) var otherRuns: [NameRun] = []
    /// The language's words for possessives and names.
    private let lexicon: Lexicon

    /// A capitalised run as written, without a possessive ending or letters after a name.
    public struct NameRun: Sendable {
        public var range: ScalarRange
        /// Lower-cased, possessive left out.
        public var words: [String]
    }

    /// - Parameter speakerPhrases: the quotations' speaker mentions: a name no first name
    ///   anchors is a person's when it speaks there and its last word stands alone elsewhere
    ///   ("Ajmi Lourimi, a member …, said … ¶ “…,” Lourimi said").
    public init(analysis: DocumentAnalysis, lexicon: Lexicon, speakerPhrases: [ScalarRange] = []) {
        self.lexicon = lexicon
        excludedTokens = Self.creditsAndBylines(analysis: analysis, lexicon: lexicon)
        let runs = capitalisedRuns(analysis: analysis)
        let people = namesOfPeople(runs, analysis: analysis, speakerPhrases: speakerPhrases)
        // Names of two or more words fill these: room for all at once, rather than every name
        // hashed again each time a table doubles.
        let longRuns = runs.reduce(0) { $0 + ($1.count > 1 ? 1 : 0) }
        runsByLastWord.reserveCapacity(longRuns)
        byFullName.reserveCapacity(longRuns)
        // Both in text order: the next person's start is the only one a run can have.
        var nextPerson = 0
        for run in runs {
            while nextPerson < people.count, people[nextPerson] < run.lowerBound { nextPerson += 1 }
            let isPerson = nextPerson < people.count && people[nextPerson] == run.lowerBound
            register(run: run, analysis: analysis, lexicon: lexicon, isPerson: isPerson)
            recordRun(run, analysis: analysis)
        }
        findAcronyms(analysis: analysis)
    }

    /// Runs of capitalised words (and the particles inside names), in text order.
    private func capitalisedRuns(analysis: DocumentAnalysis) -> [Range<Int>] {
        let tokens = analysis.tokens
        var result: [Range<Int>] = []
        // Read once: a word class from another module is a call each time it is named.
        let particle = WordClasses.particle
        var index = 0
        while index < tokens.count {
            guard tokens[index].isWord, tokens[index].isCapitalized || tokens[index].classes.contains(particle) && index + 1 < tokens.count && tokens[index + 1].isCapitalized else {
                index += 1
                continue
            }
            // "Both Microsoft and Amazon …", "The Allen Institute …": a determiner opening the
            // sentence is capitalised, and no part of the name after it.
            if index + 1 < tokens.count, tokens[index + 1].isWord, tokens[index + 1].isCapitalized,
                tokens[index].classes.contains(.determiner) || tokens[index].classes.contains(.article)
            {
                index += 1
                continue
            }
            var end = index
            while end < tokens.count, isNamePart(tokens, end, runStart: index, analysis: analysis) { end += 1 }
            if end > index {
                result.append(index..<end)
                index = end
            } else {
                index += 1
            }
        }
        return result
    }

    /// The starts of two- and three-word runs that name a person though no first name or title
    /// anchors them: set off by an apposition with a role ("Di Li, the chief scientist") or by
    /// "who" ("Yunfan Gerry Zhang, who studies …"),
    /// after a role word ("developer Ammar Askar"), or speaking where their last word also
    /// stands alone ("Renada Chisholm said" … "Chisholm said"). In text order.
    private func namesOfPeople(_ runs: [Range<Int>], analysis: DocumentAnalysis, speakerPhrases: [ScalarRange]) -> [Int] {
        let tokens = analysis.tokens
        // Local functions, not closures in constants: a closure naming `self` took a copy of
        // the whole index (every array and dictionary retained) once a document.
        func isRole(_ index: Int) -> Bool {
            // "for" ends as "editor" does, but is no role.
            tokens[index].isWord && !tokens[index].isCapitalized && !tokens[index].classes.contains(.stopWord)
                && (tokens[index].classes.contains(.title) || lexicon.hasTitleSuffix(tokens[index].key))
        }
        // Runs that speak and wait for the test of their last word standing alone elsewhere,
        // with that word: it is made once for all of them, at the end.
        var speaking: [(start: Int, lastWord: String)] = []
        // By end: a phrase that speaks for a run ends within three scalars after it, so only a
        // few phrases are looked at for each run, however many quotations the document has.
        let phrasesByEnd = speakerPhrases.sorted { $0.end < $1.end }
        func speaks(_ range: ScalarRange) -> Bool {
            var low = 0
            var high = phrasesByEnd.count
            while low < high {
                let mid = (low + high) / 2
                if phrasesByEnd[mid].end < range.end { low = mid + 1 } else { high = mid }
            }
            while low < phrasesByEnd.count, phrasesByEnd[low].end <= range.end + 3 {
                if phrasesByEnd[low].contains(range) { return true }
                low += 1
            }
            return false
        }
        var result: [Int] = []
        for run in runs where run.count == 2 || run.count == 3 {
            if run.contains(where: { tokens[$0].classes.contains(.stopWord) || lexicon.organizationNameWords.contains(tokens[$0].key) }) { continue }
            let last = run.upperBound - 1
            // "Yunfan Gerry Zhang, who studies …": "who" is said of people.
            if run.upperBound + 1 < tokens.count, tokens[run.upperBound].isPunctuation(","), tokens[run.upperBound + 1].classes.contains(.relativePronoun),
                !lexicon.nonPersonRelatives.contains(tokens[run.upperBound + 1].key)
            {
                result.append(run.lowerBound)
                continue
            }
            // "Di Li, the chief scientist of FAST", "Ajmi Lourimi, a member of …".
            if run.upperBound + 1 < tokens.count, tokens[run.upperBound].isPunctuation(","), tokens[run.upperBound + 1].classes.contains(.article) {
                let apposition = (run.upperBound + 2)..<min(tokens.count, run.upperBound + 6)
                if let role = apposition.first(where: { !tokens[$0].isWord || isRole($0) || tokens[$0].classes.contains(.stopWord) }), isRole(role) {
                    result.append(run.lowerBound)
                    continue
                }
            }
            if run.lowerBound > 0, isRole(run.lowerBound - 1) {
                result.append(run.lowerBound)
                continue
            }
            // "… Institute for Radio Astronomy": the object of a preposition speaks for no one.
            if run.lowerBound > 0, tokens[run.lowerBound - 1].isWord, tokens[run.lowerBound - 1].classes.contains(.stopWord),
                !tokens[run.lowerBound - 1].classes.contains(.cueStart)
            {
                continue
            }
            let range = analysis.range(ofTokens: run)
            guard speaks(range) else { continue }
            speaking.append((run.lowerBound, lexicon.withoutPossessive(tokens[last].key)))
        }
        guard !speaking.isEmpty else { return result }
        result += speaking.indices.filter(standingAlone(speaking.map(\.lastWord), runs: runs, tokens: tokens).contains).map { speaking[$0].start }
        return result.sorted()
    }

    /// The indices of `words` that some one-word run is (possessive left out).
    private func standingAlone(_ words: [String], runs: [Range<Int>], tokens: [Token]) -> Set<Int> {
        var found = Set<Int>()
        // A few words are compared with each lone run (most documents have one to three); a set
        // of all lone runs' words cost a hash per run, 0.6 % of `extract`. Many are hashed.
        let byWord = words.count > Self.comparedSpeakingWords ? Dictionary(words.indices.map { (words[$0], [$0]) }, uniquingKeysWith: +) : nil
        for run in runs where run.count == 1 {
            let word = lexicon.withoutPossessive(tokens[run.lowerBound].key)
            if let byWord {
                for index in byWord[word] ?? [] { found.insert(index) }
            } else {
                for index in words.indices where words[index] == word { found.insert(index) }
            }
            if found.count == words.count { break }
        }
        return found
    }

    /// Up to this many speaking runs' last words are compared one by one with each lone run.
    static let comparedSpeakingWords = 8

    private func isNamePart(_ tokens: [Token], _ index: Int, runStart: Int, analysis: DocumentAnalysis) -> Bool {
        // Fields read in place: a copy of the token would retain and release its key.
        guard tokens[index].isWord else { return false }
        // A name never runs on into the next paragraph ("By Michael Turner ¶ Sarah Ellis …").
        if index > runStart, analysis.opensParagraph(token: index) { return false }
        let classes = tokens[index].classes
        // A possessive ends the name: "Diana's interview".
        if index > runStart, tokens[index - 1].classes.contains(.possessive) { return false }
        if tokens[index].isCapitalized { return !classes.contains(.stopWord) || classes.contains(.honorific) || index > runStart }
        // Lower-case particles inside a name: "Ursula von der Leyen", "al-Sharaa" is one token already.
        return classes.contains(.particle) && index + 1 < tokens.count && tokens[index + 1].isCapitalized && tokens[index + 1].isWord
    }

    private mutating func recordRun(_ run: Range<Int>, analysis: DocumentAnalysis) {
        let tokens = analysis.tokens
        var run = run
        // "Microsoft President Brad Smith", "Snopes Fact-Checker David Emery": the organisation's
        // name ends before a title or a person the run holds.
        if let title = run.dropFirst().first(where: { tokens[$0].classes.contains(.title) || tokens[$0].classes.contains(.honorific) }) {
            run = run.lowerBound..<title
        }
        if let person = mentions.last, run.contains(person.tokens.lowerBound), person.tokens.lowerBound > run.lowerBound { return }
        while run.count > 1, lexicon.postNominals.contains(tokens[run.upperBound - 1].key) { run = run.dropLast() }
        // "Amazon-owned Whole Foods Market", "Pakistan-based": a compound ending in a lower-case
        // word modifies the name after it.
        while run.count > 1, Self.endsInLowercasePart(tokens[run.lowerBound].range, analysis: analysis) {
            run = run.dropFirst()
        }
        // "Snopes Fact-Checker David Emery": a first name and a surname inside the run make it
        // an organisation and a person, and no fuller form of the organisation.
        if run.dropFirst().contains(where: { index in
            index + 1 < run.upperBound && tokens[index].classes.contains(.firstName) && !tokens[index].classes.contains(.stopWord)
                && lexicon.hasTitleSuffix(tokens[index - 1].key)
        }) {
            return
        }
        // Headlines in title case run on for many words; names do not.
        guard run.count <= 6, !isExcluded(run) else { return }
        var words = run.map { tokens[$0].key }
        var range = analysis.range(ofTokens: run)
        if let last = words.last {
            let bare = lexicon.withoutPossessive(last)
            if bare != last {
                words[words.count - 1] = bare
                range = ScalarRange(start: range.start, end: range.end - (last.unicodeScalars.count - bare.unicodeScalars.count))
            }
        }
        guard !words.isEmpty else { return }
        let nameRun = NameRun(range: range, words: words)
        writtenRuns.append(nameRun)
        let isPerson = mentions.last.map { run.contains($0.tokens.lowerBound) || $0.tokens.contains(run.lowerBound) } ?? false
        guard !isPerson, !tokens[run.lowerBound].classes.contains(.title), !tokens[run.lowerBound].classes.contains(.honorific),
            !tokens[run.lowerBound].classes.contains(.stopWord), !tokens[run.lowerBound].classes.contains(.pronoun),
            !tokens[run.lowerBound].classes.contains(.article), !tokens[run.lowerBound].classes.contains(.determiner)
        else { return }
        otherRuns.append(nameRun)
        // "in San Francisco", "over Siberia", "and Los Angeles": the object of a preposition or
        // the second of two is no subject; nor is "Florida" in "Cape Canaveral, Florida".
        var back = run.lowerBound - 1
        while back >= 0, run.lowerBound - back <= 3, tokens[back].isWord {
            if tokens[back].classes.contains(.adverbialPreposition) { return }
            back -= 1
        }
        if run.lowerBound > 0 {
            let previous = tokens[run.lowerBound - 1]
            if previous.isWord, previous.classes.contains(.stopWord), !previous.classes.contains(.cueStart), !previous.classes.contains(.auxiliary) { return }
            // "…, Florida", unless it goes on to speak: "… borders Mongolia, Roscosmos said".
            if previous.isPunctuation(","), run.lowerBound > 1, tokens[run.lowerBound - 2].isWord, tokens[run.lowerBound - 2].isCapitalized,
                run.upperBound >= tokens.count || !(tokens[run.upperBound].classes.contains(.cueStart) || tokens[run.upperBound].classes.contains(.auxiliary))
            {
                return
            }
        }
        organizations.append(nameRun)
    }

    /// Whether the last part of a hyphenated word starts lower-case ("Amazon-owned"; "Microsoft"
    /// is a part of its own).
    private static func endsInLowercasePart(_ range: ScalarRange, analysis: DocumentAnalysis) -> Bool {
        let scalars = analysis.scalars[range.range]
        // Most words are ASCII: read in place, without building a string per capitalised run.
        guard scalars.allSatisfy(\.isASCII) else { return analysis.string(range).split(separator: "-").last?.first?.isLowercase == true }
        var end = scalars.endIndex
        while end > scalars.startIndex, scalars[end - 1] == "-" { end -= 1 }
        var start = end
        while start > scalars.startIndex, scalars[start - 1] != "-" { start -= 1 }
        return start < end && ("a"..."z").contains(scalars[start])
    }

    /// "the court" → "The Appellate Court": the nearest run before `offset` with the noun among
    /// its words, else the first after it within `ahead`.
    public func organization(withNoun noun: String, before offset: Int, window: Int, ahead: Int) -> NameRun? {
        organization(among: organizationIndices(withWord: noun), before: offset, window: window, ahead: ahead)
    }

    /// The indices into ``organizations`` of those with `word` among their words, in text order.
    public func organizationIndices(withWord word: String) -> [Int] {
        organizations.indices.filter { organizations[$0].words.contains(word) }
    }

    /// ``organization(withNoun:before:window:ahead:)`` among `candidates` (indices into
    /// ``organizations``, in text order): the nearest candidate ending before `offset` if it
    /// starts within `window`, else the first starting after `offset` within `ahead`.
    public func organization(among candidates: [Int], before offset: Int, window: Int, ahead: Int) -> NameRun? {
        // Runs are disjoint and in text order, so their ends rise with their starts: the
        // candidates ending by `offset` are a prefix, and the last of them starts latest.
        let ending = Self.count(candidates) { organizations[$0].range.end <= offset }
        if ending > 0, organizations[candidates[ending - 1]].range.start >= offset - window { return organizations[candidates[ending - 1]] }
        guard ahead > 0 else { return nil }
        let after = Self.count(candidates) { organizations[$0].range.start <= offset }
        guard after < candidates.count, organizations[candidates[after]].range.start <= offset + ahead else { return nil }
        return organizations[candidates[after]]
    }

    /// How many elements from the start satisfy `isBefore`, which holds for a prefix of
    /// `sorted` and then never again: a binary search.
    static func count<C: RandomAccessCollection>(_ sorted: C, while isBefore: (C.Element) -> Bool) -> Int where C.Index == Int {
        var low = sorted.startIndex
        var high = sorted.endIndex
        while low < high {
            let mid = low + (high - low) / 2
            if isBefore(sorted[mid]) { low = mid + 1 } else { high = mid }
        }
        return low - sorted.startIndex
    }

    /// The organisations among ``organizations`` that speak somewhere in the document: those
    /// written inside a speaker phrase (`sources`, the quotations' speaker mentions). A place
    /// or a product is a subject too ("Siberia", "the Eye"), but seldom says anything.
    public mutating func markSpeakers(_ sources: [ScalarRange], analysis: DocumentAnalysis) {
        let sorted = sources.sorted { $0.start < $1.start }
        // An empty set still hashes what it is asked about: most runs are asked before any speaks.
        for run in organizations where speakingOrganizations.isEmpty || !speakingOrganizations.contains(run.words) {
            var low = 0
            var high = sorted.count
            while low < high {
                let mid = (low + high) / 2
                if sorted[mid].end <= run.range.start { low = mid + 1 } else { high = mid }
            }
            // The run heads the phrase: "Roscosmos said", not "the Russian space agency said".
            if low < sorted.count, sorted[low].contains(run.range), isHead(run.range, of: sorted[low], analysis: analysis) { speakingOrganizations.insert(run.words) }
        }
        speakingOrganizationIndices = speakingOrganizations.isEmpty ? [] : organizations.indices.filter { speakingOrganizations.contains(organizations[$0].words) }
    }

    /// The first capitalised name written inside `range` that is not a person's: the
    /// organisation a sentence such as "in its new analysis, the Fed points to …" names.
    public func firstRun(in range: ScalarRange) -> NameRun? {
        // In text order, ends rising with starts: the first run starting in `range` ends first.
        let first = Self.count(otherRuns) { $0.range.start < range.start }
        return first < otherRuns.count && range.contains(otherRuns[first].range) ? otherRuns[first] : nil
    }

    /// The last name (an organisation's or a person's) that ends in `window` before `offset`:
    /// what "which" refers to in "ZeniMax Media, which accuses …".
    public func lastRun(before offset: Int, window: Int) -> NameRun? {
        let ending = Self.count(otherRuns) { $0.range.end <= offset }
        return ending > 0 && otherRuns[ending - 1].range.start >= offset - window ? otherRuns[ending - 1] : nil
    }

    /// The run ends the phrase, or an apposition or a possessive follows it.
    private func isHead(_ run: ScalarRange, of phrase: ScalarRange, analysis: DocumentAnalysis) -> Bool {
        guard run.end < phrase.end else { return true }
        let scalars = analysis.scalars
        var index = run.end
        while index < phrase.end, scalars[index].isSpaceLike { index += 1 }
        return index < phrase.end && (scalars[index] == "," || scalars[index] == "\u{2019}" || scalars[index] == "'")
    }


    /// The organisation a phrase such as "the company" or a pronoun refers to: the last one
    /// standing as a subject in `window` before `offset` that speaks somewhere in the document
    /// (``markSpeakers(_:analysis:)``); with none, when `ahead` allows, the first such one within `ahead` after it (a lede
    /// names "the Russian space agency" before "Roscosmos").
    public func salientOrganization(before offset: Int, window: Int, ahead: Int = 0) -> NameRun? {
        organization(among: speakingOrganizationIndices, before: offset, window: window, ahead: ahead)
    }

    /// The fuller form the document gives a short name (its words lower-cased): the longest
    /// capitalised run that starts with those words and holds every other such run, written
    /// before the short form stands alone for the first time, as a first reference is in full
    /// ("Microsoft Corp said … Microsoft plans"). Nil when there is none, or when two fuller
    /// forms disagree ("Uber Eats", "Uber Freight").
    /// `firstNameAlone`: the words are one known first name ("her mother, Fiona"), which names
    /// a person even when the full name ("Fiona Parry") comes only later.
    public func fullerForm(of words: [String], firstNameAlone: Bool = false) -> ScalarRange? {
        guard let first = words.first else { return nil }
        return Self.fullerForm(of: words, among: writtenRuns.filter { $0.words.first == first }, firstNameAlone: firstNameAlone)
    }

    /// ``fullerForm(of:firstNameAlone:)`` among `runs`, the document's runs that start with the
    /// first of `words`, in text order.
    static func fullerForm(of words: [String], among runs: [NameRun], firstNameAlone: Bool) -> ScalarRange? {
        let longer = runs.filter { $0.words.count > words.count && $0.words.count <= words.count + 3 && $0.words.starts(with: words) }
        guard let longest = longer.max(by: { $0.words.count < $1.words.count }) else { return nil }
        guard longer.allSatisfy({ Self.isSubsequence($0.words, of: longest.words) }) else { return nil }
        let firstLonger = longer.map(\.range.start).min() ?? longest.range.start
        if !firstNameAlone, let alone = runs.first(where: { $0.words == words }), alone.range.start < firstLonger { return nil }
        return longer.first { $0.words == longest.words }?.range
    }

    private static func isSubsequence(_ words: [String], of other: [String]) -> Bool {
        var index = other.startIndex
        for word in words {
            guard let found = other[index...].firstIndex(of: word) else { return false }
            index = found + 1
        }
        return true
    }

    /// "(Photo by Christopher Furlong/Getty Images)" and "By Jane Doe" opening a paragraph:
    /// names there are the photographer's and the author's, never a speaker's.
    private static func creditsAndBylines(analysis: DocumentAnalysis, lexicon: Lexicon) -> [Range<Int>] {
        let tokens = analysis.tokens
        var result: [Range<Int>] = []
        var index = 0
        while index < tokens.count {
            defer { index += 1 }
            if tokens[index].isPunctuation("("), index + 1 < tokens.count {
                var end = index + 1
                while end < tokens.count, !tokens[end].isPunctuation(")"), end - index < 30, !analysis.opensParagraph(token: end) { end += 1 }
                // "(Photo by …)" opens with the word; "(Oleg Urusov/ Roscosmos Press Service photo
                // via AP)" names photographer and agency with a slash between them.
                let inside = (index + 1)..<end
                guard lexicon.creditWords.contains(tokens[index + 1].key)
                    || inside.contains(where: { tokens[$0].isPunctuation("/") }) && inside.contains(where: { lexicon.creditWords.contains(tokens[$0].key) })
                else { continue }
                result.append(index..<end)
                index = end
            } else if tokens[index].isWord, analysis.opensParagraph(token: index), lexicon.bylineWords.contains(tokens[index].key) {
                // (The paragraph test first: it reads a space or two, where the word test hashes the word.)
                // The author line runs to its paragraph's end.
                var end = index + 1
                while end < tokens.count, !analysis.opensParagraph(token: end), end - index < 20 { end += 1 }
                result.append(index..<end)
                index = end - 1
            }
        }
        return result
    }

    private func isExcluded(_ tokens: Range<Int>) -> Bool {
        // The credits are disjoint and in text order: only the last one starting at or before the
        // run's first token can hold it, and a document may have thousands of credits.
        var low = 0
        var high = excludedTokens.count
        while low < high {
            let mid = (low + high) / 2
            if excludedTokens[mid].lowerBound <= tokens.lowerBound { low = mid + 1 } else { high = mid }
        }
        return low > 0 && excludedTokens[low - 1].contains(tokens.lowerBound)
    }

    private mutating func register(run: Range<Int>, analysis: DocumentAnalysis, lexicon: Lexicon, isPerson: Bool) {
        let tokens = analysis.tokens
        // "Chris Grayling MP": the letters after the name are no title before it.
        var run = run
        while run.count > 1, lexicon.postNominals.contains(tokens[run.upperBound - 1].key) { run = run.dropLast() }
        var start = run.lowerBound
        var gender = Gender.unknown
        var anchored = false
        var roleWords = Set<String>()
        var titleStart: Int?
        // An honorific or title before the name anchors it as a person: "Mr. Putin", "President Obama".
        if start > 0, tokens[start - 1].isWord, tokens[start - 1].classes.contains(.title) {
            anchored = true
            roleWords.insert(tokens[start - 1].key)
        }
        var lastTitle = -1
        for index in run where tokens[index].classes.contains(.honorific) || tokens[index].classes.contains(.title) {
            // "President Vladimir Putin", not the "Chief" in a surname after a first name.
            if index > run.lowerBound, tokens[index - 1].classes.contains(.firstName), !tokens[index - 1].classes.contains(.title) { break }
            lastTitle = index
        }
        if lastTitle >= 0 {
            let honorificGender = lexicon.honorificGender[tokens[lastTitle].key] ?? .unknown
            if honorificGender != .unknown { gender = honorificGender }
            anchored = true
            for index in run.lowerBound...lastTitle { roleWords.insert(tokens[index].key) }
            titleStart = run.lowerBound
            start = lastTitle + 1
        } else if run.count >= 3, tokens[run.lowerBound + 1].classes.contains(.firstName),
            !tokens[run.lowerBound].classes.contains(.firstName), !tokens[run.lowerBound].classes.contains(.particle),
            lexicon.hasTitleSuffix(tokens[run.lowerBound].key),
            // Where every noun is capitalised, the first word of a sentence is no more a name than any other.
            lexicon.nounsCapitalized || !opensSentence(run.lowerBound, analysis: analysis)
        {
            // "Councilmember Raul Ortiz": a word the lexicon does not know as a title, before a
            // first name and a surname, is the person's title.
            roleWords.insert(tokens[run.lowerBound].key)
            titleStart = run.lowerBound
            anchored = true
            start = run.lowerBound + 1
        }
        guard start < run.upperBound else { return }
        var nameTokens = start..<run.upperBound
        // Long capitalised runs are organisations or headlines, not people.
        if nameTokens.count > 4 { nameTokens = nameTokens.lowerBound..<(nameTokens.lowerBound + 4) }
        let isPossessive = tokens[nameTokens.upperBound - 1].classes.contains(.possessive)
        // "Meadows' plans": the bare apostrophe is a token of its own, but the name is as
        // possessive as "Meadows's", and so no antecedent for a pronoun.
        let apostrophe = nameTokens.upperBound
        let isBarePossessive = !isPossessive && apostrophe < tokens.count && tokens[apostrophe].kind == .punctuation
            && (tokens[apostrophe].isPunctuation("'") || tokens[apostrophe].isPunctuation("\u{2019}"))
            && tokens[apostrophe].range.start == tokens[apostrophe - 1].range.end && tokens[apostrophe - 1].key.hasSuffix("s")
        let surnameKey = lexicon.withoutPossessive(tokens[nameTokens.upperBound - 1].key)
        // Most runs are one capitalised word that names no one ("Monday", "Washington"): they
        // cost one lookup, and no string is built for them.
        let knownSurname = nameTokens.count == 1 && surnameBits & Self.surnameBit(surnameKey) != 0 ? bySurname[surnameKey] : nil
        if nameTokens.count == 1, knownSurname == nil, !anchored { return }
        // "Florida State University": an organisation, though its first word is a first name;
        // so is "Con Edison, which maintains …".
        if run.contains(where: { lexicon.organizationNameWords.contains(tokens[$0].key) }) { return }
        if run.upperBound + 1 < tokens.count, tokens[run.upperBound].isPunctuation(","), lexicon.nonPersonRelatives.contains(tokens[run.upperBound + 1].key) { return }
        // Every first name in the lexicon is also a word class, so most words skip the lookup
        // in the large first-name table.
        let firstName = tokens[start].classes.contains(.firstName) ? lexicon.firstNames[tokens[start].key] : nil
        // "Li says" after "Di Li": the lone word is that person's surname, whatever gender the
        // same word has as a first name, so only an honorific gives it a gender.
        let isSurnameOnly = nameTokens.count == 1 && knownSurname != nil
        if let firstName, !tokens[start].classes.contains(.stopWord) {
            if gender == .unknown, !isSurnameOnly { gender = firstName }
            anchored = anchored || nameTokens.count >= 2
        }
        let range = analysis.range(ofTokens: nameTokens)
        let nameRange = isPossessive ? ScalarRange(start: range.start, end: range.end - 2) : range
        // An honorific alone ("Mr.", "Dr.") is no title.
        let title = titleStart.flatMap { titleStart in
            (titleStart..<start).contains { !tokens[$0].classes.contains(.honorific) } ? analysis.string(analysis.range(ofTokens: titleStart..<start)) : nil
        }
        var mention = PersonMention(entity: 0, range: range, tokens: nameTokens, isPossessive: isPossessive || isBarePossessive, isExcluded: isExcluded(run))
        if nameTokens.count >= 2 {
            guard anchored || firstName != nil || isPerson else {
                if nameTokens.count <= 3, !isExcluded(run), runsByLastWord[surnameKey] == nil {
                    runsByLastWord[surnameKey] = nameRange
                }
                return
            }
            let fullName = analysis.string(nameRange)
            let key = fullName.lowercased()
            let entity: Int
            if let known = byFullName[key] {
                entity = known
            } else if let known = bySurname[surnameKey], people[known].fullName.lowercased() == surnameKey,
                !mention.isExcluded
            {
                // "Mr. Ortiz" came first, "Raul Ortiz" now: the same person, now fully named.
                entity = known
                people[known].fullName = fullName
                people[known].introduction = nameRange
                byFullName[key] = known
            } else {
                entity = people.count
                people.append(PersonEntity(fullName: fullName, surnameKey: surnameKey, gender: gender, roleWords: roleWords, title: title, introduction: nameRange))
                byFullName[key] = entity
                if bySurname[surnameKey] == nil, !mention.isExcluded { addSurname(surnameKey, entity) }
            }
            if people[entity].gender == .unknown { people[entity].gender = gender }
            if people[entity].title == nil { people[entity].title = title }
            if !roleWords.isEmpty { people[entity].roleWords.formUnion(roleWords) }
            mention.entity = entity
            mentions.append(mention)
        } else if let entity = knownSurname {
            if people[entity].gender == .unknown { people[entity].gender = gender }
            if people[entity].title == nil { people[entity].title = title }
            if !roleWords.isEmpty { people[entity].roleWords.formUnion(roleWords) }
            mention.entity = entity
            mentions.append(mention)
        } else {
            // "Mr. Smith" before any full introduction: a person known by surname only, unless
            // an earlier name no anchor made a person ends with it ("Tasos Georgelis … Mr. Georgelis").
            let introduction = isPossessive ? nameRange : runsByLastWord[surnameKey] ?? nameRange
            let fullName = analysis.string(introduction)
            let entity = people.count
            people.append(PersonEntity(fullName: fullName, surnameKey: surnameKey, gender: gender, roleWords: roleWords, title: title, introduction: introduction))
            if !mention.isExcluded { addSurname(surnameKey, entity) }
            byFullName[fullName.lowercased()] = entity
            mention.entity = entity
            mentions.append(mention)
        }
    }

    /// The first word of a sentence is capitalised whatever it is.
    private func opensSentence(_ index: Int, analysis: DocumentAnalysis) -> Bool {
        guard index > 0, !analysis.opensParagraph(token: index) else { return true }
        let previous = analysis.tokens[index - 1]
        return previous.kind != .word && (previous.isPunctuation(".") || previous.isPunctuation("!") || previous.isPunctuation("?")
            || previous.isPunctuation(":") || previous.isQuote)
    }

    /// "the World Health Organization (WHO)": capitalised words, then an acronym in parentheses
    /// whose first letter is theirs.
    private mutating func findAcronyms(analysis: DocumentAnalysis) {
        let tokens = analysis.tokens
        var index = 2
        while index + 1 < tokens.count {
            defer { index += 1 }
            guard tokens[index].isWord, tokens[index - 1].isPunctuation("("), tokens[index + 1].isPunctuation(")") else { continue }
            let acronym = analysis.string(tokens[index].range)
            let letters = acronym.unicodeScalars.filter { $0.properties.isAlphabetic }
            guard letters.count >= 2, letters.count <= 8, letters.allSatisfy({ $0.properties.isUppercase }) else { continue }
            var first = index - 2
            guard tokens[first].isWord, tokens[first].isCapitalized else { continue }
            // Back over the name's words, function words ("of", "for", "and") inside it included.
            while first > 0, tokens[first - 1].isWord, tokens[first - 1].isCapitalized
                || lexicon.nameFunctionWords.contains(tokens[first - 1].key) && first > 1 && tokens[first - 2].isWord && tokens[first - 2].isCapitalized
            {
                first -= 1
            }
            while first < index - 2, !tokens[first].isCapitalized || lexicon.definiteArticles.contains(tokens[first].key) { first += 1 }
            guard index - 1 - first >= 2, let initial = letters.first,
                analysis.scalars[tokens[first].range.start] == initial || String(initial).lowercased() == String(analysis.scalars[tokens[first].range.start]).lowercased()
            else { continue }
            let range = analysis.range(ofTokens: first..<(index - 1))
            acronyms[acronym.lowercased()] = (analysis.string(range), range)
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

    public func entity(forSurname key: String) -> Int? { bySurname[lexicon.withoutPossessive(key)] }
    /// The first capitalised run no anchor made a person that ends with this word.
    public func unanchoredName(endingWith key: String) -> ScalarRange? { runsByLastWord[lexicon.withoutPossessive(key)] }
    public func entity(forFullName name: String) -> Int? { byFullName[name.lowercased()] }

    /// Whether a mention may stand as the antecedent of a pronoun or a continuation.
    public func canBeAntecedent(_ mention: PersonMention) -> Bool {
        !mention.isPossessive && !mention.isExcluded
    }

    /// Index of the first mention that ends after `offset`.
    private func firstMention(endingAfter offset: Int) -> Int {
        var low = 0
        var high = mentions.count
        while low < high {
            let mid = (low + high) / 2
            if mentions[mid].range.end <= offset { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The last person mentioned before `offset` whose gender fits, possessives, credits and
    /// bylines left out.
    public func nearestPerson(before offset: Int, gender: Gender, after lowerLimit: Int = 0) -> PersonMention? {
        var index = firstMention(endingAfter: offset) - 1
        while index >= 0, mentions[index].range.start >= lowerLimit {
            let mention = mentions[index]
            if canBeAntecedent(mention), gender.isCompatible(with: people[mention.entity].gender) { return mention }
            index -= 1
        }
        return nil
    }

    /// Antecedent mentions before `offset` and at or after `lowerLimit`, in text order.
    public func candidates(before offset: Int, after lowerLimit: Int, gender: Gender) -> [PersonMention] {
        var result: [PersonMention] = []
        var index = firstMention(endingAfter: offset) - 1
        while index >= 0, mentions[index].range.start >= lowerLimit {
            let mention = mentions[index]
            if canBeAntecedent(mention), gender.isCompatible(with: people[mention.entity].gender) { result.append(mention) }
            index -= 1
        }
        return result.reversed()
    }

    /// People named within a span, in order, without repeats.
    public func people(in range: ScalarRange) -> [PersonMention] {
        var seen = Set<Int>()
        var result: [PersonMention] = []
        for index in mentionIndices(inside: range) where canBeAntecedent(mentions[index]) && seen.insert(mentions[index].entity).inserted {
            result.append(mentions[index])
        }
        return result
    }

    /// The one person ``people(in:)`` gives for `range` once those first named inside
    /// `outside` are left out; nil when there are none or several. Stops at the second person,
    /// where a long span holds thousands.
    public func onlyPerson(in range: ScalarRange, leavingOut outside: ScalarRange) -> PersonMention? {
        var seen = Set<Int>()
        var found: PersonMention?
        for index in mentionIndices(inside: range) where canBeAntecedent(mentions[index]) && seen.insert(mentions[index].entity).inserted {
            guard !outside.contains(mentions[index].range) else { continue }
            if found != nil { return nil }
            found = mentions[index]
        }
        return found
    }

    /// The indices of the mentions inside `range`. Mentions are disjoint and in text order, so
    /// they are found by a binary search, not by looking at every mention of the document.
    private func mentionIndices(inside range: ScalarRange) -> Range<Int> {
        let first = Self.count(mentions) { $0.range.start < range.start }
        let end = first + Self.count(mentions[first...]) { $0.range.end <= range.end }
        return first..<end
    }

    /// The last mention inside `range` that is no credit or byline: the name a speaker phrase holds.
    public func lastMention(inside range: ScalarRange) -> PersonMention? {
        mentionIndices(inside: range).reversed().first { !mentions[$0].isExcluded }.map { mentions[$0] }
    }

    /// The first mention overlapping `range` that `isWanted` accepts.
    public func firstMention(overlapping range: ScalarRange, where isWanted: (PersonMention) -> Bool) -> PersonMention? {
        var index = firstMention(endingAfter: range.start)
        while index < mentions.count, mentions[index].range.start < range.end {
            if mentions[index].range.overlaps(range), isWanted(mentions[index]) { return mentions[index] }
            index += 1
        }
        return nil
    }
}
