import Foundation
import QuoteCheck
import FuzzSupport

/// JSON Lines bytes -> records: anything read writes back and reads back the same, and is
/// valid JSON without duplicate keys for any other parser. The same bytes as an
/// `extract --jsonl-in` line: a document read from it, written back as a line, reads back the same.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONLines(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Fuzz.bytes(data, size)
    if let document = try? InputDocument.parse(bytes, line: 1) {
        let key = document.format == .html ? "html" : "text"
        var fields: [String: Any] = ["uri": document.uri, key: document.content]
        switch document.id {
        case let .string(value): fields["id"] = value
        case let .integer(value): fields["id"] = value
        }
        guard let line = try? JSONSerialization.data(withJSONObject: fields), let back = try? InputDocument.parse(Array(line), line: 1) else {
            Fuzz.fail("a --jsonl-in line read does not read back once written")
        }
        Fuzz.check(back == document, "a --jsonl-in document changed in a write/read round trip")
    }
    let text = String(decoding: bytes, as: UTF8.self)
    guard let records = try? JSONLines.decode(text, path: "<fuzz>") else { return 0 }
    for record in records {
        let line = JSONLines.line(record)
        guard let back = try? JSONLines.decode(line, path: "<fuzz>") else { Fuzz.fail("a record read does not read back once written: \(line)") }
        Fuzz.check(back == [record], "record changed in a write/read round trip: \(line)")
    }
    return 0
}

@_cdecl("FuzzJSONLines_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    Fuzz.run(argc, argv, fuzzJSONLines)
}
