internal import CLibXML2
import QuoteCheckText

/// One element of a parsed page, as the extractor needs it. Plain numbers only (its strings
/// are in ``HTMLDocument/strings``), so the extractor's many passes over the elements copy
/// them without reference counting.
struct HTMLElement {
    var tag: HTMLTag
    /// `hidden`, `aria-hidden="true"` or an inline `display:none`.
    var isHidden: Bool
    /// `itemprop="articleBody"`.
    var isArticleBody: Bool
    var parent: Int32
    /// Lower-cased `class` and `id` joined by a space: what the class/id vocabulary matches.
    /// An index into ``HTMLDocument/strings``; 0 (the empty string) when there is none.
    var marker: Int32
    /// The lower-cased `role`, an index into ``HTMLDocument/strings``.
    var role: Int32
    var openEvent: Int32
    var closeEvent: Int32
}

/// A parse event in document order; text refers to the text scalars `start ..< end` (the
/// indices of ``HTMLDocument/textMap``), `visible` of them not white space, whose UTF-8 starts
/// at `utf8` in ``HTMLDocument/textUTF8``.
enum HTMLEvent {
    case open(Int32)
    case close(Int32)
    case text(start: Int32, end: Int32, visible: Int32, utf8: Int32)
}

/// A page as libxml2's SAX parser saw it: elements, events in document order, and every text
/// scalar with its raw byte range (in the compact form of ``OffsetMap``: a text chunk's scalars
/// mostly follow each other in the file).
struct HTMLDocument {
    var elements: [HTMLElement] = []
    /// Events already handed on and removed from ``events`` while a big page is rendered as it
    /// is parsed (``HTMLTreeBuilder/parse(consuming:)``); 0 for a page parsed whole.
    var drainedEvents = 0
    /// The index the next event gets.
    var eventCount: Int { drainedEvents + events.count }
    /// The elements' class/id markers and roles; index 0 is the empty string.
    var strings: [String] = [""]
    var events: [HTMLEvent] = []
    /// Every text scalar as UTF-8: a quarter of the memory of scalars for most pages, which
    /// matters as the loaded text's own scalars are held beside it (issue 18).
    var textUTF8: [UInt8] = []
    /// The raw byte range of every text scalar.
    var textMap = OffsetMap(rawByteCount: 0)

    /// Every text scalar in order, for checks; the extractor reads the text event by event.
    var textScalars: [Unicode.Scalar] { Array(String(decoding: textUTF8, as: UTF8.self).unicodeScalars) }

    /// The `count` scalars of a text event whose UTF-8 starts at `utf8`.
    func text(utf8: Int32, count: Int32) -> TextScalars {
        TextScalars(utf8: textUTF8, index: Int(utf8), remaining: Int(count))
    }
    /// `<meta>` name/property/itemprop (lower-cased) and content, in document order.
    var metaTags: [(key: String, content: String)] = []
    /// `datetime` of the first `<time>` element.
    var firstTimeValue: String?
}

/// Scalars of ``HTMLDocument/textUTF8``, decoded as they are read (the bytes are the loader's
/// own encoding of scalars, so always well formed).
struct TextScalars: Sequence, IteratorProtocol {
    let utf8: [UInt8]
    var index: Int
    var remaining: Int

    mutating func next() -> Unicode.Scalar? {
        guard remaining > 0, index < utf8.count else { return nil }
        remaining -= 1
        let lead = utf8[index]
        if lead < 0x80 {
            index += 1
            return Unicode.Scalar(lead)
        }
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for offset in 1..<length { value = value << 6 | UInt32(utf8[index + offset] & 0x3F) }
        index += length
        return Unicode.Scalar(value) ?? "\u{FFFD}"
    }
}

/// Where libxml2's text stream stands in markup it reports as text and a browser hides.
///
/// libxml2 2.9 reads a `<!` that opens no comment or DOCTYPE (`<![CDATA[` in HTML, `<!x>`) as a
/// lone "<" and then character data. The markup is hidden as a browser hides it, but decided on
/// the text libxml2 reports rather than on the source bytes: it ends at the first ">" of that text
/// (`]]>` for CDATA) or at the next parse event (a tag, a comment, a DOCTYPE), whichever comes
/// first. On the source bytes an entity's ">" (`&gt;`) was not the end while the same ">" in the
/// text was, the characters of an entity inside the markup were shown, and an unterminated CDATA
/// hid the rest of the page (issue #18, html fuzz finding `misplaced-doctype-entities.html`).
/// ``HTMLLoader/missingTextNode(bytes:)`` hides the same text of its plain SAX walk.
enum BogusMarkup: Equatable {
    case none
    /// The "<" of a `<!` was reported (and hidden); the "!" comes next.
    case opened(cdata: Bool)
    /// In the markup; `brackets` is the run of "]" just seen (CDATA ends at `]]>`).
    case hiding(cdata: Bool, brackets: Int)

    var isActive: Bool {
        if case .none = self { return false }
        return true
    }

