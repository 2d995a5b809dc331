import Foundation

/// Checks quotes against indexed reference material: finds the passage each stretch of a quote
/// comes from, aligns the words, classifies the quote and marks the changes that flip meaning.
///
/// A quote is checked in stretches: each piece of a quote interrupted by its attribution, each
/// quoted fragment of a mixed quote, and, inside those, each run of words that turns out to come
/// from somewhere else (a splice) or to follow a long unmarked omission. The words between pieces
/// (the reporter's) are never compared.
public struct QuoteChecker: Sendable {
    /// Below this similarity the best passage is not the quote's source: `not-found`.
    public static let notFoundBelow = 0.6
    /// An unmarked gap of this many reference words or more (about a sentence) is an omission of
    /// its own, `omitted-without-ellipsis`, not a dropped word.
    public static let longOmission = 8
    /// Two stretches of a quote further apart than this many reference words are spliced.
    public static let spliceDistance = 60
    /// A run of this many quote words the alignment could not place is looked up on its own.
    static let strayRun = 4
    /// Reported speech sharing fewer of its words with the best passage than this is not-found.
    static let paraphraseOverlap = 0.5

    public let index: ReferenceIndex
    public let names: SpeakerNames
    public let words: CriticalWords

    public init(index: ReferenceIndex, names: SpeakerNames, words: CriticalWords) {
        self.index = index
        self.names = names
        self.words = words
    }

    /// A checker with the rules' speaker titles and critical words.
    public init(index: ReferenceIndex, rules: RuleSet) {
        self.init(index: index, names: SpeakerNames(titles: rules.speakerLabels.titles), words: CriticalWords(lexicon: rules.lexicon))
    }

    /// The record with its `check` filled in.
    public func checked(_ record: ClaimRecord) -> ClaimRecord {
        var record = record
        let scalars = Array(record.quote.text.unicodeScalars)
        let tokens = WordTokenizer.tokenize(scalars)
        // Only the quoted pieces are the speaker's: the attribution between parts is left out.
        var pieces: [[WordToken]] = [tokens]
        if let parts = record.quote.parts, parts.count > 1 {
            let local = parts.map { ScalarRange(start: $0.start - record.quote.start, end: $0.end - record.quote.start) }
            pieces = local.map { range in tokens.filter { range.contains($0.range) } }
        }
        // A speaker known only by a role ("the mayor") cannot be told apart from a labelled name.
        let speaker = record.speaker.flatMap { $0.anonymous ? nil : ($0.name.isEmpty ? $0.mention?.text : $0.name) }.flatMap { names.isName($0) ? $0 : nil }
        switch record.kind {
        case .indirect:
            record.check = paraphrase(tokens: tokens, in: scalars, articleOffset: record.quote.start, speaker: speaker)
            return record
        case .mixed:
            // The quoted fragments are checked word for word; the reporter's words around them not.
            let quoted = Self.quotedRanges(in: scalars)
            guard !quoted.isEmpty else {
                record.check = paraphrase(tokens: tokens, in: scalars, articleOffset: record.quote.start, speaker: speaker)
                return record
            }
            pieces = quoted.map { range in tokens.filter { range.contains($0.range) } }
            record.check = check(pieces: pieces, in: scalars, articleOffset: record.quote.start, speaker: speaker, fragments: true)
        case .direct:
            record.check = check(pieces: pieces, in: scalars, articleOffset: record.quote.start, speaker: speaker, fragments: false)
        }
        return record
    }

    /// Whether a diff entry is a long unmarked omission (``longOmission`` reference words or
    /// more left out): reported as `omitted-without-ellipsis`, not as changed words.
    public static func isLongOmission(_ entry: DiffEntry) -> Bool {
        entry.kind == .deleted && spokenWordCount(entry.referenceText ?? "") >= longOmission
    }

