import Foundation
import QuoteCheck

/// Inputs for measuring `quotecheck check` as the reference set grows: real direct quotes from
/// the train texts, and reference paragraphs cut from the same texts.
///
/// The paragraphs that hold the quotes come first, so every size holds the quotes' sources and
/// most quotes are found at every size: what grows is only the material the index must rule out.
/// Past the corpus's own paragraphs, copies follow with their sentences rotated, so the largest
/// sets carry near-duplicates of every source passage (the hardest case for candidate finding).
struct CheckScaling: Sendable {
    static let quoteCount = 1_000
    static let sizes = [1_000, 10_000, 100_000]

    let pipeline: Pipeline
    let quotes: [ClaimRecord]
    let paragraphs: [LoadedText]

    var names: SpeakerNames { SpeakerNames(titles: pipeline.rules.speakerLabels.titles) }

    struct SetupError: Error, CustomStringConvertible {
        var description: String
    }

    static func make(paragraphs size: Int) throws -> CheckScaling {
        let pipeline = Pipeline(rules: try RuleSet.load(), format: .text)
        let corpus = try Corpus.read(Corpus.textDirectory)
        let loaded = try corpus.documents.map { document throws in try pipeline.loader.load(bytes: document.bytes, uri: document.path) }
        var quotes: [ClaimRecord] = []
        var holding: [[Bool]] = []
        var pieces: [[ScalarRange]] = []
        for text in loaded {
            let ranges = paragraphRanges(text.scalars)
            var holds = Array(repeating: false, count: ranges.count)
            // Extraction is the slow part of setup: stop once the quotes are in.
            let records = quotes.count < quoteCount ? pipeline.records(for: text) : []
            for record in records where record.kind == .direct && quotes.count < quoteCount {
                quotes.append(record)
                if let index = ranges.firstIndex(where: { $0.contains(record.quote.start) }) { holds[index] = true }
            }
            holding.append(holds)
            pieces.append(ranges)
        }
        guard quotes.count == quoteCount else { throw SetupError(description: "only \(quotes.count) direct quotes in \(Corpus.textDirectory)") }
        var sources: [[Unicode.Scalar]] = []
        var others: [[Unicode.Scalar]] = []
        for (text, (ranges, holds)) in zip(loaded, zip(pieces, holding)) {
            for (range, holdsQuote) in zip(ranges, holds) {
                if holdsQuote { sources.append(Array(text.scalars[range.range])) } else { others.append(Array(text.scalars[range.range])) }
            }
        }
        let originals = sources + others
        guard sources.count <= size, !originals.isEmpty else {
            throw SetupError(description: "\(sources.count) paragraphs hold the quotes, more than \(size)")
        }
        var paragraphs: [LoadedText] = []
        paragraphs.reserveCapacity(size)
        var copy = 0
        while paragraphs.count < size {
            for original in originals where paragraphs.count < size {
                let scalars = copy == 0 ? original : rotated(original, by: copy)
                var view = String.UnicodeScalarView()
                view.append(contentsOf: scalars)
                let uri = "paragraph-\(paragraphs.count).txt"
                // A paragraph is plain text; boilerplate marking would only slow setup down.
                paragraphs.append(try PlainTextLoader().load(bytes: Array(String(view).utf8), uri: uri))
            }
            copy += 1
        }
        return CheckScaling(pipeline: pipeline, quotes: quotes, paragraphs: paragraphs)
    }

    /// Non-blank lines: PolNeAR texts put one paragraph on a line.
    static func paragraphRanges(_ scalars: [Unicode.Scalar]) -> [ScalarRange] {
        var ranges: [ScalarRange] = []
        var start = 0
        for index in 0...scalars.count where index == scalars.count || scalars[index] == "\n" {
            if scalars[start..<index].contains(where: { !$0.properties.isWhitespace }) { ranges.append(ScalarRange(start: start, end: index)) }
            start = index + 1
        }
        return ranges
    }

    /// The paragraph with its first `count` sentences (modulo their number) moved to the end.
    static func rotated(_ scalars: [Unicode.Scalar], by count: Int) -> [Unicode.Scalar] {
        var sentences: [ArraySlice<Unicode.Scalar>] = []
        var start = 0
        for index in scalars.indices.dropLast() where ".?!".unicodeScalars.contains(scalars[index]) && scalars[index + 1] == " " {
            sentences.append(scalars[start...index])
            start = index + 2
        }
        sentences.append(scalars[start...])
        let shift = count % sentences.count
        let order = sentences[shift...] + sentences[..<shift]
        return Array(order.joined(separator: [" "]))
    }

    /// Tokenized, labelled references: what `check` builds before it indexes.
    func references() -> [ReferenceDocument] {
        let labeler = SpeakerLabeler(rules: pipeline.rules.speakerLabels)
        return paragraphs.map { ReferenceDocument(loaded: $0, labels: labeler) }
    }

    /// A built checker and the quotes to check against it.
    struct Query: Sendable {
        let checker: QuoteChecker
        let quotes: [ClaimRecord]

        static func make(paragraphs size: Int) throws -> Query {
            let scaling = try CheckScaling.make(paragraphs: size)
            let checker = QuoteChecker(index: ReferenceIndex(documents: scaling.references()), rules: scaling.pipeline.rules)
            // How many quotes the index finds, so a fast query cannot hide a broken one.
            var counts: [String: Int] = [:]
            var writer = JSONLinesWriter()
            for quote in scaling.quotes {
                let checked = checker.checked(quote)
                counts[checked.check?.status.rawValue ?? "unchecked", default: 0] += 1
                writer.write(checked)
            }
            let summary = counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            FileHandle.standardError.write(Data("check against \(size) paragraphs: \(summary)\n".utf8))
            // Every checked record, so two versions of the index can be shown to give the same verdicts.
            if let directory = ProcessInfo.processInfo.environment["QUOTECHECK_CHECK_DUMP"] {
                try Data(writer.bytes).write(to: URL(fileURLWithPath: directory).appendingPathComponent("check-\(size).jsonl"))
            }
            return Query(checker: checker, quotes: scaling.quotes)
        }
    }
}
