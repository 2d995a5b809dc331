import QuoteCheckText

/// Decodes UTF-8 bytes into scalars, mapping each scalar to the bytes it came from.
///
/// Every byte that is not part of a well-formed sequence becomes one U+FFFD mapped to that
/// single byte, so the map stays exact even for damaged files.
enum UTF8Decoding {
    /// - Parameters:
    ///   - bytes: the raw file.
    ///   - from: where decoding starts (after a BOM).
    /// - Returns: the scalars, their byte map, and the offset of the first invalid byte if any.
    static func decode(_ bytes: [UInt8], from start: Int) -> (scalars: [Unicode.Scalar], map: OffsetMap, firstInvalid: Int?) {
        // A file never has more scalars than bytes: both arrays are written through pointers into
        // room of that size, as appending scalar by scalar (a capacity check and a count update
        // each) was most of decoding.
        let capacity = max(0, bytes.count - start)
        // Each scalar's bytes follow the previous one's: its width is all the map needs.
        var widths: [UInt8] = []
        var firstInvalid: Int?
        let replacement = Unicode.Scalar(0xFFFD)!
        let scalars = [Unicode.Scalar](unsafeUninitializedCapacity: capacity) { scalarRoom, scalarCount in
            widths = [UInt8](unsafeUninitializedCapacity: capacity) { widthRoom, widthCount in
                bytes.withUnsafeBufferPointer { buffer in
                    let raw = UnsafeRawBufferPointer(buffer)
                    var index = start
                    var out = 0
                    let count = buffer.count
                    while index < count {
                        // Eight ASCII bytes at a time: nearly all of English news.
                        if index + 8 <= count, raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                            for offset in 0..<8 {
                                scalarRoom[out + offset] = Unicode.Scalar(buffer[index + offset])
                                widthRoom[out + offset] = 1
                            }
                            out += 8
                            index += 8
                            continue
                        }
                        let lead = buffer[index]
                        if lead < 0x80 {
                            scalarRoom[out] = Unicode.Scalar(lead)
                            widthRoom[out] = 1
                            out += 1
                            index += 1
                            continue
                        }
                        let length = sequenceLength(buffer, at: index)
                        if length == 0 {
                            if firstInvalid == nil { firstInvalid = index }
                            scalarRoom[out] = replacement
                            widthRoom[out] = 1
                            out += 1
                            index += 1
                            continue
                        }
                        var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                        for offset in 1..<length {
                            value = (value << 6) | (UInt32(buffer[index + offset]) & 0x3F)
                        }
                        scalarRoom[out] = Unicode.Scalar(value) ?? replacement
                        widthRoom[out] = UInt8(length)
                        out += 1
                        index += length
                    }
                    widthCount = out
                }
            }
            scalarCount = widths.count
        }
        return (scalars, OffsetMap(start: start, widths: widths, rawByteCount: bytes.count), firstInvalid)
    }

    /// The length of the well-formed sequence starting at `index`, or 0 if it is not well formed
    /// (Unicode Table 3-7: no overlongs, no surrogates, nothing above U+10FFFF).
    static func sequenceLength(_ buffer: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let lead = buffer[index]
        let remaining = buffer.count - index
        func continuation(_ offset: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            offset < remaining && buffer[index + offset] >= low && buffer[index + offset] <= high
        }
        switch lead {
        case 0xC2...0xDF:
            return continuation(1) ? 2 : 0
        case 0xE0:
            return continuation(1, 0xA0, 0xBF) && continuation(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF:
            return continuation(1) && continuation(2) ? 3 : 0
        case 0xED:
            return continuation(1, 0x80, 0x9F) && continuation(2) ? 3 : 0
        case 0xF0:
            return continuation(1, 0x90, 0xBF) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF1...0xF3:
            return continuation(1) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF4:
            return continuation(1, 0x80, 0x8F) && continuation(2) && continuation(3) ? 4 : 0
        default:
            return 0
        }
    }

    /// Whether the bytes from `start` are entirely well-formed UTF-8.
    static func isValid(_ bytes: [UInt8], from start: Int = 0) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            var index = start
            let raw = UnsafeRawBufferPointer(buffer)
            while index < buffer.count {
                // Eight ASCII bytes at a time: most of a web page is ASCII markup.
                if index + 8 <= buffer.count, raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    index += 8
                    continue
                }
                if buffer[index] < 0x80 { index += 1; continue }
                let length = sequenceLength(buffer, at: index)
                if length == 0 { return false }
                index += length
            }
            return true
        }
    }
}

/// Decodes UTF-16 (after its BOM), mapping each scalar to its 2 or 4 bytes; an unpaired
/// surrogate becomes U+FFFD mapped to its 2 bytes.
enum UTF16Decoding {
    static func decode(_ bytes: [UInt8], from start: Int, bigEndian: Bool) -> (scalars: [Unicode.Scalar], map: OffsetMap) {
        var scalars: [Unicode.Scalar] = []
        var map = OffsetMap(rawByteCount: bytes.count, capacity: (bytes.count - start) / 2)
        let replacement = Unicode.Scalar(0xFFFD)!
        func unit(_ at: Int) -> UInt16 {
            bigEndian ? UInt16(bytes[at]) << 8 | UInt16(bytes[at + 1]) : UInt16(bytes[at + 1]) << 8 | UInt16(bytes[at])
        }
        var index = start
        while index + 1 < bytes.count {
            let first = unit(index)
            if (0xD800...0xDBFF).contains(first), index + 3 < bytes.count {
                let second = unit(index + 2)
                if (0xDC00...0xDFFF).contains(second) {
                    let value = 0x10000 + ((UInt32(first) - 0xD800) << 10) + (UInt32(second) - 0xDC00)
                    scalars.append(Unicode.Scalar(value) ?? replacement)
                    map.append(start: index, end: index + 4)
                    index += 4
                    continue
                }
            }
            scalars.append(Unicode.Scalar(UInt32(first)) ?? replacement)
            map.append(start: index, end: index + 2)
            index += 2
        }
        if index < bytes.count {
            // A dangling odd byte cannot be a code unit.
            scalars.append(replacement)
            map.append(start: index, end: bytes.count)
        }
        return (scalars, map)
    }
}
