import Foundation
import QuoteCheckText

/// Loads a plain-text file exactly as stored: a UTF-8 BOM is skipped, CRLF kept, nothing
/// normalised, so offsets equal brat's and the W3C `TextPositionSelector`'s.
public struct PlainTextLoader: Sendable {
    /// How far into a file a NUL byte marks it as binary.
    public static let binarySniffLength = 8192

    public init() {}

    /// - Throws: ``LoadError/binary(uri:byteOffset:)`` for a file with a NUL byte in its first 8 KiB
    ///   (unless it is UTF-16 or UTF-32, see ``WideEncoding``), ``LoadError/empty(uri:)`` for a file with no bytes.
    public func load(bytes: [UInt8], uri: String) throws(LoadError) -> LoadedText {
        guard !bytes.isEmpty else { throw .empty(uri: uri) }
        if let wide = WideEncoding.detect(bytes) { return Self.text(bytes, decoded: wide.decode(bytes), encoding: wide.name, uri: uri) }
        if let nul = Self.firstNUL(in: bytes) { throw .binary(uri: uri, byteOffset: nul) }
        return Self.utf8Text(bytes, skippingBOM: true, uri: uri)
    }

    /// `bytes` decoded as UTF-8 (invalid bytes as U+FFFD), a leading BOM skipped when
    /// `skippingBOM`: the whole of a UTF-8 file, or a window of one (`loadWindow`).
    static func utf8Text(_ bytes: [UInt8], skippingBOM: Bool, uri: String) -> LoadedText {
        let start = skippingBOM && bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let decoded = UTF8Decoding.decode(bytes, from: start)
        return text(bytes, decoded: (decoded.scalars, decoded.map), encoding: "UTF-8", uri: uri)
    }

    /// A text file (or a window of one) decoded from `bytes` in `encoding`.
    static func text(_ bytes: [UInt8], decoded: (scalars: [Unicode.Scalar], map: OffsetMap), encoding: String, uri: String) -> LoadedText {
        LoadedText(
            uri: uri, media: .plainText, rawBytes: bytes, scalars: decoded.scalars, offsetMap: decoded.map,
            metadata: DocumentMetadata(encoding: encoding)
        )
    }

    static func firstNUL(in bytes: [UInt8]) -> Int? {
        // `memchr`: every plain-text file is asked twice, and the generic search was slow.
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, let found = memchr(base, 0, min(buffer.count, binarySniffLength)) else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }
}
