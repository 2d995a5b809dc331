import QuoteCheckText
import QuoteDetector
import QuoteRules

/// Who said a quotation, and how that was worked out.
public struct Attribution: Sendable, Hashable {
    /// The speaker's name, clean: no title, no possessive ("Raul Ortiz"); the phrase as written
    /// for an anonymous or unresolved speaker ("a senior official", "they").
    public var speakerName: String?
    /// The title or role the document gives the speaker ("Councilmember", "Russian President").
    public var title: String?
    /// The mention nearest the quote that names or refers to the speaker, as written.
    public var mention: ScalarRange?
    /// The mentions that led from ``mention`` to the name, nearest first, ``mention`` included;
    /// empty when the mention itself is the name.
    public var chain: [ScalarRange] = []
    /// How the name was found: `mention`, `alias`, `pronoun`, `relative`, `role`, `salience`, `acronym`,
    /// `anonymous`, `organization`, `continuation`, `colon-introduction`, `paragraph-person`,
    /// `unresolved`, `none`.
    public var resolvedBy: String
    public var anonymous: Bool
    public var cue: ScalarRange?
    public var rule: String
    public var confidence: Double
    /// The person the speaker resolved to, when it is one the document names.
    public var entity: Int?

    public init(
        speakerName: String?, mention: ScalarRange?, resolvedBy: String, anonymous: Bool, cue: ScalarRange?,
        rule: String, confidence: Double
    ) {
        self.speakerName = speakerName
        self.mention = mention
        self.resolvedBy = resolvedBy
        self.anonymous = anonymous
        self.cue = cue
        self.rule = rule
        self.confidence = confidence
    }
}

public struct AttributedQuote: Sendable, Hashable {
    public var quote: DetectedQuote
    public var attribution: Attribution
}

/// Stage 3: resolves each quotation's speaker phrase to a name, and finds speakers for the
/// quotations no pattern attributed (a paragraph that continues the previous speaker, the only
/// person named in the paragraph).
public struct AttributionEngine: Sendable {
    public let lexicon: Lexicon
    /// What each way of resolving a speaker multiplies a record's confidence by (`resolution`
    /// in `Rules/en/confidence.yml`).
    public let resolutionConfidence: [String: Double]
    /// The ids of the engine's own ways of attributing, in the pack's language like every rule id.
    public let continuationRule: String
    public let paragraphPersonRule: String
    public let colonIntroductionRule: String
    let unattributedRule: String
    /// Sentences back a pronoun looks for its antecedent before it falls back on the last
    /// speaker or the nearest person.
    static let pronounWindow = 3
    /// Scalars an organisation's pronoun ("it said") may be from the organisation's last claim.
    static let organizationPronounReach = 600

    public init(rules: RuleSet) {
        self.lexicon = rules.lexicon
        self.resolutionConfidence = rules.resolutionConfidence
        self.continuationRule = "\(rules.language).attribution.continuation"
        self.paragraphPersonRule = "\(rules.language).attribution.paragraph-person"
        self.colonIntroductionRule = "\(rules.language).attribution.colon-introduction"
        self.unattributedRule = QuoteDetector.unattributedRule(language: rules.language)
    }

    public func attribute(_ detection: Detection) -> [AttributedQuote] {
        // The entity index reads every token: not worth building for a document without quotations.
        guard !detection.quotes.isEmpty else { return [] }
        let analysis = detection.analysis
        let sources = detection.quotes.compactMap(\.source)
        var entities = EntityIndex(analysis: analysis, lexicon: lexicon, speakerPhrases: sources)
        entities.markSpeakers(sources, analysis: analysis)
        var lookups = DocumentLookups()
        var result: [AttributedQuote] = []
        // The last attributed claim, quoted or reported ("Trump said he would win. ¶ “We will win
        // big.”"): its speaker continues into the quotations that follow it.
        var lastAttributed: (paragraph: Int, attribution: Attribution)?
        for quote in detection.quotes {
            // "Police have not disclosed the victims' identities": a denied cue reports nothing.
            if let cue = quote.cue, isNegated(cue: cue, analysis: analysis) { continue }
            // "asked not to be named": a request (a negated infinitive), not a claim.
            if quote.kind == .indirect, let first = quote.parts.first, opensWithNegation(first, analysis: analysis) { continue }
            let paragraph = analysis.sentences.indices.contains(quote.sentence) ? analysis.sentences[quote.sentence].paragraph : 0
            var attribution: Attribution
            if let source = quote.source {
                attribution = resolve(
                    source: source, quote: quote, analysis: analysis, entities: entities, lookups: &lookups, lastAttributed: lastAttributed?.attribution)
            } else {
                attribution = fallback(
                    for: quote, paragraph: paragraph, lastAttributed: lastAttributed, analysis: analysis, entities: entities, lookups: &lookups)
            }
            // A label before a colon speaks only as a person or a finding ("Poll: …"), never as
            // page furniture ("Video: …").
            if quote.speakerMustBePerson, attribution.entity == nil, !headsAFinding(quote.source, analysis: analysis),
                !isTranscriptLabel(quote.source, analysis: analysis, lookups: &lookups)
            {
                continue
            }
            if attribution.speakerName != nil, attribution.mention != nil {
                lastAttributed = (paragraph, attribution)
            }
            attribution.confidence = Self.rounded(attribution.confidence * (resolutionConfidence[attribution.resolvedBy] ?? 1))
            result.append(AttributedQuote(quote: quote, attribution: attribution))
        }
        return result
    }

