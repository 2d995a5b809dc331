/// An ending of words from rule data ("'s", "n't", "member"), tested on a word's UTF-8 bytes
/// where that gives the answer `String.hasSuffix` gives.
///
/// `hasSuffix` compares characters (extended grapheme clusters, canonically equivalent), which
/// costs far more than comparing bytes, and the attribution stage asks at every capitalised
/// word. For a *plain* ending, of lower-case ASCII letters and apostrophes (' and ’) only, the two
/// agree as long as the byte before the ending is ASCII: none of those letters has another
/// spelling canonically equal to it, none joins the character before it, and an ASCII byte is a
/// character of its own. Anything else is left to `hasSuffix`, so the answer is always the one
/// characters give.
public struct WordEnding: Sendable, Hashable {
    public let text: String
    private let bytes: [UInt8]
    private let isPlain: Bool

    public init(_ text: String) {
        self.text = text
        bytes = Array(text.utf8)
        isPlain = text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || $0 == "'" || $0 == "\u{2019}" }
    }

    /// Whether `word` ends with this ending, as `word.hasSuffix(text)` says.
    public func ends(_ word: String) -> Bool {
        switch byteMatch(word) {
        case .absent: return false
        case .at: return true
        case .undecided: return word.hasSuffix(text)
        }
    }

    /// `word` without this ending when it ends with it and is longer (in characters), as
    /// `String(word.dropLast(text.count))` gives it; nil otherwise.
    public func strip(_ word: String) -> String? {
        switch byteMatch(word) {
        case .absent: return nil
        // As long as the ending: not longer.
        case .at(0): return nil
        case let .at(start): return String(decoding: word.utf8.prefix(start), as: UTF8.self)
        case .undecided:
            return word.hasSuffix(text) && word.count > text.count ? String(word.dropLast(text.count)) : nil
        }
    }

    private enum ByteMatch {
        case absent
        /// The ending starts at this byte, and characters agree.
        case at(Int)
        /// Bytes cannot tell: characters must.
        case undecided
    }

    private func byteMatch(_ word: String) -> ByteMatch {
        guard isPlain else { return .undecided }
        let ending = bytes
        return word.utf8.withContiguousStorageIfAvailable { word -> ByteMatch in
            guard word.count >= ending.count, word.suffix(ending.count).elementsEqual(ending) else { return .absent }
            let start = word.count - ending.count
            return start == 0 || word[start - 1] < 0x80 ? .at(start) : .undecided
        } ?? .undecided
    }
}
