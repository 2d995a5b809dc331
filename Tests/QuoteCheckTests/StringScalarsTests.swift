import Foundation
import Testing
@testable import QuoteCheck

/// The fast scalar-to-string paths must give exactly what the standard library gives, since
/// record text, keys and `textSha256` all come from them.
@Suite struct StringScalarsTests {
    static let samples = [
        "", "a", "Putin", "ÉLYSÉE", "Russia’s", "naïve café", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀", "line\u{2028}separator",
        "\u{FFFD}\u{1}\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}", "e\u{301}", "fifteen-bytes-x", "sixteen-bytes-xy",
    ]

    static func standard(_ scalars: [Unicode.Scalar]) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    @Test(arguments: samples)
    func stringMatchesUnicodeScalarView(sample: String) {
        let scalars = Array(sample.unicodeScalars)
        let built = String(scalars: scalars[...])
        #expect(built == Self.standard(scalars))
        #expect(Array(built.utf8) == Array(sample.utf8))
        #expect(String.utf8(of: scalars) == Array(sample.utf8))
    }

    @Test(arguments: samples)
    func textHashIsHashOfTheLoadedTextsUTF8(sample: String) throws {
        let bytes = Array(("x" + sample).utf8)
        let loaded = try PlainTextLoader().load(bytes: bytes, uri: "sample.txt")
        let factory = RecordFactory(loaded: loaded)
        #expect(factory.document.textSha256 == Hashing.sha256Hex(loaded.text))
        #expect(factory.document.sha256 == Hashing.sha256Hex(AnySequence(bytes)))
    }

    @Test func wordKeysAreTheLowercasedWord() throws {
        let sentence = "Mr. PUTIN told Élysée officials al-Sharaa’s U.S. plan, ΑΘΗΝΑ said İstanbul 2,521 times."
        let loaded = try PlainTextLoader().load(bytes: Array(sentence.utf8), uri: "keys.txt")
        let analysis = DocumentAnalysis(text: loaded, rules: try RuleSet.load())
        let words = analysis.tokens.filter(\.isWord)
        #expect(words.count == 13)
        for token in words {
            #expect(token.key == Self.standard(Array(analysis.scalars[token.range.range])).lowercased())
        }
        #expect(words.map(\.isCapitalized).prefix(3) == [true, true, false])
    }
}
