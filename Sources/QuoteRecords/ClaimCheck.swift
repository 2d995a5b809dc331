/// The result of checking a quote against reference material (`quotecheck check`): added to the
/// quote's record as its `check` object.
public struct ClaimCheck: Codable, Sendable, Hashable {
    public enum Status: String, Codable, Sendable, CaseIterable {
        /// The same words, ignoring case, whitespace, quotation-mark style, dashes and edge punctuation.
        case verbatim
        /// Faithful except for omissions marked with an ellipsis and bracketed editorial changes.
        case elided
        /// The words differ; see ``ClaimCheck/diff``.
        case altered
        /// Pieces of the quote come from places of the reference that are far apart, out of order or
        /// in different documents, with no ellipsis to say so; see ``ClaimCheck/pieces``.
        case spliced
        /// No passage is close enough; ``ClaimCheck/similarity`` says how close the best one was.
        case notFound = "not-found"
        /// Reported speech whose numbers, negations and names agree with the passage it reports.
        case paraphraseOK = "paraphrase-ok"
        /// Reported speech that contradicts its passage in a number, a negation or a name.
        case paraphraseConflict = "paraphrase-conflict"
    }

    /// How the quote's speaker compares with the reference passage's speaker.
    public enum SpeakerAgreement: String, Codable, Sendable {
        case same
        case mismatch
        /// One side has no (named) speaker.
        case unknown
    }

    public var status: Status
    /// The reference document and the matched passage in it (absent when nothing matched).
    public var reference: ReferenceSpan?
    /// 0 to 1: matched words ÷ (matched + replaced + inserted words + 2 per run of words left out
    /// without an ellipsis).
    public var similarity: Double
    /// Word-level differences; elisions and editorial insertions are listed too, as non-changes.
    public var diff: [DiffEntry]
    /// The speaker of the matched passage (transcript label or reference record), if any.
    public var referenceSpeaker: String?
    public var speaker: SpeakerAgreement
    /// The meaning-changing kinds found in ``diff``: `negation-added`, `negation-dropped`,
    /// `number-changed`, `entity-swapped`.
    public var critical: [String]
    /// Findings that are not meaning changes but a reader should see: `omitted-without-ellipsis`
    /// (a sentence or more left out unmarked). Absent when there are none.
    public var findings: [String]?
    /// One entry per stretch of the quote that was found on its own (a piece of a quote interrupted
    /// by its attribution, or a part of a spliced quote), with its own passage. Absent when the
    /// quote matched one passage as a whole.
    public var pieces: [PieceCheck]?

    public init(
        status: Status, reference: ReferenceSpan?, similarity: Double, diff: [DiffEntry],
        referenceSpeaker: String?, speaker: SpeakerAgreement, critical: [String], findings: [String]? = nil, pieces: [PieceCheck]? = nil
    ) {
        self.status = status
        self.reference = reference
        self.similarity = similarity
        self.diff = diff
        self.referenceSpeaker = referenceSpeaker
        self.speaker = speaker
        self.critical = critical
        self.findings = findings
        self.pieces = pieces
    }

    /// Whether this check should fail a run: a critical change (in a quotation or a paraphrase),
    /// a speaker mismatch, or a quote not found unless `allowNotFound`.
    public func fails(allowNotFound: Bool) -> Bool {
        !critical.isEmpty || status == .paraphraseConflict || speaker == .mismatch || (!allowNotFound && status == .notFound)
    }

    /// The verdict before `--allow-not-found` replaced `--strict` (kept so callers merge cleanly).
    @available(*, deprecated, renamed: "fails(allowNotFound:)")
    public func fails(strict: Bool) -> Bool {
        fails(allowNotFound: !strict)
    }
}

/// A stretch of a quote matched on its own, and where it comes from.
public struct PieceCheck: Codable, Sendable, Hashable {
    /// The stretch's offsets in the quoted article's loaded text.
    public var quoteStart: Int
    public var quoteEnd: Int
    /// The matched passage; absent when the stretch is in no reference.
    public var reference: ReferenceSpan?
    public var similarity: Double
    /// How this stretch joins the one before it: `first`, `adjacent` (the next words of the same
    /// passage), `elided` (later in the same passage, an ellipsis marks the gap), `omitted`
    /// (later, a sentence or more left out unmarked), `spliced` (far away, earlier, or another
    /// document), `not-found`.
    public var join: String

    public init(quoteStart: Int, quoteEnd: Int, reference: ReferenceSpan?, similarity: Double, join: String) {
        self.quoteStart = quoteStart
        self.quoteEnd = quoteEnd
        self.reference = reference
        self.similarity = similarity
        self.join = join
    }
}

/// A span of a reference document.
public struct ReferenceSpan: Codable, Sendable, Hashable {
    public var uri: String
    public var sha256: String
    /// Unicode scalar offsets into the reference's loaded text, end exclusive.
    public var start: Int
    public var end: Int
    public var sourceBytes: ByteRange
    public var text: String

    public init(uri: String, sha256: String, start: Int, end: Int, sourceBytes: ByteRange, text: String) {
        self.uri = uri
        self.sha256 = sha256
        self.start = start
        self.end = end
        self.sourceBytes = sourceBytes
        self.text = text
    }
}

/// One run of differing words between a quote and its reference passage.
public struct DiffEntry: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable {
        /// Words in the quote that the reference does not have.
        case inserted
        /// Reference words missing from the quote, with no ellipsis to say so.
        case deleted
        /// Reference words the quote has replaced by others.
        case replaced
        /// Reference words left out where the quote has an ellipsis: faithful.
        case elided
        /// Bracketed editorial words in the quote (`[the president]`): faithful.
        case editorial
    }

    public var kind: Kind
    /// The quote's words, and their offsets in the quoted article's loaded text. For `deleted` and
    /// `elided` entries there are no words: start = end is where in the quote they are missing.
    public var quoteText: String?
    public var quoteStart: Int?
    public var quoteEnd: Int?
    /// The reference's words, and their offsets in the reference's loaded text.
    public var referenceText: String?
    public var referenceStart: Int?
    public var referenceEnd: Int?
    /// Meaning-changing kinds of this change (`negation-dropped`, …); empty when harmless.
    public var critical: [String]

    public init(
        kind: Kind, quoteText: String?, quoteStart: Int?, quoteEnd: Int?, referenceText: String?,
        referenceStart: Int?, referenceEnd: Int?, critical: [String]
    ) {
        self.kind = kind
        self.quoteText = quoteText
        self.quoteStart = quoteStart
        self.quoteEnd = quoteEnd
        self.referenceText = referenceText
        self.referenceStart = referenceStart
        self.referenceEnd = referenceEnd
        self.critical = critical
    }

    /// Elisions and editorial words are not changes.
    public var isChange: Bool { kind == .inserted || kind == .deleted || kind == .replaced }
}
