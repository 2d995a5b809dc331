import Foundation

/// One document of a corpus run and how to treat it.
public struct CorpusJob: Sendable {
    public var path: String
    /// The document's path below its input (a directory input) or its file name (a file input):
    /// what `--out-dir` mirrors and `--shard` hashes, the same on every machine.
    public var relative: String
    /// The findings policy for the document; nil extracts records only.
    public var policy: FindingPolicy?
    /// Whether to hash the raw file (`--out-dir` records it for `--resume`).
    public var hashInput = false
    /// Bytes already in memory (standard input); nil reads `path`.
    public var bytes: [UInt8]?
    /// What a finished earlier run wrote for this document (`--resume`): reused when the file's
    /// hash is unchanged.
    public var previous: CorpusDocumentState?

    public init(path: String, relative: String? = nil, policy: FindingPolicy? = nil, hashInput: Bool = false, bytes: [UInt8]? = nil) {
        self.path = path
        self.relative = relative ?? (path as NSString).lastPathComponent
        self.policy = policy
        self.hashInput = hashInput
        self.bytes = bytes
    }
}

/// What `--out-dir` keeps about each finished document beside its records, so `--resume` can
/// skip it and still report the same totals and findings.
public struct CorpusDocumentState: Codable, Sendable, Hashable {
    public var sha256: String
    public var bytes: Int
    public var records: Int
    public var findings: [Finding]

    public init(sha256: String, bytes: Int, records: Int, findings: [Finding]) {
        self.sha256 = sha256
        self.bytes = bytes
        self.records = records
        self.findings = findings
    }
}

/// `--shard I/N`: a stable share of the documents, by a hash of their relative path, so N jobs
/// of a CI matrix (or N machines) cover a corpus exactly once whatever order they list it in.
public struct CorpusShard: Sendable, Hashable, CustomStringConvertible {
    /// 1 to ``count``.
    public let index: Int
    public let count: Int

    /// Parses `I/N`; nil unless 1 ≤ I ≤ N.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, (1...count).contains(index) else { return nil }
        self.index = index
        self.count = count
    }

    public var description: String { "\(index)/\(count)" }

    /// FNV-1a over the path's UTF-8: fixed by definition, unlike Swift's seeded `Hasher`.
    public func contains(_ relative: String) -> Bool {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in relative.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return Int(hash % UInt64(count)) == index - 1
    }
}

extension CorpusExtractor {
    /// The documents below `inputs` as jobs, each with its relative path; inputs that do not
    /// exist (or hold no document) are failures. The walk is ``DocumentLoader/expand(paths:)``,
    /// the one every command uses.
    public static func jobs(in inputs: [String]) -> (jobs: [CorpusJob], failures: [LoadError]) {
        var jobs: [CorpusJob] = []
        var failures: [LoadError] = []
        for input in inputs {
            do throws(LoadError) {
                let found = try DocumentLoader.expand(paths: [input])
                var isDirectory: ObjCBool = false
                _ = FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory)
                let prefix = input.hasSuffix("/") ? input : input + "/"
                for path in found {
                    let relative = isDirectory.boolValue && path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : (path as NSString).lastPathComponent
                    jobs.append(CorpusJob(path: path, relative: relative))
                }
            } catch {
                failures.append(error)
            }
        }
        return (jobs, failures)
    }
}

/// `corpus --out-dir DIR`: one `.jsonl` per document at `DIR/<relative path>.jsonl`, each
/// written atomically, its state in `DIR/.quotecheck/<relative path>.json`, and totals in
/// `DIR/summary.json`. Nothing in it depends on timing or `--jobs`, so runs compare byte for byte.
public struct CorpusDirectoryOutput: Sendable {
    public let directory: String
    public static let stateDirectory = ".quotecheck"

    /// - Throws: ``CorpusError/output(path:reason:)`` when the directory cannot be made.
    public init(directory: String) throws(CorpusError) {
        self.directory = directory
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .output(path: directory, reason: "cannot create directory: \(error.localizedDescription)")
        }
    }

    public func recordsPath(_ relative: String) -> String {
        (directory as NSString).appendingPathComponent(relative + ".jsonl")
    }

    func statePath(_ relative: String) -> String {
        (directory as NSString).appendingPathComponent(Self.stateDirectory + "/" + relative + ".json")
    }

    /// Removes temporary files a killed run left (`.NAME.XXXXXX.tmp`, see ``AtomicFile``): a
    /// `kill -9` gives no chance to clean up, and `--resume` must end with exactly the files of
    /// an uninterrupted run. Only for `--resume`: another run could be writing the directory.
    public func removeStaleTemporaryFiles() {
        guard let walker = FileManager.default.enumerator(atPath: directory) else { return }
        while let relative = walker.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            guard name.hasPrefix("."), name.hasSuffix(".tmp"), AtomicFile.isTemporaryName(name) else { continue }
            unlink((directory as NSString).appendingPathComponent(relative))
        }
    }

    /// The state a finished run left for `relative`, when its records file is there too.
    public func previousState(_ relative: String) -> CorpusDocumentState? {
        guard FileManager.default.fileExists(atPath: recordsPath(relative)),
            let data = FileManager.default.contents(atPath: statePath(relative))
        else { return nil }
        return try? JSONDecoder().decode(CorpusDocumentState.self, from: data)
    }

    /// Writes a document's records, then its state: a run killed between the two redoes the
    /// document, never trusts a records file without its state.
    public func write(_ document: CorpusDocument, relative: String) throws(CorpusError) {
        let records = recordsPath(relative)
        let state = statePath(relative)
        do {
            try Self.makeParent(of: records)
            try Self.makeParent(of: state)
            guard document.failure == nil else {
                // A document that cannot be read has no records; an older file for it would lie.
                unlink(records)
                unlink(state)
                return
            }
            try AtomicFile.write(document.jsonLines, to: records)
            if let sha256 = document.sha256 {
                let value = CorpusDocumentState(sha256: sha256, bytes: document.byteCount, records: document.recordCount, findings: document.findings)
                try AtomicFile.write(Self.encode(value), to: state)
            }
        } catch {
            throw .output(path: records, reason: CorpusOutput.reason(error))
        }
    }

    static func makeParent(of path: String) throws(OutputError) {
        let parent = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw .create(path: parent, reason: error.localizedDescription)
        }
    }

    static func encode<Value: Encodable>(_ value: Value) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return [] }
        return Array(data) + [0x0A]
    }

    /// `summary.json`: totals without timings.
    public struct Summary: Codable, Sendable, Hashable {
        public var documents: Int
        public var bytes: Int
        public var records: Int
        public var failures: Int
        public var errors: Int
        public var warnings: Int
        public var info: Int
        public var shard: String?

        public init(documents: Int, bytes: Int, records: Int, failures: Int, errors: Int, warnings: Int, info: Int, shard: String?) {
            (self.documents, self.bytes, self.records, self.failures) = (documents, bytes, records, failures)
            (self.errors, self.warnings, self.info, self.shard) = (errors, warnings, info, shard)
        }
    }

    public func writeSummary(_ summary: Summary) throws(CorpusError) {
        let path = (directory as NSString).appendingPathComponent("summary.json")
        do {
            try AtomicFile.write(Self.encode(summary), to: path)
        } catch {
            throw .output(path: path, reason: CorpusOutput.reason(error))
        }
    }
}