    /// Three decimals: more would claim a precision no measurement gives.
    static func rounded(_ value: Double) -> Double {
        (min(1, max(0, value)) * 1000).rounded() / 1000
    }

    /// A negation right before the cue or among the auxiliaries before it ("have not
    /// disclosed", "never said", "didn't say").
    func isNegated(cue: ScalarRange, analysis: DocumentAnalysis) -> Bool {
        let tokens = analysis.tokens
        let covering = self.tokens(covering: cue, in: analysis)
        guard let first = covering.first else { return false }
        for index in covering where isNegation(tokens[index]) { return true }
        var index = first - 1
        var steps = 0
        while index >= 0, steps < 4, tokens[index].isWord {
            if isNegation(tokens[index]) { return true }
            guard tokens[index].classes.contains(.auxiliary) || tokens[index].classes.contains(.endsInLy) else { break }
            index -= 1
            steps += 1
        }
        return false
    }

    /// Paragraphs that open with the same label and a colon ("Q:", "SANDERS:") at least this
    /// often make the page a transcript, whose labels are speakers.
    static let transcriptTurns = 3

    private func isTranscriptLabel(_ source: ScalarRange?, analysis: DocumentAnalysis, lookups: inout DocumentLookups) -> Bool {
        guard let source else { return false }
        // Every paragraph is read for a label: once per distinct label, not per quotation.
        return lookups.isTranscriptLabel(analysis.string(source)) { isTranscriptLabel(source, analysis: analysis) }
    }

    private func isTranscriptLabel(_ source: ScalarRange, analysis: DocumentAnalysis) -> Bool {
        let scalars = analysis.scalars
        let label = scalars[source.range]
        var turns = 0
        for paragraph in analysis.paragraphs {
            var start = paragraph.lowerBound
            while start < paragraph.upperBound, scalars[start].isSpaceLike { start += 1 }
            let end = start + label.count
            guard end < paragraph.upperBound, scalars[end] == ":", scalars[start..<end].elementsEqual(label) else { continue }
            turns += 1
            if turns >= Self.transcriptTurns { return true }
        }
        return false
    }

    private func headsAFinding(_ source: ScalarRange?, analysis: DocumentAnalysis) -> Bool {
        guard let source, let last = tokens(covering: source, in: analysis).last else { return false }
        return analysis.tokens[last].classes.contains(.finding)
    }

    private func opensWithNegation(_ range: ScalarRange, analysis: DocumentAnalysis) -> Bool {
        let covering = tokens(covering: range, in: analysis)
        guard let first = covering.first, first + 1 < analysis.tokens.count else { return false }
        // "not to be named" is a request; "not everyone agreed" is a claim.
        return isNegation(analysis.tokens[first]) && analysis.tokens[first + 1].classes.contains(.infinitiveMarker)
    }

    private func isNegation(_ token: Token) -> Bool {
        token.isWord && (lexicon.cueNegations.contains(token.key) || lexicon.hasNegationSuffix(token.key))
    }

