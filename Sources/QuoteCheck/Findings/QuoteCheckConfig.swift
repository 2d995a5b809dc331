import Foundation

/// Why a configuration file could not be used: one line with file, line and column.
public struct ConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String

    public init(_ error: RuleError) { description = error.description }
    public init(path: String, message: String) { description = "\(path): \(message)" }
}

/// A `.quotecheck.yml`: what a repository of articles wants checked, and how strictly.
///
/// ```yaml
/// rules: [rules]             # rule directories, added to the built-in rules in order
/// include: ["articles/**"]   # globs relative to this file's directory
/// exclude: ["**/drafts/**"]
/// policy:
///   anonymous-source: error  # error, warning, info or off, one finding kind per line
/// confidence-threshold: 0.6
/// references: [transcripts/] # for `check` when no --against is given
/// language: en
/// ```
public struct QuoteCheckConfig: Sendable, Hashable {
    public static let fileName = ".quotecheck.yml"
    public static let defaultConfidenceThreshold = 0.5

    /// The file it was read from; nil for the defaults.
    public var path: String?
    /// Where relative paths and globs start: the file's directory.
    public var directory: String
    /// Rule directories, resolved against ``directory``.
    public var rules: [String] = []
    public var include: [String] = []
    public var exclude: [String] = []
    public var severities: [FindingKind: Severity] = [:]
    public var confidenceThreshold = QuoteCheckConfig.defaultConfidenceThreshold
    /// Reference files or directories for `check`, resolved against ``directory``.
    public var references: [String] = []
    /// The rule pack every document is read with; nil: detect each document's language and skip
    /// those without a rule pack (as `--language`, which overrides it).
    public var language: String?

    /// The defaults: every kind at its default severity, no globs, the built-in rules.
    public init(directory: String = ".") {
        self.directory = directory
    }

    public func severity(of kind: FindingKind) -> Severity {
        severities[kind] ?? kind.defaultSeverity
    }

    static let keys = ["rules", "include", "exclude", "policy", "confidence-threshold", "references", "language"]

    /// Parses a configuration; relative paths in it are taken from the file's directory.
    public static func parse(_ contents: String, path: String) throws(ConfigError) -> QuoteCheckConfig {
        let directory = (path as NSString).deletingLastPathComponent
        var config = QuoteCheckConfig(directory: directory.isEmpty ? "." : directory)
        config.path = path
        do throws(RuleError) {
            guard let root = try YAMLCursor.parse(RuleFile(path: path, displayName: path, contents: contents)) else { return config }
            let values = try root.mapping(allowed: keys)
            if let rules = values["rules"] { config.rules = try rules.strings().map(config.resolve) }
            if let include = values["include"] { config.include = try include.strings() }
            if let exclude = values["exclude"] { config.exclude = try exclude.strings() }
            if let references = values["references"] { config.references = try references.strings().map(config.resolve) }
            // Any pack a rules directory adds is a language too: loading the rules tells a missing one.
            if let language = values["language"] { config.language = try language.string() }
            if let threshold = values["confidence-threshold"] {
                let value = try threshold.double()
                guard (0...1).contains(value) else { throw threshold.error("expected a number from 0 to 1, found \(value)") }
                config.confidenceThreshold = value
            }
            if let policy = values["policy"] {
                let severities = Severity.allCases.map(\.rawValue)
                for (name, value) in try policy.mapping(allowed: FindingKind.allCases.map(\.rawValue)) {
                    if let kind = FindingKind(rawValue: name), let severity = Severity(rawValue: try value.oneOf(severities)) {
                        config.severities[kind] = severity
                    }
                }
            }
        } catch {
            throw ConfigError(error)
        }
        return config
    }

