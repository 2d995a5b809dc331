import QuoteCheckText

/// What reloading a record's document gave.
public enum DocumentLookup: Sendable {
    case loaded(LoadedText)
    /// The file is gone (or the URI names nothing readable as a file).
    case missing(reason: String)
    /// The file is there but could not be loaded (binary, unreadable, broken).
    case unreadable(reason: String)
}

/// Reloads the document a record points at. QuoteRecords does not know how documents are
/// loaded (that is QuoteLoader's business), so the caller supplies this.
public typealias DocumentReloader = @Sendable (DocumentReference) -> DocumentLookup

/// Checks claim records against their documents, as `quotecheck verify` does.
///
/// When the document is unchanged (same SHA-256) every span of the record must agree with it:
/// text, offsets, byte ranges and context. When it changed, the quote is searched for again,
/// exactly and then approximately, from its text and context.
public struct RecordVerifier: Sendable {
    /// Below this similarity an approximate match is not the quote any more: `missing`.
    public static let changedThreshold = 0.6

    private let reload: DocumentReloader

    public init(reload: @escaping DocumentReloader) {
        self.reload = reload
    }

    /// Verifies records in order, loading and hashing each distinct document once: the cost is
    /// linear in the number of records (plus each record's own spans).
    public func verify(_ records: [ClaimRecord]) -> [VerificationResult] {
        var documents: [DocumentKey: HashedLookup] = [:]
        return records.map { record in
            let key = DocumentKey(uri: record.document.uri, media: record.document.media)
            let lookup: HashedLookup
            if let cached = documents[key] {
                lookup = cached
            } else {
                lookup = HashedLookup(reload(record.document))
                documents[key] = lookup
            }
            return verify(record, against: lookup)
        }
    }

    /// Verifies one record against an already reloaded document.
    public func verify(_ record: ClaimRecord, against lookup: DocumentLookup) -> VerificationResult {
        verify(record, against: HashedLookup(lookup))
    }

    private func verify(_ record: ClaimRecord, against hashed: HashedLookup) -> VerificationResult {
        let lookup = hashed.lookup
        var result = VerificationResult(record: record)
        switch lookup {
        case let .missing(reason):
            result.status = .missing
            result.problems = ["document not found: \(reason)"]
        case let .unreadable(reason):
            result.status = .invalid
            result.problems = ["document cannot be loaded: \(reason)"]
        case let .loaded(loaded):
            if hashed.rawHash == record.document.sha256 {
                result.problems = Self.consistencyProblems(of: record, in: loaded, textHash: hashed.textHash)
                result.status = result.problems.isEmpty ? .ok : .invalid
            } else {
                Self.reanchor(record, in: loaded, into: &result)
            }
        }
        return result
    }

    /// Everything about a record that disagrees with its (unchanged) document.
    static func consistencyProblems(of record: ClaimRecord, in loaded: LoadedText, textHash: String? = nil) -> [String] {
        var problems: [String] = []
        let textHash = textHash ?? Hashing.sha256Hex(loaded.text)
        if textHash != record.document.textSha256 {
            // Same bytes, different loaded text: a different loader version or input format, so
            // the offsets refer to another text and nothing below can be trusted.
            return ["document.textSha256 differs from the loaded text: loaded with another loader version or format"]
        }
        let quote = record.quote
        problems += spanProblems(
            field: "quote", text: quote.text, start: quote.start, end: quote.end, bytes: quote.sourceBytes, in: loaded)
        if problems.isEmpty {
            // Slices of the scalars, not strings of everything before and after: building those
            // made verifying n records of one document quadratic.
            let before = loaded.scalars[..<quote.start]
            let after = loaded.scalars[quote.end...]
            if !before.reversed().starts(with: quote.prefix.unicodeScalars.reversed()) {
                problems.append("quote.prefix is not the text before the quote")
            }
            if !after.starts(with: quote.suffix.unicodeScalars) {
                problems.append("quote.suffix is not the text after the quote")
            }
        }
        for (index, part) in (quote.parts ?? []).enumerated() {
            let field = "quote.parts[\(index)]"
            guard part.start >= quote.start, part.end <= quote.end, part.start <= part.end else {
                problems.append("\(field) \(part.range) lies outside the quote \(quote.range)")
                continue
            }
            problems += spanProblems(
                field: field, text: part.text, start: part.start, end: part.end, bytes: part.sourceBytes, in: loaded)
        }
        if let parts = quote.parts, let first = parts.first, let last = parts.last,
            first.start != quote.start || last.end != quote.end
        {
            problems.append("quote.parts do not run from quote.start to quote.end")
        }
        if let mention = record.speaker?.mention {
            problems += spanProblems(
                field: "speaker.mention", text: mention.text, start: mention.start, end: mention.end,
                bytes: mention.sourceBytes, in: loaded)
        }
        if let cue = record.cue {
            problems += spanProblems(field: "cue", text: cue.text, start: cue.start, end: cue.end, bytes: cue.sourceBytes, in: loaded)
        }
        return problems
    }