    func fallback(
        for quote: DetectedQuote, paragraph: Int, lastAttributed: (paragraph: Int, attribution: Attribution)?,
        analysis: DocumentAnalysis, entities: EntityIndex, lookups: inout DocumentLookups
    ) -> Attribution {
        // A pattern that matched a cue but names no speaker ("…, adding that …") keeps its rule
        // and cue; the speaker comes from the attribution just before it.
        let matchedByPattern = quote.rule != unattributedRule
        if quote.speakerIsUnnamed {
            return Attribution(speakerName: nil, mention: nil, resolvedBy: "none", anonymous: false, cue: quote.cue, rule: quote.rule, confidence: quote.confidence)
        }
        if let previous = lastAttributed, onlyCaptionsBetween(previous.paragraph, paragraph, analysis: analysis),
            matchedByPattern || paragraph == previous.paragraph || isQuotationOnly(paragraph: paragraph, quote: quote, analysis: analysis)
        {
            var continued = previous.attribution
            continued.rule = matchedByPattern ? quote.rule : continuationRule
            continued.resolvedBy = "continuation"
            continued.cue = quote.cue
            continued.confidence = matchedByPattern ? quote.confidence : 0.7
            return continued
        }
        // "17-year-old Jared Potts echoed:" ends the paragraph before a quotation paragraph: the
        // person it names introduces the quotation.
        if paragraph > 0, analysis.paragraphs.indices.contains(paragraph - 1) {
            let previous = analysis.paragraphs[paragraph - 1]
            let scalars = analysis.scalars
            if let last = previous.last(where: { !scalars[$0].isSpaceLike }), scalars[last] == ":",
                let introducer = lookups.colonIntroducer(paragraph: paragraph - 1, { entities.people(in: ScalarRange(previous)).last })
            {
                var attribution = Attribution(
                    speakerName: nil, mention: introducer.range, resolvedBy: "colon-introduction",
                    anonymous: false, cue: nil, rule: colonIntroductionRule, confidence: 0.7
                )
                name(&attribution, person: introducer.entity, entities: entities)
                return attribution
            }
        }
        if analysis.paragraphs.indices.contains(paragraph) {
            let range = ScalarRange(analysis.paragraphs[paragraph])
            if let only = entities.onlyPerson(in: range, leavingOut: quote.range) {
                var attribution = Attribution(
                    speakerName: nil, mention: only.range, resolvedBy: "paragraph-person",
                    // 0.57 of these records were right on PolNeAR train (Benchmarks/calibration).
                    anonymous: false, cue: nil, rule: paragraphPersonRule, confidence: 0.57
                )
                name(&attribution, person: only.entity, entities: entities)
                return attribution
            }
        }
        return Attribution(speakerName: nil, mention: nil, resolvedBy: "none", anonymous: false, cue: nil, rule: quote.rule, confidence: quote.confidence * 0.8)
    }

    /// Whether `later` is at most one paragraph on from `earlier`, not counting the captions and
    /// subheadings set between them ("“…,” says Parata. ¶ Parata at his farm ¶ “…”"). Stops
    /// at the first paragraph that is no caption: the last speaker may be thousands back.
    private func onlyCaptionsBetween(_ earlier: Int, _ later: Int, analysis: DocumentAnalysis) -> Bool {
        guard later > earlier + 1 else { return later - earlier <= 1 }
        return ((earlier + 1)..<later).allSatisfy { analysis.isCaptionLike(paragraph: $0) }
    }

    /// The paragraph holds nothing but this quotation (and punctuation).
    private func isQuotationOnly(paragraph: Int, quote: DetectedQuote, analysis: DocumentAnalysis) -> Bool {
        guard analysis.sentences.indices.contains(quote.sentence) else { return false }
        let outer = quote.quoteIndices.map { analysis.quotes[$0].outer }
        // Sentences are in text order: the paragraph's first one is found by a binary search (a
        // one-line document is a single paragraph of thousands of sentences).
        var index = EntityIndex.count(analysis.sentences[..<quote.sentence]) { $0.paragraph < paragraph }
        while index < analysis.sentences.count, analysis.sentences[index].paragraph == paragraph {
            for tokenIndex in analysis.sentences[index].tokens {
                let token = analysis.tokens[tokenIndex]
                if token.kind != .punctuation, !outer.contains(where: { $0.contains(token.range) }) { return false }
            }
            index += 1
        }
        return true
    }

    /// Gives an attribution the person's clean name and title, and the chain from its mention
    /// to where the full name is written (after any mentions already in the chain).
    private func name(_ attribution: inout Attribution, person: Int, entities: EntityIndex, via: [ScalarRange] = []) {
        let entity = entities.people[person]
        attribution.speakerName = entity.fullName
        attribution.title = entity.title
        attribution.entity = person
        var chain: [ScalarRange] = attribution.mention.map { [$0] } ?? []
        for link in via + [entity.introduction] where !chain.contains(where: { $0.overlaps(link) }) { chain.append(link) }
        attribution.chain = chain.count > 1 ? chain : []
    }

    /// How many words after a document's noun the issuer may be named ("a new report released
    /// on Monday by …").
    static let issuerReach = 8

