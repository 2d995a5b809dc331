extension ClaimRecord {
    /// The record as one line of JSON, keys in the schema's order (RECORD.md), without the newline.
    ///
    /// Writing many records: ``JSONLinesWriter`` appends them to one buffer, without a `String`
    /// per record.
    public var jsonLine: String {
        var writer = JSONLinesWriter(capacity: 1024)
        writer.write(self, newline: false)
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}

/// Claim records as JSON Lines, written straight into one growing byte buffer.
///
/// Foundation's `JSONEncoder` was 16 % of `extract`'s instructions (callgrind), and a `String`
/// per record with closures per field still about 7 %: records are a fixed shape of strings and
/// numbers, so keys are written as literal bytes, strings are copied in runs that need no
/// escaping, and the `document` object, the same for every record of a document, is written
/// once per document. A record with a `check` object goes through `JSONEncoder`, whose output
/// decodes to the same record.
public struct JSONLinesWriter {
    /// Every line written since the last ``removeAll()``, each ending in a newline.
    public private(set) var bytes: [UInt8] = []
    /// The last document written and its `"document":{…}` bytes.
    private var document: DocumentReference?
    private var documentJSON: [UInt8] = []

    public init(capacity: Int = 1 << 16) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends the record as one line ending in a newline.
    public mutating func write(_ record: ClaimRecord) {
        write(record, newline: true)
    }

    /// Appends lines this type wrote before (each ending in a newline), as they are.
    public mutating func write(lines: [UInt8]) {
        bytes.append(contentsOf: lines)
    }

    /// Forgets the lines written so far and keeps the buffer's capacity (and the document cache).
    public mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
    }

    mutating func write(_ record: ClaimRecord, newline: Bool) {
        defer { if newline { bytes.append(0x0A) } }
        if record.check != nil {
            bytes.append(contentsOf: JSONLines.line(record).utf8)
            return
        }
        raw(#"{"schema":"#)
        string(record.schema)
        raw(#","id":"#)
        string(record.id)
        raw(#","document":"#)
        if record.document != document {
            documentJSON = Self.json(of: record.document)
            document = record.document
        }
        bytes.append(contentsOf: documentJSON)
        raw(#","kind":"#)
        string(record.kind.rawValue)
        let quote = record.quote
        raw(#","quote":{"text":"#)
        string(quote.text)
        raw(#","start":"#)
        int(quote.start)
        raw(#","end":"#)
        int(quote.end)
        raw(#","sourceBytes":"#)
        byteRange(quote.sourceBytes)
        raw(#","prefix":"#)
        string(quote.prefix)
        raw(#","suffix":"#)
        string(quote.suffix)
        if let parts = quote.parts {
            raw(#","parts":["#)
            for (index, part) in parts.enumerated() {
                raw(index == 0 ? #"{"start":"# : #",{"start":"#)
                int(part.start)
                raw(#","end":"#)
                int(part.end)
                raw(#","sourceBytes":"#)
                byteRange(part.sourceBytes)
                bytes.append(UInt8(ascii: "}"))
            }
            bytes.append(UInt8(ascii: "]"))
        }
        raw(#"},"speaker":"#)
        if let speaker = record.speaker {
            raw(#"{"name":"#)
            string(speaker.name)
            raw(#","mention":"#)
            if let mention = speaker.mention { self.mention(mention) } else { raw("null") }
            raw(#","resolvedBy":"#)
            string(speaker.resolvedBy)
            raw(speaker.anonymous ? #","anonymous":true}"# : #","anonymous":false}"#)
        } else {
            raw("null")
        }
        raw(#","cue":"#)
        if let cue = record.cue { mention(cue) } else { raw("null") }
        raw(#","rule":"#)
        string(record.rule)
        raw(#","confidence":"#)
        double(record.confidence)
        bytes.append(UInt8(ascii: "}"))
    }

    private static func json(of document: DocumentReference) -> [UInt8] {
        var writer = JSONLinesWriter(capacity: 256)
        writer.raw(#"{"uri":"#)
        writer.string(document.uri)
        writer.raw(#","media":"#)
        writer.string(document.media)
        writer.raw(#","sha256":"#)
        writer.string(document.sha256)
        writer.raw(#","textSha256":"#)
        writer.string(document.textSha256)
        writer.bytes.append(UInt8(ascii: "}"))
        return writer.bytes
    }

    private mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    private mutating func mention(_ mention: Mention) {
        raw(#"{"text":"#)
        string(mention.text)
        raw(#","start":"#)
        int(mention.start)
        raw(#","end":"#)
        int(mention.end)
        raw(#","sourceBytes":"#)
        byteRange(mention.sourceBytes)
        bytes.append(UInt8(ascii: "}"))
    }

    private mutating func byteRange(_ range: ByteRange) {
        bytes.append(UInt8(ascii: "["))
        int(range.start)
        bytes.append(UInt8(ascii: ","))
        int(range.end)
        bytes.append(UInt8(ascii: "]"))
    }

    /// Decimal digits, as `String(value)` writes them: filled from the end of a small scratch
    /// buffer, since dividing by the constant 10 is a multiplication.
    private mutating func int(_ value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var rest = value.magnitude
        if rest < 10 { return bytes.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest)) }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = digits.count
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
            } while rest > 0
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }

    /// Shortest round-trip form; confidences are finite numbers in 0…1.
    private mutating func double(_ value: Double) {
        guard value.isFinite else { return bytes.append(UInt8(ascii: "0")) }
        bytes.append(contentsOf: value.description.utf8)
    }

    /// A JSON string: quotation mark, backslash and control characters escaped, the rest as is.
    /// Every byte that needs escaping is ASCII, so multi-byte sequences pass through untouched;
    /// runs without one are found eight bytes at a time and copied whole.
    private mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            guard let base = utf8.baseAddress else { return }
            let count = utf8.count
            var runStart = 0
            var index = 0
            while index < count {
                if index + 8 <= count, !Self.needsEscape(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) {
                    index += 8
                    continue
                }
                let byte = base[index]
                if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                    if runStart < index { bytes.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: index - runStart)) }
                    escape(byte)
                    runStart = index + 1
                }
                index += 1
            }
            if runStart < count { bytes.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: count - runStart)) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Whether any of eight bytes is a control character, a quotation mark or a backslash
    /// (the exact "has less than" and "has zero byte" word tests; bytes of 0x80 and above never
    /// match).
    private static func needsEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ value: UInt64) -> Bool { (value &- ones) & ~value & highBits != 0 }
        let control = (word &- ones &* 0x20) & ~word & highBits != 0
        return control || hasZeroByte(word ^ (ones &* 0x22)) || hasZeroByte(word ^ (ones &* 0x5C))
    }

    private mutating func escape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): raw(#"\""#)
        case UInt8(ascii: "\\"): raw(#"\\"#)
        case 0x0A: raw(#"\n"#)
        case 0x0D: raw(#"\r"#)
        case 0x09: raw(#"\t"#)
        default:
            let digits: StaticString = "0123456789abcdef"
            raw(#"\u00"#)
            digits.withUTF8Buffer {
                bytes.append($0[Int(byte >> 4)])
                bytes.append($0[Int(byte & 0x0F)])
            }
        }
    }
}
