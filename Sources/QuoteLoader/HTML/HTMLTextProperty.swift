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
    /// shows them (C1 controls as Windows-1252, `<!…>` left out up to its first ">", or `]]>` for
    /// CDATA, or the next parse event: see ``BogusMarkup``).
    static func plainSAXText(_ utf8: [UInt8]) -> [Unicode.Scalar] {
        /// The text between two parse events (tags, comments, script blocks) is one run.
        struct Walk {
            var runs: [[UInt8]] = [[]]
            mutating func event() { if !(runs.last?.isEmpty ?? false) { runs.append([]) } }
        }
        var walk = Walk()
        let callbacks = qc_html_callbacks(
            startElement: { user, _, _ in user?.assumingMemoryBound(to: Walk.self).pointee.event() },
            endElement: { user, _ in user?.assumingMemoryBound(to: Walk.self).pointee.event() },
            characters: { user, characters, length in
                guard let user, let characters, length > 0 else { return }
                let walk = user.assumingMemoryBound(to: Walk.self)
                walk.pointee.runs[walk.pointee.runs.count - 1].append(contentsOf: UnsafeBufferPointer(start: characters, count: Int(length)))
            },
            comment: { user, _ in user?.assumingMemoryBound(to: Walk.self).pointee.event() },
            // Script and style content comes as CDATA blocks when a handler is set (as characters
            // otherwise): not text of the page, in the walk as in the loader.
            cdataBlock: { user, _, _ in user?.assumingMemoryBound(to: Walk.self).pointee.event() },
            internalSubset: { user, _, _, _ in user?.assumingMemoryBound(to: Walk.self).pointee.event() }
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
        // nil between two runs: where a parse event came.
        var text: [Unicode.Scalar?] = []
        for run in walk.runs {
            if !text.isEmpty { text.append(nil) }
            text += String(decoding: run, as: UTF8.self).unicodeScalars.map { scalar -> Unicode.Scalar in
                (0x80...0x9F).contains(scalar.value) ? Windows1252.scalar(forC1: scalar.value) ?? scalar : scalar
            }
        }
        var scalars: [Unicode.Scalar] = []
        var index = 0
        while index < text.count {
            guard let scalar = text[index] else {
                index += 1
                continue
            }
            // Elements libxml2 implies may come between the "<" and the "!".
            var bang = index + 1
            while bang < text.count, text[bang] == nil { bang += 1 }
            if scalar == "<", bang < text.count, text[bang] == "!" {
                let prefix: [Unicode.Scalar?] = Array("[CDATA[".unicodeScalars)
                let isCDATA = bang + 8 <= text.count && text[bang + 1..<bang + 8].elementsEqual(prefix)
                var end = bang + 1
                var brackets = 0
                while end < text.count, let character = text[end] {
                    end += 1
                    if character == ">", !isCDATA || brackets >= 2 { break }
                    brackets = character == "]" ? brackets + 1 : 0
                }
                index = end
                continue
            }
            if !scalar.isSpaceLike { scalars.append(scalar) }
            index += 1
        }
        return scalars
    }
}