    public static func load(path: String) throws(ConfigError) -> QuoteCheckConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(path: path, message: "cannot read configuration file")
        }
        return try parse(String(decoding: data, as: UTF8.self), path: path)
    }

    private func resolve(_ relative: String) -> String {
        relative.hasPrefix("/") ? relative : (directory as NSString).appendingPathComponent(relative)
    }

    /// Whether `path` (a document) is checked: inside an include glob when there are any, and
    /// inside no exclude glob. Globs are matched against the path relative to ``directory``.
    public func includes(_ path: String) -> Bool {
        let relative = Self.relative(path, to: directory)
        if !include.isEmpty, !include.contains(where: { Glob.matches($0, relative) }) { return false }
        return !exclude.contains { Glob.matches($0, relative) }
    }

    static func relative(_ path: String, to directory: String) -> String {
        let absolute = Self.absolute(path)
        let base = Self.absolute(directory)
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return absolute.hasPrefix(prefix) ? String(absolute.dropFirst(prefix.count)) : path
    }

    static func absolute(_ path: String) -> String {
        let joined = path.hasPrefix("/") ? path : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
        return (joined as NSString).standardizingPath
    }
}

/// Finds the configuration for each input: the nearest `.quotecheck.yml` walking up from the
/// input's directory (as `.swiftlint.yml` and `.vale.ini` are found), or the one file given with
/// `--config` for every input. Each directory is looked up once.
public struct ConfigResolver: Sendable {
    private var override: QuoteCheckConfig?
    private var byDirectory: [String: QuoteCheckConfig] = [:]
    /// The distinct configurations found so far, in the order first found; defaults included.
    public private(set) var found: [QuoteCheckConfig] = []

    /// - Parameter override: `--config FILE`, which wins over every discovered file.
    public init(override: String? = nil) throws(ConfigError) {
        if let override {
            let config = try QuoteCheckConfig.load(path: override)
            self.override = config
            found = [config]
        }
    }

    /// The configuration that governs `path` (a file or directory given or found as input).
    public mutating func config(for path: String) throws(ConfigError) -> QuoteCheckConfig {
        if let override { return override }
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        let start = QuoteCheckConfig.absolute(exists && isDirectory.boolValue ? path : (path as NSString).deletingLastPathComponent)
        return try config(inDirectory: start)
    }

    private mutating func config(inDirectory directory: String) throws(ConfigError) -> QuoteCheckConfig {
        if let known = byDirectory[directory] { return known }
        let candidate = (directory as NSString).appendingPathComponent(QuoteCheckConfig.fileName)
        let config: QuoteCheckConfig
        if FileManager.default.fileExists(atPath: candidate) {
            config = try QuoteCheckConfig.load(path: candidate)
        } else if directory == "/" || directory.isEmpty {
            config = QuoteCheckConfig(directory: FileManager.default.currentDirectoryPath)
        } else {
            config = try self.config(inDirectory: (directory as NSString).deletingLastPathComponent)
        }
        byDirectory[directory] = config
        if !found.contains(config) { found.append(config) }
        return config
    }
}

/// Glob patterns as `.gitignore`-style tools read them: `*` and `?` stay inside one path
/// component, `**` spans any number of components, `[abc]` is a class.
enum Glob {
    static func matches(_ pattern: String, _ path: String) -> Bool {
        match(Array(pattern.unicodeScalars), 0, Array(path.unicodeScalars), 0)
    }

    private static func match(_ pattern: [Unicode.Scalar], _ p: Int, _ path: [Unicode.Scalar], _ s: Int) -> Bool {
        if p == pattern.count { return s == path.count }
        let character = pattern[p]
        if character == "*" {
            if p + 1 < pattern.count, pattern[p + 1] == "*" {
                // `**/` also matches no directory at all.
                var next = p + 2
                if next < pattern.count, pattern[next] == "/" {
                    next += 1
                    if match(pattern, next, path, s) { return true }
                }
                for end in s...path.count where match(pattern, next, path, end) { return true }
                return false
            }
            var end = s
            while true {
                if match(pattern, p + 1, path, end) { return true }
                guard end < path.count, path[end] != "/" else { return false }
                end += 1
            }
        }
        guard s < path.count else { return false }
        if character == "?" { return path[s] != "/" && match(pattern, p + 1, path, s + 1) }
        if character == "[", let close = pattern[(p + 1)...].firstIndex(of: "]") {
            let members = pattern[(p + 1)..<close]
            let negated = members.first == "!"
            let hit = members.dropFirst(negated ? 1 : 0).contains(path[s])
            return hit != negated && match(pattern, close + 1, path, s + 1)
        }
        return character == path[s] && match(pattern, p + 1, path, s + 1)
    }
}
