import QuoteCheckText
// Tokens and matches are the pattern engine's types; the detector's users see them through it.
@_exported import QuotePatterns
import QuoteRules

/// Stage 2: finds the quotations in a loaded text — direct quotes by their marks, partial and
/// mixed quotes and reported speech by the attribution patterns in `Rules/`.
public struct QuoteDetector: Sendable {
    public let rules: RuleSet
    public let matcher: PatternMatcher
    /// The rule id of a direct quotation no pattern attributed, in the pack's language.
    public let unattributedRule: String
    /// What tokenizing needs of ``rules``, worked out once rather than once a document.
    public let tables: TokenizerTables

    public static func unattributedRule(language: String) -> String {
        "\(language).detector.unattributed-quote"
    }

    public init(rules: RuleSet) {
        self.rules = rules
        self.unattributedRule = Self.unattributedRule(language: rules.language)
        self.tables = TokenizerTables(rules: rules)
        self.matcher = PatternMatcher(rules: rules.attributionRules, lexicon: rules.lexicon)
    }

    public func detect(in text: LoadedText) -> Detection {
        let analysis = DocumentAnalysis(text: text, rules: rules, tables: tables)
        var found: [DetectedQuote] = []
        var quoteTaken = Set<Int>()
        var exceeded: [BudgetExceeded] = []
        for (sentenceIndex, sentence) in analysis.sentences.enumerated() {
            let sentenceMatches = matcher.matches(in: sentence.tokens, tokens: analysis.tokens)
            for ruleIndex in sentenceMatches.overBudget {
                let rule = matcher.rules[ruleIndex]
                let start = sentence.tokens.isEmpty ? 0 : analysis.range(ofTokens: sentence.tokens).start
                exceeded.append(BudgetExceeded(rule: rule.id, ruleFile: rule.file, ruleLine: rule.line, sentenceStart: start))
            }
            for match in sentenceMatches.matches {
                guard let quote = detected(match, sentenceIndex: sentenceIndex, analysis: analysis) else { continue }
                quoteTaken.formUnion(quote.quoteIndices)
                found.append(quote)
            }
        }
        let sentencesWithRecords = Set(found.map(\.sentence))
        let repeated = repeatedQuotations(analysis)
        for index in found.indices where found[index].kind != .indirect {
            extendWithFollowingQuotes(&found[index], taken: &quoteTaken, skipping: sentencesWithRecords, repeated: repeated, analysis: analysis)
        }
        for (sentenceIndex, sentence) in analysis.sentences.enumerated() {
            for tokenIndex in sentence.tokens where analysis.tokens[tokenIndex].isQuote {
                let quoteIndex = analysis.tokens[tokenIndex].quoteIndex
                guard !quoteTaken.contains(quoteIndex) else { continue }
                // A quotation the page prints again word for word (a slideshow caption on every
                // slide, a pull quote of words the article attributes) is page furniture when no
                // pattern attributed it.
                guard !repeated.contains(quoteIndex) else { continue }
                let span = analysis.quotes[quoteIndex]
                let opensSentence = tokenIndex == sentence.tokens.lowerBound
                    || analysis.tokens[tokenIndex - 1].isPunctuation(":") && analysis.opensParagraph(token: tokenIndex)
                // A quotation no pattern took is reported only when it opens its sentence: inside a
                // sentence it is a scare quote, a title or a fragment of someone's words that the
                // sentence's own verb reports ("the film “Dune”", "a “great success”").
                guard opensSentence && span.wordCount >= 2 else { continue }
                guard !span.looksLikeTitle else { continue }
                var unattributed = DetectedQuote(
                    kind: .direct, parts: [trimmedInner(span, analysis: analysis)], rule: unattributedRule,
                    confidence: 0.6, sentence: sentenceIndex, quoteIndices: [quoteIndex]
                )
                quoteTaken.insert(quoteIndex)
                // Quotation-only sentences after it are the same voice, attributed or not.
                extendWithFollowingQuotes(&unattributed, taken: &quoteTaken, skipping: sentencesWithRecords, repeated: repeated, analysis: analysis)
                found.append(unattributed)
            }
        }
        found.sort { $0.range < $1.range }
        return Detection(analysis: analysis, quotes: found, budgetExceeded: exceeded)
    }

