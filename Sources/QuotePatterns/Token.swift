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
    // one into 56 bytes where declaration by topic took 72. The word id shares the quotation
    // index's field rather than adding one.
    public var range: ScalarRange
    /// Lower-cased text for words (empty for quotes), the mark itself for punctuation.
    /// Short words stay inline in `String`'s small form, and a longer one shares the storage of
    /// its word's entry in ``WordTable``, so this costs no allocation per token.
    public var key: String
    /// For a quotation its index into ``DocumentAnalysis/quotes``, for a word its index into
    /// ``WordTable/entries``: a token is never both, so one field holds either.
    @usableFromInline var index: Int
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

    /// The ``word`` of a token that is no word.
    public static let noWord = UInt32.max

    // The tokenizer lives in the detector, another module, where Swift synthesises no initialiser;
    // inlinable, as it makes every token there.
    @inlinable public init(
        kind: Kind, range: ScalarRange, key: String, classes: WordClasses, isCapitalized: Bool, scalar: Unicode.Scalar, quoteIndex: Int,
        isClaimLikeQuote: Bool = false, isTitleLikeQuote: Bool = false, word: UInt32 = Token.noWord
    ) {
        self.kind = kind
        self.range = range
        self.key = key
        self.classes = classes
        self.index = kind == .word ? (word == Token.noWord ? -1 : Int(word)) : quoteIndex
        self.isCapitalized = isCapitalized
        self.scalar = scalar
        self.isClaimLikeQuote = isClaimLikeQuote
        self.isTitleLikeQuote = isTitleLikeQuote
    }

    /// For quotes, the index into ``DocumentAnalysis/quotes``; -1 otherwise.
    public var quoteIndex: Int {
        @inlinable get { kind == .quote ? index : -1 }
        set { if kind == .quote { index = newValue } }
    }

    /// For words, the index of the word as written in ``WordTable/entries`` of its document;
    /// ``Token/noWord`` for marks, quotations and a word made without a table.
    public var word: UInt32 {
        @inlinable get { kind == .word && index >= 0 ? UInt32(truncatingIfNeeded: index) : Token.noWord }
    }

    public var isWord: Bool { kind == .word }
    public var isQuote: Bool { kind == .quote }

    public func isPunctuation(_ mark: Unicode.Scalar) -> Bool {
        kind == .punctuation && scalar == mark
    }
}

/// The distinct words of one document as written, each read once: a word repeated costs the
/// tokenizer a hash of its scalars and no string and no lexicon look-up.
public struct WordTable: Sendable {
    public struct Entry: Sendable, Hashable {
        /// Lower-cased, as ``Token/key``.
        public var key: String
        /// The lexicon's classes of ``key`` and the classes of the word's ending (`suffixClasses`).
        public var classes: WordClasses
        /// Classes declared by name beyond those a token carries inline (``WideWordClasses``).
        public var wideClasses: WideWordClasses
        public var isCapitalized: Bool

        public init(key: String, classes: WordClasses, wideClasses: WideWordClasses, isCapitalized: Bool) {
            self.key = key
            self.classes = classes
            self.wideClasses = wideClasses
            self.isCapitalized = isCapitalized
        }
    }

    public var entries: [Entry]

    public init(entries: [Entry] = []) {
        self.entries = entries
    }

    /// Whether the word of `token` is in `wordClass`, inline or wide; a mark or a quotation is in none.
    public func contains(_ token: Token, in wordClass: NamedWordClass) -> Bool {
        switch wordClass {
        case let .inline(classes): return token.classes.intersects(classes)
        case let .wide(index): return entries.indices.contains(Int(token.word)) && entries[Int(token.word)].wideClasses.contains(index)
        }
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