    /// The words of `text` as the checker counts them (ellipses and bracketed words left out).
    public static func spokenWordCount(_ text: String) -> Int {
        WordTokenizer.tokenize(Array(text.unicodeScalars), markEllipses: false).filter(\.isSpoken).count
    }

    /// Checks quote text directly (offsets in the diff are then local to `text`).
    public func check(text: String, speaker: String? = nil) -> ClaimCheck {
        let scalars = Array(text.unicodeScalars)
        return check(pieces: [WordTokenizer.tokenize(scalars)], in: scalars, articleOffset: 0, speaker: speaker, fragments: false)
    }

    /// Checks reported speech directly: meaning-critical words only.
    public func checkParaphrase(text: String, speaker: String? = nil) -> ClaimCheck {
        let scalars = Array(text.unicodeScalars)
        return paraphrase(tokens: WordTokenizer.tokenize(scalars), in: scalars, articleOffset: 0, speaker: speaker)
    }

    /// An alignment with a stretch of one reference document.
    struct Match {
        var comparison: Comparison
        var document: Int
        /// The document's tokens the stretch was aligned against.
        var window: Range<Int>
    }

    /// A stretch of quote tokens and the passage it matched, if any.
    struct Segment {
        var tokens: [WordToken]
        var match: Match?
        var similarity: Double
        /// The first stretch of a piece: what stands before it is the reporter's, not an omission.
        var opensPiece: Bool
    }

