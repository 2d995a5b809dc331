import Foundation
import QuoteCheck
import QuoteRules
import Testing

/// The documentation is part of the product: a link that leads nowhere or a README whose first
/// commands CI does not run is a bug a user meets before any code runs.
@Suite struct DocumentationTests {
    /// Every Markdown page a user or contributor reads.
    static var pages: [String] {
        var pages = ["README.md", "CHANGELOG.md", "Rules/README.md", "Benchmarks/RESULTS.md"]
        let docs = packageRoot.appendingPathComponent("docs")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: docs.path)) ?? []
        pages += names.filter { $0.hasSuffix(".md") }.sorted().map { "docs/\($0)" }
        return pages
    }

    /// Targets of inline Markdown links `[text](target)`, without their `#fragment`.
    static func relativeLinks(in markdown: String) -> [String] {
        var links: [String] = []
        var rest = markdown[...]
        while let open = rest.range(of: "](") {
            let after = rest[open.upperBound...]
            guard let close = after.firstIndex(of: ")") else { break }
            let target = after[..<close].split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let external = ["http://", "https://", "mailto:"].contains { target.hasPrefix($0) }
            if !external && !target.isEmpty && !target.contains(" ") { links.append(target) }
            rest = after[close...]
        }
        return links
    }

    @Test func linkExtractionFindsRelativeLinksOnly() {
        let markdown = "See [a](docs/a.md#part), [b](https://x.org/b.md), [c](../c.md) and [d](#anchor)."
        #expect(Self.relativeLinks(in: markdown) == ["docs/a.md", "../c.md"])
    }

    @Test(arguments: pages)
    func relativeLinksResolveInsideTheRepository(_ page: String) throws {
        let url = packageRoot.appendingPathComponent(page)
        let markdown = try String(contentsOf: url, encoding: .utf8)
        let root = packageRoot.standardizedFileURL.path
        for link in Self.relativeLinks(in: markdown) {
            let target = url.deletingLastPathComponent().appendingPathComponent(link).standardizedFileURL
            #expect(target.path.hasPrefix(root), "\(page): link \(link) leaves the repository")
            #expect(FileManager.default.fileExists(atPath: target.path), "\(page): link \(link) leads nowhere")
        }
    }

    /// The README opens with two commands: one runs the main job on a bundled example, one runs
    /// the tests. CI must run exactly those, so the promise on the first screen is tested.
    @Test func readmeFirstCommandsAreTheOnesCIRuns() throws {
        let readme = try String(contentsOf: packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let commands = readme.split(separator: "\n").filter { $0.hasPrefix("    ") }.prefix(2)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(commands.count == 2)
        let ci = try String(contentsOf: packageRoot.appendingPathComponent(".ci/run"), encoding: .utf8)
        let ciLines = Set(ci.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
        for command in commands {
            #expect(ciLines.contains { $0 == command || $0.hasPrefix(command + " ") }, ".ci/run does not run '\(command)'")
        }
        if let first = commands.first, let example = first.split(separator: " ").last {
            #expect(FileManager.default.fileExists(atPath: packageRoot.appendingPathComponent(String(example)).path))
        }
    }

    /// `quotecheck --version` names the newest version the changelog describes.
    @Test func versionIsTheChangelogsNewest() throws {
        let changelog = try String(contentsOf: packageRoot.appendingPathComponent("CHANGELOG.md"), encoding: .utf8)
        let released = changelog.split(separator: "\n").first { $0.hasPrefix("## [") && !$0.hasPrefix("## [Unreleased]") }
        let version = try #require(released).dropFirst(4).prefix { $0 != "]" }
        #expect(String(version) == QuoteCheckVersion.current)
    }
}

/// `docs/rules.md` is checked against the parser, so the rule language a user reads cannot drift
/// from the one the engine accepts.
@Suite struct RuleDocumentationTests {
    static let page = (try? String(contentsOf: packageRoot.appendingPathComponent("docs/rules.md"), encoding: .utf8)) ?? ""

    @Test func everyPatternKeywordIsDocumented() {
        #expect(!PatternElement.keywords.isEmpty)
        for keyword in PatternElement.keywords.map(\.keyword) {
            #expect(Self.page.contains("`\(keyword)`"), "docs/rules.md does not document the pattern element \(keyword)")
        }
    }

    @Test func everyDocumentedPatternKeywordIsAccepted() {
        // The element table's rows: "| `KEYWORD` | …".
        let documented = Self.page.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("| `") else { return nil }
            let name = line.dropFirst(3).prefix { $0 != "`" }
            return name.allSatisfy { $0.isUppercase } && !name.isEmpty ? String(name) : nil
        }
        #expect(!documented.isEmpty)
        let known = Set(PatternElement.keywords.map(\.keyword))
        for name in documented { #expect(known.contains(name), "docs/rules.md documents \(name), which the parser does not accept") }
    }

    @Test func everyLexiconKeyIsDocumented() {
        for key in RuleSet.lexiconKeys {
            #expect(Self.page.contains(key), "docs/rules.md does not mention the lexicon key \(key)")
        }
    }
}
