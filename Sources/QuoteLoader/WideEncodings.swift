import Foundation
import QuoteCheckText

/// UTF-16 and UTF-32, told apart by their BOM or, for UTF-16 without one, by where the NUL
/// bytes fall: ASCII-heavy UTF-16 has a NUL in every other byte, which no 8-bit text has.
enum WideEncoding: Equatable, Sendable {
    case utf16(bigEndian: Bool, bomLength: Int)
    case utf32(bigEndian: Bool)

    var name: String {
        switch self {
        case let .utf16(bigEndian, _): return bigEndian ? "UTF-16BE" : "UTF-16LE"
        case let .utf32(bigEndian): return bigEndian ? "UTF-32BE" : "UTF-32LE"
        }
    }

    /// Looks at the first 8 KiB only.
    static func detect<Bytes: RandomAccessCollection>(_ bytes: Bytes) -> WideEncoding? where Bytes.Element == UInt8, Bytes.Index == Int {
        let start = bytes.startIndex
        func byte(_ offset: Int) -> UInt8 { bytes[start + offset] }
        // UTF-32LE's BOM begins like UTF-16LE's: test it first.
        if bytes.count >= 4, byte(0) == 0xFF, byte(1) == 0xFE, byte(2) == 0, byte(3) == 0 { return .utf32(bigEndian: false) }
        if bytes.count >= 4, byte(0) == 0, byte(1) == 0, byte(2) == 0xFE, byte(3) == 0xFF { return .utf32(bigEndian: true) }
        if bytes.count >= 2, byte(0) == 0xFF, byte(1) == 0xFE { return .utf16(bigEndian: false, bomLength: 2) }
        if bytes.count >= 2, byte(0) == 0xFE, byte(1) == 0xFF { return .utf16(bigEndian: true, bomLength: 2) }
        let head = min(bytes.count, 8192) & ~1
        // Too few code units to tell UTF-16 from a short binary file.
        guard head >= 16 else { return nil }
        // UTF-16 without a BOM needs NUL bytes in its head, which UTF-8 text has none of: every
        // plain-text file is asked, twice, and one `memchr` answers for nearly all of them.
        let hasNUL = bytes.withContiguousStorageIfAvailable { buffer in
            buffer.baseAddress.map { memchr($0, 0, head) != nil } ?? false
        }
        if hasNUL == false { return nil }
        var evenNUL = 0
        var oddNUL = 0
        // Code units with a NUL high byte whose low byte is printable ASCII or a line break.
        var evenText = 0
        var oddText = 0
        func isText(_ byte: UInt8) -> Bool { (0x20...0x7E).contains(byte) || (0x09...0x0D).contains(byte) || byte >= 0xA0 }
        for offset in stride(from: 0, to: head, by: 2) {
            let first = byte(offset)
            let second = byte(offset + 1)
            if first == 0 { evenNUL += 1; if isText(second) { evenText += 1 } }
            if second == 0 { oddNUL += 1; if isText(first) { oddText += 1 } }
        }
        let pairs = head / 2
        // Most characters of a page or article are ASCII (markup, spaces, digits, Latin words):
        // at least 40% of the code units with a NUL high byte on one side, nearly all of them
        // printable, and almost no NUL on the other side is UTF-16; binary files have NULs on
        // both sides or control bytes beside them.
        if oddNUL * 10 >= pairs * 4, evenNUL * 50 <= pairs, oddText * 10 >= oddNUL * 9 { return .utf16(bigEndian: false, bomLength: 0) }
        if evenNUL * 10 >= pairs * 4, oddNUL * 50 <= pairs, evenText * 10 >= evenNUL * 9 { return .utf16(bigEndian: true, bomLength: 0) }
        return nil
    }

    /// The scalars and their byte map.
    func decode(_ bytes: [UInt8]) -> (scalars: [Unicode.Scalar], map: OffsetMap) {
        switch self {
        case let .utf16(bigEndian, bomLength): return UTF16Decoding.decode(bytes, from: bomLength, bigEndian: bigEndian)
        case let .utf32(bigEndian): return UTF32Decoding.decode(bytes, from: 4, bigEndian: bigEndian)
        }
    }
}

/// UTF-32 after its BOM: each scalar maps to its 4 bytes; a value that is no scalar, and a
/// dangling tail of fewer than 4 bytes, become U+FFFD mapped to their bytes.
enum UTF32Decoding {
    static func decode(_ bytes: [UInt8], from start: Int, bigEndian: Bool) -> (scalars: [Unicode.Scalar], map: OffsetMap) {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity((bytes.count - start) / 4)
        var map = OffsetMap(rawByteCount: bytes.count, capacity: (bytes.count - start) / 4)
        var index = start
        while index + 3 < bytes.count {
            let value = bigEndian
                ? UInt32(bytes[index]) << 24 | UInt32(bytes[index + 1]) << 16 | UInt32(bytes[index + 2]) << 8 | UInt32(bytes[index + 3])
                : UInt32(bytes[index + 3]) << 24 | UInt32(bytes[index + 2]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index])
            scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
            map.append(start: index, end: index + 4)
            index += 4
        }
        if index < bytes.count {
            scalars.append("\u{FFFD}")
            map.append(start: index, end: bytes.count)
        }
        return (scalars, map)
    }
}

/// Any encoding the C library's iconv knows (Shift_JIS, EUC-JP, GB18030, Big5, KOI8-R, ...),
/// one character at a time so every scalar keeps the exact raw bytes it came from.
enum IconvDecoding {
    /// nil when iconv does not know `encoding`.
    static func decode(_ bytes: [UInt8], encoding: String) -> (scalars: [Unicode.Scalar], map: OffsetMap)? {
        let converter = iconv_open("UTF-32LE", encoding)
        // iconv_open returns (iconv_t)-1 on failure.
        guard let converter, Int(bitPattern: converter) != -1 else { return nil }
        defer { iconv_close(converter) }
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(bytes.count)
        var map = OffsetMap(rawByteCount: bytes.count, capacity: bytes.count)
        var output: UInt32 = 0
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var index = 0
            while index < buffer.count {
                // An output room of exactly one UTF-32 unit makes iconv convert one character per
                // call (E2BIG after it), consuming exactly that character's bytes (and any shift
                // sequence before it).
                var input: UnsafeMutablePointer<CChar>? = UnsafeMutablePointer(
                    mutating: UnsafeRawPointer(base + index).assumingMemoryBound(to: CChar.self))
                var inputLeft = buffer.count - index
                var produced = 0
                let result: Int = withUnsafeMutableBytes(of: &output) { room in
                    var out = room.baseAddress?.assumingMemoryBound(to: CChar.self)
                    var outLeft = 4
                    let status = iconv(converter, &input, &inputLeft, &out, &outLeft)
                    produced = 4 - outLeft
                    return status
                }
                let consumed = buffer.count - index - inputLeft
                if produced == 4 {
                    scalars.append(Unicode.Scalar(UInt32(littleEndian: output)) ?? "\u{FFFD}")
                    map.append(start: index, end: index + consumed)
                    index += consumed
                    continue
                }
                if consumed > 0, result != -1 {
                    // Only a shift sequence with nothing after it: the bytes carry no character.
                    index += consumed
                    continue
                }
                // An invalid or truncated sequence: one U+FFFD for its first byte, so the map
                // stays exact and decoding goes on after it.
                scalars.append("\u{FFFD}")
                map.append(start: index + consumed, end: index + consumed + 1)
                index += consumed + 1
                _ = iconv(converter, nil, nil, nil, nil)
            }
        }
        return (scalars, map)
    }
}
