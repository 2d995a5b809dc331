import Foundation

/// Checks quotes against indexed reference material: finds the best-matching passage, aligns the
/// words, classifies the quote and marks the changes that flip meaning.
public struct QuoteChecker: Sendable {
    /// Below this similarity the best passage is not the quote's source: `not-found`.
    public static let notFoundBelow = 0.6

    public let index: ReferenceIndex
    public let names: SpeakerNames

    public init(index: ReferenceIndex, names: SpeakerNames) {
        self.index = index
        self.names = names
    }

    /// The record with its `check` filled in; indirect quotes (no quoted words) come back as they are.
    public func checked(_ record: ClaimRecord) -> ClaimRecord {
        var record = record
        let scalars = Array(record.quote.text.unicodeScalars)
        var tokens = WordTokenizer.tokenize(scalars)
        // Only the quoted pieces are the speaker's: drop the attribution between parts, and the
        // reporter's own words around the quoted fragment of a mixed quote.
        if let parts = record.quote.parts, parts.count > 1 {
            let local = parts.map { ScalarRange(start: $0.start - record.quote.start, end: $0.end - record.quote.start) }
            tokens = tokens.filter { token in local.contains { $0.contains(token.range) } }
        }
        switch record.kind {
        case .indirect:
            return record
        case .mixed:
            let quoted = Self.quotedRanges(in: scalars)
            guard !quoted.isEmpty else { return record }
            tokens = tokens.filter { token in quoted.contains { $0.contains(token.range) } }
        case .direct:
            break
        }
        let speaker = record.speaker.flatMap { $0.anonymous ? nil : ($0.name.isEmpty ? $0.mention?.text : $0.name) }
        record.check = check(tokens: tokens, in: scalars, articleOffset: record.quote.start, speaker: speaker)
        return record
    }

    /// Checks quote text directly (offsets in the diff are then local to `text`).
    public func check(text: String, speaker: String? = nil) -> ClaimCheck {
        let scalars = Array(text.unicodeScalars)
        return check(tokens: WordTokenizer.tokenize(scalars), in: scalars, articleOffset: 0, speaker: speaker)
    }

    func check(tokens: [WordToken], in quote: [Unicode.Scalar], articleOffset: Int, speaker: String?) -> ClaimCheck {
        var best: (result: Comparison, document: Int)?
        if tokens.contains(where: \.isSpoken) {
            for candidate in index.candidates(for: tokens) {
                let document = index.documents[candidate.document]
                let steps = WordAlignment.align(quote: tokens, reference: document.tokens[candidate.tokens])
                let comparison = Comparison(steps: steps, quote: tokens, quoteScalars: quote, articleOffset: articleOffset, document: document)
                if best.map({ comparison.similarity > $0.result.similarity }) ?? true {
                    best = (comparison, candidate.document)
                }
            }
        }
        guard let best, best.result.similarity >= Self.notFoundBelow, let local = best.result.referenceRange else {
            return ClaimCheck(
                status: .notFound, reference: nil, similarity: best?.result.similarity ?? 0, diff: [], referenceSpeaker: nil,
                speaker: .unknown, critical: [])
        }
        let document = index.documents[best.document]
        let comparison = best.result
        let status: ClaimCheck.Status
        if comparison.diff.contains(where: \.isChange) {
            status = .altered
        } else if comparison.diff.isEmpty && !tokens.contains(where: { !$0.isSpoken }) {
            status = .verbatim
        } else {
            status = .elided
        }
        let referenceSpeaker = document.speaker(at: local.start)
        var agreement = ClaimCheck.SpeakerAgreement.unknown
        if let referenceSpeaker, !referenceSpeaker.anonymous, let speaker {
            agreement = names.same(speaker, referenceSpeaker.name) ? .same : .mismatch
        }
        var critical: [String] = []
        for entry in comparison.diff { for kind in entry.critical where !critical.contains(kind) { critical.append(kind) } }
        return ClaimCheck(
            status: status, reference: document.span(local), similarity: comparison.similarity, diff: comparison.diff,
            referenceSpeaker: referenceSpeaker?.name, speaker: agreement, critical: critical)
    }

    /// Ranges strictly inside quotation marks, for the quoted fragments of a mixed quote.
    static func quotedRanges(in scalars: [Unicode.Scalar]) -> [ScalarRange] {
        var ranges: [ScalarRange] = []
        var open: Int?
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case "\u{201C}": open = index + 1
            case "\u{201D}":
                if let start = open { ranges.append(ScalarRange(start: start, end: index)) }
                open = nil
            case "\"":
                if let start = open { ranges.append(ScalarRange(start: start, end: index)); open = nil } else { open = index + 1 }
            default: break
            }
        }
        return ranges
    }
}

