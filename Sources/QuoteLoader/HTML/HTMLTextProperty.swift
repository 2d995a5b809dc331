internal import CLibXML2
import QuoteCheckText

/// The property the HTML loader owes libxml2: every character libxml2 reports as text is in
/// the parsed text, in order. Checked by a unit property test and the HTML fuzz target against
/// a plain SAX walk that shares nothing with ``HTMLTreeBuilder`` but the decoded buffer.
extension HTMLLoader {
    /// A description of the first text character a plain SAX walk reports that the tree
    /// builder's text lacks, or nil when none is missing. White space is left out (the builder
    /// keeps it, but libxml2 splits and merges it freely), and so is `<!…>` markup that libxml2
    /// reports as text and the loader hides on purpose (CDATA in HTML).
    @_spi(Fuzzing) public static func missingTextNode(bytes: [UInt8]) -> String? {
        guard !bytes.isEmpty, let decoded = try? HTMLDecoding.decode(bytes) else { return nil }
        _ = libxml2Ready
        var builder = HTMLTreeBuilder(decoded: decoded)
        guard builder.parse() else { return nil }
        let parsed = builder.document.textScalars.filter { !$0.isSpaceLike }
        let walked = Self.plainSAXText(decoded.utf8)
        var position = 0
        for (index, scalar) in walked.enumerated() {
            while position < parsed.count, parsed[position] != scalar { position += 1 }
            guard position < parsed.count else {
                let context = String(String.UnicodeScalarView(walked[max(0, index - 20)..<min(walked.count, index + 20)]))
                return "text character \(index) (\(scalar.escaped(asASCII: true))) of the SAX walk is missing from the loaded text, near \"\(context)\""
            }
            position += 1
        }
        return nil
    }

    /// The non-white-space text characters of a plain SAX walk over `utf8`, as the tree builder
    /// shows them (C1 controls as Windows-1252, `<!…>` left out).
    static func plainSAXText(_ utf8: [UInt8]) -> [Unicode.Scalar] {
        struct Walk { var bytes: [UInt8] = [] }
        var walk = Walk()
        let callbacks = qc_html_callbacks(
            startElement: nil, endElement: nil,
            characters: { user, characters, length in
                guard let user, let characters, length > 0 else { return }
                user.assumingMemoryBound(to: Walk.self).pointee.bytes.append(contentsOf: UnsafeBufferPointer(start: characters, count: Int(length)))
            },
            // Script and style content comes as CDATA blocks when a handler is set (as characters
            // otherwise): not text of the page, in the walk as in the loader.
            comment: nil, cdataBlock: { _, _, _ in }
        )
        withUnsafeMutablePointer(to: &walk) { pointer in
            utf8.withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                    guard let context = qc_html_create(chars, Int32(buffer.count), UnsafeMutableRawPointer(pointer), callbacks) else { return }
                    _ = qc_html_parse(context)
                    qc_html_free(context)
                }
            }
        }
        var scalars: [Unicode.Scalar] = []
        let text = String(decoding: walk.bytes, as: UTF8.self).unicodeScalars.map { scalar -> Unicode.Scalar in
            (0x80...0x9F).contains(scalar.value) ? Windows1252.scalar(forC1: scalar.value) ?? scalar : scalar
        }
        var index = 0
        while index < text.count {
            if text[index] == "<", index + 1 < text.count, text[index + 1] == "!" {
                let isCDATA = String(String.UnicodeScalarView(text[index..<min(text.count, index + 9)])) == "<![CDATA["
                let terminator: [Unicode.Scalar] = isCDATA ? ["]", "]", ">"] : [">"]
                var end = index + 2
                while end + terminator.count <= text.count, !text[end..<end + terminator.count].elementsEqual(terminator) { end += 1 }
                index = min(text.count, end + terminator.count)
                continue
            }
            if !text[index].isSpaceLike { scalars.append(text[index]) }
            index += 1
        }
        return scalars
    }
}
