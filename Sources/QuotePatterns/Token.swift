import QuoteCheckText
import QuoteRules

/// A word, a punctuation mark, or a whole quotation, with its place in the text.
public struct Token: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case word
        case punctuation
        /// A quotation in marks, as one token; ``Token/quoteIndex`` says which.
        case quote
    }

    // Stored widest first: a document holds a token per word and mark, and this order packs
    // one into 56 bytes where declaration by topic took 72.
    public var range: ScalarRange
    /// Lower-cased text for words (empty for quotes), the mark itself for punctuation.
    /// Short words stay inline in `String`'s small form, so this costs no allocation.
    public var key: String
    /// For quotes, the index into ``DocumentAnalysis/quotes``.
    public var quoteIndex: Int
    public var classes: WordClasses
    /// For punctuation, the mark; for a word, its first scalar; for a quotation, the last scalar
    /// before its closing mark.
    public var scalar: Unicode.Scalar
    public var kind: Kind
    /// The first scalar is an upper-case letter; for a quotation, the first letter inside its marks.
    public var isCapitalized: Bool
    /// For quotes: worth reporting as a claim on its own merits (two words or more, not a title
    /// of a work such as “The Old Man and the Sea”).
    public var isClaimLikeQuote: Bool = false
    /// For quotes: every word but short function words capitalised, as in a title of a work.
    public var isTitleLikeQuote: Bool = false

    // The tokenizer lives in the detector, another module, where Swift synthesises no initialiser.
    public init(
        kind: Kind, range: ScalarRange, key: String, classes: WordClasses, isCapitalized: Bool, scalar: Unicode.Scalar, quoteIndex: Int,
        isClaimLikeQuote: Bool = false, isTitleLikeQuote: Bool = false
    ) {
        self.kind = kind
        self.range = range
        self.key = key
        self.classes = classes
        self.isCapitalized = isCapitalized
        self.scalar = scalar
        self.quoteIndex = quoteIndex
        self.isClaimLikeQuote = isClaimLikeQuote
        self.isTitleLikeQuote = isTitleLikeQuote
    }

    public var isWord: Bool { kind == .word }
    public var isQuote: Bool { kind == .quote }

    public func isPunctuation(_ mark: Unicode.Scalar) -> Bool {
        kind == .punctuation && scalar == mark
    }
}

/// A quotation in marks as found in the text.
public struct QuoteSpan: Sendable, Hashable {
    /// From the opening mark to just after the closing mark (or to where an unclosed quote was cut).
    public var outer: ScalarRange
    /// The words between the marks.
    public var inner: ScalarRange
    /// Whether a closing mark was found (an unclosed quote was repaired at its paragraph's end).
    public var isClosed: Bool
    /// Whether it runs over several paragraphs (the news convention of reopening each paragraph).
    public var spansParagraphs: Bool
    /// The last scalar before the closing mark: a full stop there can end the sentence.
    public var endsWithTerminal: Bool
    public var wordCount: Int
    /// Came from an HTML `<q>` or `<blockquote>` rather than from marks.
    public var fromMarkup: Bool
    /// Every word but short function words is capitalised: a title, a name or a slogan.
    public var looksLikeTitle: Bool = false

    public init(
        outer: ScalarRange, inner: ScalarRange, isClosed: Bool, spansParagraphs: Bool, endsWithTerminal: Bool, wordCount: Int, fromMarkup: Bool,
        looksLikeTitle: Bool = false
    ) {
        self.outer = outer
        self.inner = inner
        self.isClosed = isClosed
        self.spansParagraphs = spansParagraphs
        self.endsWithTerminal = endsWithTerminal
        self.wordCount = wordCount
        self.fromMarkup = fromMarkup
        self.looksLikeTitle = looksLikeTitle
    }
}

/// A sentence: a run of tokens.
public struct Sentence: Sendable, Hashable {
    public var tokens: Range<Int>
    public var paragraph: Int

    public init(tokens: Range<Int>, paragraph: Int) {
        self.tokens = tokens
        self.paragraph = paragraph
    }
}
