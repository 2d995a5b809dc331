import QuoteCheckText

/// The property the script and style shortcut owes the general parse: stepping libxml2 over a
/// body at once (``qc_html_skip_raw_text``) leaves the document exactly as reading the body a
/// character at a time does. Checked by `HTMLFastPathTests` on real pages and by the HTML fuzz
/// target on anything.
extension HTMLLoader {
    /// A description of the first difference between the page parsed with script and style
    /// bodies skipped and read, or nil when there is none (or the page does not parse).
    @_spi(Fuzzing) public static func rawTextSkipDifference(bytes: [UInt8]) -> String? {
        guard !bytes.isEmpty, let decoded = try? HTMLDecoding.decode(bytes) else { return nil }
        _ = libxml2Ready
        var skipping = HTMLTreeBuilder(decoded: decoded, skipsRawText: true)
        var reading = HTMLTreeBuilder(decoded: decoded, skipsRawText: false)
        let parsedSkipping = skipping.parse()
        guard reading.parse() == parsedSkipping else { return "one way parses, the other does not" }
        guard parsedSkipping else { return nil }
        return skipping.document.firstDifference(from: reading.document)
    }
}

extension HTMLDocument {
    /// A description of the first way this document differs from `other` in what the loader
    /// reads of it (elements, events, strings, text and its byte map, metadata), or nil.
    func firstDifference(from other: HTMLDocument) -> String? {
        if elements.count != other.elements.count { return "\(elements.count) elements against \(other.elements.count)" }
        if let (index, pair) = zip(elements, other.elements).enumerated().first(where: { "\($1.0)" != "\($1.1)" }) {
            return "element \(index) differs: \(pair.0) against \(pair.1)"
        }
        if events.count != other.events.count { return "\(events.count) events against \(other.events.count)" }
        if let (index, pair) = zip(events, other.events).enumerated().first(where: { "\($1.0)" != "\($1.1)" }) {
            return "event \(index) differs: \(pair.0) against \(pair.1)"
        }
        if strings != other.strings { return "the interned strings differ" }
        if textUTF8 != other.textUTF8 { return "the text differs" }
        if textMap.byteStarts != other.textMap.byteStarts { return "the text's byte map starts differ" }
        if textMap.byteEnds != other.textMap.byteEnds { return "the text's byte map ends differ" }
        if metaTags.map({ "\($0.key)=\($0.content)" }) != other.metaTags.map({ "\($0.key)=\($0.content)" }) { return "the meta tags differ" }
        if firstTimeValue != other.firstTimeValue { return "the first time value differs" }
        return nil
    }
}