    /// - Parameter fragments: the pieces are the quoted fragments of a mixed quote, so the gaps
    ///   between them are the reporter's paraphrase, not omissions.
    func check(pieces: [[WordToken]], in quote: [Unicode.Scalar], articleOffset: Int, speaker: String?, fragments: Bool) -> ClaimCheck {
        func segmentPieces(prefer: Int?) -> [Segment] {
            var segments: [Segment] = []
            for piece in pieces where piece.contains(where: \.isSpoken) {
                var found = segment(piece, in: quote, articleOffset: articleOffset, near: segments.last, prefer: prefer, depth: 0)
                if !found.isEmpty { found[0].opensPiece = true }
                segments += found
            }
            return segments
        }
        var segments = segmentPieces(prefer: nil)
        // Short pieces ("Don't shoot him") stand in several references about one event: a piece
        // found elsewhere is looked for again in the reference holding most of the quote.
        var wordsByDocument: [Int: Int] = [:]
        for segment in segments { if let match = segment.match { wordsByDocument[match.document, default: 0] += match.comparison.matched } }
        if wordsByDocument.count > 1, let main = wordsByDocument.max(by: { ($0.value, -$0.key) < ($1.value, -$1.key) })?.key {
            segments = segmentPieces(prefer: main)
        }
        let spoken = segments.reduce(0) { $0 + $1.tokens.filter(\.isSpoken).count }
        let placed = segments.filter { $0.match != nil }.reduce(0) { $0 + $1.tokens.filter(\.isSpoken).count }
        // Stretches found here and there by chance do not make a quote found: most of its words must be.
        guard spoken > 0, Double(placed) >= Double(spoken) / 2, let first = segments.first(where: { $0.match != nil }), let firstMatch = first.match,
            let firstRange = firstMatch.comparison.referenceRange
        else {
            // How much of the quote the best passages hold, each stretch weighted by its words.
            let weighted = segments.reduce(0.0) { $0 + $1.similarity * Double($1.tokens.filter(\.isSpoken).count) }
            return ClaimCheck(
                status: .notFound, reference: nil, similarity: spoken == 0 ? 0 : weighted / Double(spoken), diff: [], referenceSpeaker: nil,
                speaker: .unknown, critical: [])
        }
        var diff: [DiffEntry] = []
        var matched = 0
        var changes = 0
        var findings: [String] = []
        var joins: [String] = []
        var previous: (document: Int, last: Int)?
        var elided = false
        for (position, segment) in segments.enumerated() {
            guard let match = segment.match, let firstToken = match.comparison.firstReference, let lastToken = match.comparison.lastReference else {
                // Words in no reference are words the speaker did not say.
                let spokenTokens = segment.tokens.filter(\.isSpoken)
                changes += spokenTokens.count
                diff.append(Comparison.entry(.inserted, quote: spokenTokens, reference: [], quoteScalars: quote, articleOffset: articleOffset, document: nil, words: words))
                joins.append("not-found")
                continue
            }
            matched += match.comparison.matched
            changes += match.comparison.changes
            var join = position == 0 || previous == nil ? "first" : "adjacent"
            if let before = previous {
                let document = index.documents[match.document]
                let gap = firstToken - before.last - 1
                let marked = segment.tokens.first?.isEllipsis == true || segments[position - 1].tokens.last?.isEllipsis == true
                if before.document != match.document || gap < 0 {
                    join = "spliced"
                } else if gap == 0 {
                    join = "adjacent"
                } else if fragments && segment.opensPiece {
                    join = "apart"
                } else if marked {
                    join = "elided"
                    elided = true
                } else if gap > Self.spliceDistance {
                    join = "spliced"
                } else {
                    join = "omitted"
                    let left = Array(document.tokens[(before.last + 1)..<firstToken])
                    if gap >= Self.longOmission {
                        if !findings.contains("omitted-without-ellipsis") { findings.append("omitted-without-ellipsis") }
                    } else {
                        changes += 2
                    }
                    var entry = Comparison.entry(.deleted, quote: [], reference: left, quoteScalars: quote, articleOffset: articleOffset, document: document, words: words)
                    // Words between two stretches were skipped, not changed: nothing critical in them.
                    entry.critical = []
                    let at = articleOffset + Int(segment.tokens.first?.start ?? 0)
                    entry.quoteStart = at
                    entry.quoteEnd = at
                    diff.append(entry)
                }
            }
            joins.append(join)
            diff += match.comparison.diff
            if match.comparison.longOmission, !findings.contains("omitted-without-ellipsis") { findings.append("omitted-without-ellipsis") }
            previous = (match.document, lastToken)
        }
        let similarity = matched + changes == 0 ? 0 : Double(matched) / Double(matched + changes)
        let status: ClaimCheck.Status
        if joins.contains("spliced") {
            status = .spliced
        } else if diff.contains(where: \.isChange) || !findings.isEmpty {
            status = .altered
        } else if !diff.isEmpty || elided || segments.contains(where: { $0.tokens.contains { !$0.isSpoken } }) {
            status = .elided
        } else {
            status = .verbatim
        }
        // One passage when the stretches run in order through one document; else the first one's.
        let document = index.documents[firstMatch.document]
        var range = firstRange
        if !joins.contains("spliced"), !joins.contains("not-found"), let last = segments.last?.match, last.document == firstMatch.document,
            let lastRange = last.comparison.referenceRange, lastRange.end > range.start
        {
            range = ScalarRange(start: range.start, end: lastRange.end)
        }
        let referenceSpeaker = document.speaker(at: range.start)
        var agreement = ClaimCheck.SpeakerAgreement.unknown
        if let speaker {
            for segment in segments {
                guard let match = segment.match, let local = match.comparison.referenceRange,
                    let passageSpeaker = index.documents[match.document].speaker(at: local.start), !passageSpeaker.anonymous
                else { continue }
                if !names.same(speaker, passageSpeaker.name) { agreement = .mismatch; break }
                agreement = .same
            }
        }
        var critical: [String] = []
        for entry in diff { for kind in entry.critical where !critical.contains(kind) { critical.append(kind) } }
        var pieceChecks: [PieceCheck]?
        if segments.count > 1 {
            pieceChecks = zip(segments, joins).map { segment, join in
                let reference = segment.match.flatMap { match in match.comparison.referenceRange.map { index.documents[match.document].span($0) } }
                let spokenTokens = segment.tokens
                return PieceCheck(
                    quoteStart: articleOffset + Int(spokenTokens.first?.start ?? 0), quoteEnd: articleOffset + Int(spokenTokens.last?.end ?? 0),
                    reference: reference, similarity: segment.similarity, join: join)
            }
        }
        return ClaimCheck(
            status: status, reference: document.span(range), similarity: similarity, diff: diff, referenceSpeaker: referenceSpeaker?.name,
            speaker: agreement, critical: critical, findings: findings.isEmpty ? nil : findings, pieces: pieceChecks)
    }

