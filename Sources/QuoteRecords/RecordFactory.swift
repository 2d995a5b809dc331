import Crypto
import QuoteCheckText

/// Hex SHA-256, the one hash the records use.
public enum Hashing {
    public static func sha256Hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        sha256Hex(Array(bytes))
    }

    /// Hashes the array in place: the generic overload would copy a whole document first.
    public static func sha256Hex(_ bytes: [UInt8]) -> String {
        hexString(SHA256.hash(data: bytes))
    }

    public static func sha256Hex(_ text: String) -> String {
        sha256Hex(Array(text.utf8))
    }

    static func hexString<Digest: Sequence>(_ digest: Digest) -> String where Digest.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The record id: the first 16 hex digits of SHA-256 over `"<documentSHA256>:<start>-<end>"`.
    public static func recordID(documentSHA256: String, range: ScalarRange) -> String {
        String(sha256Hex("\(documentSHA256):\(range.start)-\(range.end)").prefix(16))
    }
}

/// Builds records for one loaded document: hashes it once, then turns spans into record fields
/// with text, byte ranges and context all taken from the same loaded text.
public struct RecordFactory: Sendable {
    public static let contextLength = 32

    public let document: DocumentReference
    public let loaded: LoadedText

    public init(loaded: LoadedText) {
        self.loaded = loaded
        self.document = DocumentReference(
            uri: loaded.uri,
            media: loaded.media.rawValue,
            sha256: Hashing.sha256Hex(loaded.rawBytes),
            // The UTF-8 of the loaded text, hashed without building the whole text as a `String`.
            textSha256: Hashing.sha256Hex(String.utf8(of: loaded.scalars))
        )
    }

    public func mention(_ range: ScalarRange) -> Mention {
        Mention(text: loaded.string(in: range), start: range.start, end: range.end, sourceBytes: loaded.offsetMap.bytes(of: range))
    }

    /// The quote field for a quotation made of one or more pieces.
    public func quote(parts: [ScalarRange]) -> QuoteText {
        let sorted = parts.sorted()
        let first = sorted.first ?? ScalarRange(start: 0, end: 0)
        let whole = sorted.dropFirst().reduce(first) { $0.union($1) }
        let prefixStart = max(0, whole.start - Self.contextLength)
        let suffixEnd = min(loaded.count, whole.end + Self.contextLength)
        return QuoteText(
            text: loaded.string(in: whole),
            start: whole.start,
            end: whole.end,
            sourceBytes: loaded.offsetMap.bytes(of: whole),
            prefix: loaded.string(in: ScalarRange(start: prefixStart, end: whole.start)),
            suffix: loaded.string(in: ScalarRange(start: whole.end, end: suffixEnd)),
            parts: sorted.count > 1
                ? sorted.map { QuotePart(start: $0.start, end: $0.end, sourceBytes: loaded.offsetMap.bytes(of: $0)) }
                : nil
        )
    }

    public func record(
        kind: QuoteKind, parts: [ScalarRange], speaker: Speaker?, cue: ScalarRange?, rule: String, confidence: Double
    ) -> ClaimRecord {
        let quote = quote(parts: parts)
        return ClaimRecord(
            id: Hashing.recordID(documentSHA256: document.sha256, range: quote.range),
            document: document,
            kind: kind,
            quote: quote,
            speaker: speaker,
            cue: cue.map(mention),
            rule: rule,
            confidence: confidence
        )
    }
}
