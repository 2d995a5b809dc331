import QuoteCheckText
import QuoteDetector
import QuoteRules

/// What attributing one document asks again and again, each built the first time it is asked.
///
/// A document is attributed quotation by quotation, and each speaker phrase may look back over
/// the people, names and words the document wrote before it. Scanning for that anew at every
/// quotation makes time grow with the square of the document (a 16 MB one-line file took
/// minutes); these lookups are built once per document and answered by binary search or a
/// dictionary, so that a document costs about what its parts cost. Built lazily: most news
/// articles need none of them, and building them would cost more than the scans they save.
struct DocumentLookups {
    private struct FullerFormKey: Hashable {
        var words: [String]
        var firstNameAlone: Bool
    }

    private var fullerForms: [FullerFormKey: ScalarRange?] = [:]
    /// ``EntityIndex/writtenRuns`` by their first word, in text order; built once
    /// ``scansBeforeGrouping`` words were looked up by scanning the runs.
    private var runsByFirstWord: [String: [EntityIndex.NameRun]]?
    private var scans = 0
    /// Most documents look up a few short forms, and a scan comparing first words costs far
    /// less than hashing every run of the document into groups (0.6 % of `extract`); a
    /// document that looks up many is grouped, so that its lookups stay cheap.
    static let scansBeforeGrouping = 16
    private var organizationsByWord: [String: [Int]] = [:]
    private var transcriptLabels: [String: Bool] = [:]
    private var colonIntroducers: [Int: PersonMention?] = [:]
    private var issuers: [String: IssuerScan] = [:]
    private var roles: RoleIndex?

    /// ``EntityIndex/fullerForm(of:firstNameAlone:)``, which depends on the words alone, not on
    /// where they are written.
    mutating func fullerForm(of words: [String], firstNameAlone: Bool = false, entities: EntityIndex) -> ScalarRange? {
        let key = FullerFormKey(words: words, firstNameAlone: firstNameAlone)
        if let known = fullerForms[key] { return known }
        guard let first = words.first else { return nil }
        let runs: [EntityIndex.NameRun]
        if runsByFirstWord == nil, scans < Self.scansBeforeGrouping {
            scans += 1
            runs = entities.writtenRuns.filter { ($0.words.first ?? "") == first }
            guard !runs.isEmpty else { return nil }
        } else {
            if runsByFirstWord == nil { runsByFirstWord = Dictionary(grouping: entities.writtenRuns) { $0.words.first ?? "" } }
            guard let grouped = runsByFirstWord?[first] else { return nil }
            runs = grouped
        }
        let found = EntityIndex.fullerForm(of: words, among: runs, firstNameAlone: firstNameAlone)
        fullerForms[key] = found
        return found
    }

    /// The indices into ``EntityIndex/organizations`` of those with `word` among their words.
    mutating func organizations(withWord word: String, entities: EntityIndex) -> [Int] {
        if let known = organizationsByWord[word] { return known }
        let found = entities.organizationIndices(withWord: word)
        organizationsByWord[word] = found
        return found
    }

    /// Whether a label is a transcript's, as `isLabel` says; asked once per distinct label.
    mutating func isTranscriptLabel(_ label: String, _ isLabel: () -> Bool) -> Bool {
        if let known = transcriptLabels[label] { return known }
        let found = isLabel()
        transcriptLabels[label] = found
        return found
    }

    /// The person a paragraph ending in a colon introduces, as `introducer` finds it; asked once
    /// per paragraph however many quotations follow it.
    mutating func colonIntroducer(paragraph: Int, _ introducer: () -> PersonMention?) -> PersonMention? {
        if let known = colonIntroducers[paragraph] { return known }
        let found = introducer()
        colonIntroducers[paragraph] = found
        return found
    }