    /// The stretches of `tokens`, each with the passage it matches best: the whole when it aligns
    /// in one piece, else split where a long run of quote words found no place (looked up on its
    /// own: a splice) or a long run of reference words was skipped (an omission or a splice).
    func segment(_ tokens: [WordToken], in quote: [Unicode.Scalar], articleOffset: Int, near: Segment?, prefer: Int?, depth: Int) -> [Segment] {
        guard let best = bestMatch(tokens, in: quote, articleOffset: articleOffset, near: near, prefer: prefer) else {
            return [Segment(tokens: tokens, match: nil, similarity: 0, opensPiece: false)]
        }
        let similarity = best.comparison.similarity
        if depth < 4, let parts = splitParts(best.comparison.steps, tokens: tokens) {
            var segments: [Segment] = []
            for (range, stray) in parts {
                let part = Array(tokens[range])
                guard part.contains(where: \.isSpoken) else { continue }
                if stray {
                    segments += segment(part, in: quote, articleOffset: articleOffset, near: segments.last ?? near, prefer: prefer, depth: depth + 1)
                } else {
                    // Words the alignment placed stay where it placed them: looked up alone, a few
                    // words would be found anywhere.
                    let document = index.documents[best.document]
                    let steps = WordAlignment.align(quote: part, reference: document.tokens[best.window])
                    let comparison = Comparison(steps: steps, quote: part, quoteScalars: quote, articleOffset: articleOffset, document: document, words: words)
                    if comparison.similarity >= Self.notFoundBelow {
                        segments.append(Segment(
                            tokens: part, match: Match(comparison: comparison, document: best.document, window: best.window),
                            similarity: comparison.similarity, opensPiece: false))
                    } else {
                        // Not from here after all: looked up like a stray run.
                        segments += segment(part, in: quote, articleOffset: articleOffset, near: segments.last ?? near, prefer: prefer, depth: depth + 1)
                    }
                }
            }
            // Stretches found nowhere else are the speaker's words changed, not a splice: the
            // alignment as a whole then says best what changed.
            if segments.allSatisfy({ $0.match != nil }) || similarity < Self.notFoundBelow { return segments }
        }
        return [Segment(tokens: tokens, match: similarity >= Self.notFoundBelow ? best : nil, similarity: similarity, opensPiece: false)]
    }

