import Foundation
import QuoteCheckText

/// An HTML page re-encoded as UTF-8 for libxml2, with the raw byte range every UTF-8 byte
/// came from, so whatever libxml2 reports in UTF-8 positions maps back to the original file.
struct DecodedHTML {
    /// The page as UTF-8, BOM removed, NUL bytes replaced by spaces (a NUL ends libxml2's parse).
    var utf8: [UInt8]
    /// Per UTF-8 byte, the raw range of its scalar; nil when ``utf8`` is the raw file itself
    /// (valid UTF-8, most pages), shifted by ``rawShift``: the ranges then follow from the
    /// bytes, and two arrays the size of the page need not be built.
    private var rawStarts: [Int32]?
    private var rawEnds: [Int32]?
    /// Raw offset of ``utf8``'s first byte when it is the raw file (3 after a UTF-8 BOM).
    private var rawShift: Int
    /// The encoding the raw bytes were read as, e.g. `UTF-8`, `windows-1252`.
    var encoding: String

    /// A re-encoded page with an explicit map.
    init(utf8: [UInt8], rawStart: [Int32], rawEnd: [Int32], encoding: String) {
        self.utf8 = utf8
        self.rawStarts = rawStart
        self.rawEnds = rawEnd
        self.rawShift = 0
        self.encoding = encoding
    }

    /// A page whose bytes from `rawShift` on are well-formed UTF-8 and copied unchanged (NUL
    /// bytes aside, which become spaces of the same length).
    init(validUTF8 utf8: [UInt8], rawShift: Int, encoding: String) {
        self.utf8 = utf8
        self.rawStarts = nil
        self.rawEnds = nil
        self.rawShift = rawShift
        self.encoding = encoding
    }

    /// The first raw byte of the scalar that UTF-8 byte `index` belongs to.
    func rawStart(ofByte index: Int) -> Int32 { withRawMap { $0.rawStart(ofByte: index) } }

    /// The raw byte after the scalar that UTF-8 byte `index` belongs to.
    func rawEnd(ofByte index: Int) -> Int32 { withRawMap { $0.rawEnd(ofByte: index) } }

    /// Calls `body` with the bytes and their raw map, valid for the call only.
    func withRawMap<R>(_ body: (RawMap) -> R) -> R {
        utf8.withUnsafeBufferPointer { bytes in
            if let rawStarts, let rawEnds {
                return rawStarts.withUnsafeBufferPointer { starts in
                    rawEnds.withUnsafeBufferPointer { ends in body(RawMap(utf8: bytes, starts: starts, ends: ends, shift: 0)) }
                }
            }
            return body(RawMap(utf8: bytes, starts: nil, ends: nil, shift: rawShift))
        }
    }

    /// ``DecodedHTML``'s bytes and map as pointers, for the text matcher's inner loop.
    struct RawMap {
        let utf8: UnsafeBufferPointer<UInt8>
        let starts: UnsafeBufferPointer<Int32>?
        let ends: UnsafeBufferPointer<Int32>?
        let shift: Int

        @inline(__always)
        func rawStart(ofByte index: Int) -> Int32 {
            if let starts { return starts[index] }
            return Int32(DecodedHTML.sequenceStart(utf8, containing: index) + shift)
        }

        /// ``rawStart(ofByte:)`` and ``rawEnd(ofByte:)`` of a byte below 0x80.
        @inline(__always)
        func rawRange(ofASCIIByte index: Int) -> (Int32, Int32) {
            if let starts, let ends { return (starts[index], ends[index]) }
            return (Int32(index + shift), Int32(index + 1 + shift))
        }

        @inline(__always)
        func rawEnd(ofByte index: Int) -> Int32 {
            if let ends { return ends[index] }
            return Int32(DecodedHTML.sequenceEnd(utf8, containing: index) + shift)
        }
    }

    /// In well-formed UTF-8: the lead byte of the sequence holding `index`.
    @inline(__always)
    static func sequenceStart(_ utf8: UnsafeBufferPointer<UInt8>, containing index: Int) -> Int {
        var start = index
        while start > 0, start > index - 3, utf8[start] & 0xC0 == 0x80 { start -= 1 }
        return start
    }

    /// In well-formed UTF-8: the byte after the sequence holding `index`.
    @inline(__always)
    static func sequenceEnd(_ utf8: UnsafeBufferPointer<UInt8>, containing index: Int) -> Int {
        if utf8[index] < 0x80 { return index + 1 }
        let start = sequenceStart(utf8, containing: index)
        let lead = utf8[start]
        return start + (lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2)
    }
}

/// Decides a page's encoding the way notes/libxml2.md recommends and decodes it.
///
/// BOM first; then valid UTF-8 is UTF-8 whatever the page declares; then the declared
/// charset (`<meta charset>` or `http-equiv`); a page declaring UTF-8 that contains
/// stray bytes is decoded per byte sequence (valid sequences as UTF-8, the rest as
/// Windows-1252), so neither mojibake nor C1 control characters come out.
enum HTMLDecoding {
    /// A declared charset neither the loader's tables nor iconv can decode.
    struct Unsupported: Error {
        let label: String
    }

