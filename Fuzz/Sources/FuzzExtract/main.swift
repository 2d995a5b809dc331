import QuoteCheck
import FuzzSupport

/// Text bytes -> loader, detector, attribution -> records, all invariants checked.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExtract(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Fuzz.bytes(data, size)
    guard let loaded = try? Fuzz.textPipeline.loader.load(bytes: bytes, uri: "fuzz.txt") else { return 0 }
    Fuzz.checkLoaded(loaded)
    Fuzz.checkRecords(Fuzz.textPipeline.records(for: loaded), of: loaded)
    return 0
}

@_cdecl("FuzzExtract_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    Fuzz.run(argc, argv, fuzzExtract)
}