    /// The parts the alignment says the quote should be cut into, each marked `stray` when it is a
    /// run of ``strayRun`` quote words the alignment did not anchor (inserted, set against
    /// arbitrary reference words, or matching a lone common word among them); cuts also fall after
    /// a run of ``longOmission`` reference words left out unmarked. Nil when there is nothing to cut.
    func splitParts(_ steps: [AlignmentStep], tokens: [WordToken]) -> [(range: Range<Int>, stray: Bool)]? {
        // The quote-consuming steps in order: which quote token, whether it matched, and how many
        // reference words were left out unmarked just before it.
        var consumed: [(quote: Int, matched: Bool, skippedBefore: Int)] = []
        var skipped = 0
        for step in steps {
            switch step {
            case let .match(quote, _):
                consumed.append((quote, true, skipped))
                skipped = 0
            case let .substitute(quote, _), let .quoteOnly(quote):
                consumed.append((quote, false, skipped))
                skipped = 0
            case let .referenceOnly(_, elided):
                if !consumed.isEmpty, !elided { skipped += 1 }
            }
        }
        // A match is an anchor when a neighbouring quote word matched too: one "the" among
        // strangers anchors nothing.
        func anchored(_ position: Int) -> Bool {
            guard consumed[position].matched else { return false }
            return (position > 0 && consumed[position - 1].matched) || (position + 1 < consumed.count && consumed[position + 1].matched)
        }
        var cuts: Set<Int> = []
        var strayStarts: Set<Int> = []
        var runStart: Int?
        var runWords = 0
        func closeRun(at end: Int) {
            if let start = runStart, runWords >= Self.strayRun {
                cuts.insert(start)
                cuts.insert(end)
                strayStarts.insert(start)
            }
            runStart = nil
            runWords = 0
        }
        for (position, step) in consumed.enumerated() {
            if step.skippedBefore >= Self.longOmission { closeRun(at: step.quote); cuts.insert(step.quote) }
            if anchored(position) {
                closeRun(at: step.quote)
            } else {
                if runStart == nil { runStart = step.quote }
                if tokens[step.quote].isSpoken { runWords += 1 }
            }
        }
        closeRun(at: tokens.count)
        let inner = cuts.filter { $0 > 0 && $0 < tokens.count }.sorted()
        guard !inner.isEmpty else { return nil }
        let bounds = [0] + inner + [tokens.count]
        return zip(bounds, bounds.dropFirst()).map { start, end in (start..<end, strayStarts.contains(start)) }
    }

    /// The best alignment of `tokens` over the index's candidates; among equals, the one in the
    /// `prefer`red document, then the one nearest after the stretch before.
    func bestMatch(_ tokens: [WordToken], in quote: [Unicode.Scalar], articleOffset: Int, near: Segment?, prefer: Int? = nil) -> Match? {
        guard tokens.contains(where: \.isSpoken) else { return nil }
        var best: Match?
        let anchor = near?.match.flatMap { match in match.comparison.lastReference.map { (match.document, $0) } }
        func distance(_ candidate: Match) -> Int {
            guard let anchor, candidate.document == anchor.0, let first = candidate.comparison.firstReference else { return Int.max }
            return first > anchor.1 ? first - anchor.1 : Int.max / 2
        }
        var windows = index.candidates(for: tokens).map { (document: $0.document, tokens: $0.tokens) }
        if let prefer { windows += index.candidates(for: tokens, only: prefer).map { (document: $0.document, tokens: $0.tokens) } }
        // The words right after the stretch before: where the next piece of a quote usually is,
        // even when the same words also stand elsewhere.
        if let anchor {
            let count = index.documents[anchor.0].tokens.count
            let start = min(anchor.1 + 1, count)
            windows.append((anchor.0, start..<min(count, start + 2 * tokens.count + 10)))
        }
        for candidate in windows where !candidate.tokens.isEmpty {
            let document = index.documents[candidate.document]
            let steps = WordAlignment.align(quote: tokens, reference: document.tokens[candidate.tokens])
            let comparison = Comparison(steps: steps, quote: tokens, quoteScalars: quote, articleOffset: articleOffset, document: document, words: words)
            let current = Match(comparison: comparison, document: candidate.document, window: candidate.tokens)
            guard let incumbent = best else {
                best = current
                // Nothing beats a perfect match, and with no stretch before and no preferred
                // document a tie keeps the first: the other candidates need no aligning.
                if anchor == nil, prefer == nil, comparison.similarity == 1 { break }
                continue
            }
            let preferred = (current.document == prefer, incumbent.document == prefer)
            if comparison.similarity > incumbent.comparison.similarity
                || (comparison.similarity == incumbent.comparison.similarity && preferred.0 && !preferred.1)
                || (comparison.similarity == incumbent.comparison.similarity && preferred.0 == preferred.1 && distance(current) < distance(incumbent))
            {
                best = current
            }
        }
        return best
    }

