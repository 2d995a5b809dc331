import QuoteCheckText
import QuoteDetector
import QuoteRules

/// Who said a quotation, and how that was worked out.
public struct Attribution: Sendable, Hashable {
    public var speakerName: String?
    /// The mention nearest the quote that names or refers to the speaker, as written.
    public var mention: ScalarRange?
    /// How the name was found: `mention`, `alias`, `pronoun`, `relative`, `role`, `anonymous`,
    /// `organization`, `continuation`, `paragraph-person`, `unresolved`.
    public var resolvedBy: String
    public var anonymous: Bool
    public var cue: ScalarRange?
    public var rule: String
    public var confidence: Double

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
    public static let continuationRule = "en.attribution.continuation"
    public static let paragraphPersonRule = "en.attribution.paragraph-person"
    public static let colonIntroductionRule = "en.attribution.colon-introduction"

    public init(rules: RuleSet) {
        self.lexicon = rules.lexicon
    }

    public func attribute(_ detection: Detection) -> [AttributedQuote] {
        // The entity index reads every token: not worth building for a document without quotations.
        guard !detection.quotes.isEmpty else { return [] }
        let analysis = detection.analysis
        let entities = EntityIndex(analysis: analysis, lexicon: lexicon)
        var result: [AttributedQuote] = []
        // The last attributed claim, quoted or reported ("Trump said he would win. ¶ “We will win
        // big.”"): its speaker continues into the quotations that follow it.
        var lastAttributed: (paragraph: Int, attribution: Attribution)?
        for quote in detection.quotes {
            let paragraph = analysis.sentences.indices.contains(quote.sentence) ? analysis.sentences[quote.sentence].paragraph : 0
            var attribution: Attribution
            if let source = quote.source {
                attribution = resolve(source: source, quote: quote, analysis: analysis, entities: entities)
            } else {
                attribution = fallback(for: quote, paragraph: paragraph, lastAttributed: lastAttributed, analysis: analysis, entities: entities)
            }
            if attribution.speakerName != nil, attribution.mention != nil {
                lastAttributed = (paragraph, attribution)
            }
            result.append(AttributedQuote(quote: quote, attribution: attribution))
        }
        return result
    }

    func fallback(
        for quote: DetectedQuote, paragraph: Int, lastAttributed: (paragraph: Int, attribution: Attribution)?,
        analysis: DocumentAnalysis, entities: EntityIndex
    ) -> Attribution {
        // A pattern that matched a cue but names no speaker ("…, adding that …") keeps its rule
        // and cue; the speaker comes from the attribution just before it.
        let matchedByPattern = quote.rule != QuoteDetector.unattributedRule
        if quote.speakerIsUnnamed {
            return Attribution(speakerName: nil, mention: nil, resolvedBy: "none", anonymous: false, cue: quote.cue, rule: quote.rule, confidence: quote.confidence)
        }
        if let previous = lastAttributed, paragraph - previous.paragraph <= 1,
            matchedByPattern || paragraph == previous.paragraph || isQuotationOnly(paragraph: paragraph, quote: quote, analysis: analysis)
        {
            var continued = previous.attribution
            continued.rule = matchedByPattern ? quote.rule : Self.continuationRule
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
                let introducer = entities.people(in: ScalarRange(previous)).last
            {
                return Attribution(
                    speakerName: entities.people[introducer.entity].fullName, mention: introducer.range, resolvedBy: "colon-introduction",
                    anonymous: false, cue: nil, rule: Self.colonIntroductionRule, confidence: 0.7
                )
            }
        }
        if analysis.paragraphs.indices.contains(paragraph) {
            let range = ScalarRange(analysis.paragraphs[paragraph])
            let people = entities.people(in: range).filter { !quote.range.contains($0.range) }
            if people.count == 1, let only = people.first {
                return Attribution(
                    speakerName: entities.people[only.entity].fullName, mention: only.range, resolvedBy: "paragraph-person",
                    anonymous: false, cue: nil, rule: Self.paragraphPersonRule, confidence: 0.5
                )
            }
        }
        return Attribution(speakerName: nil, mention: nil, resolvedBy: "none", anonymous: false, cue: nil, rule: quote.rule, confidence: quote.confidence * 0.8)
    }