    static func decode(_ raw: [UInt8]) throws(Unsupported) -> DecodedHTML {
        if raw.starts(with: [0xEF, 0xBB, 0xBF]) {
            if UTF8Decoding.isValid(raw, from: 3) { return copyValidUTF8(raw, from: 3) }
            return decodeUTF8(raw, from: 3, fallback: .windows1252, name: "UTF-8")
        }
        if let wide = WideEncoding.detect(raw.prefix(8192)) {
            let decoded = wide.decode(raw)
            return fromScalars(decoded.scalars, map: decoded.map, encoding: wide.name)
        }
        if UTF8Decoding.isValid(raw) { return copyValidUTF8(raw, from: 0) }
        guard let declared = declaredCharset(raw) else { return decodeSingleByte(raw, table: .windows1252) }
        if let table = SingleByteTable.named(declared) { return decodeSingleByte(raw, table: table) }
        if declared == "utf-8" || declared == "utf8" {
            return decodeUTF8(raw, from: 0, fallback: .windows1252, name: "UTF-8 (with Windows-1252 bytes)")
        }
        // Multi-byte and other single-byte encodings (Shift_JIS, EUC-KR, GB2312, KOI8-R, ...).
        guard let decoded = IconvDecoding.decode(raw, encoding: declared) else { throw Unsupported(label: declared) }
        return fromScalars(decoded.scalars, map: decoded.map, encoding: declared)
    }

    /// The charset a `<meta>` in the first 8 KiB declares, lower-cased.
    static func declaredCharset(_ raw: [UInt8]) -> String? {
        let head = raw.prefix(8192).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        let needle = Array("charset".utf8)
        var index = 0
        while index + needle.count < head.count {
            guard head[index] == 0x63, head[index..<index + needle.count].elementsEqual(needle) else {
                index += 1
                continue
            }
            var cursor = index + needle.count
            while cursor < head.count, head[cursor] == 0x20 { cursor += 1 }
            guard cursor < head.count, head[cursor] == 0x3D else {
                index += 1
                continue
            }
            cursor += 1
            while cursor < head.count, [0x20, 0x22, 0x27].contains(head[cursor]) { cursor += 1 }
            var name: [UInt8] = []
            while cursor < head.count, name.count < 40 {
                let byte = head[cursor]
                guard (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x5F || byte == 0x3A else { break }
                name.append(byte)
                cursor += 1
            }
            if !name.isEmpty { return String(decoding: name, as: UTF8.self) }
            index = cursor
        }
        return nil
    }

    /// Well-formed UTF-8 is handed to libxml2 as it is: only NUL bytes are replaced, one for one.
    private static func copyValidUTF8(_ raw: [UInt8], from start: Int) -> DecodedHTML {
        var utf8 = start == 0 ? raw : Array(raw[start...])
        let hasNUL = utf8.withUnsafeBytes { bytes in bytes.baseAddress.map { memchr($0, 0, bytes.count) != nil } ?? false }
        if hasNUL {
            utf8.withUnsafeMutableBufferPointer { buffer in
                for index in buffer.indices where buffer[index] == 0 { buffer[index] = 0x20 }
            }
        }
        return DecodedHTML(validUTF8: utf8, rawShift: start, encoding: "UTF-8")
    }

    /// Per byte sequence: well-formed UTF-8 as itself, other bytes by `fallback`.
    static func decodeUTF8(_ raw: [UInt8], from start: Int, fallback: SingleByteTable, name: String) -> DecodedHTML {
        var utf8: [UInt8] = []
        var rawStart: [Int32] = []
        var rawEnd: [Int32] = []
        utf8.reserveCapacity(raw.count)
        rawStart.reserveCapacity(raw.count)
        rawEnd.reserveCapacity(raw.count)
        raw.withUnsafeBufferPointer { buffer in
            var index = start
            while index < buffer.count {
                let lead = buffer[index]
                if lead < 0x80 {
                    utf8.append(lead == 0 ? 0x20 : lead)
                    rawStart.append(Int32(index))
                    rawEnd.append(Int32(index + 1))
                    index += 1
                    continue
                }
                let length = UTF8Decoding.sequenceLength(buffer, at: index)
                if length == 0 {
                    let encoded = fallback.utf8(for: lead)
                    for byte in encoded {
                        utf8.append(byte)
                        rawStart.append(Int32(index))
                        rawEnd.append(Int32(index + 1))
                    }
                    index += 1
                    continue
                }
                for offset in 0..<length {
                    utf8.append(buffer[index + offset])
                    rawStart.append(Int32(index))
                    rawEnd.append(Int32(index + length))
                }
                index += length
            }
        }
        return DecodedHTML(utf8: utf8, rawStart: rawStart, rawEnd: rawEnd, encoding: name)
    }

    private static func decodeSingleByte(_ raw: [UInt8], table: SingleByteTable) -> DecodedHTML {
        var utf8: [UInt8] = []
        var rawStart: [Int32] = []
        var rawEnd: [Int32] = []
        utf8.reserveCapacity(raw.count + raw.count / 8)
        rawStart.reserveCapacity(raw.count)
        rawEnd.reserveCapacity(raw.count)
        for (index, byte) in raw.enumerated() {
            if byte < 0x80 {
                utf8.append(byte == 0 ? 0x20 : byte)
                rawStart.append(Int32(index))
                rawEnd.append(Int32(index + 1))
                continue
            }
            for encoded in table.utf8(for: byte) {
                utf8.append(encoded)
                rawStart.append(Int32(index))
                rawEnd.append(Int32(index + 1))
            }
        }
        return DecodedHTML(utf8: utf8, rawStart: rawStart, rawEnd: rawEnd, encoding: table.name)
    }

    /// Scalars already decoded with their raw byte map, re-encoded as UTF-8 for libxml2.
    private static func fromScalars(_ scalars: [Unicode.Scalar], map: OffsetMap, encoding: String) -> DecodedHTML {
        var utf8: [UInt8] = []
        var rawStart: [Int32] = []
        var rawEnd: [Int32] = []
        utf8.reserveCapacity(scalars.count)
        rawStart.reserveCapacity(scalars.count)
        rawEnd.reserveCapacity(scalars.count)
        for (index, scalar) in scalars.enumerated() {
            let range = map.bytes(ofScalar: index)
            let value: Unicode.Scalar = scalar.value == 0 ? " " : scalar
            for byte in String(Character(value)).utf8 {
                utf8.append(byte)
                rawStart.append(Int32(range.start))
                rawEnd.append(Int32(range.end))
            }
        }
        return DecodedHTML(utf8: utf8, rawStart: rawStart, rawEnd: rawEnd, encoding: encoding)
    }
}

/// A single-byte encoding as a table from byte to scalar for bytes 0x80–0xFF.
struct SingleByteTable: Sendable {
    let name: String
    /// UTF-8 encodings of the scalars for bytes 0x80...0xFF.
    let upperHalf: [[UInt8]]

