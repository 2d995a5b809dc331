import Foundation
import Testing
import QuoteCheckText
import QuoteRules
@testable import QuoteLoader

/// The HTML loader's shortcuts must give exactly what the general code they skip gives:
/// each is checked here against that general code on inputs chosen to reach its edges.
@Suite struct HTMLFastPathTests {
    /// Valid UTF-8 keeps no per-byte map; its ranges, worked out from the bytes, must equal the
    /// ones the per-sequence decoder writes down.
    @Test(arguments: [
        "<p>plain ASCII</p>",
        "<p>caf\u{E9} \u{201E}Zitat\u{201C} \u{20AC} \u{1F600} end</p>",
        "\u{FEFF}<p>BOM first: na\u{EF}ve \u{4E2D}\u{6587}</p>",
        "<p>a\u{0}NUL and \u{0}\u{0} more, \u{301} a lone combining mark</p>",
    ])
    func identityMapMatchesDecodedMap(page: String) throws {
        let raw = Array(page.utf8)
        let start = raw.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let fast = try HTMLDecoding.decode(raw)
        let general = HTMLDecoding.decodeUTF8(raw, from: start, fallback: .windows1252, name: "UTF-8")
        #expect(fast.utf8 == general.utf8)
        for index in general.utf8.indices {
            #expect(fast.rawStart(ofByte: index) == general.rawStart(ofByte: index), "rawStart of byte \(index)")
            #expect(fast.rawEnd(ofByte: index) == general.rawEnd(ofByte: index), "rawEnd of byte \(index)")
        }
    }

    /// The phrase prefilter may let through blocks no phrase opens, never hold back one that
    /// ``HTMLRules/opensWithBoilerplatePhrase(_:)`` would drop.
    @Test func phrasePrefilterKeepsEveryMatch() throws {
        let rules = try RuleSet.load().html
        let starts = PhraseStarts(rules: rules)
        #expect(!rules.boilerplatePhrases.isEmpty)
        for phrase in rules.boilerplatePhrases {
            for text in [phrase, "\u{BB} " + phrase, "  " + phrase + " (3)", "* " + phrase + ": x", phrase + "x"] {
                let opening = Array(text.unicodeScalars)
                if rules.opensWithBoilerplatePhrase(opening) {
                    #expect(starts.mayOpenPhrase(opening), "prefilter rejects «\(text)»")
                }
            }
        }
        #expect(!starts.mayOpenPhrase(Array("the minister said on monday".unicodeScalars)))
    }

    /// White space collapsed by scalars (metadata, scored snippets), against the split by characters it stands in for,
    /// including white space a combining mark joins and CR LF.
    @Test(arguments: [
        "  Plain   title\t\n", "Caf\u{E9}\u{A0}Society", "a \u{301}b", "line\r\nbreak", "\u{A0}\u{A0}",
        "x\u{2003}y", "", "   ", "Ma\u{F1}ana \u{2014} ma\u{F1}ana", "\u{600} 1", "end \u{200D}",
    ])
    func metadataCollapseMatchesCharacterSplit(text: String) {
        #expect(WhitespaceCollapsing.collapse(text) == text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " "))
    }

    /// Attribute values lower-cased by bytes when ASCII, as `String.lowercased()` otherwise.
    @Test(arguments: ["Article-BODY main", "\u{130}stanbul \u{212A}elvin", "", "MIXED case \u{C9}T\u{C9}"])
    func attributeLowercasing(value: String) {
        let bytes = Array(value.utf8) + [0]
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            #expect(HTMLTreeBuilder.lowercased(base) == value.lowercased())
        }
    }

    @Test(arguments: [
        ("DISPLAY : none", true), ("color: red; visibility:Hidden", true), ("display:block", false),
        ("display:\u{A0}none", false), ("d\u{130}splay:none", false), ("", false),
    ])
    func inlineStyleHiding(style: String, hides: Bool) {
        let bytes = Array(style.utf8) + [0]
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            #expect(HTMLTreeBuilder.styleHides(base) == hides)
        }
    }
}

/// Script and style bodies skipped in one step (``qc_html_skip_raw_text``) must leave the
/// parse exactly as libxml2 reading them character by character leaves it: the same elements,
/// events, text and byte map.
@Suite struct HTMLRawTextSkipTests {
    static let seeds = packageRoot.appendingPathComponent("Fuzz/Seeds/html").path

    /// The document of `bytes` parsed with and without skipping, and the bytes skipped.
    static func documents(_ bytes: [UInt8]) throws -> (skipping: HTMLDocument, reading: HTMLDocument, skipped: Int) {
        let decoded = try HTMLDecoding.decode(bytes)
        var skipping = HTMLTreeBuilder(decoded: decoded, skipsRawText: true)
        var reading = HTMLTreeBuilder(decoded: decoded, skipsRawText: false)
        #expect(skipping.parse() && reading.parse())
        #expect(reading.skippedRawTextBytes == 0)
        return (skipping.document, reading.document, skipping.skippedRawTextBytes)
    }

    static func expectSame(_ skipping: HTMLDocument, _ reading: HTMLDocument, _ label: String) {
        let difference = skipping.firstDifference(from: reading)
        #expect(difference == nil, "\(label): \(difference ?? "")")
    }

    @Test func theLibxml2HereIsOneTheSkipKnows() {
        #expect(HTMLTreeBuilder.rawTextSkippable)
    }

    /// Fixture pages, fuzz seeds and every fourth shared web page.
    @Test func pagesParseAlikeEitherWay() throws {
        var paths = try HTMLPageStreamTests.pages()
        paths += try FileManager.default.contentsOfDirectory(atPath: Self.seeds).map { "\(Self.seeds)/\($0)" }
        var skipped = 0
        for path in paths {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            guard !bytes.isEmpty, HTMLLoader.binaryOffset(bytes) == nil else { continue }
            let (skipping, reading, bytesSkipped) = try Self.documents(bytes)
            Self.expectSame(skipping, reading, path)
            skipped += bytesSkipped
        }
        #expect(skipped > 1_000_000)
    }

