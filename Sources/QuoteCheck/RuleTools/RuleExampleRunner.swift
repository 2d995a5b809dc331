/// A rule example that did not come out as its rule file says.
public struct RuleExampleFailure: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var rule: String
    public var message: String

    public var description: String { "\(file):\(line): \(rule): \(message)" }
}

/// Runs every rule's examples through the whole pipeline, as a rule author's tests.
///
/// Each example also runs behind a prefix of multi-byte characters and a paragraph break:
/// offsets count scalars and map to bytes, and an off-by-one there shows up as a wrong mention.
public struct RuleExampleRunner: Sendable {
    public let rules: RuleSet
    let pipeline: Pipeline
    /// A paragraph of scalars that counting bytes, UTF-16 units or Characters gets wrong: é (2
    /// bytes), 中文 (3 bytes each), an emoji outside the BMP (4 bytes, two UTF-16 units), a
    /// combining diaeresis (a scalar of its own inside one Character), a dash and a scare quote.
    /// The detector cases in `Fixtures/cases` run behind it too.
    public static let multibytePrefix = "Café, 中文, 🎉 and nai\u{308}ve — a “prefix” line.\n\n"

    public init(rules: RuleSet) {
        self.rules = rules
        self.pipeline = Pipeline(rules: rules, format: .text)
    }

    /// The id of every rule whose examples ``run(rule:)`` runs, in the order it runs them.
    public var ruleIDs: [String] {
        rules.attributionRules.map(\.id) + rules.boilerplate.map(\.id)
    }

    /// The number of examples run and the failures among them: every rule's, or only those of
    /// the rule with id `ruleID`, so a test or a rule author can report rule by rule.
    public func run(rule ruleID: String? = nil) -> (examples: Int, failures: [RuleExampleFailure]) {
        var failures: [RuleExampleFailure] = []
        var count = 0
        for rule in rules.attributionRules where ruleID == nil || rule.id == ruleID {
            for example in rule.examples {
                for prefix in ["", Self.multibytePrefix] {
                    count += 1
                    if let problem = check(example, of: rule, prefix: prefix) {
                        failures.append(RuleExampleFailure(
                            file: rule.file, line: example.line, rule: rule.id,
                            message: problem + (prefix.isEmpty ? "" : " (behind a multi-byte prefix)")
                        ))
                    }
                }
            }
            for ignored in rule.ignores {
                count += 1
                let records = pipeline.records(for: load(ignored))
                if records.contains(where: { $0.rule == rule.id }) {
                    failures.append(RuleExampleFailure(file: rule.file, line: rule.line, rule: rule.id, message: "fired on a sentence it must ignore: \(ignored)"))
                }
            }
        }
        for rule in rules.boilerplate where ruleID == nil || rule.id == ruleID {
            let marker = BoilerplateMarker(rules: [rule])
            for line in rule.examples.match {
                count += 1
                if marker.regions(in: Array(line.unicodeScalars)).isEmpty {
                    failures.append(RuleExampleFailure(file: "boilerplate", line: 0, rule: rule.id, message: "did not mark: \(line)"))
                }
            }
            for line in rule.examples.ignore {
                count += 1
                if !marker.regions(in: Array(line.unicodeScalars)).isEmpty {
                    failures.append(RuleExampleFailure(file: "boilerplate", line: 0, rule: rule.id, message: "marked a line it must ignore: \(line)"))
                }
            }
        }
        return (count, failures)
    }

    func load(_ text: String) -> LoadedText {
        let bytes = Array(text.utf8)
        // Examples are short valid UTF-8 strings: decoding cannot fail except on an empty one.
        return (try? pipeline.loader.load(bytes: bytes, uri: "<example>"))
            ?? LoadedText(uri: "<example>", media: .plainText, rawBytes: [], scalars: [], offsetMap: OffsetMap(rawByteCount: 0))
    }

    func check(_ example: AttributionExample, of rule: AttributionRule, prefix: String) -> String? {
        let records = pipeline.records(for: load(prefix + example.text))
        guard let record = records.first(where: { $0.rule == rule.id }) else {
            let others = records.map { "\($0.rule) (speaker \($0.speaker?.mention?.text ?? "none"))" }
            return "did not fire on: \(example.text)" + (others.isEmpty ? "" : "; fired instead: " + others.joined(separator: ", "))
        }
        let mention = record.speaker?.mention?.text
        if let expected = example.speaker, mention != expected {
            return "speaker mention is \(mention.map { "'\($0)'" } ?? "none"), expected '\(expected)'"
        }
        if let expected = example.cue, record.cue?.text != expected {
            return "cue is \(record.cue.map { "'\($0.text)'" } ?? "none"), expected '\(expected)'"
        }
        if let expected = example.content {
            let found = record.quote.parts.map { parts in parts.map { slice(record.quote.text, record.quote.start, $0) }.joined(separator: " … ") } ?? record.quote.text
            if Self.normalized(found) != Self.normalized(expected) {
                return "content is '\(found)', expected '\(expected)'"
            }
        }
        return nil
    }

    private func slice(_ text: String, _ base: Int, _ part: QuotePart) -> String {
        let scalars = Array(text.unicodeScalars)
        let lower = max(0, min(scalars.count, part.start - base))
        let upper = max(lower, min(scalars.count, part.end - base))
        return String(scalars: scalars[lower..<upper])
    }

    /// Quote marks and edge punctuation do not count when comparing content.
    static func normalized(_ text: String) -> String {
        let edge: Set<Character> = ["“", "”", "\"", "‘", "’", "'", ",", ".", ":", ";", " ", "—", "–", "…"]
        var result = Substring(text)
        while let first = result.first, edge.contains(first) { result.removeFirst() }
        while let last = result.last, edge.contains(last) { result.removeLast() }
        return String(result)
    }
}
