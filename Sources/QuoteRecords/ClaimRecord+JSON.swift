extension ClaimRecord {
    /// The record as one line of JSON, keys in the schema's order (RECORD.md), written directly.
    ///
    /// Foundation's `JSONEncoder` was 16 % of `extract`'s instructions (callgrind); records are
    /// a fixed shape of strings and numbers, so writing them needs no reflection. A record with a
    /// `check` object goes through `JSONEncoder`, whose output decodes to the same record.
    public var jsonLine: String {
        if check != nil { return JSONLines.line(self) }
        var out = JSONWriter()
        out.object {
            $0.field("schema") { $0.string(schema) }
            $0.field("id") { $0.string(id) }
            $0.field("document") { writer in
                writer.object {
                    $0.field("uri") { $0.string(document.uri) }
                    $0.field("media") { $0.string(document.media) }
                    $0.field("sha256") { $0.string(document.sha256) }
                    $0.field("textSha256") { $0.string(document.textSha256) }
                }
            }
            $0.field("kind") { $0.string(kind.rawValue) }
            $0.field("quote") { writer in
                writer.object {
                    $0.field("text") { $0.string(quote.text) }
                    $0.field("start") { $0.int(quote.start) }
                    $0.field("end") { $0.int(quote.end) }
                    $0.field("sourceBytes") { $0.byteRange(quote.sourceBytes) }
                    $0.field("prefix") { $0.string(quote.prefix) }
                    $0.field("suffix") { $0.string(quote.suffix) }
                    if let parts = quote.parts {
                        $0.field("parts") { writer in
                            writer.array(parts) { part, writer in
                                writer.object {
                                    $0.field("start") { $0.int(part.start) }
                                    $0.field("end") { $0.int(part.end) }
                                    $0.field("sourceBytes") { $0.byteRange(part.sourceBytes) }
                                }
                            }
                        }
                    }
                }
            }
            $0.field("speaker") { writer in
                guard let speaker else { return writer.null() }
                writer.object {
                    $0.field("name") { $0.string(speaker.name) }
                    $0.field("mention") { writer in
                        guard let mention = speaker.mention else { return writer.null() }
                        writer.mention(mention)
                    }
                    $0.field("resolvedBy") { $0.string(speaker.resolvedBy) }
                    $0.field("anonymous") { $0.bool(speaker.anonymous) }
                }
            }
            $0.field("cue") { writer in
                guard let cue else { return writer.null() }
                writer.mention(cue)
            }
            $0.field("rule") { $0.string(rule) }
            $0.field("confidence") { $0.double(confidence) }
        }
        return String(decoding: out.bytes, as: UTF8.self)
    }
}

/// A minimal JSON writer for the record's fixed shape: objects, arrays, strings, numbers. It
/// works on UTF-8 bytes: every byte that needs escaping is ASCII, so multi-byte sequences pass
/// through untouched.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    private var needsComma = false

    init() {
        bytes.reserveCapacity(1024)
    }

    private mutating func raw(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    mutating func object(_ body: (inout JSONWriter) -> Void) {
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
        body(&self)
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    mutating func array<Element>(_ elements: [Element], _ body: (Element, inout JSONWriter) -> Void) {
        bytes.append(UInt8(ascii: "["))
        needsComma = false
        for element in elements {
            if needsComma { bytes.append(UInt8(ascii: ",")) }
            body(element, &self)
            needsComma = true
        }
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    mutating func field(_ key: String, _ value: (inout JSONWriter) -> Void) {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        string(key)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
        value(&self)
        needsComma = true
    }

    mutating func null() { raw("null") }
    mutating func bool(_ value: Bool) { raw(value ? "true" : "false") }
    mutating func int(_ value: Int) { raw(String(value)) }

    /// Shortest round-trip form; confidences are finite numbers in 0…1.
    mutating func double(_ value: Double) {
        raw(value.isFinite ? String(value) : "0")
    }

    mutating func byteRange(_ range: ByteRange) {
        raw("[\(range.start),\(range.end)]")
    }

    mutating func mention(_ mention: Mention) {
        object {
            $0.field("text") { $0.string(mention.text) }
            $0.field("start") { $0.int(mention.start) }
            $0.field("end") { $0.int(mention.end) }
            $0.field("sourceBytes") { $0.byteRange(mention.sourceBytes) }
        }
    }

    /// A JSON string: quotation mark, backslash and control characters escaped, the rest as is.
    mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): raw("\\\"")
            case UInt8(ascii: "\\"): raw("\\\\")
            case 0x0A: raw("\\n")
            case 0x0D: raw("\\r")
            case 0x09: raw("\\t")
            case 0x00..<0x20:
                let digits = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: Array("\\u00".utf8))
                bytes.append(digits[Int(byte >> 4)])
                bytes.append(digits[Int(byte & 0x0F)])
            default:
                bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
