import QuoteCheckText
import QuotePatterns

/// Splits tokens into sentences: at . ! ? before a capital or a quotation, after a quotation that
/// ends with a full stop inside its marks, and at every paragraph end. A quotation is never split.
struct Segmenter {
    let scalars: [Unicode.Scalar]
    let tokens: [Token]
    let quotes: [QuoteSpan]
    let paragraphs: [Range<Int>]

    static let parenthesisReach = 12
    /// Words of a name a cue may be addressed to before the attribution ends ("asked Gayle King.").
    static let addresseeNameWords = 3

    func sentences() -> [Sentence] {
        var sentences: [Sentence] = []
        var start = 0
        var paragraph = 0
        var openParenthesis: Int?
        var startsParagraph = true
        // Tokens are read field by field, never copied whole: a copy retains the word's key.
        for index in tokens.indices {
            let kind = tokens[index].kind
            let scalar = tokens[index].scalar
            let tokenRange = tokens[index].range
            if kind == .punctuation, scalar == "(" { openParenthesis = index }
            if kind == .punctuation, scalar == ")" { openParenthesis = nil }
            while paragraph + 1 < paragraphs.count, paragraphs[paragraph].upperBound <= tokenRange.start { paragraph += 1 }
            let isLast = index + 1 == tokens.count
            let next = index + 1
            var ends = isLast
            if !isLast {
                let tokenEnd = tokenRange.end
                if crossesParagraph(from: tokenEnd, to: tokens[next].range.start) {
                    // "Mr. Trump said:" closing a paragraph introduces the quotation that opens the
                    // next one: they are one sentence, so the quote patterns see speaker and words.
                    ends = !(kind == .punctuation && scalar == ":" && tokens[next].isQuote)
                } else if startsParagraph, isDateline(start..<index) {
                    ends = true
                } else if let open = openParenthesis, index - open <= Self.parenthesisReach {
                    // "Sen. Chuck Schumer (D-N.Y.) said": a full stop inside a short parenthesis
                    // is an abbreviation's; an unclosed one stops protecting after a few words.
                    ends = false
                } else if kind == .punctuation, ".!?…".unicodeScalars.contains(scalar) {
                    ends = tokens[next].isCapitalized || tokens[next].isQuote
                        || tokens[next].kind == .punctuation && isOpeningBracket(tokens[next].scalar)
                        || (tokens[next].isWord && tokens[next].scalar.isNumeric)
                } else if kind == .quote, quotes[tokens[index].quoteIndex].endsWithTerminal {
                    // “…big deal, right?” Trump said. — a capital after the quotation starts its
                    // attribution, not a new sentence, when a cue follows within a few words.
                    ends = (tokens[next].isCapitalized && !attributionFollows(next)) || tokens[next].isQuote
                }
            }
            if ends {
                startsParagraph = !isLast && crossesParagraph(from: tokenRange.end, to: tokens[next].range.start)
                openParenthesis = nil
                // A sentence joined across a colon belongs to the paragraph of its quotation.
                sentences.append(Sentence(tokens: start..<(index + 1), paragraph: paragraphIndex(of: tokenRange.start)))
                start = index + 1
            }
        }
        return sentences
    }

    /// "Trump said." / "Mr. Putin said on Monday" / "King asked Scott.": a short speaker, a cue
    /// (and the name it is addressed to), then the end of the clause or a time or place. "She
    /// says it underscores …" is a new sentence.
    private func attributionFollows(_ start: Int) -> Bool {
        var index = start
        while index < tokens.count, index - start < 5, tokens[index].isWord {
            if index > start, !tokens[index].isCapitalized, tokens[index].classes.contains(.cueStart) {
                var after = index + 1
                while after < tokens.count, after - index <= Self.addresseeNameWords, tokens[after].isWord, tokens[after].isCapitalized { after += 1 }
                guard after < tokens.count else { return true }
                return tokens[after].kind == .punctuation || tokens[after].classes.contains(.adverbialStart)
            }
            index += 1
        }
        return false
    }

    /// "WASHINGTON (AP) —", "MANCHESTER, N.H. -", "New York (AFP) –": a place and maybe an
    /// agency before a dash at the start of a paragraph stand apart from the sentence, so the
    /// place is never taken for a speaker. `prefix` runs from the paragraph start to a dash.
    private func isDateline(_ prefix: Range<Int>) -> Bool {
        guard let dash = prefix.last.map({ $0 + 1 }), dash < tokens.count, prefix.count <= 8,
            tokens[dash].kind == .punctuation, "—–-".unicodeScalars.contains(tokens[dash].scalar) else { return false }
        let allowed = prefix.allSatisfy { index in
            // "WASHINGTON, Aug. 24 (UPI) —": a date may follow the place.
            tokens[index].isWord ? tokens[index].isCapitalized || tokens[index].scalar.isNumeric : ",.()".unicodeScalars.contains(tokens[index].scalar)
        }
        guard allowed, let first = prefix.first, tokens[first].isWord else { return false }
        let shouts = scalars[tokens[first].range.range].filter { $0.properties.isAlphabetic }.allSatisfy { $0.properties.isUppercase }
            && tokens[first].range.count >= 3
        return shouts || tokens[dash - 1].isPunctuation(")")
    }

    private func isOpeningBracket(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "(" || scalar == "["
    }

    private func crossesParagraph(from start: Int, to end: Int) -> Bool {
        guard start < end else { return false }
        return scalars[start..<end].contains { $0 == "\n" || $0 == "\u{2029}" }
    }

    private func paragraphIndex(of offset: Int) -> Int {
        var low = 0
        var high = paragraphs.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if paragraphs[mid].lowerBound <= offset { low = mid } else { high = mid - 1 }
        }
        return max(0, low)
    }
}
