@_spi(Fuzzing) import QuoteLoader
import QuoteCheck
import FuzzSupport

/// HTML bytes -> loaded text: offset map sound, every text node of a plain SAX walk present,
/// records sound; the page rendered as it is parsed (the path of pages over a window) gives the
/// same text, whole and in pieces, and its records read in tiny windows are sound; skipping
/// script and style bodies parses the page exactly as reading them does.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Fuzz.bytes(data, size)
    if let missing = HTMLLoader.missingTextNode(bytes: bytes) { Fuzz.fail(missing) }
    if let difference = HTMLLoader.rawTextSkipDifference(bytes: bytes) { Fuzz.fail("script and style bodies skipped: \(difference)") }
    guard let loaded = try? Fuzz.htmlPipeline.loader.load(bytes: bytes, uri: "fuzz.html") else {
        Fuzz.check((try? Fuzz.htmlPipeline.loader.htmlStream(bytes: bytes, uri: "fuzz.html")) == nil, "a page that fails to load streams")
        return 0
    }
    Fuzz.checkLoaded(loaded)
    Fuzz.checkRecords(Fuzz.htmlPipeline.records(for: loaded), of: loaded)
    checkStream(bytes, loaded: loaded)
    return 0
}

private func checkStream(_ bytes: [UInt8], loaded: LoadedText) {
    guard let stream = try? Fuzz.htmlPipeline.loader.htmlStream(bytes: bytes, uri: "fuzz.html") else {
        Fuzz.fail("a page that loads does not stream")
    }
    var pieces: [Unicode.Scalar] = []
    var starts: [Int32] = []
    func take(_ page: inout RenderedPage) {
        pieces += page.scalars
        starts += page.map.byteStarts
        page.forget(before: page.count)
    }
    guard var rendered = try? stream.render(fallback: false, { _ in true }) else { Fuzz.fail("the stream does not render") }
    let fallback = rendered.count == 0 && stream.hasContainer
    if fallback, let whole = try? stream.render(fallback: true, { _ in true }) { rendered = whole }
    let text = stream.loaded(rendered)
    Fuzz.check(text.scalars == loaded.scalars, "the stream's text differs from the page loaded whole")
    Fuzz.check(text.offsetMap == loaded.offsetMap, "the stream's byte map differs")
    Fuzz.check(text.quoteHints == loaded.quoteHints, "the stream's quotation hints differ")
    Fuzz.check(text.metadata == loaded.metadata, "the stream's metadata differs")
    guard var rest = try? stream.render(fallback: fallback, { page in
        if page.count - page.base >= 7 { take(&page) }
        return true
    }) else { Fuzz.fail("the stream does not render in pieces") }
    take(&rest)
    Fuzz.check(pieces == loaded.scalars && starts == loaded.offsetMap.byteStarts, "the stream's text in pieces differs")
    // Tiny windows: every record must still be sound against the whole text.
    let windowed = WindowedExtractor(pipeline: Fuzz.htmlPipeline, windowBytes: 64, contextBytes: 32, lookaheadBytes: 16)
    var records: [ClaimRecord] = []
    let outcome = windowed.extract(bytes: bytes, uri: "fuzz.html") { records += $0 }
    Fuzz.check(outcome.failure == nil, "a page that loads fails in windows: \(String(describing: outcome.failure))")
    guard outcome.notice == nil, case let .read(_, read) = Fuzz.htmlPipeline.reading(loaded) else { return }
    Fuzz.checkRecords(records, of: read)
}

@_cdecl("FuzzHTML_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    Fuzz.run(argc, argv, fuzzHTML)
}
