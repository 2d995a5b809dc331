import QuoteCheckText
import QuotePatterns

/// Finds quotations by their marks: straight and curly double quotes, guillemets, „German“ quotes,
/// the multi-paragraph convention, with unbalanced marks repaired within their paragraph.
struct QuoteMarkScanner {
    let scalars: [Unicode.Scalar]
    let paragraphs: [Range<Int>]
    /// The language pack's own pairs (lexicon `quotationMarks`), opening to closing mark: they
    /// take the place of the built-in roles of both marks.
    let packMarks: [Unicode.Scalar: Unicode.Scalar]
    private let packClosers: Set<Unicode.Scalar>
    /// Some mark of the pack is ASCII, so an ASCII scalar other than the built-in marks may be one.
    private let packHasASCIIMarks: Bool

    init(scalars: [Unicode.Scalar], paragraphs: [Range<Int>], packMarks: [Unicode.Scalar: Unicode.Scalar] = [:]) {
        self.scalars = scalars
        self.paragraphs = paragraphs
        self.packMarks = packMarks
        self.packClosers = Set(packMarks.values)
        self.packHasASCIIMarks = packMarks.contains { $0.key.isASCII || $0.value.isASCII }
    }

    /// Whether the scalar can be a mark at all: letters, digits, spaces and ASCII punctuation,
    /// nearly every scalar of a text, are ruled out here without working out a role.
    @inline(__always) private func mayBeMark(_ scalar: Unicode.Scalar) -> Bool {
        !scalar.isASCII || packHasASCIIMarks || scalar == "\"" || scalar == "'" || scalar == "`"
    }

    enum MarkRole {
        case opening(closers: [Unicode.Scalar])
        case closing
        case ambiguous
    }

    /// The role of the mark at `index` and how many scalars it takes: `''` and ``` `` ``` (the
    /// typewriter convention some archives use) count as one double mark of two scalars.
    func mark(at index: Int) -> (role: MarkRole, length: Int)? {
        let scalar = scalars[index]
        if scalar == "'" || scalar == "`", index + 1 < scalars.count, scalars[index + 1] == scalar,
            index + 2 >= scalars.count || scalars[index + 2] != scalar
        {
            return (scalar == "`" ? .opening(closers: ["'"]) : .ambiguous, 2)
        }
        if !packMarks.isEmpty {
            if let closer = packMarks[scalar] { return (.opening(closers: [closer]), 1) }
            if packClosers.contains(scalar) { return (.closing, 1) }
        }
        return Self.role(of: scalar).map { ($0, 1) }
    }

    func markLength(at index: Int) -> Int {
        mark(at: index)?.length ?? 1
    }

    static func role(of scalar: Unicode.Scalar) -> MarkRole? {
        switch scalar {
        case "\u{201C}": return .opening(closers: ["\u{201D}", "\u{201C}"])  // “ (closed by ”, or “ in German style)
        case "\u{201E}": return .opening(closers: ["\u{201C}", "\u{201D}"])  // „
        case "\u{00AB}": return .opening(closers: ["\u{00BB}"])  // «
        case "\u{201D}", "\u{00BB}": return .closing
        case "\"": return .ambiguous
        default: return nil
        }
    }

    func scan() -> [QuoteSpan] {
        var spans: [QuoteSpan] = []
        // An open multi-paragraph quote: its opening mark.
        var carried: Int?
        for (paragraphIndex, paragraph) in paragraphs.enumerated() {
            var openAt: Int? = nil
            var closers: [Unicode.Scalar] = []
            var isStraight = false
            if let carriedStart = carried {
                // The paragraph must reopen with a mark for the quote to go on.
                let first = firstNonSpace(in: paragraph)
                if let first, let role = mark(at: first)?.role, case .opening = role {
                    openAt = carriedStart
                    closers = ["\u{201D}", "\u{201C}", "\u{00BB}"] + packClosers
                    isStraight = false
                    carried = nil
                    // Skip the reopening mark itself.
                    scanParagraph(paragraph, from: first + markLength(at: first), openAt: &openAt, closers: &closers, isStraight: &isStraight, spans: &spans)
                } else if let first, let role = mark(at: first)?.role, case .ambiguous = role {
                    openAt = carriedStart
                    isStraight = true
                    carried = nil
                    scanParagraph(paragraph, from: first + markLength(at: first), openAt: &openAt, closers: &closers, isStraight: &isStraight, spans: &spans)
                } else {
                    // No reopening: the earlier quote ends where its paragraph ended.
                    spans.append(repaired(start: carriedStart, paragraphEnd: paragraphs[paragraphIndex - 1].upperBound))
                    carried = nil
                    scanParagraph(paragraph, from: paragraph.lowerBound, openAt: &openAt, closers: &closers, isStraight: &isStraight, spans: &spans)
                }
            } else {
                scanParagraph(paragraph, from: paragraph.lowerBound, openAt: &openAt, closers: &closers, isStraight: &isStraight, spans: &spans)
            }
            if let start = openAt {
                let nextStartsWithMark = paragraphIndex + 1 < paragraphs.count
                    && firstNonSpace(in: paragraphs[paragraphIndex + 1]).map { mark(at: $0) != nil } == true
                if nextStartsWithMark && wordCount(ScalarRange(start: start, end: paragraph.upperBound)) >= 4 {
                    carried = start
                } else {
                    spans.append(repaired(start: start, paragraphEnd: paragraph.upperBound))
                }
            }
        }
        if let carriedStart = carried, let last = paragraphs.last {
            spans.append(repaired(start: carriedStart, paragraphEnd: last.upperBound))
        }
        return spans.sorted { $0.outer < $1.outer }
    }