    /// Problems with one span: offsets out of range, text that is not the text at the offsets,
    /// byte ranges that are not what the offset map gives.
    static func spanProblems(field: String, text: String, start: Int, end: Int, bytes: ByteRange, in loaded: LoadedText) -> [String] {
        guard start >= 0, start <= end, end <= loaded.count else {
            return ["\(field) offsets \(start)..<\(end) lie outside the text (\(loaded.count) scalars)"]
        }
        let range = ScalarRange(start: start, end: end)
        var problems: [String] = []
        if !loaded.scalars[range.range].elementsEqual(text.unicodeScalars) {
            problems.append("\(field).text does not match the text at \(range)")
        }
        let expected = loaded.offsetMap.bytes(of: range)
        if expected != bytes {
            problems.append("\(field).sourceBytes \(bytes) should be \(expected)")
        }
        return problems
    }

    /// Finds the quote in a changed document: exactly (choosing the occurrence whose context
    /// matches best), else approximately.
    static func reanchor(_ record: ClaimRecord, in loaded: LoadedText, into result: inout VerificationResult) {
        let needle = Array(record.quote.text.unicodeScalars)
        guard !needle.isEmpty else {
            result.status = .missing
            result.problems = ["document changed and the record's quote is empty"]
            return
        }
        let anchor = TextAnchor(text: loaded.scalars)
        let exact = anchor.occurrences(of: needle)
        if !exact.isEmpty {
            let prefix = Array(record.quote.prefix.unicodeScalars)
            let suffix = Array(record.quote.suffix.unicodeScalars)
            let best = exact.max { lhs, rhs in
                let left = anchor.contextScore(at: lhs, length: needle.count, prefix: prefix, suffix: suffix)
                let right = anchor.contextScore(at: rhs, length: needle.count, prefix: prefix, suffix: suffix)
                if left != right { return left < right }
                // Equal context: prefer the occurrence nearest the old position.
                return abs(lhs - record.quote.start) > abs(rhs - record.quote.start)
            }
            let start = best ?? exact[0]
            let range = ScalarRange(start: start, end: start + needle.count)
            result.status = .moved
            result.similarity = 1
            result.found = FoundSpan(start: range.start, end: range.end, sourceBytes: loaded.offsetMap.bytes(of: range))
            result.problems = ["document changed (SHA-256 differs); quote found unchanged at \(range)"]
            return
        }
        guard let approximate = anchor.bestApproximateMatch(of: needle) else {
            result.status = .missing
            result.problems = ["document changed and the quote is not in it"]
            return
        }
        let range = approximate.range
        if approximate.similarity >= changedThreshold {
            result.status = .changed
            result.similarity = approximate.similarity
            result.found = FoundSpan(start: range.start, end: range.end, sourceBytes: loaded.offsetMap.bytes(of: range))
            // Never more of the file than the record's own quote: records are untrusted, and a
            // forged one must not turn verify into a way to read documents.
            let shown = ScalarRange(start: range.start, end: min(range.end, range.start + needle.count))
            result.foundText = loaded.string(in: shown)
            result.problems = ["document changed and the quote was edited: closest text at \(range)"]
        } else {
            result.status = .missing
            result.similarity = approximate.similarity
            result.problems = ["document changed and the quote is not in it (closest text is \(Self.percent(approximate.similarity)) similar)"]
        }
    }

    static func percent(_ value: Double) -> String {
        "\(Int((value * 100).rounded()))%"
    }
}

/// A reloaded document with its raw and text hashes, computed once per document.
private struct HashedLookup {
    let lookup: DocumentLookup
    let rawHash: String
    let textHash: String

    init(_ lookup: DocumentLookup) {
        self.lookup = lookup
        if case let .loaded(loaded) = lookup {
            rawHash = Hashing.sha256Hex(loaded.rawBytes)
            textHash = Hashing.sha256Hex(loaded.text)
        } else {
            rawHash = ""
            textHash = ""
        }
    }
}

private struct DocumentKey: Hashable {
    let uri: String
    let media: String
}