    func resolve(
        source: ScalarRange, quote: DetectedQuote, analysis: DocumentAnalysis, entities: EntityIndex, lookups: inout DocumentLookups,
        lastAttributed: Attribution? = nil
    ) -> Attribution {
        let tokenRange = tokens(covering: source, in: analysis)
        let tokens = analysis.tokens
        // A mention with an apposition ("her mother, Fiona", "David Chang, CEO of Gradifi"):
        // the name is resolved from its own part, the role after an article is its title.
        if let comma = tokenRange.first(where: { tokens[$0].isPunctuation(",") }), comma > tokenRange.lowerBound, comma + 1 < tokenRange.upperBound {
            let roleFirst = tokens[tokenRange.lowerBound].classes.contains(.determiner) || tokens[tokenRange.lowerBound].classes.contains(.article)
            let namePart = roleFirst ? (comma + 1)..<tokenRange.upperBound : tokenRange.lowerBound..<comma
            var named = resolve(
                source: analysis.range(ofTokens: namePart), quote: quote, analysis: analysis, entities: entities, lookups: &lookups,
                lastAttributed: lastAttributed)
            named.mention = source
            if named.chain.isEmpty == false { named.chain[0] = source }
            if roleFirst, named.title == nil {
                let role = cleanTitle(analysis.string(analysis.range(ofTokens: tokenRange.lowerBound..<comma)))
                if !role.isEmpty { named.title = role }
            }
            return named
        }
        let text = analysis.string(source)
        var result = Attribution(
            speakerName: text, mention: source, resolvedBy: "mention", anonymous: false, cue: quote.cue,
            rule: quote.rule, confidence: quote.confidence
        )
        guard let first = tokenRange.first, let last = tokenRange.last else { return result }
        let head = tokens[last]
        if tokenRange.count == 1, let pronoun = lexicon.pronouns[head.key] {
            if pronoun.number == .singular, pronoun.gender == .male || pronoun.gender == .female,
                let antecedent = antecedent(of: source, gender: pronoun.gender, quote: quote, analysis: analysis, entities: entities, lastSpeaker: lastAttributed)
            {
                result.resolvedBy = "pronoun"
                name(&result, person: antecedent.entity, entities: entities, via: [antecedent.range])
            } else if pronoun.gender == .neuter || pronoun.number == .plural && !lexicon.secondPersonPronouns.contains(head.key), let organization = lastAttributed, organization.entity == nil,
                !organization.anonymous, organization.resolvedBy == "organization" || organization.resolvedBy == "acronym",
                let name = organization.speakerName, let previous = organization.mention, source.start - previous.end < Self.organizationPronounReach
            {
                // "it", "they", "we" after an organisation spoke: the organisation again.
                result.speakerName = name
                result.resolvedBy = "pronoun"
                result.chain = [source] + (organization.chain.isEmpty ? [previous] : organization.chain)
            } else if pronoun.gender == .neuter, pronoun.number == .singular,
                let organization = entities.salientOrganization(before: source.start, window: source.start - paragraphStart(quote, back: 1, analysis: analysis))
            {
                // "It said …" with no organisation speaking just before: the one the last
                // sentences name as a subject.
                refer(&result, to: organization, analysis: analysis, entities: entities, lookups: &lookups)
                result.resolvedBy = "pronoun"
            } else {
                result.resolvedBy = "unresolved"
            }
            return result
        }
        // "the WHO", "WHO": an acronym the document spelt out (before "who" is read as a relative pronoun).
        if head.isCapitalized, let organization = entities.acronyms[lexicon.withoutPossessive(head.key)],
            analysis.scalars[head.range.end - 1].properties.isUppercase
        {
            result.speakerName = organization.name
            result.resolvedBy = "acronym"
            result.chain = [source, organization.range]
            return result
        }
        if tokenRange.count == 1, head.classes.contains(.relativePronoun) {
            // "ZeniMax Media, which accuses …": the organisation named just before.
            if lexicon.nonPersonRelatives.contains(head.key) {
                let sentenceStart = analysis.sentences.indices.contains(quote.sentence) ? analysis.range(ofTokens: analysis.sentences[quote.sentence].tokens).start : 0
                let person = entities.nearestPerson(before: source.start, gender: .unknown, after: max(sentenceStart, source.start - 80))
                if let organization = entities.lastRun(before: source.start, window: min(80, source.start - sentenceStart)),
                    person.map({ $0.range.end <= organization.range.start }) ?? true
                {
                    refer(&result, to: organization, analysis: analysis, entities: entities, lookups: &lookups)
                    result.resolvedBy = "relative"
                } else {
                    result.resolvedBy = "unresolved"
                }
                return result
            }
            if let antecedent = entities.nearestPerson(before: source.start, gender: .unknown, after: max(0, source.start - 200)) {
                result.resolvedBy = "relative"
                name(&result, person: antecedent.entity, entities: entities, via: [antecedent.range])
            } else {
                result.resolvedBy = "unresolved"
            }
            return result
        }
        // "a spokeswoman for Mayor John Tory", "two people close to Ms. Park": the name is the
        // object of a preposition, and the speaker is the phrase's head before it.
        if let preposition = tokenRange.dropFirst().first(where: { tokens[$0].classes.contains(.phrasePreposition) }),
            tokens[first].classes.contains(.determiner) || tokens[first].classes.contains(.article)
        {
            let ownHead = tokens[preposition - 1]
            if ownHead.classes.contains(.anonymous) {
                result.anonymous = true
                result.resolvedBy = "anonymous"
            } else if ownHead.classes.contains(.organization) {
                result.resolvedBy = "organization"
                result.speakerName = cleanName(text, firstToken: tokens[first])
            }
            return result
        }
        // A named person: the longest known name inside the phrase.
        // The name must head the phrase: "a spokeswoman for Mayor John Tory" is not Tory, and
        // "Trump's spokesman" not Trump.
        // "Senator Mitch McConnell of Kentucky": a place after "of" still leaves the name the head.
        if let named = entities.lastMention(inside: source),
            named.tokens.upperBound - 1 == last || named.tokens.upperBound <= last && lexicon.originPrepositions.contains(tokens[named.tokens.upperBound].key)
        {
            let entity = entities.people[named.entity]
            let written = analysis.string(named.range)
            result.resolvedBy = written == entity.fullName || lexicon.withoutPossessive(written) == entity.fullName ? "mention" : "alias"
            name(&result, person: named.entity, entities: entities)
            // The title written in the phrase itself comes first: "Sen. Ortiz" is a senator now.
            if named.range.start > source.start, first < named.tokens.lowerBound {
                // An honorific alone ("Mr.") is no title.
                let words = first..<named.tokens.lowerBound
                if words.contains(where: { tokens[$0].isWord && !tokens[$0].classes.contains(.honorific) }) {
                    let written = cleanTitle(analysis.string(analysis.range(ofTokens: words)))
                    if !written.isEmpty { result.title = written }
                }
            }
            return result
        }
        if head.isCapitalized, let entity = entities.entity(forSurname: head.key) {
            result.resolvedBy = "alias"
            name(&result, person: entity, entities: entities)
            return result
        }
        // "Whole Foods" where "Whole Foods Market" came first, "Walter" where "Walter A. Clyburn
        // Reed" did: the fuller form the document introduced.
        // A lone word another name ends with is a surname ("Claude" of "Georges Claude"), below.
        if tokenRange.count > 1 || entities.unanchoredName(endingWith: head.key) == nil,
            let fuller = fullerForm(of: tokenRange, analysis: analysis, entities: entities, lookups: &lookups)
        {
            result.resolvedBy = "alias"
            if let person = entities.firstMention(overlapping: fuller, where: { !$0.isExcluded }) {
                name(&result, person: person.entity, entities: entities, via: [fuller])
            } else {
                result.speakerName = analysis.string(fuller)
                result.chain = [source, fuller]
            }
            return result
        }
        // "Pakistan-based developer Ammar Askar": a capitalised run of two or more words ends
        // the phrase after plain words: the name, and the words before it the title.
        var nameStart = last
        while nameStart > first, tokens[nameStart - 1].isWord, tokens[nameStart - 1].isCapitalized || tokens[nameStart - 1].classes.contains(.particle) {
            nameStart -= 1
        }
        if head.isCapitalized, nameStart > first, last > nameStart, !tokens[nameStart - 1].isCapitalized,
            !tokens[nameStart - 1].classes.contains(.possessive), !head.classes.contains(.organization),
            // "the Liberal MP" is a role, below.
            !head.classes.contains(.title)
        {
            let nameRange = analysis.range(ofTokens: nameStart..<(last + 1))
            result.speakerName = analysis.string(nameRange)
            let title = cleanTitle(analysis.string(analysis.range(ofTokens: first..<nameStart)))
            if !title.isEmpty { result.title = title }
            return result
        }
        // "Parata said" where "Hori Parata" is written, before or after, without a first name
        // the lexicon knows.
        if tokenRange.count == 1, head.isCapitalized, let fuller = entities.unanchoredName(endingWith: head.key) {
            result.speakerName = analysis.string(fuller)
            result.resolvedBy = "alias"
            result.chain = [source, fuller]
            return result
        }
        let classes = head.classes
        let opensWithArticle = tokens[first].classes.contains(.article) && lexicon.definiteArticles.contains(tokens[first].key)
        if !tokens[first].isCapitalized || tokens[first].classes.contains(.determiner) || tokenRange.count == 1, classes.contains(.title) {
            if let person = entityByRole(tokenRange, before: source.start, analysis: analysis, entities: entities, lookups: &lookups) {
                result.resolvedBy = "role"
                name(&result, person: person.entity, entities: entities, via: [person.range])
                if result.title == nil { result.title = cleanName(text, firstToken: tokens[first]) }
                return result
            }
            // "The Conservative MP", "the PAHO director" with no one introduced by those words:
            // as a pronoun would, the last speaker or the subject of the sentences just before.
            if opensWithArticle || tokenRange.count == 1, !classes.contains(.anonymous),
                !tokenRange.contains(where: { tokens[$0].classes.contains(.possessive) }),
                let person = antecedent(of: source, gender: .unknown, quote: quote, analysis: analysis, entities: entities, lastSpeaker: lastAttributed)
            {
                result.resolvedBy = "salience"
                name(&result, person: person.entity, entities: entities, via: [person.range])
                result.title = cleanName(text, firstToken: tokens[first])
                return result
            }
        }
        // "The report concluded …": the organisation the document says issued the report.
        if opensWithArticle || lexicon.issuerPossessives.contains(tokens[first].key), !head.isCapitalized,
            lexicon.issuedDocuments.contains(head.key),
            let issued = issuer(of: head.key, before: last, analysis: analysis, entities: entities, lookups: &lookups)
        {
            if let run = issued.run {
                refer(&result, to: run, analysis: analysis, entities: entities, lookups: &lookups)
            } else {
                result.speakerName = analysis.string(issued.range)
                result.chain = [source, issued.range]
            }
            result.resolvedBy = "role"
            return result
        }
        // "the company", "the Russian space agency": an organisation the document names, by
        // that noun ("The Appellate Court") or as the subject of the sentences just before.
        if opensWithArticle, !head.isCapitalized, lexicon.organizationRoles.contains(head.key) {
            let ahead = paragraphEnd(quote, forward: 2, analysis: analysis) - source.end
            let window = source.start - paragraphStart(quote, back: 3, analysis: analysis)
            if let named = entities.organization(
                among: lookups.organizations(withWord: head.key, entities: entities), before: source.start, window: window, ahead: ahead)
            {
                refer(&result, to: named, analysis: analysis, entities: entities, lookups: &lookups)
                result.resolvedBy = "role"
                return result
            }
            if let organization = entities.salientOrganization(
                before: source.start, window: source.start - paragraphStart(quote, back: 2, analysis: analysis), ahead: ahead)
            {
                refer(&result, to: organization, analysis: analysis, entities: entities, lookups: &lookups)
                result.resolvedBy = "salience"
                return result
            }
        }
        if tokenRange.count == 1, classes.contains(.determiner), last + 1 < tokens.count, tokens[last + 1].isPunctuation(",") {
            // "One, who asked not to be named, said": one of a group, unnamed.
            result.anonymous = true
            result.resolvedBy = "anonymous"
            return result
        }
        // "West Mercia police": a force the words before it name, not an unnamed group.
        if classes.contains(.organization), classes.contains(.anonymous), !head.isCapitalized, last > first,
            (first..<last).allSatisfy({ tokens[$0].isWord && tokens[$0].isCapitalized && !tokens[$0].classes.contains(.determiner) && !tokens[$0].classes.contains(.article) }),
            !lexicon.nounsCapitalized
        {
            result.resolvedBy = "organization"
            result.speakerName = text
            return result
        }
        if classes.contains(.anonymous) && (!head.isCapitalized || lexicon.nounsCapitalized && first < last && tokens[first].classes.contains(.determiner)) {
            result.anonymous = true
            result.resolvedBy = "anonymous"
            return result
        }
        if classes.contains(.organization) || head.isCapitalized {
            result.resolvedBy = classes.contains(.organization) ? "organization" : "mention"
            // "the World Health Organization's": the name without its article or possessive.
            result.speakerName = cleanName(text, firstToken: tokens[first])
            // "Parliament's Joint Committee on Intelligence", "California's 4th District Court":
            // the possessor only says whose; the name is what follows it.
            if let possessor = (first..<last).first(where: { tokens[$0].classes.contains(.possessive) }),
                (first...possessor).allSatisfy({ tokens[$0].isCapitalized || tokens[$0].classes.contains(.article) }),
                tokens[possessor + 1].isCapitalized || tokens[possessor + 1].key.first?.isNumber == true
            {
                result.speakerName = analysis.string(analysis.range(ofTokens: (possessor + 1)..<(last + 1)))
            }
        }
        return result
    }

