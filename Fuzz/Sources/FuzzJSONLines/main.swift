import Foundation
import QuoteCheck
import FuzzSupport

/// JSON Lines bytes -> records: anything read writes back and reads back the same, and is
/// valid JSON without duplicate keys for any other parser.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONLines(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: Fuzz.bytes(data, size), as: UTF8.self)
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
