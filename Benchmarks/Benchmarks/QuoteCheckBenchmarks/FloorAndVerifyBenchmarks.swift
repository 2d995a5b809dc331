import Benchmark
import CLibXML2Floor
import Foundation
import QuoteCheck

/// libxml2's SAX parser with callbacks that do nothing: the true floor for the HTML loader, which
/// reads pages through SAX (`htmlReadMemory` also builds a tree, which the loader never does).
func saxParseAlone(_ bytes: [UInt8]) {
    var handler = htmlSAXHandler()
    handler.startElement = { _, _, _ in }
    handler.endElement = { _, _ in }
    handler.characters = { _, _, _ in }
    bytes.withUnsafeBufferPointer { buffer in
        buffer.withMemoryRebound(to: CChar.self) { chars in
            guard let context = htmlCreateMemoryParserCtxt(chars.baseAddress, Int32(chars.count)) else { return }
            defer { htmlFreeParserCtxt(context) }
            context.pointee.sax.pointee = handler
            _ = htmlCtxtUseOptions(context, Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue))
            _ = htmlParseDocument(context)
        }
    }
}

/// Each train text as a plain HTML page (`<p>` per paragraph, escaped): `extract` over HTML of
/// the same articles as the plain-text rows.
func htmlRendering(of bytes: [UInt8]) -> [UInt8] {
    let text = String(decoding: bytes, as: UTF8.self)
    var page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>article</title></head><body><article>\n"
    for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
        let escaped = line.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        page += "<p>\(escaped)</p>\n"
    }
    page += "</article></body></html>\n"
    return Array(page.utf8)
}

func floorAndVerifyBenchmarks() {
    Benchmark("libxml2: SAX parse alone, no-op callbacks (HTML floor)", configuration: configuration(iterations: 3), closure: { benchmark, corpus in
        for document in corpus.documents { saxParseAlone(document.bytes) }
    }, setup: { try Corpus.read(Corpus.htmlDirectory) })

    Benchmark("extract: HTML renderings of train", configuration: configuration(), closure: { benchmark, state in
        var records = 0
        for (path, page) in state.pages {
            guard let loaded = try? state.pipeline.loader.load(bytes: page, uri: path) else { continue }
            records &+= state.pipeline.records(for: loaded).count
        }
        blackHole(records)
    }, setup: { () throws -> (pipeline: Pipeline, pages: [(String, [UInt8])]) in
        let corpus = try Corpus.read(Corpus.textDirectory)
        let pages = corpus.documents.map { ($0.path + ".html", htmlRendering(of: $0.bytes)) }
        return (Pipeline(rules: try RuleSet.load(), format: .html), pages)
    })

    Benchmark("verify: train records against their documents", configuration: configuration(), closure: { benchmark, state in
        blackHole(state.verifier.verify(state.records))
    }, setup: { () throws -> (verifier: RecordVerifier, records: [ClaimRecord]) in
        let prepared = try Prepared.make()
        return (RecordVerifier(reload: DocumentLoader.reloader(rules: prepared.pipeline.rules, root: nil)), prepared.records)
    })
}
