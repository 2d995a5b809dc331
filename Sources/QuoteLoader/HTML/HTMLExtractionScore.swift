import Foundation

/// Scores main-text extraction against a set of pages with expected snippets, by the
/// definition of the webpages set's README (trafilatura's own evaluation): a `with` snippet
/// found is a true positive, missing a false negative; a `without` snippet absent is a true
/// negative, present a false positive. Snippets and text are compared after collapsing runs
/// of whitespace to one space.
public struct HTMLExtractionScore: Sendable, Codable, Hashable {
    public var pages = 0
    public var truePositives = 0
    public var falseNegatives = 0
    public var trueNegatives = 0
    public var falsePositives = 0

    public init() {}

    public var precision: Double { ratio(truePositives, truePositives + falsePositives) }
    public var recall: Double { ratio(truePositives, truePositives + falseNegatives) }
    public var f1: Double { precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0 }
    public var accuracy: Double {
        ratio(truePositives + trueNegatives, truePositives + trueNegatives + falsePositives + falseNegatives)
    }

    private func ratio(_ part: Int, _ whole: Int) -> Double { whole > 0 ? Double(part) / Double(whole) : 0 }

    /// Adds one page's extracted text.
    public mutating func add(text: String, with expected: [String], without unwanted: [String]) {
        let haystack = Self.collapse(text)
        pages += 1
        for snippet in expected {
            if haystack.contains(Self.collapse(snippet)) { truePositives += 1 } else { falseNegatives += 1 }
        }
        for snippet in unwanted {
            if haystack.contains(Self.collapse(snippet)) { falsePositives += 1 } else { trueNegatives += 1 }
        }
    }

    /// Runs of whitespace become one space; ends are trimmed.
    public static func collapse(_ text: String) -> String {
        WhitespaceCollapsing.collapse(text)
    }
}

/// One page of a scoring set: `expected.json` maps a URL to `{file, with, without}`.
public struct HTMLExpectation: Sendable, Codable, Hashable {
    public var file: String
    public var with: [String]
    public var without: [String]

    /// Reads `DIR/expected.json`, sorted by file name.
    public static func load(datasetDirectory: String) throws -> [HTMLExpectation] {
        let url = URL(fileURLWithPath: datasetDirectory).appendingPathComponent("expected.json")
        let data = try Data(contentsOf: url)
        return try JSONDecoder().decode([String: HTMLExpectation].self, from: data).values.sorted { $0.file < $1.file }
    }
}