    /// Who issued the document a phrase such as "the report" refers to, from the nearest
    /// mention of the noun at or before `tokenIndex` that says so: "a report released on
    /// Monday by Stanford University's Center on Poverty and Inequality" (the capitalised
    /// words after the marker, joined by lower-case function words), or "in its new analysis,
    /// the Fed …" (the first organisation named in that sentence).
    private func issuer(
        of noun: String, before tokenIndex: Int, analysis: DocumentAnalysis, entities: EntityIndex, lookups: inout DocumentLookups
    ) -> (range: ScalarRange, run: EntityIndex.NameRun?)? {
        lookups.issuer(of: noun, before: tokenIndex, analysis: analysis) { issuer(at: $0, analysis: analysis, entities: entities) }
    }

    /// The issuer that the mention of a document's noun at `index` names, if it names one.
    private func issuer(at index: Int, analysis: DocumentAnalysis, entities: EntityIndex) -> (range: ScalarRange, run: EntityIndex.NameRun?)? {
        let tokens = analysis.tokens
        let endsSentence: (Token) -> Bool = { $0.isPunctuation(".") || $0.isPunctuation("!") || $0.isPunctuation("?") || $0.isPunctuation(";") }
        var next = index + 1
        while next < tokens.count, next <= index + Self.issuerReach, !endsSentence(tokens[next]) {
            defer { next += 1 }
            guard tokens[next].isWord, lexicon.issuerMarkers.contains(tokens[next].key), next + 1 < tokens.count,
                tokens[next + 1].isWord, tokens[next + 1].isCapitalized
            else { continue }
            var end = next + 2
            var probe = end
            while probe < tokens.count, tokens[probe].isWord {
                if tokens[probe].isCapitalized {
                    end = probe + 1
                } else if !tokens[probe].classes.contains(.stopWord) {
                    break
                }
                probe += 1
            }
            return (analysis.range(ofTokens: (next + 1)..<end), nil)
        }
        // "its new analysis": the possessive a few words before the noun.
        var back = index - 1
        while back >= 0, index - back <= 3, tokens[back].isWord, !tokens[back].isCapitalized {
            if lexicon.issuerPossessives.contains(tokens[back].key) {
                var start = back
                while start > 0, !endsSentence(tokens[start - 1]) { start -= 1 }
                var end = index
                while end < tokens.count, !endsSentence(tokens[end]) { end += 1 }
                if let run = entities.firstRun(in: analysis.range(ofTokens: start..<end)) { return (run.range, run) }
                break
            }
            back -= 1
        }
        return nil
    }