/// An alignment turned into what the check reports: diff entries, similarity, matched span.
struct Comparison {
    var diff: [DiffEntry] = []
    var similarity: Double = 0
    /// Local offsets of the matched passage in the reference document.
    var referenceRange: ScalarRange?

    init(steps: [AlignmentStep], quote: [WordToken], quoteScalars: [Unicode.Scalar], articleOffset: Int, document: ReferenceDocument) {
        var matched = 0
        var changes = 0
        var firstReference: Int?
        var lastReference: Int?
        var run: (kind: DiffEntry.Kind, quote: [Int], reference: [Int])?
        var inDeletedGap = false
        // Where in the quote the next left-out reference words are missing: after the last quote token.
        var quoteCursor = quote.first.map { Int($0.start) } ?? 0

        func close() {
            guard let current = run else { return }
            var entry = Self.entry(current.kind, quote: current.quote.map { quote[$0] }, reference: current.reference.map { document.tokens[$0] },
                quoteScalars: quoteScalars, articleOffset: articleOffset, document: document)
            if entry.quoteStart == nil {
                entry.quoteStart = articleOffset + quoteCursor
                entry.quoteEnd = articleOffset + quoteCursor
            }
            diff.append(entry)
            run = nil
        }
        func add(_ kind: DiffEntry.Kind, quote quoteIndex: Int?, reference referenceIndex: Int?) {
            let group: DiffEntry.Kind = kind == .inserted || kind == .deleted || kind == .replaced ? .replaced : kind
            let currentGroup: DiffEntry.Kind? = run.map { $0.kind == .inserted || $0.kind == .deleted || $0.kind == .replaced ? .replaced : $0.kind }
            if currentGroup != group { close() }
            if run == nil { run = (kind, [], []) }
            if let quoteIndex { run?.quote.append(quoteIndex) }
            if let referenceIndex { run?.reference.append(referenceIndex) }
            if group == .replaced, let current = run {
                run?.kind = current.quote.isEmpty ? .deleted : (current.reference.isEmpty ? .inserted : .replaced)
            }
        }

        for step in steps {
            switch step {
            case let .match(quoteIndex, reference):
                close()
                quoteCursor = Int(quote[quoteIndex].end)
                matched += 1
                inDeletedGap = false
                firstReference = firstReference ?? reference
                lastReference = reference
            case let .substitute(quoteIndex, reference):
                inDeletedGap = false
                firstReference = firstReference ?? reference
                lastReference = reference
                if quote[quoteIndex].isEditorial {
                    add(.editorial, quote: quoteIndex, reference: reference)
                } else {
                    changes += 1
                    add(.replaced, quote: quoteIndex, reference: reference)
                }
                quoteCursor = Int(quote[quoteIndex].end)
            case let .quoteOnly(quoteIndex):
                inDeletedGap = false
                let token = quote[quoteIndex]
                defer { quoteCursor = Int(token.end) }
                if token.isEllipsis { continue }
                if token.isEditorial {
                    add(.editorial, quote: quoteIndex, reference: nil)
                } else {
                    changes += 1
                    add(.inserted, quote: quoteIndex, reference: nil)
                }
            case let .referenceOnly(reference, elided):
                // Gaps before the first or after the last aligned word are just the passage's edges.
                guard firstReference != nil else { continue }
                if elided {
                    add(.elided, quote: nil, reference: reference)
                } else {
                    // Two changes per run: leaving words out unmarked is as bad as a replaced word
                    // and a wrong one, and it keeps scattered chance matches below the threshold.
                    if !inDeletedGap { changes += 2 }
                    inDeletedGap = true
                    add(.deleted, quote: nil, reference: reference)
                }
            }
        }
        close()
        // A trailing gap after the last aligned word belongs to no change.
        while let last = diff.last, last.kind == .elided || last.kind == .deleted,
            let start = last.referenceStart, let end = lastReference.map({ document.baseOffset + Int(document.tokens[$0].end) }), start >= end
        {
            diff.removeLast()
            if last.kind == .deleted { changes -= 2 }
        }
        similarity = matched + changes == 0 ? 0 : Double(matched) / Double(matched + changes)
        if let firstReference, let lastReference {
            referenceRange = ScalarRange(start: Int(document.tokens[firstReference].start), end: Int(document.tokens[lastReference].end))
        }
    }

