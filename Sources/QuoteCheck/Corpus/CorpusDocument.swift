import QuoteLoader

/// One document's outcome in a corpus run: its records already written as JSON Lines, or why it
/// could not be loaded.
public struct CorpusDocument: Sendable {
    /// Position in corpus order (sorted paths), from 0.
    public let index: Int
    public let path: String
    /// Raw file size; 0 when the file could not be read.
    public let byteCount: Int
    public let recordCount: Int
    /// Every record as `ClaimRecord.jsonLine` plus a newline: the exact bytes `extract` writes for
    /// this file. Encoded by the worker so JSON writing runs in parallel too.
    public let jsonLines: [UInt8]
    public let failure: LoadError?
    /// Rules skipped on a sentence for running out of the matcher's step budget, each naming
    /// the document: the user must hear of them (docs/limits.md).
    public var warnings: [String] = []
    /// What the document's policy flags (with a policy; empty without).
    public var findings: [Finding] = []
    /// Hex SHA-256 of the raw file, when the run asked for it (`--resume` compares it).
    public var sha256: String?
    /// `--resume` found this document's output complete and did not process it again.
    public var reused = false
    /// A line for the user about a document that was read but not processed (its language has
    /// no rules); not a failure.
    public var notice: String? = nil
}

/// Totals of a corpus run.
public struct CorpusSummary: Sendable, Hashable {
    public var documents = 0
    public var bytes = 0
    public var records = 0
    public var failures = 0
    /// Documents `--resume` found complete and did not process again.
    public var reused = 0
    /// The most documents held at once (processing, or finished and waiting for an earlier one):
    /// what bounds memory. Never more than ``CorpusExtractor/window``.
    public var peakHeld = 0
    /// Wall-clock seconds from the first document started to the last one delivered.
    public var seconds = 0.0

    public init() {}

    public var megabytesPerSecond: Double { seconds > 0 ? Double(bytes) / 1e6 / seconds : 0 }
    public var documentsPerSecond: Double { seconds > 0 ? Double(documents) / seconds : 0 }

    mutating func add(_ document: CorpusDocument) {
        documents += 1
        bytes += document.byteCount
        records += document.recordCount
        if document.failure != nil { failures += 1 }
        if document.reused { reused += 1 }
    }

    /// One line for stderr.
    public var line: String {
        let megabytes = Double(bytes) / 1e6
        return "corpus: \(documents) document\(documents == 1 ? "" : "s"), \(String(format: "%.2f", megabytes)) MB, \(records) records, "
            + "\(failures) failed, \(String(format: "%.2f", seconds)) s, "
            + "\(String(format: "%.2f", megabytesPerSecond)) MB/s, \(String(format: "%.0f", documentsPerSecond)) docs/s"
    }
}
