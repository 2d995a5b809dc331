import QuoteCheckText

/// Loading a huge text file a window at a time (`WindowedExtractor` in QuoteCheck).
///
/// A UTF-8 decoder resynchronises at every byte that is not a continuation byte (`10xxxxxx`),
/// a UTF-16 decoder at every code unit that is not a low surrogate, a UTF-32 decoder at every
/// fourth byte: no well-formed sequence and no invalid run reaches across such a point. Decoding
/// any slice of a file that starts and ends at such points therefore gives exactly the scalars
/// (and U+FFFD replacements) decoding the whole file gives for those bytes, which is what lets
/// windows be loaded on their own and their offsets shifted to the whole document.
extension DocumentLoader {
    /// How a file whose first bytes (at least ``headLength`` of them, or the whole file) are
    /// `head` is read in windows: its encoding when it is plain text (not HTML by ``format``,
    /// extension or sniff, not binary); nil when it can only be loaded whole.
    public func windowEncoding(head: [UInt8], uri: String) -> TextWindowEncoding? {
        guard !Self.isHTML(bytes: head, uri: uri, format: format) else { return nil }
        switch WideEncoding.detect(head) {
        case let .utf16(bigEndian, bomLength)?: return .utf16(bigEndian: bigEndian, bomLength: bomLength)
        case let .utf32(bigEndian)?: return .utf32(bigEndian: bigEndian)
        case nil: return PlainTextLoader.firstNUL(in: head) == nil ? .utf8 : nil
        }
    }

    /// Loads a slice of a text file that starts and ends at scalar boundaries
    /// (``TextWindowEncoding/isBoundary(_:at:)``): decoded exactly as the whole file decodes
    /// those bytes, its boilerplate lines marked. Offsets and byte ranges are the slice's own.
    ///
    /// - Parameter atFileStart: the slice starts the file, so a byte order mark is skipped as
    ///   ``PlainTextLoader`` skips it.
    public func loadWindow(bytes: [UInt8], encoding: TextWindowEncoding, atFileStart: Bool, uri: String) -> LoadedText {
        guard encoding != .utf8 else { return markingBoilerplate(PlainTextLoader.utf8Text(bytes, skippingBOM: atFileStart, uri: uri)) }
        let decoded = encoding.decode(bytes, from: atFileStart ? encoding.markLength : 0)
        return markingBoilerplate(PlainTextLoader.text(bytes, decoded: decoded, encoding: encoding.name, uri: uri))
    }
}

/// The encodings a plain-text file is read in, with the byte-level facts cutting it needs.
public enum TextWindowEncoding: Sendable, Hashable {
    case utf8
    case utf16(bigEndian: Bool, bomLength: Int)
    case utf32(bigEndian: Bool)

    public var name: String {
        switch self {
        case .utf8: return "UTF-8"
        case let .utf16(bigEndian, _): return WideEncoding.utf16(bigEndian: bigEndian, bomLength: 0).name
        case let .utf32(bigEndian): return WideEncoding.utf32(bigEndian: bigEndian).name
        }
    }

    /// Bytes of one code unit: every cut falls on a multiple of it (byte order marks are one unit).
    public var unitWidth: Int {
        switch self {
        case .utf8: return 1
        case .utf16: return 2
        case .utf32: return 4
        }
    }

    /// The byte order mark a wide file starts with (UTF-8's optional one is found by looking).
    var markLength: Int {
        switch self {
        case .utf8: return 0
        case let .utf16(_, bomLength): return bomLength
        case .utf32: return 4
        }
    }

    /// Bytes at the start of a file that are no text: a byte order mark.
    public func markLength(atStartOf bytes: [UInt8]) -> Int {
        self == .utf8 ? (bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0) : markLength
    }

    /// Whether a slice may start at `bytes[index]`, where `index` is on a unit boundary.
    public func isBoundary(_ bytes: [UInt8], at index: Int) -> Bool {
        switch self {
        case .utf8: return bytes[index] & 0xC0 != 0x80
        case let .utf16(bigEndian, _):
            guard index + 1 < bytes.count else { return true }
            let high = bigEndian ? bytes[index] : bytes[index + 1]
            return high & 0xFC != 0xDC
        case .utf32: return true
        }
    }

    /// The code unit at `bytes[index]` (for UTF-8 a byte).
    func unit(_ bytes: [UInt8], at index: Int) -> UInt32 {
        switch self {
        case .utf8: return UInt32(bytes[index])
        case let .utf16(bigEndian, _):
            return bigEndian ? UInt32(bytes[index]) << 8 | UInt32(bytes[index + 1]) : UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index])
        case let .utf32(bigEndian):
            return (0..<4).reduce(UInt32(0)) { $0 << 8 | UInt32(bytes[index + (bigEndian ? $1 : 3 - $1)]) }
        }
    }

    /// The scalar whose bytes end just before `end` and start at or after `lower`, with where
    /// it starts; nil when no well-formed one does. What cutting tests for line breaks, spaces
    /// and sentence ends.
    public func scalar(_ bytes: [UInt8], endingAt end: Int, notBefore lower: Int = 0) -> (scalar: Unicode.Scalar, start: Int)? {
        guard end - unitWidth >= lower, end <= bytes.count else { return nil }
        switch self {
        case .utf8:
            // Back over up to three continuation bytes to the lead byte, then decode forwards.
            var start = end - 1
            while start > lower, end - start < 4, bytes[start] & 0xC0 == 0x80 { start -= 1 }
            var iterator = bytes[start..<end].makeIterator()
            var decoder = UTF8()
            guard case let .scalarValue(scalar) = decoder.decode(&iterator), iterator.next() == nil else { return nil }
            return (scalar, start)
        case .utf16:
            let last = unit(bytes, at: end - 2)
            if (0xDC00...0xDFFF).contains(last) {
                guard end - 4 >= lower else { return nil }
                let first = unit(bytes, at: end - 4)
                guard (0xD800...0xDBFF).contains(first), let scalar = Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (last - 0xDC00)) else { return nil }
                return (scalar, end - 4)
            }
            return Unicode.Scalar(last).map { ($0, end - 2) }
        case .utf32:
            return Unicode.Scalar(unit(bytes, at: end - 4)).map { ($0, end - 4) }
        }
    }

    /// The scalars of a slice from `start` and the map of each to its bytes, as loading decodes it.
    public func decode(_ bytes: [UInt8], from start: Int) -> (scalars: [Unicode.Scalar], map: OffsetMap) {
        switch self {
        case .utf8:
            let decoded = UTF8Decoding.decode(bytes, from: start)
            return (decoded.scalars, decoded.map)
        case let .utf16(bigEndian, _): return UTF16Decoding.decode(bytes, from: start, bigEndian: bigEndian)
        case let .utf32(bigEndian): return UTF32Decoding.decode(bytes, from: start, bigEndian: bigEndian)
        }
    }

    /// The UTF-8 of the text a slice from `start` decodes to: the bytes themselves for well
    /// formed UTF-8, otherwise the decoded scalars (U+FFFD for each invalid run) re-encoded.
    /// Hashing these slice by slice gives the whole text's `textSha256`.
    public func decodedUTF8(of bytes: [UInt8], from start: Int) -> [UInt8] {
        if self == .utf8, UTF8Decoding.isValid(bytes, from: start) { return start == 0 ? bytes : Array(bytes[start...]) }
        return String.utf8(of: decode(bytes, from: start).scalars)
    }
}
