import Foundation
import QuoteCheck
import FuzzSupport

/// Hostile records -> verify under a root holding one article: no hang, no file outside the
/// root read, nothing printed from a document beyond the record's own quote length.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzVerify(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: Fuzz.bytes(data, size), as: UTF8.self)
    guard let records = try? JSONLines.decode(text, path: "<fuzz>"), !records.isEmpty else { return 0 }
    let verifier = RecordVerifier(reload: DocumentLoader.reloader(rules: Fuzz.rules, root: Fuzz.root))
    let results = verifier.verify(records)
    Fuzz.check(results.count == records.count, "verify returned \(results.count) results for \(records.count) records")
    for (record, result) in zip(records, results) {
        if let found = result.foundText {
            Fuzz.check(found.unicodeScalars.count <= record.quote.text.unicodeScalars.count,
                       "verify printed \(found.unicodeScalars.count) scalars for a \(record.quote.text.unicodeScalars.count)-scalar quote")
        }
        if result.status == .ok || result.status == .moved || result.status == .changed {
            // Only the article under the root can have been read.
            let path = DocumentLoader.resolve(uri: record.document.uri, root: Fuzz.root)
            let real = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
            Fuzz.check(real.hasPrefix(Fuzz.root + "/"), "verify read \(real) outside the root \(Fuzz.root)")
        }
    }
    return 0
}

@_cdecl("FuzzVerify_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    Fuzz.run(argc, argv, fuzzVerify)
}