    /// The fuller name the document introduced for a phrase of capitalised words (after an
    /// optional article), at most three of them.
    private func fullerForm(of range: Range<Int>, analysis: DocumentAnalysis, entities: EntityIndex, lookups: inout DocumentLookups) -> ScalarRange? {
        let tokens = analysis.tokens
        var words = range
        if let first = words.first, tokens[first].classes.contains(.article) { words = words.dropFirst() }
        guard !words.isEmpty, words.count <= 3,
            words.allSatisfy({ tokens[$0].isWord && (tokens[$0].isCapitalized || tokens[$0].classes.contains(.particle)) })
        else { return nil }
        var keys = words.map { tokens[$0].key }
        if let last = keys.last { keys[keys.count - 1] = lexicon.withoutPossessive(last) }
        let firstNameAlone = words.count == 1 && words.allSatisfy { tokens[$0].classes.contains(.firstName) }
        return lookups.fullerForm(of: keys, firstNameAlone: firstNameAlone, entities: entities)
    }

    /// Names an organisation the speaker mention refers to: its fuller form where the document
    /// gives one, an acronym spelt out; the chain runs through the mention it was found at.
    private func refer(
        _ result: inout Attribution, to organization: EntityIndex.NameRun, analysis: DocumentAnalysis, entities: EntityIndex,
        lookups: inout DocumentLookups
    ) {
        var chain = [organization.range]
        var name = analysis.string(organization.range)
        if organization.words.count == 1, let spelt = entities.acronyms[organization.words[0]] {
            name = spelt.name
            chain.append(spelt.range)
        } else if let fuller = lookups.fullerForm(of: organization.words, entities: entities) {
            name = analysis.string(fuller)
            chain.append(fuller)
        }
        result.speakerName = name
        result.entity = nil
        if let mention = result.mention { chain.insert(mention, at: 0) }
        result.chain = chain
    }

