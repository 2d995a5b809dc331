import Foundation
import QuoteRecords

/// Where `corpus` and `extract` write their records: standard output, or a file that is replaced
/// only when the run finishes.
///
/// File output streams into an ``AtomicFile`` (a uniquely named temporary file beside the target,
/// renamed over it at the end), so the whole corpus never sits in memory and a failed or
/// interrupted run leaves an existing `FILE` exactly as it was. Records are encoded straight
/// into the output buffer, which goes out in blocks of 64 KiB.
public struct CorpusOutput {
    /// The target file; `nil` for standard output.
    public let path: String?
    public var temporaryPath: String? { file?.temporaryPath }
    private let file: AtomicFile?
    private var buffer = JSONLinesWriter(capacity: flushSize + (1 << 12))
    private static let flushSize = 1 << 16

    /// - Parameter path: a file, or `nil` or `-` for standard output.
    /// - Throws: ``CorpusError/output(path:reason:)`` when the temporary file cannot be created,
    ///   before any document is processed.
    public init(path: String?) throws(CorpusError) {
        guard let path, path != "-" else {
            self.path = nil
            self.file = nil
            return
        }
        self.path = path
        do {
            self.file = try AtomicFile(path: path)
        } catch {
            throw .output(path: path, reason: Self.reason(error))
        }
    }

    static func reason(_ error: OutputError) -> String {
        switch error {
        case let .create(_, reason), let .write(_, reason): return reason
        default: return error.description
        }
    }

    /// Writes lines already encoded, as ``CorpusDocument/jsonLines``.
    public mutating func write(_ bytes: [UInt8]) throws(CorpusError) {
        buffer.write(lines: bytes)
        if buffer.bytes.count >= Self.flushSize { try flush() }
    }

    /// Writes one record as a line.
    public mutating func write(_ record: ClaimRecord) throws(CorpusError) {
        buffer.write(record)
        if buffer.bytes.count >= Self.flushSize { try flush() }
    }

    private mutating func flush() throws(CorpusError) {
        guard !buffer.bytes.isEmpty else { return }
        do {
            if let file { try file.write(buffer.bytes) } else { try StandardOutput.write(buffer.bytes) }
        } catch {
            throw .output(path: path ?? "standard output", reason: Self.reason(error))
        }
        buffer.removeAll()
    }

    /// Writes what is buffered and, for a file, renames it over the target.
    public mutating func finish() throws(CorpusError) {
        try flush()
        guard let file, let path else { return }
        do {
            try file.commit()
        } catch {
            throw .output(path: path, reason: Self.reason(error))
        }
    }

    /// Drops a file output without touching the target. Standard output cannot be taken back:
    /// what was written stays written.
    public func abandon() {
        file?.abandon()
    }
}
