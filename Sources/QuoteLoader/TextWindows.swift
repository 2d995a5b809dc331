import QuoteCheckText

/// Loading a huge UTF-8 text file a window at a time (`WindowedExtractor` in QuoteCheck).
///
/// A UTF-8 decoder resynchronises at every byte that is not a continuation byte (`10xxxxxx`):
/// no well-formed sequence and no invalid byte run reaches across one. Decoding any slice of a
/// file that starts and ends at such bytes therefore gives exactly the scalars (and U+FFFD
/// replacements) decoding the whole file gives for those bytes, which is what lets windows be
/// loaded on their own and their offsets shifted to the whole document.
extension DocumentLoader {
    /// Whether a file whose first bytes (at least ``headLength`` of them, or the whole file) are
    /// `head` is loaded as UTF-8 plain text: not HTML (by ``format``, extension or sniff), not
    /// UTF-16 or UTF-32, not binary. Only such files can be read in windows.
    public func loadsAsUTF8Text(head: [UInt8], uri: String) -> Bool {
        !Self.isHTML(bytes: head, uri: uri, format: format) && WideEncoding.detect(head) == nil && PlainTextLoader.firstNUL(in: head) == nil
    }

    /// Loads a slice of a UTF-8 text file that starts and ends at scalar boundaries
    /// (``TextWindowBytes/isScalarBoundary(_:)``): decoded exactly as the whole file decodes
    /// those bytes, its boilerplate lines marked. Offsets and byte ranges are the slice's own.
    ///
    /// - Parameter atFileStart: the slice starts the file, so a UTF-8 BOM is skipped as
    ///   ``PlainTextLoader`` skips it.
    public func loadUTF8Window(bytes: [UInt8], atFileStart: Bool, uri: String) -> LoadedText {
        markingBoilerplate(PlainTextLoader.utf8Text(bytes, skippingBOM: atFileStart, uri: uri))
    }
}

/// Byte-level facts about UTF-8 slices of a text file.
public enum TextWindowBytes {
    /// Whether a slice may start at a byte: anything but a continuation byte.
    @inlinable public static func isScalarBoundary(_ byte: UInt8) -> Bool { byte & 0xC0 != 0x80 }

    /// The UTF-8 of the text a slice decodes to (see ``DocumentLoader/loadUTF8Window(bytes:atFileStart:uri:)``):
    /// the bytes themselves when they are well formed, otherwise with each invalid byte as U+FFFD.
    /// Hashing these slice by slice gives the whole text's `textSha256`.
    public static func decodedUTF8(of bytes: [UInt8], from start: Int) -> [UInt8] {
        if UTF8Decoding.isValid(bytes, from: start) { return start == 0 ? bytes : Array(bytes[start...]) }
        return String.utf8(of: UTF8Decoding.decode(bytes, from: start).scalars)
    }

    /// Decodes a slice that starts at a scalar boundary (not the file's start), for the context
    /// a record needs beyond its window.
    public static func scalars(of bytes: [UInt8]) -> [Unicode.Scalar] {
        UTF8Decoding.decode(bytes, from: 0).scalars
    }
}