    private func scanParagraph(
        _ paragraph: Range<Int>, from start: Int, openAt: inout Int?, closers: inout [Unicode.Scalar],
        isStraight: inout Bool, spans: inout [QuoteSpan]
    ) {
        var index = start
        while index < paragraph.upperBound {
            guard mayBeMark(scalars[index]), let (role, length) = mark(at: index) else { index += 1; continue }
            let scalar = scalars[index]
            if let open = openAt {
                let closes: Bool
                switch role {
                case .closing: closes = !isStraight || scalar == "\u{201D}"
                case .ambiguous: closes = isStraight || !isOpeningContext(index, length: length)
                case .opening: closes = !isStraight && closers.contains(scalar) && !isOpeningContext(index, length: length)
                }
                if closes {
                    spans.append(span(open: open, close: index, closeLength: length, spansParagraphs: !paragraph.contains(open)))
                    openAt = nil
                } else if case .opening(let newClosers) = role, isOpeningContext(index, length: length) {
                    // A second opening before any closing: the first quote was never closed. Cut it
                    // before this mark rather than let one stray mark swallow the paragraph.
                    spans.append(repaired(start: open, paragraphEnd: index))
                    openAt = index
                    closers = newClosers
                    isStraight = false
                }
            } else {
                switch role {
                case let .opening(newClosers):
                    openAt = index
                    closers = newClosers
                    isStraight = length == 2
                case .ambiguous:
                    if isOpeningContext(index, length: length) && !isInchMark(index) {
                        openAt = index
                            isStraight = true
                    }
                case .closing:
                    break
                }
            }
            index += length
        }
    }

    /// A mark opens when it starts a word: text follows and a space, a bracket or a dash precedes.
    private func isOpeningContext(_ index: Int, length: Int = 1) -> Bool {
        let next = index + length < scalars.count ? scalars[index + length] : " "
        // `">` closes a markup attribute whose value ran over a line break.
        guard !next.isSpaceLike, next != ">" else { return false }
        guard index > 0 else { return true }
        let previous = scalars[index - 1]
        return previous.isSpaceLike || "([{—–-/:".unicodeScalars.contains(previous)
    }

    /// `5' 10"`: a straight double quote right after a digit is an inch mark.
    private func isInchMark(_ index: Int) -> Bool {
        index > 0 && scalars[index - 1].isNumeric
    }

    private func firstNonSpace(in range: Range<Int>) -> Int? {
        range.first { !scalars[$0].isSpaceLike }
    }

    private func wordCount(_ range: ScalarRange) -> Int {
        var count = 0
        var inWord = false
        for index in range.range {
            let isLetter = scalars[index].isLetterOrDigit
            if isLetter && !inWord { count += 1 }
            inWord = isLetter
        }
        return count
    }

    private func span(open: Int, close: Int, closeLength: Int, spansParagraphs: Bool) -> QuoteSpan {
        let inner = ScalarRange(start: open + markLength(at: open), end: close)
        var last = close - 1
        while last > open, scalars[last].isSpaceLike { last -= 1 }
        let terminal = last > open && ".!?…".unicodeScalars.contains(scalars[last])
        return QuoteSpan(
            outer: ScalarRange(start: open, end: close + closeLength), inner: inner, isClosed: true,
            spansParagraphs: spansParagraphs, endsWithTerminal: terminal, wordCount: wordCount(inner), fromMarkup: false
        )
    }

    private func repaired(start: Int, paragraphEnd: Int) -> QuoteSpan {
        var end = paragraphEnd
        while end > start + 1, scalars[end - 1].isSpaceLike { end -= 1 }
        let inner = ScalarRange(start: min(end, start + markLength(at: start)), end: end)
        return QuoteSpan(
            outer: ScalarRange(start: start, end: end), inner: inner, isClosed: false,
            spansParagraphs: false, endsWithTerminal: true, wordCount: wordCount(inner), fromMarkup: false
        )
    }
}