    /// Whether `scalar`, the next character of the text stream, is hidden; moves past it.
    mutating func hides(_ scalar: Unicode.Scalar) -> Bool {
        switch self {
        case .none:
            return false
        case .opened(let cdata):
            guard scalar == "!" else {
                self = .none
                return false
            }
            self = .hiding(cdata: cdata, brackets: 0)
            return true
        case .hiding(let cdata, let brackets):
            if scalar == ">", !cdata || brackets >= 2 {
                self = .none
            } else {
                self = .hiding(cdata: cdata, brackets: scalar == "]" ? brackets + 1 : 0)
            }
            return true
        }
    }

    /// A parse event (tag, comment, DOCTYPE) ends the markup; the elements libxml2 implies
    /// between the "<" and the "!" do not.
    mutating func endAtEvent() {
        if case .hiding = self { self = .none }
    }
}

/// Values by the address of an interned name; a slot holds the last name that hashed to it.
private struct NameCache<Value> {
    private var names: [UnsafePointer<xmlChar>?]
    private var values: [Value]

    init(slots: Int, empty: Value) {
        names = Array(repeating: nil, count: slots)
        values = Array(repeating: empty, count: slots)
    }

    private func slot(_ name: UnsafePointer<xmlChar>) -> Int {
        let address = UInt(bitPattern: name)
        return Int((address >> 3 ^ address >> 11) & UInt(names.count - 1))
    }

    subscript(name: UnsafePointer<xmlChar>) -> Value? {
        get {
            let slot = slot(name)
            return names[slot] == name ? values[slot] : nil
        }
        set {
            guard let newValue else { return }
            let slot = slot(name)
            names[slot] = name
            values[slot] = newValue
        }
    }
}

/// Builds an ``HTMLDocument`` from libxml2 SAX events.
///
/// libxml2 reports decoded text but not where it came from. The parser's position after each
/// tag is known (`xmlByteConsumed`), so each text chunk is matched against the UTF-8 buffer from
/// that position on: a character is either the same bytes or an entity whose value it is.
/// That gives every text scalar its exact byte range and keeps libxml2's own view of the
/// document structure (implied and auto-closed elements included).
///
/// The builder is a struct that libxml2's callbacks reach through a pointer for the length of
/// the parse: as a class, every touch of its fields in a callback paid a run-time exclusivity
/// check.
struct HTMLTreeBuilder {
    /// Whether the libxml2 in use is one whose script parsing ``qc_html_skip_raw_text`` knows.
    static let rawTextSkippable = qc_html_raw_text_skippable() != 0

    /// Deeper elements are folded into their ancestor at this depth: keeps memory bounded on
    /// pathological nesting (libxml2 itself keeps going).
    static let maxDepth = 512

    private let decoded: DecodedHTML
    private var context: htmlParserCtxtPtr?
    private var cursor = 0
    /// Where the text stream stands in a `<![CDATA[…]]>` or other `<!…>` that libxml2 reports as
    /// text: a browser shows none of it (HTML has no CDATA outside foreign content), so neither do we.
    private var markup = BogusMarkup.none
    private var stack: [Int32] = []
    private var foldedDepth = 0
    var document = HTMLDocument()
    /// Called after each event while ``parse(consuming:)`` runs; false stops the parse.
    private var consumer: ((inout HTMLDocument) -> Bool)?
    /// A ``Pass/rendering`` pass.
    private let rendering: Bool
    /// Whether script and style bodies are stepped over rather than read by libxml2.
    private let skipsRawText: Bool
    /// The body just skipped, until an event moves the cursor past it: where the cursor stood
    /// before, the first byte libxml2 did not read (after the chunk it handed over, if any),
    /// and the body's end.
    private var skippedRawText: (before: Int, from: Int, end: Int)?
    /// Bytes of script and style bodies libxml2 was moved over.
    private(set) var skippedRawTextBytes = 0
    /// Elements opened so far while ``rendering``.
    private var renderedElements = 0

    /// What a parse is for.
    enum Pass {
        /// The whole page, its text included.
        case whole
        /// A big page's structure (``HTMLPageStream``): the text is handed on chunk by chunk
        /// (``parse(consuming:)``), so no room is made for all of it.
        case structure
        /// A big page's text, its structure known from the structure pass over the same bytes:
        /// elements are numbered as they open, not recorded again.
        case rendering
    }

    init(decoded: DecodedHTML, pass: Pass = .whole, skipsRawText: Bool = HTMLTreeBuilder.rawTextSkippable) {
        self.decoded = decoded
        self.rendering = pass == .rendering
        self.skipsRawText = skipsRawText
        guard pass != .rendering else {
            document.textUTF8.reserveCapacity(Self.chunkRoom)
            return
        }
        // Room for as many elements and events as a page of this size is likely to hold costs
        // address space, not memory, until it is written; growing by doubling held the old and
        // the new array at once.
        document.elements.reserveCapacity(decoded.utf8.count / 60)
        document.events.reserveCapacity(decoded.utf8.count / 20)
        guard pass == .whole else {
            document.textUTF8.reserveCapacity(decoded.utf8.count / 8 + Self.chunkRoom)
            return
        }
        // The text is at most as long as the page (each byte yields at most one scalar, of at
        // most as many bytes but for rare characters). Room for all of it costs address space,
        // not memory, until it is written; growing by doubling instead held the old and the new
        // array at once, the largest of all allocations of a big page.
        document.textUTF8.reserveCapacity(decoded.utf8.count + Self.chunkRoom)
        document.textMap = OffsetMap(rawByteCount: 0, capacity: decoded.utf8.count)
    }

