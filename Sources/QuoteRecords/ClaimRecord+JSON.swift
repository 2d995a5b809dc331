extension ClaimRecord {
    /// The record as one line of JSON, keys in the schema's order (RECORD.md), without the newline.
    ///
    /// Writing many records: ``JSONLinesWriter`` appends them to one buffer, without a `String`
    /// per record.
    public var jsonLine: String {
        var writer = JSONLinesWriter(capacity: 0)
        writer.write(self, newline: false)
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}

/// Claim records as JSON Lines, written straight into one growing byte buffer.
///
/// Foundation's `JSONEncoder` was 16 % of `extract`'s instructions (callgrind), and a `String`
/// per record with closures per field still about 7 %: records are a fixed shape of strings and
/// numbers, so each record is written through one pointer into room reserved for its longest
/// possible form, keys as literal bytes, strings copied in runs that need no escaping, and the
/// `document` object, the same for every record of a document, written once per document. A
/// record with a `check` object goes through `JSONEncoder`, whose output decodes to the same
/// record.
public struct JSONLinesWriter: Sendable {
    /// Written bytes, then zeroed room for the next records: only the first `count` are output.
    private var storage: [UInt8]
    private var count = 0
    /// The last document written and its `{"uri":…}` bytes.
    private var document: DocumentReference?
    private var documentJSON: [UInt8] = []

    public init(capacity: Int = 1 << 16) {
        storage = Array(repeating: 0, count: capacity)
    }

    /// Every line written since the last ``removeAll()``, each ending in a newline.
    public var bytes: ArraySlice<UInt8> { storage[..<count] }

    /// Appends the record as one line ending in a newline.
    public mutating func write(_ record: ClaimRecord) {
        write(record, newline: true)
    }

    /// Appends lines this type wrote before (each ending in a newline), as they are.
    public mutating func write<Lines: Collection>(lines: Lines) where Lines.Element == UInt8 {
        reserve(lines.count)
        storage.replaceSubrange(count..<(count + lines.count), with: lines)
        count += lines.count
    }

    /// Forgets the lines written so far and keeps the buffer (and the document cache).
    public mutating func removeAll() {
        count = 0
    }

    private mutating func reserve(_ length: Int) {
        guard storage.count - count < length else { return }
        storage.append(contentsOf: repeatElement(0, count: max(length, storage.count)))
    }

    mutating func write(_ record: ClaimRecord, newline: Bool) {
        if record.check != nil {
            write(lines: JSONLines.line(record).utf8)
            if newline { write(lines: CollectionOfOne(0x0A)) }
            return
        }
        if record.document != document {
            var writer = JSONLinesWriter(capacity: Self.maximumLength(of: record.document))
            writer.write(cursor: { $0.document(record.document) })
            documentJSON = Array(writer.bytes)
            document = record.document
        }
        reserve(Self.maximumLength(of: record) + documentJSON.count)
        let documentJSON = self.documentJSON
        write(cursor: { $0.record(record, documentJSON: documentJSON, newline: newline) })
    }

    /// Runs `body` with a cursor at the end of the written bytes; the room it needs must be
    /// reserved.
    private mutating func write(cursor body: (inout ByteCursor) -> Void) {
        let start = count
        var end = start
        storage.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var cursor = ByteCursor(base + start)
            body(&cursor)
            end = cursor.position - base
        }
        count = end
    }

    /// Every character of a string may become six (`\u001f`); keys, punctuation, twelve
    /// integers of at most 20 digits and the confidence fit in the fixed part.
    static func maximumLength(of record: ClaimRecord) -> Int {
        let quote = record.quote
        var length = 1024 + 128 * (quote.parts?.count ?? 0)
        length += 6 * (record.schema.utf8.count + record.id.utf8.count + record.kind.rawValue.utf8.count + record.rule.utf8.count)
        length += 6 * (quote.text.utf8.count + quote.prefix.utf8.count + quote.suffix.utf8.count)
        length += 6 * (quote.parts?.reduce(0) { $0 + $1.text.utf8.count } ?? 0)
        if let speaker = record.speaker {
            length += 6 * (speaker.name.utf8.count + speaker.resolvedBy.utf8.count + (speaker.mention?.text.utf8.count ?? 0))
            length += 6 * (speaker.title?.utf8.count ?? 0)
            for link in speaker.chain ?? [] { length += 96 + 6 * link.text.utf8.count }
        }
        length += 6 * (record.cue?.text.utf8.count ?? 0)
        return length
    }

    static func maximumLength(of document: DocumentReference) -> Int {
        128 + 6 * (document.uri.utf8.count + document.media.utf8.count + document.sha256.utf8.count + document.textSha256.utf8.count)
    }
}

/// Writes JSON through a pointer into room already reserved.
private struct ByteCursor {
    private(set) var position: UnsafeMutablePointer<UInt8>

