@_spi(Fuzzing) import QuoteLoader
import QuoteCheck
import FuzzSupport

/// HTML bytes -> loaded text: offset map sound, every text node of a plain SAX walk present,
/// records sound.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Fuzz.bytes(data, size)
    if let missing = HTMLLoader.missingTextNode(bytes: bytes) { Fuzz.fail(missing) }
    guard let loaded = try? Fuzz.htmlPipeline.loader.load(bytes: bytes, uri: "fuzz.html") else { return 0 }
    Fuzz.checkLoaded(loaded)
    Fuzz.checkRecords(Fuzz.htmlPipeline.records(for: loaded), of: loaded)
    return 0
}

@_cdecl("FuzzHTML_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    Fuzz.run(argc, argv, fuzzHTML)
}
