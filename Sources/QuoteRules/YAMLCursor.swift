import Yams

/// A node of a parsed rule file that knows where it stands, so every complaint about it
/// names file, line and column. Yams ignores unknown keys by itself; ``mapping(allowed:required:)``
/// does not, so a typo in a rule is an error rather than a rule that quietly does nothing.
public struct YAMLCursor {
    let node: Node
    public let file: RuleFile
    /// Used when a node has no mark (should not happen with composed documents).
    let fallbackLine: Int

    init(node: Node, file: RuleFile, fallbackLine: Int = 1) {
        self.node = node
        self.file = file
        self.fallbackLine = node.mark?.line ?? fallbackLine
    }

    public static func parse(_ file: RuleFile) throws(RuleError) -> YAMLCursor? {
        let composed: Node?
        do {
            // Values are read as strings here (`bool()`, `double()`), so nodes need no implicit
            // tags; the default resolver ran a regular expression for every scalar Yams hashed
            // while checking keys, a third of rule loading.
            composed = try Yams.compose(yaml: file.contents, .basic)
        } catch let error as YamlError {
            throw Self.describe(error, file: file)
        } catch {
            throw RuleError(file: file.displayName, line: 1, column: 1, message: "cannot parse YAML: \(error)")
        }
        return composed.map { YAMLCursor(node: $0, file: file) }
    }

    private static func describe(_ error: YamlError, file: RuleFile) -> RuleError {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            let prefix = context.map { "\($0.text) " } ?? ""
            return RuleError(file: file.displayName, line: mark.line, column: mark.column, message: "invalid YAML: \(prefix)\(problem)")
        case let .duplicatedKeysInMapping(duplicates, context):
            return RuleError(file: file.displayName, line: context.mark.line, column: context.mark.column, message: "duplicated keys: \(duplicates.joined(separator: ", "))")
        default:
            return RuleError(file: file.displayName, line: 1, column: 1, message: "invalid YAML: \(error)")
        }
    }

    public var line: Int { node.mark?.line ?? fallbackLine }
    public var column: Int { node.mark?.column ?? 1 }

    public func error(_ message: String) -> RuleError {
        RuleError(file: file.displayName, line: line, column: column, message: message)
    }

    /// The mapping's values by key, after checking every key is known and every required one present.
    public func mapping(allowed: [String], required: [String] = []) throws(RuleError) -> [String: YAMLCursor] {
        guard case let .mapping(mapping) = node else {
            throw error("expected a mapping with keys \(allowed.joined(separator: ", "))")
        }
        var result: [String: YAMLCursor] = [:]
        for (keyNode, valueNode) in mapping {
            let key = YAMLCursor(node: keyNode, file: file, fallbackLine: line)
            guard case let .scalar(scalar) = keyNode else { throw key.error("expected a plain key") }
            guard allowed.contains(scalar.string) else {
                throw key.error("unknown key '\(scalar.string)'; expected one of: \(allowed.joined(separator: ", "))")
            }
            result[scalar.string] = YAMLCursor(node: valueNode, file: file, fallbackLine: key.line)
        }
        for key in required where result[key] == nil {
            throw error("missing required key '\(key)'")
        }
        return result
    }

    public func string() throws(RuleError) -> String {
        guard case let .scalar(scalar) = node else { throw error("expected a string") }
        return scalar.string
    }

    public func double() throws(RuleError) -> Double {
        guard case let .scalar(scalar) = node, let value = Double(scalar.string) else { throw error("expected a number") }
        return value
    }

    public func int() throws(RuleError) -> Int {
        guard case let .scalar(scalar) = node, let value = Int(scalar.string) else { throw error("expected a whole number") }
        return value
    }

    public func bool() throws(RuleError) -> Bool {
        guard case let .scalar(scalar) = node else { throw error("expected true or false") }
        switch scalar.string.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default: throw error("expected true or false, found '\(scalar.string)'")
        }
    }

    public func sequence() throws(RuleError) -> [YAMLCursor] {
        guard case let .sequence(sequence) = node else { throw error("expected a list") }
        return sequence.map { YAMLCursor(node: $0, file: file, fallbackLine: line) }
    }

    /// A list of strings; a single string counts as a list of one.
    public func strings() throws(RuleError) -> [String] {
        if case let .scalar(scalar) = node { return [scalar.string] }
        var result: [String] = []
        for item in try sequence() { result.append(try item.string()) }
        return result
    }

    /// Checks that a string is one of the allowed values.
    public func oneOf(_ allowed: [String]) throws(RuleError) -> String {
        let value = try string()
        guard allowed.contains(value) else {
            throw error("unexpected value '\(value)'; expected one of: \(allowed.joined(separator: ", "))")
        }
        return value
    }
}