    /// `"Coal isn't the villain," he said. "The villain is excess carbon."`: quote-only sentences
    /// that follow an attributed quotation in its paragraph continue it, as pieces of one quotation.
    func extendWithFollowingQuotes(
        _ quote: inout DetectedQuote, taken: inout Set<Int>, skipping sentencesWithRecords: Set<Int>, repeated: Set<Int>,
        analysis: DocumentAnalysis
    ) {
        let sentences = analysis.sentences
        let tokens = analysis.tokens
        // "“We are refugees,” Ms. Alawee said, standing by her stall, “not terrorists.”": a
        // quotation later in the same sentence that no pattern took goes on with the same words.
        if quote.kind == .direct, let last = quote.quoteIndices.last {
            for index in sentences[quote.sentence].tokens where tokens[index].isQuote && tokens[index].isClaimLikeQuote {
                let quoteIndex = tokens[index].quoteIndex
                guard quoteIndex > last, !taken.contains(quoteIndex) else { continue }
                append(quoteIndex, to: &quote, taken: &taken, analysis: analysis)
            }
        }
        var paragraph = sentences[quote.sentence].paragraph
        var next = quote.sentence + 1
        // A following paragraph continues the quotation only when it is nothing but quotation
        // (not one the page prints twice, a pull quote, nor one running on over paragraphs of
        // its own, a statement of its own), and only a quotation: after
        // reported words holding a quoted fragment ("Children … “will have a different view,” he
        // said. ¶ “There are going to be tensions.”") the next paragraph is the speaker's own
        // words, a claim of its own.
        while next < sentences.count, sentences[next].paragraph == paragraph
            || quote.kind == .direct && sentences[next].paragraph == paragraph + 1
                && isQuoteOnlyParagraph(from: next, analysis: analysis, except: repeated)
        {
            let words = sentences[next].tokens.filter { tokens[$0].kind != .punctuation }
            // "…,” said Robin Maynard. He holds two degrees. “But I like working with my hands.”:
            // a narrating sentence of the same paragraph, quoting no one, does not end the quotation.
            if sentences[next].paragraph == paragraph, !sentencesWithRecords.contains(next),
                !words.contains(where: { tokens[$0].isQuote }), next + 1 < sentences.count, sentences[next + 1].paragraph == paragraph
            {
                next += 1
                continue
            }
            // "“It was very nice,” he said. “He was very charming” to everyone.": a sentence of the
            // paragraph that opens with a quotation and quotes no one else goes on with the words.
            let opening = sentences[next].tokens.lowerBound
            if words.count > 1, sentences[next].paragraph == paragraph, !sentencesWithRecords.contains(next),
                tokens[opening].isQuote, tokens[opening].isClaimLikeQuote, !taken.contains(tokens[opening].quoteIndex)
            {
                append(tokens[opening].quoteIndex, to: &quote, taken: &taken, analysis: analysis)
                return
            }
            paragraph = sentences[next].paragraph
            guard words.count == 1, let only = words.first, tokens[only].isQuote else { return }
            let quoteIndex = tokens[only].quoteIndex
            guard !taken.contains(quoteIndex) else { return }
            append(quoteIndex, to: &quote, taken: &taken, analysis: analysis)
            next += 1
        }
    }

    /// The quotations whose words (of two or more) occur in another quotation of the document.
    func repeatedQuotations(_ analysis: DocumentAnalysis) -> Set<Int> {
        var byWords: [String: [Int]] = [:]
        // Growing would hash every quotation's text again.
        byWords.reserveCapacity(analysis.quotes.count)
        for (index, span) in analysis.quotes.enumerated() where span.wordCount >= 2 {
            byWords[analysis.string(trimmedInner(span, analysis: analysis)), default: []].append(index)
        }
        return Set(byWords.values.filter { $0.count > 1 }.joined())
    }

    /// One more quotation as the next piece of `quote`.
    private func append(_ quoteIndex: Int, to quote: inout DetectedQuote, taken: inout Set<Int>, analysis: DocumentAnalysis) {
        taken.insert(quoteIndex)
        quote.quoteIndices.append(quoteIndex)
        quote.parts.append(trimmedInner(analysis.quotes[quoteIndex], analysis: analysis))
    }

    private func isQuoteOnlyParagraph(from sentence: Int, analysis: DocumentAnalysis, except repeated: Set<Int>) -> Bool {
        let paragraph = analysis.sentences[sentence].paragraph
        var index = sentence
        while index < analysis.sentences.count, analysis.sentences[index].paragraph == paragraph {
            let words = analysis.sentences[index].tokens.filter { analysis.tokens[$0].kind != .punctuation }
            guard words.count == 1, let only = words.first, analysis.tokens[only].isQuote,
                !repeated.contains(analysis.tokens[only].quoteIndex), !analysis.quotes[analysis.tokens[only].quoteIndex].spansParagraphs
            else { return false }
            index += 1
        }
        return true
    }

    func detected(_ match: PatternMatch, sentenceIndex: Int, analysis: DocumentAnalysis) -> DetectedQuote? {
        let tokens = analysis.tokens
        var parts: [ScalarRange] = []
        var quoteIndices: [Int] = []
        var hasReportedWords = false
        for piece in match.content {
            if piece.count == 1, tokens[piece.lowerBound].isQuote {
                let quoteIndex = tokens[piece.lowerBound].quoteIndex
                quoteIndices.append(quoteIndex)
                parts.append(trimmedInner(analysis.quotes[quoteIndex], analysis: analysis))
            } else {
                for index in piece where tokens[index].isQuote { quoteIndices.append(tokens[index].quoteIndex) }
                hasReportedWords = true
                parts.append(analysis.range(ofTokens: piece))
            }
        }
        guard !parts.isEmpty else { return nil }
        let kind: QuoteKind = !hasReportedWords ? .direct : (quoteIndices.isEmpty ? .indirect : .mixed)
        let rule = matcher.rules[match.ruleIndex]
        var quote = DetectedQuote(
            kind: kind,
            parts: parts,
            cue: match.cue.map { analysis.range(ofTokens: $0) },
            source: match.speaker.map { analysis.range(ofTokens: $0) },
            rule: rule.id,
            confidence: rule.confidence * match.cueConfidence,
            sentence: sentenceIndex,
            quoteIndices: quoteIndices
        )
        quote.speakerIsUnnamed = rule.speakerIsUnnamed
        quote.speakerMustBePerson = rule.speakerMustBePerson
        return quote
    }

    /// The words between the marks, without the comma that stands for a full stop before an
    /// attribution (“We are trying,” he said).
    func trimmedInner(_ span: QuoteSpan, analysis: DocumentAnalysis) -> ScalarRange {
        var lower = span.inner.start
        var upper = span.inner.end
        let scalars = analysis.scalars
        while lower < upper, scalars[lower].isSpaceLike { lower += 1 }
        while upper > lower, scalars[upper - 1].isSpaceLike || scalars[upper - 1] == "," { upper -= 1 }
        return ScalarRange(start: lower, end: upper)
    }
}
