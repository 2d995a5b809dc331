import Testing
@testable import QuoteLoader
import QuoteCheckText

@Suite struct PlainTextLoaderTests {
    @Test func keepsCRLFAndSkipsBOM() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a\r\nb".utf8)
        let loaded = try PlainTextLoader().load(bytes: bytes, uri: "t.txt")
        #expect(loaded.text == "a\r\nb")
        #expect(loaded.offsetMap.bytes(ofScalar: 0) == ByteRange(start: 3, end: 4))
        #expect(loaded.offsetMap.bytes(of: ScalarRange(start: 1, end: 3)) == ByteRange(start: 4, end: 6))
    }

    @Test func invalidBytesBecomeReplacementMappedToTheirByte() throws {
        let bytes: [UInt8] = Array("é".utf8) + [0xFF] + Array("x".utf8)
        let loaded = try PlainTextLoader().load(bytes: bytes, uri: "t.txt")
        #expect(loaded.scalars == ["é", "\u{FFFD}", "x"])
        #expect(loaded.offsetMap.bytes(ofScalar: 1) == ByteRange(start: 2, end: 3))
        #expect(loaded.offsetMap.bytes(ofScalar: 2) == ByteRange(start: 3, end: 4))
    }

    @Test func refusesBinary() {
        #expect(throws: LoadError.binary(uri: "b", byteOffset: 2)) {
            try PlainTextLoader().load(bytes: [0x41, 0x42, 0x00, 0x43], uri: "b")
        }
    }

    @Test func decodesUTF16WithBOM() throws {
        let bytes: [UInt8] = [0xFF, 0xFE, 0x41, 0x00, 0x3D, 0xD8, 0x00, 0xDE]
        let loaded = try PlainTextLoader().load(bytes: bytes, uri: "u.txt")
        #expect(loaded.text == "A\u{1F600}")
        #expect(loaded.offsetMap.bytes(ofScalar: 1) == ByteRange(start: 4, end: 8))
    }
}
