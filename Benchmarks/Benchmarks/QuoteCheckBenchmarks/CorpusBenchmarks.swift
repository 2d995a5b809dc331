import Benchmark
import Foundation
import QuoteCheck

/// `quotecheck corpus` in process: `CorpusExtractor.run` reads, loads, extracts and encodes every
/// document from disk, as the command does, and only the writing to a file is left out.
///
/// Parallel runs are judged by wall time (CPU time adds up over the workers), and the ×4 row runs
/// the same paths four times over, so its peak RSS against the ×1 row shows whether memory
/// depends on the corpus size (it should not: at most 2 × jobs documents are held at once).
func corpusBenchmarks() {
    for (jobs, copies) in [(1, 1), (2, 1), (2, 4)] {
        let name = "corpus: --jobs \(jobs)" + (copies > 1 ? ", train ×\(copies)" : "")
        Benchmark(name, configuration: configuration(), closure: { benchmark, state in
            let summary = try? await state.extractor.run(state.paths) { document in blackHole(document.jsonLines.count) }
            if summary?.failures != 0 { benchmark.error("corpus run failed: \(summary?.line ?? "error")") }
        }, setup: { () async throws -> (extractor: CorpusExtractor, paths: [String]) in
            let paths = try DocumentLoader.expand(paths: [Corpus.textDirectory])
            let extractor = CorpusExtractor(pipeline: Pipeline(rules: try RuleSet.load(), format: .text), jobs: jobs)
            return (extractor, Array(repeating: paths, count: copies).flatMap { $0 })
        })
    }
}