    /// The paragraph holds nothing but this quotation (and punctuation).
    private func isQuotationOnly(paragraph: Int, quote: DetectedQuote, analysis: DocumentAnalysis) -> Bool {
        guard analysis.sentences.indices.contains(quote.sentence) else { return false }
        let outer = quote.quoteIndices.map { analysis.quotes[$0].outer }
        // Sentences are in text order: walk out from the quotation's sentence over its paragraph.
        var first = quote.sentence
        while first > 0, analysis.sentences[first - 1].paragraph == paragraph { first -= 1 }
        var index = first
        while index < analysis.sentences.count, analysis.sentences[index].paragraph == paragraph {
            for tokenIndex in analysis.sentences[index].tokens {
                let token = analysis.tokens[tokenIndex]
                if token.kind != .punctuation, !outer.contains(where: { $0.contains(token.range) }) { return false }
            }
            index += 1
        }
        return true
    }

    func resolve(source: ScalarRange, quote: DetectedQuote, analysis: DocumentAnalysis, entities: EntityIndex) -> Attribution {
        let tokenRange = tokens(covering: source, in: analysis)
        let tokens = analysis.tokens
        let text = analysis.string(source)
        var result = Attribution(
            speakerName: text, mention: source, resolvedBy: "mention", anonymous: false, cue: quote.cue,
            rule: quote.rule, confidence: quote.confidence
        )
        guard let first = tokenRange.first, let last = tokenRange.last else { return result }
        let head = tokens[last]
        if tokenRange.count == 1, let pronoun = lexicon.pronouns[head.key] {
            if pronoun.number == .singular, pronoun.gender == .male || pronoun.gender == .female,
                let antecedent = entities.nearestPerson(before: source.start, gender: pronoun.gender)
            {
                result.speakerName = entities.people[antecedent.entity].fullName
                result.resolvedBy = "pronoun"
            } else {
                result.resolvedBy = "unresolved"
            }
            return result
        }
        if tokenRange.count == 1, head.classes.contains(.relativePronoun) {
            if let antecedent = entities.nearestPerson(before: source.start, gender: .unknown, after: max(0, source.start - 200)) {
                result.speakerName = entities.people[antecedent.entity].fullName
                result.resolvedBy = "relative"
            } else {
                result.resolvedBy = "unresolved"
            }
            return result
        }
        // A named person: the longest known name inside the phrase.
        if let named = entities.mentions.last(where: { source.contains($0.range) }) {
            let entity = entities.people[named.entity]
            result.speakerName = entity.fullName
            result.resolvedBy = analysis.string(named.range) == entity.fullName ? "mention" : "alias"
            return result
        }
        if head.isCapitalized, let entity = entities.entity(forSurname: head.key) {
            result.speakerName = entities.people[entity].fullName
            result.resolvedBy = "alias"
            return result
        }
        let classes = head.classes
        if !tokens[first].isCapitalized || tokens[first].classes.contains(.determiner), classes.contains(.title),
            let person = entityByRole(tokenRange, before: source.start, analysis: analysis, entities: entities)
        {
            result.speakerName = person
            result.resolvedBy = "role"
            return result
        }
        if classes.contains(.anonymous) && !head.isCapitalized {
            result.anonymous = true
            result.resolvedBy = "anonymous"
            return result
        }
        if classes.contains(.organization) || head.isCapitalized {
            result.resolvedBy = classes.contains(.organization) ? "organization" : "mention"
        }
        return result
    }

    /// "the Russian president" → the last person introduced with those role words.
    private func entityByRole(_ range: Range<Int>, before offset: Int, analysis: DocumentAnalysis, entities: EntityIndex) -> String? {
        let roleWords = Set(range.map { analysis.tokens[$0].key }).subtracting(["the", "a", "an"])
        for mention in entities.mentions.reversed() where mention.range.end <= offset {
            let person = entities.people[mention.entity]
            if roleWords.isSubset(of: person.roleWords) { return person.fullName }
        }
        return nil
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
