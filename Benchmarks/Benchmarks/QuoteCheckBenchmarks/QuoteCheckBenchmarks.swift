import Benchmark
import CLibXML2Floor
import Foundation
import QuoteCheck

// One iteration processes a whole corpus, so wall time per iteration divides into MB/s and
// documents/s, and mallocs per iteration divide into allocations per document
// (Benchmarks/compare.sh does both).

let corpusMetrics: [BenchmarkMetric] = [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident]

func configuration(iterations: Int = 3) -> Benchmark.Configuration {
    .init(metrics: corpusMetrics, warmupIterations: 1, maxDuration: .seconds(20), maxIterations: iterations)
}

let benchmarks: @Sendable () -> Void = {
    Benchmark("startup: RuleSet.load + Pipeline.init", configuration: configuration(iterations: 20)) { benchmark in
        for _ in benchmark.scaledIterations {
            guard let rules = try? RuleSet.load() else { benchmark.error("rules did not load"); return }
            blackHole(Pipeline(rules: rules))
        }
    }

    Benchmark("load: plain text (+ boilerplate)", configuration: configuration(), closure: { benchmark, prepared in
        for document in prepared.corpus.documents {
            blackHole(try? prepared.pipeline.loader.load(bytes: document.bytes, uri: document.path))
        }
    }, setup: { try Prepared.make() })

    Benchmark("segmentation: DocumentAnalysis", configuration: configuration(), closure: { benchmark, prepared in
        let rules = prepared.pipeline.rules
        for text in prepared.loaded { blackHole(DocumentAnalysis(text: text, rules: rules)) }
    }, setup: { try Prepared.make() })

    Benchmark("detection (incl. segmentation)", configuration: configuration(), closure: { benchmark, prepared in
        for text in prepared.loaded { blackHole(prepared.pipeline.detector.detect(in: text)) }
    }, setup: { try Prepared.make() })

    Benchmark("attribution", configuration: configuration(), closure: { benchmark, prepared in
        for detection in prepared.detections { blackHole(prepared.pipeline.attribution.attribute(detection)) }
    }, setup: { try Prepared.make() })

    Benchmark("records: Pipeline.records(for:)", configuration: configuration(), closure: { benchmark, prepared in
        for text in prepared.loaded { blackHole(prepared.pipeline.records(for: text)) }
    }, setup: { try Prepared.make() })

    // The writer `extract` and `corpus` use (JSONLinesWriter, one buffer drained per
    // document), not JSONEncoder.
    Benchmark("JSON Lines encoding", configuration: configuration(), closure: { benchmark, prepared in
        var bytes = 0
        var writer = JSONLinesWriter()
        for record in prepared.records {
            writer.write(record)
            if writer.bytes.count >= 1 << 16 {
                bytes &+= writer.bytes.count
                writer.removeAll()
            }
        }
        blackHole(bytes &+ writer.bytes.count)
    }, setup: { try Prepared.make() })

    Benchmark("extract: read + load + records + JSON", configuration: configuration(), closure: { benchmark, prepared in
        var bytes = 0
        var writer = JSONLinesWriter()
        for document in prepared.corpus.documents {
            guard let loaded = try? prepared.pipeline.loader.load(path: document.path) else { continue }
            for record in prepared.pipeline.records(for: loaded) { writer.write(record) }
            bytes &+= writer.bytes.count
            writer.removeAll()
        }
        blackHole(bytes)
    }, setup: { try Prepared.make() })

    corpusBenchmarks()
    floorAndVerifyBenchmarks()

    // `quotecheck check` as the reference set grows: one iteration builds the whole index, or
    // checks all 1,000 quotes (wall time / 1,000 = cost per quote).
    for size in CheckScaling.sizes {
        Benchmark("check: references (tokenize) \(size) paragraphs", configuration: configuration(), closure: { benchmark, scaling in
            blackHole(scaling.references())
        }, setup: { try CheckScaling.make(paragraphs: size) })

        Benchmark("check: index build \(size) paragraphs", configuration: configuration(), closure: { benchmark, references in
            blackHole(ReferenceIndex(documents: references))
        }, setup: { try CheckScaling.make(paragraphs: size).references() })

        Benchmark("check: 1000 quotes against \(size) paragraphs", configuration: configuration(), closure: { benchmark, state in
            for quote in state.quotes { blackHole(state.checker.checked(quote)) }
        }, setup: { try CheckScaling.Query.make(paragraphs: size) })
    }

    Benchmark("libxml2: htmlReadMemory alone (HTML floor)", configuration: configuration(iterations: 3), closure: { benchmark, corpus in
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue)
        for document in corpus.documents {
            document.bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    let tree = htmlReadMemory(chars.baseAddress, Int32(chars.count), document.path, "UTF-8", options)
                    defer { xmlFreeDoc(tree) }
                    blackHole(tree)
                }
            }
        }
    }, setup: { try Corpus.read(Corpus.htmlDirectory) })

    Benchmark("load: HTML", configuration: configuration(iterations: 3), closure: { benchmark, state in
        for document in state.corpus.documents {
            blackHole(try? state.loader.load(bytes: document.bytes, uri: document.path))
        }
    }, setup: { (corpus: try Corpus.read(Corpus.htmlDirectory), loader: DocumentLoader(rules: try RuleSet.load(), format: .html)) })

    // Issue 4's "detection adds no more than 20 % to the time of loading", on the pages a
    // newsroom feeds it: detection over the main text of the same 504 pages `load: HTML` reads.
    Benchmark("detection: HTML pages' main text (incl. segmentation)", configuration: configuration(), closure: { benchmark, state in
        for text in state.texts { blackHole(state.pipeline.detector.detect(in: text)) }
    }, setup: { () -> (pipeline: Pipeline, texts: [LoadedText]) in
        let pipeline = Pipeline(rules: try RuleSet.load(), format: .html)
        let corpus = try Corpus.read(Corpus.htmlDirectory)
        return (pipeline, try corpus.documents.map { document throws in try pipeline.loader.load(bytes: document.bytes, uri: document.path) })
    })
}