    /// A body `length` bytes long: `unit` repeated, then filled up with "x".
    static func body(_ unit: String, length: Int) -> String {
        var body = String(repeating: unit, count: length / unit.utf8.count)
        body += String(repeating: "x", count: length - body.utf8.count)
        return body
    }

    /// Bodies around the 1000-byte chunk (a last chunk of one byte, of none), characters of
    /// every length and ones libxml2 drops across the boundary, end tags in any case, end tags
    /// of other elements inside, a near miss (`</scripts>`), a body left open, and text right
    /// after a body whose end tag is too long to be told from text (the cursor then stands
    /// where the last chunk was handed over).
    @Test(arguments: [1, 10, 999, 1000, 1001, 1999, 2000, 2001, 2002, 2003, 5000])
    func bodiesParseAlikeEitherWay(length: Int) throws {
        let junk = String(repeating: "j", count: 5000)
        let bodies = [
            Self.body("var a = b < c;\n", length: length),
            Self.body("\u{E9}\u{20AC}\u{1F600}a", length: length),
            Self.body("\u{1}\u{FFFE}\u{B}ab", length: length),
            Self.body("</div></p><b>", length: length),
            Self.body("\u{1}\u{B}", length: length),
        ]
        var pages: [String] = []
        for body in bodies {
            pages += [
                "<html><head><script>\(body)</script></head><body><p>After the script &amp; more.</p></body></html>",
                "<p>Before <style>\(body)</STYLE> after the style.</p>",
                "<div><script type=\"x\">\(body)</scripts>\(body)</Script>text</div>",
                "<p>Text <script>\(body)</script \(junk)>xylophones right after the body.</p>",
                "<p>Text <script>\(body)</script\(junk)>right after the body.</p>",
                "<p>Text <script>\(body)</scriptx\(junk)><p>A paragraph after.</p>",
                "<p>Text <script>\(body)",
            ]
        }
        var skipped = 0
        for (index, page) in pages.enumerated() {
            let (skipping, reading, bytesSkipped) = try Self.documents(Array(page.utf8))
            Self.expectSame(skipping, reading, "page \(index) of length \(length)")
            skipped += bytesSkipped
        }
        #expect(skipped > 0)
    }

    /// Where libxml2 hands over a body's last chunk, on bodies whose last chunk is full or none.
    @Test func cursorAfterABodyReadInChunks() {
        let utf8 = Array(("<" + String(repeating: "a", count: 3000) + "</script>").utf8)
        // After the chunk handed over at byte 1000 (its 1000th character), 1000 more end one at 2000.
        #expect(HTMLTreeBuilder.rawTextCursor(in: utf8, from: 1001, end: 2001) == 2000)
        #expect(HTMLTreeBuilder.rawTextCursor(in: utf8, from: 1001, end: 2002) == 2002)
        #expect(HTMLTreeBuilder.rawTextCursor(in: utf8, from: 1001, end: 1001) == nil)
        #expect(HTMLTreeBuilder.rawTextCursor(in: utf8, from: 1, end: 500) == 500)
        // Control characters are not copied, so they fill no chunk.
        let controls = Array(("<" + String(repeating: "a", count: 1000) + String(repeating: "\u{1}", count: 10) + "</script>").utf8)
        #expect(HTMLTreeBuilder.rawTextCursor(in: controls, from: 1, end: 1011) == 1000)
        #expect(HTMLTreeBuilder.rawTextCursor(in: controls, from: 1001, end: 1011) == nil)
        // A three-byte character that takes the chunk past 1000 ends it.
        let wide = Array(("<" + String(repeating: "a", count: 998) + "\u{20AC}b</script>").utf8)
        #expect(HTMLTreeBuilder.rawTextCursor(in: wide, from: 1, end: 1003) == 1003)
        #expect(HTMLTreeBuilder.rawTextCursor(in: wide, from: 1, end: 1002) == 999)
    }
}

/// The per-page cache of class/id verdicts answers as judging each marker does, and gives
/// markers equal as strings (canonically equivalent) the verdict of the first, as the
/// `[String: Boilerplate]` it replaces did.
@Suite struct VerdictCacheTests {
    @Test func cachedVerdictsAreTheRulesVerdicts() throws {
        let rules = try RuleSet.load().html
        var markers = ["", "article-body", "sidebar widget", "related-posts", "nav menu", "post entry-content", "share-buttons"]
        markers += ["caf\u{E9} sidebar", "cafe\u{301} sidebar", "a;b comments", "a\u{37E}b comments", "x\u{1FEF}y", "x`y", "footer"]
        // Repeated, so the second round is answered from the cache, and more markers than slots
        // of a cache made for few, so probing wraps around.
        let strings = markers + markers + (0..<40).map { "item-\($0) menu" }
        var cache = VerdictCache(strings: strings.count)
        var first: [String: HTMLRules.Boilerplate] = [:]
        for index in strings.indices.dropFirst() {
            let marker = strings[index]
            let verdict = cache.verdict(of: Int32(index), in: strings, rules: rules)
            let expected = first[marker] ?? rules.boilerplate(marker: marker)
            first[marker] = first[marker] ?? expected
            #expect(verdict == expected, "\(marker)")
        }
        #expect(cache.verdict(of: 2, in: strings, rules: rules) == rules.boilerplate(marker: "sidebar widget"))
        #expect(rules.boilerplate(marker: "sidebar widget") != .none)
    }
}