    init(_ position: UnsafeMutablePointer<UInt8>) {
        self.position = position
    }

    mutating func record(_ record: ClaimRecord, documentJSON: [UInt8], newline: Bool) {
        raw(#"{"schema":"#)
        string(record.schema)
        raw(#","id":"#)
        string(record.id)
        raw(#","document":"#)
        documentJSON.withUnsafeBufferPointer { copy($0) }
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
                raw(#","text":"#)
                string(part.text)
                byte(UInt8(ascii: "}"))
            }
            byte(UInt8(ascii: "]"))
        }
        raw(#"},"speaker":"#)
        if let speaker = record.speaker {
            raw(#"{"name":"#)
            string(speaker.name)
            if let title = speaker.title {
                raw(#","title":"#)
                string(title)
            }
            raw(#","mention":"#)
            if let mention = speaker.mention { self.mention(mention) } else { raw("null") }
            raw(#","resolvedBy":"#)
            string(speaker.resolvedBy)
            raw(speaker.anonymous ? #","anonymous":true"# : #","anonymous":false"#)
            if let chain = speaker.chain {
                raw(#","chain":["#)
                for (index, link) in chain.enumerated() {
                    raw(index == 0 ? #"{"text":"# : #",{"text":"#)
                    string(link.text)
                    raw(#","start":"#)
                    int(link.start)
                    raw(#","end":"#)
                    int(link.end)
                    byte(UInt8(ascii: "}"))
                }
                byte(UInt8(ascii: "]"))
            }
            byte(UInt8(ascii: "}"))
        } else {
            raw("null")
        }
        raw(#","cue":"#)
        if let cue = record.cue { mention(cue) } else { raw("null") }
        raw(#","rule":"#)
        string(record.rule)
        raw(#","confidence":"#)
        double(record.confidence)
        byte(UInt8(ascii: "}"))
        if newline { byte(0x0A) }
    }

    mutating func document(_ document: DocumentReference) {
        raw(#"{"uri":"#)
        string(document.uri)
        raw(#","media":"#)
        string(document.media)
        raw(#","sha256":"#)
        string(document.sha256)
        raw(#","textSha256":"#)
        string(document.textSha256)
        byte(UInt8(ascii: "}"))
    }

    private mutating func byte(_ value: UInt8) {
        position.initialize(to: value)
        position += 1
    }

    private mutating func copy(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        position.update(from: base, count: bytes.count)
        position += bytes.count
    }

    private mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { copy($0) }
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
        byte(UInt8(ascii: "}"))
    }

    private mutating func byteRange(_ range: ByteRange) {
        byte(UInt8(ascii: "["))
        int(range.start)
        byte(UInt8(ascii: ","))
        int(range.end)
        byte(UInt8(ascii: "]"))
    }

    /// Decimal digits, as `String(value)` writes them: counted first, then written from the
    /// last, dividing by the constant 10 (a multiplication).
    private mutating func int(_ value: Int) {
        if value < 0 { byte(UInt8(ascii: "-")) }
        var rest = value.magnitude
        var digits = 1
        var probe = rest
        while probe >= 10 {
            probe /= 10
            digits += 1
        }
        var index = digits
        repeat {
            index -= 1
            position[index] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
        } while index > 0
        position += digits
    }

    /// Shortest round-trip form, as `String(value)`; confidences are finite numbers in 0…1.
    private mutating func double(_ value: Double) {
        guard value.isFinite else { return byte(UInt8(ascii: "0")) }
        var text = value.description
        text.withUTF8 { copy($0) }
    }

    /// A JSON string: quotation mark, backslash and control characters escaped, the rest as is.
    /// Every byte that needs escaping is ASCII, so multi-byte sequences pass through untouched;
    /// runs without one are found eight bytes at a time and copied whole.
    private mutating func string(_ value: String) {
        byte(UInt8(ascii: "\""))
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
                    copy(UnsafeBufferPointer(start: base + runStart, count: index - runStart))
                    escape(byte)
                    runStart = index + 1
                }
                index += 1
            }
            copy(UnsafeBufferPointer(start: base + runStart, count: count - runStart))
        }
        byte(UInt8(ascii: "\""))
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

    private mutating func escape(_ value: UInt8) {
        switch value {
        case UInt8(ascii: "\""): raw(#"\""#)
        case UInt8(ascii: "\\"): raw(#"\\"#)
        case 0x0A: raw(#"\n"#)
        case 0x0D: raw(#"\r"#)
        case 0x09: raw(#"\t"#)
        default:
            let digits: StaticString = "0123456789abcdef"
            raw(#"\u00"#)
            digits.withUTF8Buffer {
                byte($0[Int(value >> 4)])
                byte($0[Int(value & 0x0F)])
            }
        }
    }
}