    /// Reported speech: the passage sharing most of its words, and only whether the paraphrase
    /// contradicts it in a number, a negation or a name.
    func paraphrase(tokens: [WordToken], in quote: [Unicode.Scalar], articleOffset: Int, speaker: String?) -> ClaimCheck {
        let spoken = tokens.filter(\.isSpoken)
        let notFound = ClaimCheck(status: .notFound, reference: nil, similarity: 0, diff: [], referenceSpeaker: nil, speaker: .unknown, critical: [])
        guard !spoken.isEmpty else { return notFound }
        // Short function words say nothing about where a paraphrase comes from.
        let content = Set(spoken.filter { $0.end - $0.start >= 4 }.map(\.key))
        var best: (overlap: Double, document: Int, range: Range<Int>)?
        for candidate in index.candidates(for: spoken) {
            let document = index.documents[candidate.document]
            let steps = WordAlignment.align(quote: spoken, reference: document.tokens[candidate.tokens])
            let aligned = steps.compactMap { step -> Int? in
                switch step {
                case let .match(_, reference), let .substitute(_, reference): return reference
                default: return nil
                }
            }
            guard let low = aligned.min(), let high = aligned.max() else { continue }
            let passage = Set(document.tokens[low...high].map(\.key))
            let overlap = content.isEmpty ? 0 : Double(content.filter(passage.contains).count) / Double(content.count)
            if best.map({ overlap > $0.overlap }) ?? true { best = (overlap, candidate.document, low..<(high + 1)) }
        }
        guard let best, best.overlap >= Self.paraphraseOverlap else {
            var result = notFound
            result.similarity = best?.overlap ?? 0
            return result
        }
        let document = index.documents[best.document]
        let passage = Array(document.tokens[best.range])
        let quoteWords = spoken.map { WordTokenizer.normalized($0, in: quote) }
        let passageWords = passage.map { WordTokenizer.normalized($0, in: document.scalars) }
        let critical = words.paraphraseConflicts(
            quoteWords: quoteWords, passageWords: passageWords,
            quoteNames: zip(spoken, quoteWords).filter { words.isName($0.0, $0.1) }.map(\.1),
            passageNames: zip(passage, passageWords).filter { words.isName($0.0, $0.1) }.map(\.1))
        let local = ScalarRange(start: Int(passage.first?.start ?? 0), end: Int(passage.last?.end ?? 0))
        let referenceSpeaker = document.speaker(at: local.start)
        var agreement = ClaimCheck.SpeakerAgreement.unknown
        if let referenceSpeaker, !referenceSpeaker.anonymous, let speaker {
            agreement = names.same(speaker, referenceSpeaker.name) ? .same : .mismatch
        }
        return ClaimCheck(
            status: critical.isEmpty ? .paraphraseOK : .paraphraseConflict, reference: document.span(local), similarity: best.overlap, diff: [],
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
        // A quotation running on past the record (into the next paragraph) has no closing mark.
        if let start = open, start < scalars.count { ranges.append(ScalarRange(start: start, end: scalars.count)) }
        return ranges
    }
}

/// An alignment turned into what the check reports: diff entries, similarity, matched span.
struct Comparison {
    var steps: [AlignmentStep]
    var diff: [DiffEntry] = []
    var similarity: Double = 0
    var matched = 0
    var changes = 0
    /// Local offsets of the matched passage in the reference document.
    var referenceRange: ScalarRange?
    /// Token indexes of the first and last reference words aligned with quote words.
    var firstReference: Int?
    var lastReference: Int?
    /// Whether a run of ``QuoteChecker/longOmission`` reference words or more was left out unmarked.
    var longOmission = false

