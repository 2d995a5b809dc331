import QuoteCheckText
import QuotePatterns
import QuoteRules

/// A loaded text read into paragraphs, quotations, tokens and sentences: what every pattern
/// and sieve works on.
public struct DocumentAnalysis: Sendable {
    public let scalars: [Unicode.Scalar]
    public let paragraphs: [Range<Int>]
    public let quotes: [QuoteSpan]
    public let tokens: [Token]
    /// The distinct words of the text as written, by ``Token/word``.
    public let words: WordTable
    public let sentences: [Sentence]

    /// - Complexity: O(n) in the length of the text.
    public init(text: LoadedText, rules: RuleSet) {
        self.init(text: text, rules: rules, tables: TokenizerTables(rules: rules))
    }

    /// `tables` are those of `rules`, kept by the caller from document to document.
    public init(text: LoadedText, rules: RuleSet, tables: TokenizerTables) {
        let scalars = text.scalars
        self.scalars = scalars
        let paragraphs = Self.paragraphs(in: scalars)
        self.paragraphs = paragraphs
        var quotes = QuoteMarkScanner(scalars: scalars, paragraphs: paragraphs, packMarks: rules.lexicon.quotationMarks).scan()
        quotes = Self.merging(hints: text.quoteHints, into: quotes, scalars: scalars)
        // Quotes inside boilerplate are not the article's.
        quotes.removeAll { text.isExcluded($0.inner) }
        for index in quotes.indices { quotes[index].looksLikeTitle = Self.isTitleOfWork(quotes[index], scalars: scalars, lexicon: rules.lexicon) }
        self.quotes = quotes
        let (tokens, words) = Tokenizer(scalars: scalars, lexicon: rules.lexicon, abbreviations: rules.abbreviations, tables: tables)
            .tokenize(quotes: quotes, excluded: text.excluded.map(\.range))
        self.tokens = tokens
        self.words = words
        self.sentences = Segmenter(scalars: scalars, tokens: tokens, quotes: quotes, paragraphs: paragraphs).sentences()
    }

    /// “The Old Man and the Sea”, “Born in the U.S.A.”: every word but short function words is
    /// capitalised: a title, not a claim.
    static func isTitleOfWork(_ span: QuoteSpan, scalars: [Unicode.Scalar], lexicon: Lexicon) -> Bool {
        guard span.wordCount <= 12 else { return false }
        func isWordPart(_ scalar: Unicode.Scalar) -> Bool { scalar.isLetter || scalar == "'" || scalar == "\u{2019}" }
        var hasWords = false
        var index = span.inner.start
        while index < span.inner.end {
            guard isWordPart(scalars[index]) else {
                index += 1
                continue
            }
            var end = index + 1
            while end < span.inner.end, isWordPart(scalars[end]) { end += 1 }
            hasWords = true
            // A capitalised word passes whatever it is: the lexicon is asked only about the others
            // (most quotations fail at their first), and no word becomes an array or a string.
            let first = scalars[index]
            let capitalized = first.isASCII ? ("A"..."Z").contains(first) : first.properties.isUppercase
            if !capitalized, !lexicon.classes(of: String(scalars: scalars[index..<end]).lowercased()).contains(.titleFunctionWord) { return false }
            index = end
        }
        return hasWords
    }

    /// Paragraphs are lines: news text puts one paragraph on a line, often with blank lines between.
    static func paragraphs(in scalars: [Unicode.Scalar]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = 0
        for index in scalars.indices where scalars[index] == "\n" || scalars[index] == "\u{2029}" {
            if hasText(scalars, start..<index) { result.append(start..<index) }
            start = index + 1
        }
        if start < scalars.count, hasText(scalars, start..<scalars.count) { result.append(start..<scalars.count) }
        return result
    }

    /// Words a line may have and still be a photo caption or a subheading.
    static let captionMaxWords = 25

    /// A short line that ends without a full stop and quotes no one ("Hori Parata at his farm,
    /// where he was born", "whale strandings"): a photo caption or a subheading, which the page
    /// sets between paragraphs of the article without breaking its flow.
    public func isCaptionLike(paragraph index: Int) -> Bool {
        guard paragraphs.indices.contains(index) else { return false }
        let range = paragraphs[index]
        guard let last = range.last(where: { !scalars[$0].isSpaceLike }), !".!?…:;\"”’)]".unicodeScalars.contains(scalars[last]) else { return false }
        if quotes.contains(where: { $0.outer.range.overlaps(range) }) { return false }
        var words = 0
        var inWord = false
        for position in range {
            let isLetter = scalars[position].properties.isAlphabetic || scalars[position].properties.numericType != nil
            if isLetter && !inWord { words += 1 }
            inWord = isLetter
        }
        return words <= Self.captionMaxWords
    }

    private static func hasText(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
        range.contains { !scalars[$0].isSpaceLike }
    }

    /// `<q>` and `<blockquote>` become quotations even without marks, unless marks already cover them.
    static func merging(hints: [QuoteHint], into quotes: [QuoteSpan], scalars: [Unicode.Scalar]) -> [QuoteSpan] {
        guard !hints.isEmpty else { return quotes }
        var merged = quotes
        for hint in hints where !quotes.contains(where: { $0.outer.overlaps(hint.range) }) {
            var lower = hint.range.start
            var upper = hint.range.end
            while lower < upper, scalars[lower].isSpaceLike { lower += 1 }
            while upper > lower, scalars[upper - 1].isSpaceLike { upper -= 1 }
            guard upper > lower else { continue }
            let range = ScalarRange(start: lower, end: upper)
            let words = scalars[lower..<upper].split { $0.isSpaceLike }.count
            merged.append(QuoteSpan(
                outer: range, inner: range, isClosed: true, spansParagraphs: hint.element == .blockquote,
                endsWithTerminal: ".!?".unicodeScalars.contains(scalars[upper - 1]), wordCount: words, fromMarkup: true
            ))
        }
        return merged.sorted { $0.outer < $1.outer }
    }

    /// Whether the token at `index` is a word in `wordClass`, a class declared by name
    /// (``Lexicon/namedWordClass(_:)``) with a bit of its own or a wide one.
    public func token(_ index: Int, isIn wordClass: NamedWordClass) -> Bool {
        tokens.indices.contains(index) && words.contains(tokens[index], in: wordClass)
    }

    /// Whether a line break separates this token from the one before it.
    public func opensParagraph(token index: Int) -> Bool {
        guard index > 0 else { return true }
        return scalars[tokens[index - 1].range.end..<tokens[index].range.start].contains { $0 == "\n" || $0 == "\u{2029}" }
    }

    public func string(_ range: ScalarRange) -> String {
        return String(scalars: scalars[range.range])
    }

    /// The scalar range a run of tokens covers.
    public func range(ofTokens tokens: Range<Int>) -> ScalarRange {
        guard let first = tokens.first, let last = tokens.last else { return ScalarRange(start: 0, end: 0) }
        return ScalarRange(start: self.tokens[first].range.start, end: self.tokens[last].range.end)
    }
}