    /// Where the paragraph `back` paragraphs before the quotation's starts.
    private func paragraphStart(_ quote: DetectedQuote, back: Int, analysis: DocumentAnalysis) -> Int {
        guard analysis.sentences.indices.contains(quote.sentence) else { return 0 }
        let paragraph = max(0, analysis.sentences[quote.sentence].paragraph - back)
        return analysis.paragraphs.indices.contains(paragraph) ? analysis.paragraphs[paragraph].lowerBound : 0
    }

    /// Where the paragraph `forward` paragraphs after the quotation's ends.
    private func paragraphEnd(_ quote: DetectedQuote, forward: Int, analysis: DocumentAnalysis) -> Int {
        guard analysis.sentences.indices.contains(quote.sentence), let last = analysis.paragraphs.indices.last else { return 0 }
        let paragraph = min(last, analysis.sentences[quote.sentence].paragraph + forward)
        return analysis.paragraphs[paragraph].upperBound
    }

    /// A phrase as a name: no leading article, no trailing possessive.
    private func cleanName(_ text: String, firstToken: Token) -> String {
        var name = Substring(text)
        if firstToken.classes.contains(.article), let space = name.firstIndex(of: " ") {
            name = name[name.index(after: space)...]
        }
        return lexicon.withoutPossessive(String(name))
    }