    func utf8(for byte: UInt8) -> [UInt8] {
        byte < 0x80 ? [byte] : upperHalf[Int(byte) - 0x80]
    }

    /// Windows-1252 as HTML5 defines it (Latin-1 and US-ASCII labels mean this too); its five
    /// undefined bytes become U+FFFD rather than C1 control characters.
    static let windows1252: SingleByteTable = {
        let upper = (0x80...0xFF).map { byte -> [UInt8] in
            let scalar = Windows1252.scalar(forC1: UInt32(byte)) ?? Unicode.Scalar(UInt32(byte)) ?? "\u{FFFD}"
            return Array(String(Character(scalar)).utf8)
        }
        return SingleByteTable(name: "windows-1252", upperHalf: upper)
    }()

    private static func foundation(_ encoding: String.Encoding, name: String) -> SingleByteTable? {
        var upper: [[UInt8]] = []
        for byte in UInt8(0x80)...UInt8(0xFF) {
            let decoded = String(bytes: [byte], encoding: encoding) ?? "\u{FFFD}"
            let scalar = decoded.unicodeScalars.first.map { (0x80...0x9F).contains($0.value) ? "\u{FFFD}" : $0 } ?? "\u{FFFD}"
            upper.append(Array(String(Character(scalar)).utf8))
        }
        return SingleByteTable(name: name, upperHalf: upper)
    }

    static let latin2 = foundation(.isoLatin2, name: "iso-8859-2")
    static let windows1250 = foundation(.windowsCP1250, name: "windows-1250")
    static let windows1251 = foundation(.windowsCP1251, name: "windows-1251")
    static let windows1253 = foundation(.windowsCP1253, name: "windows-1253")
    static let windows1254 = foundation(.windowsCP1254, name: "windows-1254")

    /// The table for a declared charset label, or nil when the label is not a single-byte
    /// encoding this loader knows.
    static func named(_ label: String) -> SingleByteTable? {
        switch label {
        case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "windows-1252", "cp1252",
            "x-cp1252", "iso-8859-15", "iso8859-15", "latin9", "cp819", "ibm819":
            return .windows1252
        case "iso-8859-2", "iso8859-2", "latin2": return latin2
        case "windows-1250", "cp1250": return windows1250
        case "windows-1251", "cp1251": return windows1251
        case "windows-1253", "cp1253": return windows1253
        case "windows-1254", "cp1254", "iso-8859-9": return windows1254
        default: return nil
        }
    }
}

/// The Windows-1252 characters HTML5 substitutes for bytes and numeric references
/// 0x80–0x9F (`&#150;` is an en dash, not a C1 control character).
enum Windows1252 {
    private static let c1: [UInt32] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
        0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
    ]

    static func scalar(forC1 value: UInt32) -> Unicode.Scalar? {
        guard value >= 0x80, value <= 0x9F else { return nil }
        return Unicode.Scalar(c1[Int(value - 0x80)])
    }
}