    /// What an issued-document noun ("report") refers to: the result of `issuerAt` at the last
    /// place at or before `tokenIndex` where the noun is written and `issuerAt` finds one.
    /// `issuerAt` depends on the place alone, so each place is asked once per document.
    mutating func issuer(
        of noun: String, before tokenIndex: Int, analysis: DocumentAnalysis,
        _ issuerAt: (Int) -> (range: ScalarRange, run: EntityIndex.NameRun?)?
    ) -> (range: ScalarRange, run: EntityIndex.NameRun?)? {
        var scan = issuers[noun] ?? IssuerScan(noun: noun, tokens: analysis.tokens)
        // Remove the entry while scanning so that the arrays are not copied when appended to.
        issuers[noun] = nil
        defer { issuers[noun] = scan }
        let written = EntityIndex.count(scan.positions) { $0 <= tokenIndex }
        while scan.nearest.count < written {
            let place = scan.nearest.count
            if let found = issuerAt(scan.positions[place]) {
                scan.found[place] = found
                scan.nearest.append(place)
            } else {
                scan.nearest.append(scan.nearest.last ?? -1)
            }
        }
        guard written > 0 else { return nil }
        return scan.found[scan.nearest[written - 1]]
    }

    /// Every place a noun is written, and what was found there so far.
    private struct IssuerScan {
        /// Token indices of the noun, in text order.
        var positions: [Int]
        /// For each position looked at, the last one at or before it where an issuer was found (-1: none).
        var nearest: [Int] = []
        /// The issuers found, by index into ``positions``.
        var found: [Int: (range: ScalarRange, run: EntityIndex.NameRun?)] = [:]

        init(noun: String, tokens: [Token]) {
            positions = tokens.indices.filter { tokens[$0].isWord && tokens[$0].key == noun }
        }
    }

    /// The mention "the Russian president" refers to: the last mention (no credit or byline)
    /// ending by `offset` of a person introduced with every one of `roles` (or, where
    /// `compounds`, with a word ending in each, "Landesministerin" for "ministerin"); with none,
    /// the first mention after `offset` of a person introduced with all of them ("Governor"
    /// heading a page before "Governor Jay Inslee" is written).
    mutating func mention(introducedAs roles: Set<String>, before offset: Int, compounds: Bool, entities: EntityIndex) -> PersonMention? {
        let index = roleIndex(of: entities)
        let people = entities.people
        let holdingAll: [Int]
        if roles.isEmpty {
            holdingAll = Array(people.indices)
        } else {
            // The people listed under the rarest of the words are the only ones who can hold all.
            var rarest: [Int] = []
            var found = false
            for role in roles {
                let listed = index.peopleByRole[role] ?? []
                if !found || listed.count < rarest.count { rarest = listed }
                found = true
            }
            holdingAll = rarest.filter { roles.isSubset(of: people[$0].roleWords) }
        }
        var fitting = holdingAll
        if compounds {
            let compounded = people.indices.filter { person in roles.allSatisfy { role in people[person].roleWords.contains { $0.hasSuffix(role) } } }
            fitting = Array(Set(holdingAll).union(compounded))
        }
        let mentions = entities.mentions
        var last = -1
        for person in fitting {
            let listed = index.mentionsByPerson[person]
            let ending = EntityIndex.count(listed) { mentions[$0].range.end <= offset }
            if ending > 0 { last = max(last, listed[ending - 1]) }
        }
        if last >= 0 { return mentions[last] }
        var first = mentions.count
        for person in holdingAll {
            let listed = index.mentionsByPerson[person]
            let before = EntityIndex.count(listed) { mentions[$0].range.start <= offset }
            if before < listed.count { first = min(first, listed[before]) }
        }
        return first < mentions.count ? mentions[first] : nil
    }

    private struct RoleIndex {
        /// Each person's mentions that are no credit or byline, as indices into the mentions, in text order.
        var mentionsByPerson: [[Int]]
        /// Each role word's people, ascending.
        var peopleByRole: [String: [Int]] = [:]

        init(entities: EntityIndex) {
            mentionsByPerson = Array(repeating: [], count: entities.people.count)
            for (index, mention) in entities.mentions.enumerated() where !mention.isExcluded && mentionsByPerson.indices.contains(mention.entity) {
                mentionsByPerson[mention.entity].append(index)
            }
            for (person, entity) in entities.people.enumerated() {
                for role in entity.roleWords { peopleByRole[role, default: []].append(person) }
            }
        }
    }

    private mutating func roleIndex(of entities: EntityIndex) -> RoleIndex {
        if let roles { return roles }
        let built = RoleIndex(entities: entities)
        roles = built
        return built
    }
}