    /// A title as written before a name, without the punctuation around it.
    private func cleanTitle(_ text: String) -> String {
        var title = Substring(text)
        while let last = title.last, last == "," || last == " " || last == "\u{2014}" || last == "-" { title.removeLast() }
        return String(title)
    }

    /// The person a pronoun refers to. Salience before distance: in the nearest sentence that
    /// names someone of the right gender, the last speaker if named there, else the sentence's
    /// first such person (its subject, most often, rather than a name in its object); with no
    /// one in the last few sentences, the last speaker, then the nearest person before.
    func antecedent(
        of pronoun: ScalarRange, gender: Gender, quote: DetectedQuote, analysis: DocumentAnalysis, entities: EntityIndex,
        lastSpeaker: Attribution?
    ) -> PersonMention? {
        let sentences = analysis.sentences
        let fits: (Attribution?) -> Int? = { attribution in
            guard let entity = attribution?.entity, gender.isCompatible(with: entities.people[entity].gender) else { return nil }
            return entity
        }
        let lastEntity = fits(lastSpeaker)
        if sentences.indices.contains(quote.sentence) {
            let paragraph = sentences[quote.sentence].paragraph
            var index = quote.sentence
            while index >= 0, quote.sentence - index <= Self.pronounWindow, paragraph - sentences[index].paragraph <= 2 {
                let span = analysis.range(ofTokens: sentences[index].tokens)
                let candidates = entities.candidates(before: min(span.end, pronoun.start), after: span.start, gender: gender)
                    .filter { !quote.range.contains($0.range) }
                if let lastEntity, let mention = candidates.last(where: { $0.entity == lastEntity }) { return mention }
                // "said King, who resigned …": the last speaker named in this sentence by a word
                // the person index does not list as a mention ("King" is also a title).
                if let lastEntity, let spoken = lastSpeaker?.mention, span.contains(spoken), spoken.end <= pronoun.start,
                    !quote.range.contains(spoken)
                {
                    return PersonMention(entity: lastEntity, range: spoken, tokens: tokens(covering: spoken, in: analysis))
                }
                if let subject = candidates.first { return subject }
                index -= 1
            }
        }
        if let lastEntity, let mention = lastSpeaker?.chain.last ?? lastSpeaker?.mention,
            let found = entities.firstMention(overlapping: mention, where: { $0.entity == lastEntity })
        {
            return found
        }
        return entities.nearestPerson(before: pronoun.start, gender: gender)
    }

    /// "the Russian president" → the last person introduced with those role words.
    private func entityByRole(
        _ range: Range<Int>, before offset: Int, analysis: DocumentAnalysis, entities: EntityIndex, lookups: inout DocumentLookups
    ) -> PersonMention? {
        let roleWords = Set(range.map { analysis.tokens[$0].key }).subtracting(lexicon.definiteArticles).subtracting(lexicon.indefiniteArticles)
        return lookups.mention(introducedAs: roleWords, before: offset, compounds: lexicon.roleCompounds, entities: entities)
    }

    private func tokens(covering range: ScalarRange, in analysis: DocumentAnalysis) -> Range<Int> {
        let tokens = analysis.tokens
        var low = 0
        var high = tokens.count
        while low < high {
            let mid = (low + high) / 2
            if tokens[mid].range.end <= range.start { low = mid + 1 } else { high = mid }
        }
        var end = low
        while end < tokens.count, tokens[end].range.start < range.end { end += 1 }
        return low..<end
    }
}
