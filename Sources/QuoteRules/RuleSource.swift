import Foundation

/// One rule file: where it came from and what it says.
public struct RuleFile: Sendable, Hashable {
    /// Path relative to the rules root, e.g. `en/boilerplate.yml`; it gives the rule ids.
    public var path: String
    /// What an error message should call the file: the real path for a file on disk,
    /// `<built-in>/en/boilerplate.yml` for an embedded default.
    public var displayName: String
    public var contents: String

    public init(path: String, displayName: String, contents: String) {
        self.path = path
        self.displayName = displayName
        self.contents = contents
    }

    /// The language pack the file belongs to: the top directory of its path (`en` for
    /// `en/cues.yml`); `nil` for a shared file (``isShared``) and for a file outside any directory.
    public var pack: String? {
        guard let top = topDirectory, !RuleSource.sharedDirectories.contains(top) else { return nil }
        return top
    }

    /// Whether every pack reads the file: the stop-word profiles that tell a document's language
    /// (`languages/`) and the HTML loader's vocabulary (`common/`), both needed before a
    /// document's language is known.
    public var isShared: Bool {
        topDirectory.map(RuleSource.sharedDirectories.contains) ?? false
    }

    private var topDirectory: String? {
        path.firstIndex(of: "/").map { String(path[..<$0]) }
    }

    /// The id prefix the file's path gives its rules: `en/attribution/direct.yml` → `en.attribution.direct`.
    public var idPrefix: String {
        var trimmed = Substring(path)
        for suffix in [".yml", ".yaml", ".txt"] where trimmed.hasSuffix(suffix) {
            trimmed.removeLast(suffix.count)
        }
        // Mapped by hand: Foundation's `replacingOccurrences` took 2 % of start-up, once per rule.
        return String(String.UnicodeScalarView(trimmed.unicodeScalars.map { $0 == "/" ? "." : $0 }))
    }
}

struct EmbeddedRuleFile: Sendable {
    let path: String
    let contents: String
}

/// Where rule files are read from: the defaults built into the binary, plus a directory whose
/// files add to them or replace the default with the same relative path.
public enum RuleSource {
    /// The directories every pack shares (see ``RuleFile/isShared``); any other top directory
    /// is a language pack.
    public static let sharedDirectories: Set<String> = ["languages", "common"]

    /// The languages that have a pack among `files`, sorted.
    public static func packs(in files: [RuleFile]) -> [String] {
        Set(files.compactMap(\.pack)).sorted()
    }

    /// The files one pack is built from: its own and the shared ones.
    public static func files(_ files: [RuleFile], ofPack language: String) -> [RuleFile] {
        files.filter { $0.pack == language || $0.isShared }
    }

    /// The rule files built into the binary from the repository's `Rules/` directory.
    public static var builtIn: [RuleFile] {
        EmbeddedRules.files.map { RuleFile(path: $0.path, displayName: "<built-in>/" + $0.path, contents: $0.contents) }
    }

    /// Whether `file` is byte for byte the built-in file of its path, whatever it is called.
    public static func isBuiltIn(_ file: RuleFile) -> Bool {
        EmbeddedRules.files.contains { $0.path == file.path && $0.contents == file.contents }
    }

    /// Reads every `.yml`/`.yaml`/`.txt` file below `directory`.
    /// - Throws: ``RuleError`` naming the directory or file that cannot be read.
    public static func files(in directory: String) throws(RuleError) -> [RuleFile] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw RuleError(file: directory, line: 1, column: 1, message: "rules directory not found")
        }
        let root = URL(fileURLWithPath: directory).standardizedFileURL
        var found: [RuleFile] = []
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else {
            throw RuleError(file: directory, line: 1, column: 1, message: "cannot list rules directory")
        }
        for case let url as URL in walker where ["yml", "yaml", "txt"].contains(url.pathExtension) {
            let standardized = url.standardizedFileURL.path
            var relative = standardized
            if relative.hasPrefix(root.path + "/") { relative.removeFirst(root.path.count + 1) }
            guard let data = FileManager.default.contents(atPath: standardized) else {
                throw RuleError(file: standardized, line: 1, column: 1, message: "cannot read rule file")
            }
            guard let contents = String(validating: data, as: UTF8.self) else {
                throw RuleError(file: standardized, line: 1, column: 1, message: "rule file is not valid UTF-8")
            }
            found.append(RuleFile(path: relative, displayName: standardized, contents: contents))
        }
        return found.sorted { $0.path < $1.path }
    }

    /// The built-in files, with those in `overrides` (if any) added or replacing by path.
    public static func resolve(overrides: String?, language: String? = nil) throws(RuleError) -> [RuleFile] {
        try resolve(directories: overrides.map { [$0] } ?? [], language: language)
    }

    /// The built-in files, with those in each of `directories` in turn added or replacing by path.
    ///
    /// With `language`, the run reads that one pack: an overlay file of another pack is refused
    /// rather than silently left out, since the user meant it to apply.
    /// - Throws: ``RuleError`` naming an overlay file outside any pack directory, or (with
    ///   `language`) one of another pack.
    public static func resolve(directories: [String], language: String? = nil) throws(RuleError) -> [RuleFile] {
        var byPath: [String: RuleFile] = [:]
        for file in builtIn { byPath[file.path] = file }
        for directory in directories {
            for file in try files(in: directory) {
                if file.pack == nil, !file.isShared {
                    throw RuleError(
                        file: file.displayName, line: 1, column: 1,
                        message: "rule file outside a language pack: put it in the directory of the pack it belongs to (e.g. en/\(file.path))"
                    )
                }
                if let language, let pack = file.pack, pack != language {
                    throw RuleError(
                        file: file.displayName, line: 1, column: 1,
                        message: "rule file of the '\(pack)' pack in a run that reads '\(language)': a run of one language cannot mix packs (use --language \(pack), or leave --language out to detect each document's language)"
                    )
                }
                byPath[file.path] = file
            }
        }
        return byPath.values.sorted { $0.path < $1.path }
    }
}
