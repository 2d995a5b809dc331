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