    static func entry(
        _ kind: DiffEntry.Kind, quote: [WordToken], reference: [WordToken], quoteScalars: [Unicode.Scalar], articleOffset: Int,
        document: ReferenceDocument
    ) -> DiffEntry {
        let quoteRange = quote.first.map { first in ScalarRange(start: Int(first.start), end: Int(quote.last?.end ?? first.end)) }
        let referenceRange = reference.first.map { first in ScalarRange(start: Int(first.start), end: Int(reference.last?.end ?? first.end)) }
        let quoteWords = quote.map { WordTokenizer.normalized($0, in: quoteScalars) }
        let referenceWords = reference.map { WordTokenizer.normalized($0, in: document.scalars) }
        var critical: [String] = []
        if kind == .inserted || kind == .deleted || kind == .replaced {
            critical = CriticalChange.kinds(
                quoteWords: quoteWords, referenceWords: referenceWords,
                quoteNames: zip(quote, quoteWords).filter { CriticalChange.isName($0.0, $0.1) }.map(\.1),
                referenceNames: zip(reference, referenceWords).filter { CriticalChange.isName($0.0, $0.1) }.map(\.1))
        }
        func text(_ scalars: [Unicode.Scalar], _ range: ScalarRange?) -> String? {
            guard let range else { return nil }
            return String(scalars: scalars[range.range])
        }
        return DiffEntry(
            kind: kind,
            quoteText: text(quoteScalars, quoteRange), quoteStart: quoteRange.map { articleOffset + $0.start }, quoteEnd: quoteRange.map { articleOffset + $0.end },
            referenceText: text(document.scalars, referenceRange), referenceStart: referenceRange.map { document.baseOffset + $0.start },
            referenceEnd: referenceRange.map { document.baseOffset + $0.end }, critical: critical)
    }
}

/// The changes that flip a quote's meaning.
enum CriticalChange {
    static let negations: Set<String> = ["not", "no", "never", "nor", "neither", "nobody", "nothing", "none", "nowhere", "cannot"]
    static let numberWords: Set<String> = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
        "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty",
        "seventy", "eighty", "ninety", "hundred", "thousand", "million", "billion", "trillion", "dozen", "half", "percent",
    ]
    /// Capitalised words that are not names even mid-sentence.
    static let notNames: Set<String> = ["i", "i'm", "i've", "i'll", "i'd", "the", "a", "an", "and", "but", "we", "it", "this", "that", "mr", "mrs", "ms"]

    static func isNegation(_ word: String) -> Bool {
        negations.contains(word) || word.hasSuffix("n't")
    }

    static func isNumber(_ word: String) -> Bool {
        numberWords.contains(word) || word.unicodeScalars.contains { $0.properties.numericType != nil }
    }

    static func isName(_ token: WordToken, _ word: String) -> Bool {
        token.flags.contains(.capitalized) && !token.flags.contains(.sentenceInitial) && !notNames.contains(word)
    }

    static func kinds(quoteWords: [String], referenceWords: [String], quoteNames: [String], referenceNames: [String]) -> [String] {
        var kinds: [String] = []
        let quoteNegations = quoteWords.filter(isNegation).count
        let referenceNegations = referenceWords.filter(isNegation).count
        if quoteNegations > referenceNegations { kinds.append("negation-added") }
        if quoteNegations < referenceNegations { kinds.append("negation-dropped") }
        if quoteWords.filter(isNumber).sorted() != referenceWords.filter(isNumber).sorted() { kinds.append("number-changed") }
        if !quoteNames.isEmpty, !referenceNames.isEmpty, Set(quoteNames) != Set(referenceNames) { kinds.append("entity-swapped") }
        return kinds
    }
}

/// Compares speaker names alias-aware: titles dropped, case ignored, `al-` prefixes ignored, and
/// one name's words contained in the other's (`Putin` = `Vladimir Putin` = `PUTIN`).
public struct SpeakerNames: Sendable {
    public let titles: Set<String>

    public init(titles: Set<String>) {
        self.titles = titles
    }

    /// The words of a name that identify the person: lower-cased, titles and `al-` dropped.
    public func words(_ name: String) -> [String] {
        name.lowercased()
            .split { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "'" || $0 == "’") }
            .map { word in
                var word = String(word)
                for prefix in ["al-", "el-", "ad-", "as-"] where word.hasPrefix(prefix) && word.count > prefix.count + 1 {
                    word.removeFirst(prefix.count)
                }
                return word.trimmingCharacters(in: CharacterSet(charactersIn: "-'’"))
            }
            .filter { !$0.isEmpty && !titles.contains($0) }
    }

    public func same(_ lhs: String, _ rhs: String) -> Bool {
        let left = words(lhs)
        let right = words(rhs)
        guard let leftLast = left.last, let rightLast = right.last else { return false }
        if leftLast == rightLast { return true }
        let (shorter, longer) = left.count <= right.count ? (left, right) : (right, left)
        return Set(shorter).isSubset(of: Set(longer))
    }
}
