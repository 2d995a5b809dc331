import QuoteCheck
import QuoteRules
import Testing

@testable import QuoteLoader

/// The byte-level short cuts of plain-text loading and tokenizing (issue 19) give what the
/// general paths give: ASCII read eight bytes at a time, short ASCII words packed into integers.
@Suite struct TokenizerFastPathTests {
    /// ASCII runs of every length around the eight-byte step, between multi-byte scalars and
    /// invalid bytes: each scalar is decoded and mapped to its own bytes.
    @Test func utf8DecodingMatchesScalarByScalar() {
        let pieces: [[UInt8]] = [Array("é".utf8), Array("€".utf8), Array("😀".utf8), [0xFF], [0x80]]
        for run in 0...19 {
            for piece in pieces {
                var bytes: [UInt8] = []
                var expected: [Unicode.Scalar] = []
                var widths: [Int] = []
                for round in 0..<3 {
                    let ascii = (0..<(run + round)).map { UInt8(ascii: "a") + UInt8($0 % 26) }
                    bytes += ascii
                    expected += ascii.map { Unicode.Scalar($0) }
                    widths += ascii.map { _ in 1 }
                    bytes += piece
                    let decoded = String(decoding: piece, as: UTF8.self).unicodeScalars
                    expected += decoded
                    widths += decoded.map { $0 == "\u{FFFD}" ? 1 : String($0).utf8.count }
                }
                let (scalars, map, firstInvalid) = UTF8Decoding.decode(bytes, from: 0)
                #expect(scalars == expected, "run \(run), piece \(piece)")
                #expect(map.count == scalars.count)
                var position = 0
                for (index, width) in widths.enumerated() {
                    #expect(map.bytes(ofScalar: index) == ByteRange(start: position, end: position + width), "run \(run), scalar \(index)")
                    position += width
                }
                #expect((firstInvalid != nil) == (piece.count == 1))
            }
        }
    }

    /// A text without NUL bytes is never taken for UTF-16, however long; one with a NUL in every
    /// other byte still is.
    @Test func wideEncodingNeedsNULBytes() {
        #expect(WideEncoding.detect(Array(String(repeating: "plain text ", count: 2_000).utf8)) == nil)
        let utf16 = Array(String(repeating: "plain text ", count: 100).utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(WideEncoding.detect(utf16) == .utf16(bigEndian: false, bomLength: 0))
    }

    private func analysis(_ text: String, rules: RuleSet) throws -> DocumentAnalysis {
        DocumentAnalysis(text: try PlainTextLoader().load(bytes: Array(text.utf8), uri: "t.txt"), rules: rules)
    }

    /// Words as written get one id each, whether packed (ASCII, up to sixteen scalars) or not;
    /// keys are lower-cased as `lowercased()` does, and classes are the lexicon's.
    @Test func packedAndUnpackedWordsShareOneNumbering() throws {
        let rules = try RuleSet.load()
        let words = [
            "Said", "said", "SAID", "abcdefghijklmnop", "ABCDEFGHIJKLMNOP", "abcdefghijklmnopq", "Zürich", "zürich", "O'Neill-Smith",
            "2,521", "3.5", "Administration", "administrations", "U.S.",
        ]
        let text = (words + words.reversed()).joined(separator: " ")
        let analysis = try analysis(text, rules: rules)
        let tokens = analysis.tokens.filter(\.isWord)
        #expect(tokens.count == words.count * 2)
        var idByWord: [String: UInt32] = [:]
        for token in tokens {
            let written = String(scalars: analysis.scalars[token.range.range])
            #expect(token.key == written.lowercased(), "\(written)")
            #expect(token.classes == rules.lexicon.classes(of: written.lowercased()).union(rules.lexicon.suffixClasses(of: ArraySlice(written.unicodeScalars))))
            if let id = idByWord[written] { #expect(token.word == id, "\(written)") } else { idByWord[written] = token.word }
        }
        #expect(Set(idByWord.values).count == words.count)
        #expect(analysis.words.entries.count == words.count)
        #expect(tokens.first?.classes.contains(.cueStart) == true)
    }

    /// Abbreviations are found by their bytes, case as written; a set holding a word that
    /// Unicode equates with an ASCII one (KELVIN SIGN for "K") is still asked as a set.
    @Test func abbreviationsAreFoundWithAndWithoutTheTable() throws {
        let english = try RuleSet.load()
        let words = try analysis("Gov. Smith met the gov. Then Sen. Jones left.", rules: english).tokens.map(\.key)
        #expect(words == ["gov.", "smith", "met", "the", "gov", ".", "then", "sen.", "jones", "left", "."])
        for abbreviation in ["Km.", "\u{212A}m."] {
            let file = RuleFile(path: "en/abbreviations.yml", displayName: "abbreviations.yml", contents: "kind: abbreviations\nabbreviations: [\"\(abbreviation)\"]\n")
            let rules = try RuleSet(files: [file])
            let keys = try analysis("It ran 5 Km. Then it stopped.", rules: rules).tokens.map(\.key)
            #expect(keys == ["it", "ran", "5", "km.", "then", "it", "stopped", "."], "\(abbreviation.unicodeScalars.map(\.value))")
        }
    }
}