    init(steps: [AlignmentStep], quote: [WordToken], quoteScalars: [Unicode.Scalar], articleOffset: Int, document: ReferenceDocument, words: CriticalWords) {
        self.steps = steps
        var matched = 0
        var changes = 0
        var firstReference: Int?
        var lastReference: Int?
        var run: (kind: DiffEntry.Kind, quote: [Int], reference: [Int])?
        var inDeletedGap = false
        // Reference words in each diff entry, to tell a long omission from a dropped word.
        var referenceCounts: [Int] = []
        // Where in the quote the next left-out reference words are missing: after the last quote token.
        var quoteCursor = quote.first.map { Int($0.start) } ?? 0

        func close() {
            guard let current = run else { return }
            var entry = Self.entry(current.kind, quote: current.quote.map { quote[$0] }, reference: current.reference.map { document.tokens[$0] },
                quoteScalars: quoteScalars, articleOffset: articleOffset, document: document, words: words)
            if entry.quoteStart == nil {
                entry.quoteStart = articleOffset + quoteCursor
                entry.quoteEnd = articleOffset + quoteCursor
            }
            diff.append(entry)
            referenceCounts.append(current.reference.count)
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
            referenceCounts.removeLast()
            if last.kind == .deleted { changes -= 2 }
        }
        similarity = matched + changes == 0 ? 0 : Double(matched) / Double(matched + changes)
        self.matched = matched
        self.changes = changes
        self.firstReference = firstReference
        self.lastReference = lastReference
        longOmission = zip(diff, referenceCounts).contains { $0.kind == .deleted && $1 >= QuoteChecker.longOmission }
        if let firstReference, let lastReference {
            referenceRange = ScalarRange(start: Int(document.tokens[firstReference].start), end: Int(document.tokens[lastReference].end))
        }
    }

    /// - Parameter document: nil for quote words found in no reference.
    static func entry(
        _ kind: DiffEntry.Kind, quote: [WordToken], reference: [WordToken], quoteScalars: [Unicode.Scalar], articleOffset: Int,
        document: ReferenceDocument?, words: CriticalWords
    ) -> DiffEntry {
        let quoteRange = quote.first.map { first in ScalarRange(start: Int(first.start), end: Int(quote.last?.end ?? first.end)) }
        let referenceRange = reference.first.map { first in ScalarRange(start: Int(first.start), end: Int(reference.last?.end ?? first.end)) }
        let quoteWords = quote.map { WordTokenizer.normalized($0, in: quoteScalars) }
        let referenceWords = document.map { document in reference.map { WordTokenizer.normalized($0, in: document.scalars) } } ?? []
        var critical: [String] = []
        // A sentence or more left out is an omission to report, not a change of the quote's words:
        // what it held was never part of what the quote says.
        let longGap = kind == .deleted && reference.count >= QuoteChecker.longOmission
        if (kind == .inserted || kind == .deleted || kind == .replaced) && !longGap {
            critical = words.kinds(
                quoteWords: quoteWords, referenceWords: referenceWords,
                quoteNames: zip(quote, quoteWords).filter { words.isName($0.0, $0.1) }.map(\.1),
                referenceNames: zip(reference, referenceWords).filter { words.isName($0.0, $0.1) }.map(\.1))
        }
        func text(_ scalars: [Unicode.Scalar], _ range: ScalarRange?) -> String? {
            guard let range else { return nil }
            return String(scalars: scalars[range.range])
        }
        return DiffEntry(
            kind: kind,
            quoteText: text(quoteScalars, quoteRange), quoteStart: quoteRange.map { articleOffset + $0.start }, quoteEnd: quoteRange.map { articleOffset + $0.end },
            referenceText: document.flatMap { text($0.scalars, referenceRange) }, referenceStart: document.flatMap { document in referenceRange.map { document.baseOffset + $0.start } },
            referenceEnd: document.flatMap { document in referenceRange.map { document.baseOffset + $0.end } }, critical: critical)
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

    /// Whether `name` holds a word that names someone: one with a capital letter that is not a
    /// title. "the mayor" does not, so it is never said to differ from "MAYOR DIAZ".
    public func isName(_ name: String) -> Bool {
        name.split { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "'" || $0 == "’") }
            .contains { word in word.contains(where: \.isUppercase) && !titles.contains(word.lowercased()) }
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