    /// Runs libxml2 over the buffer, handing the document to `consumer` after every event: it
    /// may read the new events and text, and remove them (a big page is rendered as it is
    /// parsed, ``HTMLPageStream``), and returns false to stop the parse. Returns false when
    /// libxml2 could not even start.
    mutating func parse(consuming consumer: (inout HTMLDocument) -> Bool) -> Bool {
        withoutActuallyEscaping(consumer) { consumer in
            self.consumer = consumer
            defer { self.consumer = nil }
            return parse()
        }
    }

    /// Runs libxml2 over the buffer. Returns false when libxml2 could not even start.
    mutating func parse() -> Bool {
        let callbacks = qc_html_callbacks(
            startElement: { user, name, attributes in
                guard let user, let name else { return }
                user.assumingMemoryBound(to: HTMLTreeBuilder.self).pointee.start(name: name, attributes: attributes)
            },
            endElement: { user, _ in
                guard let user else { return }
                user.assumingMemoryBound(to: HTMLTreeBuilder.self).pointee.end()
            },
            characters: { user, characters, length in
                guard let user, let characters, length > 0 else { return }
                user.assumingMemoryBound(to: HTMLTreeBuilder.self).pointee.text(characters, count: Int(length))
            },
            comment: { user, _ in
                guard let user else { return }
                user.assumingMemoryBound(to: HTMLTreeBuilder.self).pointee.advance()
            },
            cdataBlock: { user, _, length in
                guard let user else { return }
                user.assumingMemoryBound(to: HTMLTreeBuilder.self).pointee.rawText(length: length)
            },
            // A DOCTYPE is no text: the search for the text after it must not spend its window
            // on it (a long one hid that text; html fuzz finding).
            internalSubset: { user, _, _, _ in
                guard let user else { return }
                user.assumingMemoryBound(to: HTMLTreeBuilder.self).pointee.advance()
            }
        )
        let utf8 = decoded.utf8
        return withUnsafeMutablePointer(to: &self) { builder in
            let created: htmlParserCtxtPtr? = utf8.withUnsafeBufferPointer { buffer in
                buffer.baseAddress.flatMap { base in
                    base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                        qc_html_create(chars, Int32(buffer.count), UnsafeMutableRawPointer(builder), callbacks)
                    }
                }
            }
            guard let created else { return false }
            defer { qc_html_free(created) }
            builder.pointee.context = created
            _ = qc_html_parse(created)
            builder.pointee.context = nil
            while let open = builder.pointee.stack.popLast() { builder.pointee.close(open) }
            return true
        }
    }

    private mutating func advance() {
        markup.endAtEvent()
        guard let context else { return }
        let position = qc_html_position(context)
        if position > cursor { cursor = min(Int(position), decoded.utf8.count) }
        // Past a skipped body's end either way: the cursor is what reading it would have left.
        skippedRawText = nil
    }

    /// A chunk of a `<script>` or `<style>` body, which shows nothing: the rest of the body is
    /// skipped at once (``qc_html_skip_raw_text``), and the cursor goes to its end, where
    /// libxml2's last chunk of it would have put it.
    private mutating func rawText(length: Int32) {
        advance()
        guard skipsRawText, let context else { return }
        let end = qc_html_skip_raw_text(context, length)
        guard end > cursor, cursor < decoded.utf8.count else { return }
        let lead = decoded.utf8[cursor]
        skipped(from: cursor + (lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2), to: end)
    }

    /// Notes a body skipped from `start` (the first byte libxml2 did not read) to `end`, and
    /// moves the cursor to its end.
    private mutating func skipped(from start: Int, to end: Int) {
        let end = min(end, decoded.utf8.count)
        skippedRawText = (before: cursor, from: start, end: end)
        skippedRawTextBytes += end - start
        cursor = max(cursor, end)
    }

    /// Where libxml2 2.9 would have handed over the last chunk of a script body read from
    /// `start` (with an empty buffer) to its end (`end`): at `end` when a last, shorter chunk is
    /// left for there (nearly always), else at the last full chunk's last character; nil when it
    /// would have handed over none. Only text right after the body, before any event, tells
    /// these apart from the body's end (the end tag could not be read), so this is worked out
    /// then, not for every body.
    ///
    /// `htmlParseScript` copies every character but C0 controls other than tab, LF and CR, and
    /// U+FFFE and U+FFFF (a NUL becomes a space), and hands the copy over once it holds 1000
    /// bytes or more.
    static func rawTextCursor(in utf8: [UInt8], from start: Int, end: Int) -> Int? {
        func length(at index: Int) -> Int {
            let lead = utf8[index]
            return lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        }
        var last: Int?
        var filled = 0
        var index = start
        while index < end {
            let count = min(length(at: index), end - index)
            let lead = utf8[index]
            let copied: Bool
            switch count {
            case 1: copied = lead >= 0x20 || lead == 0x09 || lead == 0x0A || lead == 0x0D || lead == 0
            case 3:
                let value = UInt32(lead & 0x0F) << 12 | UInt32(utf8[index + 1] & 0x3F) << 6 | UInt32(utf8[index + 2] & 0x3F)
                copied = !(0xD800...0xDFFF).contains(value) && value != 0xFFFE && value != 0xFFFF
            default: copied = true
            }
            if copied {
                filled += count
                if filled >= Self.rawTextChunk {
                    last = index
                    filled = 0
                }
            }
            index += count
        }
        return filled > 0 ? end : last
    }

    /// The size at which libxml2 2.9 hands over a chunk of a script body (HTML_PARSER_BIG_BUFFER_SIZE).
    static let rawTextChunk = 1000

    private mutating func start(name: UnsafePointer<xmlChar>, attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        // libxml2 reports a start tag before consuming its ">" (or "/>"): step over it, or a
        // following "&gt;" would be matched to the tag's own ">". An element libxml2 implies
        // (`html`, `body`, `p` around text before the first tag, after `</head>`) stands at no
        // ">": it is reported once the text that caused it has been consumed but before that
        // text is, so moving the cursor there would skip the text (issue #18).
        markup.endAtEvent()
        let utf8 = decoded.utf8
        if let context {
            let position = Int(qc_html_position(context))
            if position + 1 < utf8.count, utf8[position] == 0x2F, utf8[position + 1] == 0x3E {
                cursor = max(cursor, position + 2)
                skippedRawText = nil
            } else if position < utf8.count, utf8[position] == 0x3E {
                cursor = max(cursor, position + 1)
                skippedRawText = nil
                if skipsRawText, case let opened = tag(named: name), opened == .script || opened == .style {
                    let end = qc_html_skip_raw_text_at_start(context)
                    if end > position + 1 { skipped(from: position + 1, to: end) }
                }
            }
        }
        guard stack.count < Self.maxDepth else {
            foldedDepth += 1
            return
        }
        if rendering {
            // The elements are known from the structure parse: only their number is needed here.
            let index = Int32(renderedElements)
            renderedElements += 1
            document.events.append(.open(index))
            stack.append(index)
            handOn()
            return
        }
        let tag = tag(named: name)
        var element = HTMLElement(
            tag: tag, isHidden: false, isArticleBody: false, parent: stack.last ?? -1, marker: 0, role: 0,
            openEvent: Int32(document.eventCount), closeEvent: -1
        )
        var marker = ""
        var itemprop = ""
        var role = ""
        var metaKey: String?
        var metaContent: String?
        if var pointer = attributes {
            while let namePointer = pointer.pointee {
                let valuePointer = pointer.successor().pointee
                pointer = pointer.successor().successor()
                let attribute = attributeName(namePointer)
                guard let valuePointer else {
                    if attribute == .hidden { element.isHidden = true }
                    continue
                }
                switch attribute {
                case .classOrID:
                    let value = Self.lowercased(valuePointer)
                    marker = marker.isEmpty ? value : marker + " " + value
                case .itemprop:
                    itemprop = Self.lowercased(valuePointer)
                    if tag == .meta || tag == .time { metaKey = metaKey ?? itemprop }
                case .role: role = Self.lowercased(valuePointer)
                case .hidden: element.isHidden = true
                case .ariaHidden: element.isHidden = element.isHidden || Self.lowercased(valuePointer) == "true"
                case .style:
                    if Self.styleHides(valuePointer) { element.isHidden = true }
                case .name where tag == .meta, .property where tag == .meta:
                    metaKey = Self.lowercased(valuePointer)
                case .content where tag == .meta:
                    metaContent = String(cString: valuePointer)
                case .datetime where tag == .time:
                    let value = String(cString: valuePointer)
                    if document.firstTimeValue == nil { document.firstTimeValue = value }
                    if metaKey != nil { metaContent = value }
                default:
                    break
                }
            }
        }
        if let metaKey, let metaContent { document.metaTags.append((metaKey, metaContent)) }
        element.isArticleBody = itemprop == "articlebody"
        if !marker.isEmpty {
            element.marker = Int32(document.strings.count)
            document.strings.append(marker)
        }
        if !role.isEmpty {
            element.role = Int32(document.strings.count)
            document.strings.append(role)
        }
        let index = Int32(document.elements.count)
        document.elements.append(element)
        document.events.append(.open(index))
        stack.append(index)
        handOn()
    }

    /// The attributes the extractor reads; the rest are `.other`.
    private enum AttributeName {
        case classOrID, itemprop, role, hidden, ariaHidden, style, name, property, content, datetime, other

        init(_ name: String) {
            switch name {
            case "class", "id": self = .classOrID
            case "itemprop": self = .itemprop
            case "role": self = .role
            case "hidden": self = .hidden
            case "aria-hidden": self = .ariaHidden
            case "style": self = .style
            case "name": self = .name
            case "property": self = .property
            case "content": self = .content
            case "datetime": self = .datetime
            default: self = .other
            }
        }
    }

    // libxml2 interns element and attribute names in the parser's dictionary, so within one
    // parse a name is always the same pointer: a small direct-mapped cache by pointer answers
    // nearly every tag and attribute without building a String or hashing.
    private static let cacheSlots = 256
    private var tagCache = NameCache<HTMLTag>(slots: cacheSlots, empty: .other)
    private var attributeCache = NameCache<AttributeName>(slots: cacheSlots, empty: .other)

    private mutating func tag(named name: UnsafePointer<xmlChar>) -> HTMLTag {
        if let tag = tagCache[name] { return tag }
        let tag = HTMLTag(name: String(cString: name))
        tagCache[name] = tag
        return tag
    }

    private mutating func attributeName(_ name: UnsafePointer<xmlChar>) -> AttributeName {
        if let attribute = attributeCache[name] { return attribute }
        let attribute = AttributeName(String(cString: name))
        attributeCache[name] = attribute
        return attribute
    }

    /// `String(cString:).lowercased()`, without Unicode case mapping when the value is ASCII.
    static func lowercased(_ value: UnsafePointer<xmlChar>) -> String {
        let length = Int(strlen(value))
        let bytes = UnsafeBufferPointer(start: value, count: length)
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return String(cString: value).lowercased() }
        return String(unsafeUninitializedCapacity: length) { output in
            for index in 0..<length {
                let byte = bytes[index]
                output[index] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            }
            return length
        }
    }

    /// Whether an inline style hides the element (`display:none`, `visibility:hidden`, spaces
    /// and case aside).
    static func styleHides(_ value: UnsafePointer<xmlChar>) -> Bool {
        let length = Int(strlen(value))
        let bytes = UnsafeBufferPointer(start: value, count: length)
        guard bytes.allSatisfy({ $0 < 0x80 }) else {
            let style = String(cString: value).lowercased().filter { $0 != " " }
            return style.contains("display:none") || style.contains("visibility:hidden")
        }
        var squeezed: [UInt8] = []
        squeezed.reserveCapacity(length)
        for byte in bytes where byte != 0x20 { squeezed.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) }
        return contains(squeezed, Self.displayNone) || contains(squeezed, Self.visibilityHidden)
    }

    private static let displayNone = Array("display:none".utf8)
    private static let visibilityHidden = Array("visibility:hidden".utf8)

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<start + needle.count].elementsEqual(needle) { return true }
        }
        return false
    }

    private mutating func end() {
        // Only an end tag libxml2 has just read moves the cursor past it. An element closed by
        // implication (a `<head>` closed by text, which comes before that text is reported) is
        // reported once the text is consumed: moving there would skip the text (issue #18).
        markup.endAtEvent()
        if let context {
            let position = min(Int(qc_html_position(context)), decoded.utf8.count)
            if Self.endsAnEndTag(decoded.utf8, at: position) { advance() }
        }
        if foldedDepth > 0 {
            foldedDepth -= 1
            return
        }
        guard let open = stack.popLast() else { return }
        close(open)
    }

    /// Whether the bytes just before `position` are an end tag: `</` and a name's first byte (a
    /// letter, `_`, `:` or `.`, as libxml2 2.9 reads them), then up to its first `>`. `<//p>` is
    /// none: libxml2 drops its `</` and reports `/p>` as text, which moving past it would lose
    /// (html fuzz finding `double-slash-end-tag.html`).
    static func endsAnEndTag(_ utf8: [UInt8], at position: Int) -> Bool {
        guard position >= 3, utf8[position - 1] == 0x3E else { return false }
        var index = position - 2
        // An end tag is short; a long run back without `<` is text that ends in ">".
        while index > 0, position - index <= 4096 {
            switch utf8[index] {
            case 0x3E: return false
            case 0x3C:
                guard utf8[index + 1] == 0x2F, index + 2 < position - 1 else { return false }
                let first = utf8[index + 2]
                return (first | 0x20) >= 0x61 && (first | 0x20) <= 0x7A || first == 0x5F || first == 0x3A || first == 0x2E
            default: index -= 1
            }
        }
        return false
    }

    private mutating func close(_ index: Int32) {
        if !rendering { document.elements[Int(index)].closeEvent = Int32(document.eventCount) }
        document.events.append(.close(index))
        handOn()
    }

    private mutating func text(_ characters: UnsafePointer<xmlChar>, count: Int) {
        // One access to `document` and `cursor` per chunk, not one per scalar: the matcher works
        // on them as inout values, which needs no run-time exclusivity check.
        // libxml2 reports a chunk once it has consumed it: no byte of it lies at or past this.
        let consumed = context.map { min(Int(qc_html_position($0)), decoded.utf8.count) } ?? decoded.utf8.count
        if let skipped = skippedRawText {
            cursor = Self.rawTextCursor(in: decoded.utf8, from: skipped.from, end: skipped.end) ?? skipped.before
            skippedRawText = nil
        }
        Self.match(
            characters, count: count, decoded: decoded, consumed: consumed, cursor: &cursor, markup: &markup,
            into: &document)
        handOn()
    }

    /// Hands the events so far to the consumer of ``parse(consuming:)``, if any; stops the parse
    /// when it says so.
    private mutating func handOn() {
        guard let consumer, !document.events.isEmpty else { return }
        if !consumer(&document) {
            self.consumer = nil
            if let context { qc_html_stop(context) }
        }
    }

    /// Room for the UTF-8 of a chunk beyond the text so far: libxml2 2.9 reports text in chunks
    /// of about 1000 bytes (a larger one only grows the array).
    private static let chunkRoom = 3 * 1024

    /// How far past a mismatch the matcher looks for a chunk's character before giving up on it.
    private static let resyncWindow = 64
    /// How many C0 control bytes (which libxml2 drops) the search steps over besides the window.
    private static let controlRunLimit = 65_536

    private static func match(
        _ chunk: UnsafePointer<xmlChar>, count: Int, decoded: DecodedHTML, consumed: Int, cursor: inout Int,
        markup: inout BogusMarkup, into document: inout HTMLDocument
    ) {
        let begin = document.textUTF8.count
        let firstScalar = document.textMap.count
        // Each byte of the chunk yields at most one scalar of at most three bytes (U+FFFD for a
        // stray byte, the Windows-1252 character for a C1 control): room for all of them is made
        // first, written through pointers, and what is left over cut off after.
        let room = 3 * count
        // Copied from zeros, not appended one by one (`repeatElement`): a hundredth of the run.
        var zeroed = 0
        while zeroed < room {
            let block = min(room - zeroed, Self.zeros.count)
            document.textUTF8.append(contentsOf: Self.zeros[0..<block])
            zeroed += block
        }
        // The chunk's raw ranges are written through pointers too and added to the map at once:
        // appending them one by one cost the parse a tenth more time.
        // What the closures work out is returned, not written to variables out here: those a
        // closure writes are checked for exclusive access at run time on every write.
        let (written, visible) = withUnsafeTemporaryAllocation(of: Int32.self, capacity: 2 * count) { ranges -> (Int, Int32) in
            let chunkOutput = document.textUTF8.withUnsafeMutableBufferPointer { text in
                decoded.withRawMap { map -> ChunkOutput in
                    let source = map.utf8
                    var position = cursor
                    var index = 0
                    var out = ChunkOutput(text: text, output: begin, ranges: ranges, count: count)
                    let sourceCount = source.count
                    while index < count {
                        // A "<" libxml2 cannot read as markup (`3 < 4`, a bogus `<!…>` such as
                        // CDATA in HTML, an end tag right after a misplaced DOCTYPE) comes as a
                        // chunk of its own while libxml2 stands on it: it is the "<" at
                        // `consumed`, however much silent markup lies before it (issue #18).
                        // A bogus `<!…>` follows as text and is hidden (see ``BogusMarkup``).
                        if count == 1, chunk[0] == 0x3C, consumed >= position, consumed < sourceCount, source[consumed] == 0x3C,
                            !(position < sourceCount && source[position] == 0x26 && Self.entity(in: source, at: position)?.value == 0x3C)
                        {
                            if markup.isActive {
                                // A "<" inside bogus markup is part of it, not the start of more.
                                out.hidden = markup.hides("<")
                                out.emit("<", map.rawStart(ofByte: consumed), map.rawEnd(ofByte: consumed))
                            } else if consumed + 1 < sourceCount, source[consumed + 1] == 0x21 {
                                markup = .opened(cdata: Self.startsCDATA(source, at: consumed))
                            } else {
                                out.hidden = false
                                out.emit("<", map.rawStart(ofByte: consumed), map.rawEnd(ofByte: consumed))
                            }
                            position = consumed + 1
                            index = 1
                            continue
                        }
                        let lead = chunk[index]
                        if markup.isActive {
                            out.hidden = markup.hides(lead < 0x80 ? Unicode.Scalar(lead) : Self.scalar(in: chunk, at: index, count: count).0)
                        } else {
                            out.hidden = false
                        }
                        // Most text is ASCII standing as itself in the source: no decoding, no
                        // search. "&" goes the long way, as it may be a reference's first byte.
                        if lead < 0x80, lead != 0x26, position < sourceCount, source[position] == lead {
                            if out.hidden {
                                position += 1
                                index += 1
                                continue
                            }
                            let (start, end) = map.rawRange(ofASCIIByte: position)
                            out.appendASCII(lead, start, end)
                            position += 1
                            index += 1
                            continue
                        }
                        let (scalar, length) = Self.scalar(in: chunk, at: index, count: count)
                        var probe = position
                        // Only text bytes count against the window: tags stepped over do not.
                        var scanned = 0
                        var controls = 0
                        while probe < sourceCount, scanned <= Self.resyncWindow {
                            let byte = source[probe]
                            // libxml2 drops C0 controls (other than tab, LF, CR) without a word: a
                            // run of them is no text, however long (up to a bound that keeps a
                            // chunk of unmatched characters linear).
                            if byte < 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D, controls < Self.controlRunLimit {
                                controls += 1
                                probe += 1
                                continue
                            }
                            // A tag libxml2 consumed without an event (an end tag matching no open
                            // element, `</body>` before more text, a second `<body>`) holds none of
                            // the chunk: step over it whole, or its name's letters would be taken
                            // for text and a second such tag would end the search (issue #18).
                            if byte == 0x3C, let end = Self.silentTagEnd(in: source, at: probe, consumed: consumed) {
                                probe = end
                                continue
                            }
                            // An entity first: `&amp;` yields "&", which must map to all five bytes.
                            if byte == 0x26, let entity = Self.entity(in: source, at: probe), entity.value == scalar.value {
                                out.emit(scalar, map.rawStart(ofByte: probe), map.rawEnd(ofByte: probe + entity.length - 1))
                                position = probe + entity.length
                                break
                            }
                            if byte == chunk[index], probe + length <= sourceCount,
                                Self.sameBytes(chunk + index, source, at: probe, length: length)
                            {
                                out.emit(scalar, map.rawStart(ofByte: probe), map.rawEnd(ofByte: probe + length - 1))
                                position = probe + length
                                break
                            }
                            // Never look into a tag libxml2 has not read yet: a character missing here
                            // is not there.
                            // A declaration or processing instruction libxml2 skipped without an
                            // event (`<!ENTITY …>` of an internal DTD subset, `<?xml …?>`) is
                            // stepped over instead: the text after it is what is missing.
                            if byte == 0x3C, probe > position {
                                guard probe + 1 < sourceCount, source[probe + 1] == 0x21 || source[probe + 1] == 0x3F else { break }
                                probe = Self.bogusMarkupEnd(in: source, at: probe)
                                continue
                            }
                            probe += 1
                            // White space libxml2 skipped without reporting it (before the first
                            // tag: a page opening with a run of NUL bytes, which are read as spaces)
                            // is no text either: a run of it does not count against the window, up
                            // to the same bound as control bytes (html fuzz finding
                            // `leading-nul-run.html`).
                            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C, controls < Self.controlRunLimit {
                                controls += 1
                            } else {
                                scanned += 1
                            }
                        }
                        // A character with no source bytes (libxml2 invented or moved it) is left out:
                        // every scalar of the loaded text must come from the file.
                        index += length
                    }
                    cursor = position
                    return out
                }
            }
            let emitted = chunkOutput.ranged
            document.textMap.append(
                starts: UnsafeBufferPointer(rebasing: ranges[0..<emitted]), ends: UnsafeBufferPointer(rebasing: ranges[count..<count + emitted]))
            return (chunkOutput.output - begin, chunkOutput.visible)
        }
        document.textUTF8.removeLast(room - written)
        let endScalar = document.textMap.count
        if endScalar > firstScalar {
            document.events.append(.text(start: Int32(firstScalar), end: Int32(endScalar), visible: visible, utf8: Int32(begin)))
        }
    }

    /// Zeros to make room for a chunk's text from (``match``).
    private static let zeros = [UInt8](repeating: 0, count: 3 * 2048)

    /// A chunk's text and raw ranges as ``match`` writes them, through pointers into room made
    /// for them beforehand.
    private struct ChunkOutput {
        let text: UnsafeMutableBufferPointer<UInt8>
        /// The next byte of ``text`` to write.
        var output: Int
        /// Raw starts in the first `count` slots, raw ends in the next `count`.
        let ranges: UnsafeMutableBufferPointer<Int32>
        let count: Int
        /// Scalars written so far.
        var ranged = 0
        /// Scalars written that are not white space.
        var visible: Int32 = 0
        /// Whether the scalars now matched are hidden bogus markup (``BogusMarkup``).
        var hidden = false

        init(text: UnsafeMutableBufferPointer<UInt8>, output: Int, ranges: UnsafeMutableBufferPointer<Int32>, count: Int) {
            self.text = text
            self.output = output
            self.ranges = ranges
            self.count = count
        }

        /// An ASCII byte standing as itself in the source.
        mutating func appendASCII(_ byte: UInt8, _ start: Int32, _ end: Int32) {
            text[output] = byte
            output += 1
            ranges[ranged] = start
            ranges[count + ranged] = end
            ranged += 1
            if !(byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)) { visible += 1 }
        }

        /// A scalar from `start ..< end` of the raw bytes, unless hidden; a C1 control is shown
        /// as the Windows-1252 character a browser shows.
        mutating func emit(_ scalar: Unicode.Scalar, _ start: Int32, _ end: Int32) {
            guard !hidden else { return }
            let value = scalar.value
            let shown = value >= 0x80 && value <= 0x9F ? Windows1252.scalar(forC1: value) ?? scalar : scalar
            if shown.value < 0x80 {
                text[output] = UInt8(truncatingIfNeeded: shown.value)
                output += 1
            } else {
                UTF8.encode(shown) { byte in
                    text[output] = byte
                    output += 1
                }
            }
            ranges[ranged] = start
            ranges[count + ranged] = end
            ranged += 1
            if !shown.isSpaceLike { visible += 1 }
        }
    }

    /// The byte after a start or end tag at `start` that libxml2 has wholly consumed (its end is
    /// at or before `consumed`), or nil when `start` opens no tag or libxml2 has not read past it.
    /// A start tag is `<` and an ASCII letter, an end tag `</` and a name's first byte (a letter,
    /// `_`, `:` or `.`), as libxml2 2.9 reads them; `>` inside a quoted attribute value does not
    /// end one. `</` and any other byte is no tag: libxml2 drops the `</` alone, silently, and
    /// reads what follows as text (`</>` gives the text ">"), so only those two bytes are skipped.
    static func silentTagEnd(in source: UnsafeBufferPointer<UInt8>, at start: Int, consumed: Int) -> Int? {
        func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
        var index = start + 1
        guard index < consumed else { return nil }
        let isEnd = source[index] == 0x2F
        if isEnd { index += 1 }
        guard index < consumed else { return nil }
        if isEnd {
            let first = source[index]
            guard isLetter(first) || first == 0x5F || first == 0x3A || first == 0x2E else { return index }
        } else {
            guard isLetter(source[index]) else { return nil }
        }
        while index < consumed {
            switch source[index] {
            case 0x3E:
                return index + 1
            case 0x3D where !isEnd:
                index += 1
                while index < consumed, source[index] == 0x20 || (source[index] >= 0x09 && source[index] <= 0x0D) { index += 1 }
                if index < consumed, source[index] == 0x22 || source[index] == 0x27 {
                    let quote = source[index]
                    index += 1
                    while index < consumed, source[index] != quote { index += 1 }
                    index += 1
                }
            default:
                index += 1
            }
        }
        return nil
    }

    /// Whether `<![CDATA[` starts at `start`.
    static func startsCDATA(_ source: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        let prefix = Self.cdataPrefix
        return start + prefix.count <= source.count && prefix.indices.allSatisfy { source[start + $0] == prefix[$0] }
    }

    private static let cdataPrefix: [UInt8] = Array("<![CDATA[".utf8)

    /// The byte after a `<!…>` or `<?…>` starting at `start`: after `]]>` for CDATA, `-->` for a
    /// comment, the first `>` otherwise (the end of the buffer when there is none).
    static func bogusMarkupEnd(in source: UnsafeBufferPointer<UInt8>, at start: Int) -> Int {
        let cdata: [UInt8] = Array("<![CDATA[".utf8)
        let comment: [UInt8] = Array("<!--".utf8)
        func startsWith(_ prefix: [UInt8]) -> Bool {
            start + prefix.count <= source.count && prefix.indices.allSatisfy { source[start + $0] == prefix[$0] }
        }
        let terminator: [UInt8] = startsWith(cdata) ? Array("]]>".utf8) : startsWith(comment) ? Array("-->".utf8) : [0x3E]
        var index = start + 2
        while index + terminator.count <= source.count {
            if terminator.indices.allSatisfy({ source[index + $0] == terminator[$0] }) { return index + terminator.count }
            index += 1
        }
        return source.count
    }

    private static func sameBytes(_ chunk: UnsafePointer<xmlChar>, _ source: UnsafeBufferPointer<UInt8>, at probe: Int, length: Int) -> Bool {
        for offset in 1..<max(length, 1) where chunk[offset] != source[probe + offset] { return false }
        return true
    }

    private static func scalar(in chunk: UnsafePointer<xmlChar>, at index: Int, count: Int) -> (Unicode.Scalar, Int) {
        let lead = chunk[index]
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
        guard length > 1, index + length <= count else { return ("\u{FFFD}", 1) }
        var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for offset in 1..<length { value = value << 6 | (UInt32(chunk[index + offset]) & 0x3F) }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    /// A character reference at `index` (`&name;`, `&#123;`, `&#x7B;`): its value and byte length.
    static func entity(in source: UnsafeBufferPointer<UInt8>, at index: Int) -> (value: UInt32, length: Int)? {
        var cursor = index + 1
        guard cursor < source.count else { return nil }
        if source[cursor] == 0x23 {
            cursor += 1
            var value: UInt32 = 0
            var digits = 0
            let hex = cursor < source.count && (source[cursor] | 0x20) == 0x78
            if hex { cursor += 1 }
            while cursor < source.count, digits < 8 {
                let byte = source[cursor]
                let digit: UInt32
                switch byte {
                case 0x30...0x39: digit = UInt32(byte - 0x30)
                case 0x61...0x66 where hex: digit = UInt32(byte - 0x61 + 10)
                case 0x41...0x46 where hex: digit = UInt32(byte - 0x41 + 10)
                default: digit = 99
                }
                guard digit < 99 else { break }
                value = value * (hex ? 16 : 10) + digit
                digits += 1
                cursor += 1
            }
            guard digits > 0 else { return nil }
            if cursor < source.count, source[cursor] == 0x3B { cursor += 1 }
            return (value, cursor - index)
        }
        var name: [CChar] = []
        while cursor < source.count, name.count < 32 {
            let byte = source[cursor]
            guard (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39) else { break }
            name.append(CChar(bitPattern: byte))
            cursor += 1
        }
        guard !name.isEmpty, cursor < source.count, source[cursor] == 0x3B else { return nil }
        name.append(0)
        let value = qc_html_entity(name)
        guard value != 0 else { return nil }
        return (value, cursor + 1 - index)
    }
}
