import Foundation
import QuoteCheck

/// The inputs the benchmarks run over, read once before any measurement.
///
/// Paths default to the shared data beside the repository; `QUOTECHECK_BENCH_TEXTS` and
/// `QUOTECHECK_BENCH_HTML` point elsewhere.
struct Corpus: Sendable {
    struct Document: Sendable {
        let path: String
        let bytes: [UInt8]
    }

    let documents: [Document]
    var byteCount: Int { documents.reduce(0) { $0 + $1.bytes.count } }

    static let sharedData = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/data").path

    static func directory(environment name: String, default relative: String) -> String {
        ProcessInfo.processInfo.environment[name] ?? (sharedData as NSString).appendingPathComponent(relative)
    }

    static let textDirectory = directory(environment: "QUOTECHECK_BENCH_TEXTS", default: "polnear/train/text")
    static let htmlDirectory = directory(environment: "QUOTECHECK_BENCH_HTML", default: "webpages/pages")

    /// Every document below `directory`, in path order.
    static func read(_ directory: String) throws -> Corpus {
        let paths = try DocumentLoader.expand(paths: [directory])
        return Corpus(documents: try paths.map { path throws in Document(path: path, bytes: try DocumentLoader.read(path: path)) })
    }
}

/// Documents already loaded and analysed, so each stage can be measured on its own.
struct Prepared: Sendable {
    let pipeline: Pipeline
    let corpus: Corpus
    let loaded: [LoadedText]
    let detections: [Detection]
    let records: [ClaimRecord]

    static func make() throws -> Prepared {
        let pipeline = Pipeline(rules: try RuleSet.load(), format: .text)
        let corpus = try Corpus.read(Corpus.textDirectory)
        let loaded = try corpus.documents.map { document throws in try pipeline.loader.load(bytes: document.bytes, uri: document.path) }
        let detections = loaded.map(pipeline.detector.detect(in:))
        let records = loaded.flatMap(pipeline.records(for:))
        return Prepared(pipeline: pipeline, corpus: corpus, loaded: loaded, detections: detections, records: records)
    }
}
