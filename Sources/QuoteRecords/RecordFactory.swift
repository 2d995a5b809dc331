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

    public static func hexString<Digest: Sequence>(_ digest: Digest) -> String where Digest.Element == UInt8 {
        hexString(digest, digits: 64)
    }

    /// The first `digits` hex digits of `digest`, written straight into the string's storage.
    static func hexString<Digest: Sequence>(_ digest: Digest, digits count: Int) -> String where Digest.Element == UInt8 {
        let digits: StaticString = "0123456789abcdef"
        return String(unsafeUninitializedCapacity: count) { buffer in
            digits.withUTF8Buffer { digits in
                var index = 0
                for byte in digest where index < count {
                    buffer[index] = digits[Int(byte >> 4)]
                    if index + 1 < count { buffer[index + 1] = digits[Int(byte & 0x0F)] }
                    index += 2
                }
                return min(index, count)
            }
        }
    }

    /// The record id: the first 16 hex digits of SHA-256 over `"<documentSHA256>:<start>-<end>"`.
    public static func recordID(documentSHA256: String, range: ScalarRange) -> String {
        recordID(prefix: Array("\(documentSHA256):".utf8), range: range)
    }

    /// ``recordID(documentSHA256:range:)`` with `"<documentSHA256>:"` already as bytes, as a
    /// factory keeps it for all of a document's records.
    static func recordID(prefix: [UInt8], range: ScalarRange) -> String {
        var input = prefix
        input.reserveCapacity(prefix.count + 41)
        appendDecimal(range.start, to: &input)
        input.append(UInt8(ascii: "-"))
        appendDecimal(range.end, to: &input)
        return hexString(SHA256.hash(data: input), digits: 16)
    }

    private static func appendDecimal(_ value: Int, to bytes: inout [UInt8]) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        let start = bytes.count
        var rest = value.magnitude
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10))
            rest /= 10
        } while rest > 0
        // Reversed in place by swapping: reversing the slice would copy it.
        var (low, high) = (start, bytes.count - 1)
        while low < high {
            bytes.swapAt(low, high)
            low += 1
            high -= 1
        }
    }
}

/// Builds records for one loaded document: hashes it once, then turns spans into record fields
/// with text, byte ranges and context all taken from the same loaded text.
public struct RecordFactory: Sendable {
    public static let contextLength = 32

    public let document: DocumentReference
    public let loaded: LoadedText
    /// `"<document.sha256>:"`, what every record id's hash starts with.
    private let idPrefix: [UInt8]
    /// Plain text loaded exactly as the file holds it: every scalar maps to its own bytes, so a
    /// span's text is a slice of the file, copied without transcoding scalars.
    private let textIsFile: Bool

    public init(loaded: LoadedText) {
        self.loaded = loaded
        let sha256 = Hashing.sha256Hex(loaded.rawBytes)
        let textIsUTF8 = Self.isUTF8(of: loaded.scalars, loaded.rawBytes)
        self.document = DocumentReference(
            uri: loaded.uri,
            media: loaded.media.rawValue,
            sha256: sha256,
            // Plain UTF-8 text is usually loaded as it is: then the text's hash is the file's,
            // and checking that is cheaper than a second hash. Otherwise the UTF-8 of the loaded
            // text is hashed without building the whole text as a `String`.
            textSha256: textIsUTF8 ? sha256 : Hashing.sha256Hex(String.utf8(of: loaded.scalars))
        )
        self.idPrefix = Array("\(sha256):".utf8)
        self.textIsFile = textIsUTF8 && loaded.media == .plainText
    }

    /// The loaded text of a span, offsets clamped as ``LoadedText/string(in:)`` clamps them.
    public func string(in range: ScalarRange) -> String {
        guard textIsFile else { return loaded.string(in: range) }
        return fileString(loaded.offsetMap.bytes(of: range))
    }

    /// ``string(in:)`` of a span whose bytes (`loaded.offsetMap.bytes(of: range)`) are known:
    /// a record's fields need both, and each is a walk through the offset map.
    private func string(in range: ScalarRange, bytes: ByteRange) -> String {
        textIsFile ? fileString(bytes) : loaded.string(in: range)
    }

    private func fileString(_ bytes: ByteRange) -> String {
        loaded.rawBytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[bytes.start..<bytes.end]), as: UTF8.self) }
    }

    /// Whether `bytes` is exactly the UTF-8 of `scalars`.
    static func isUTF8(of scalars: [Unicode.Scalar], _ bytes: [UInt8]) -> Bool {
        scalars.withUnsafeBufferPointer { scalars in
            bytes.withUnsafeBufferPointer { bytes in
                var position = 0
                var index = 0
                while index < scalars.count {
                    // Runs of ASCII are compared eight scalars at a time, without a branch per scalar.
                    if index + 8 <= scalars.count, position + 8 <= bytes.count {
                        var difference: UInt32 = 0
                        for offset in 0..<8 {
                            let value = scalars[index + offset].value
                            difference |= (value ^ UInt32(bytes[position + offset])) | (value & ~0x7F)
                        }
                        if difference == 0 {
                            index += 8
                            position += 8
                            continue
                        }
                    }
                    var same = true
                    UTF8.encode(scalars[index]) { unit in
                        if same, position < bytes.count, bytes[position] == unit { position += 1 } else { same = false }
                    }
                    guard same else { return false }
                    index += 1
                }
                return position == bytes.count
            }
        }
    }

    public func mention(_ range: ScalarRange) -> Mention {
        let bytes = loaded.offsetMap.bytes(of: range)
        return Mention(text: string(in: range, bytes: bytes), start: range.start, end: range.end, sourceBytes: bytes)
    }

    /// The quote field for a quotation made of one or more pieces.
    public func quote(parts: [ScalarRange]) -> QuoteText {
        // Most quotations are one piece: no sorted copy for them.
        let sorted = parts.count > 1 ? parts.sorted() : parts
        let first = sorted.first ?? ScalarRange(start: 0, end: 0)
        let whole = sorted.dropFirst().reduce(first) { $0.union($1) }
        let prefixStart = max(0, whole.start - Self.contextLength)
        let suffixEnd = min(loaded.count, whole.end + Self.contextLength)
        let wholeBytes = loaded.offsetMap.bytes(of: whole)
        return QuoteText(
            text: string(in: whole, bytes: wholeBytes),
            start: whole.start,
            end: whole.end,
            sourceBytes: wholeBytes,
            prefix: string(in: ScalarRange(start: prefixStart, end: whole.start)),
            suffix: string(in: ScalarRange(start: whole.end, end: suffixEnd)),
            parts: sorted.count > 1
                ? sorted.map { part in
                    let bytes = loaded.offsetMap.bytes(of: part)
                    return QuotePart(start: part.start, end: part.end, sourceBytes: bytes, text: string(in: part, bytes: bytes))
                }
                : nil
        )
    }

    public func record(
        kind: QuoteKind, parts: [ScalarRange], speaker: Speaker?, cue: ScalarRange?, rule: String, confidence: Double
    ) -> ClaimRecord {
        let quote = quote(parts: parts)
        return ClaimRecord(
            id: Hashing.recordID(prefix: idPrefix, range: quote.range),
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
