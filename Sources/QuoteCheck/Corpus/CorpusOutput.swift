import Foundation
import QuoteRecords

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where `corpus` and `extract` write their records: standard output, or a file that is replaced
/// only when the run finishes.
///
/// File output streams into `FILE.partial` beside the target and is renamed over it at the end
/// (`rename(2)` replaces atomically), so the whole corpus never sits in memory and a failed or
/// interrupted run leaves an existing `FILE` exactly as it was. Records are encoded straight
/// into the output buffer, which goes out in blocks of 64 KiB.
public struct CorpusOutput {
    /// The target file; `nil` for standard output.
    public let path: String?
    public var temporaryPath: String? { path.map { $0 + ".partial" } }
    private let handle: FileHandle
    private var buffer = JSONLinesWriter(capacity: flushSize + (1 << 12))
    private static let flushSize = 1 << 16

    /// - Parameter path: a file, or `nil` or `-` for standard output.
    /// - Throws: ``CorpusError/output(path:reason:)`` when the temporary file cannot be created,
    ///   before any document is processed.
    public init(path: String?) throws(CorpusError) {
        guard let path, path != "-" else {
            self.path = nil
            self.handle = FileHandle.standardOutput
            return
        }
        self.path = path
        let temporary = path + ".partial"
        guard FileManager.default.createFile(atPath: temporary, contents: nil),
            let handle = FileHandle(forWritingAtPath: temporary)
        else {
            throw .output(path: path, reason: "cannot create \(temporary)")
        }
        self.handle = handle
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
            try handle.write(contentsOf: buffer.bytes)
        } catch {
            throw .output(path: path ?? "-", reason: error.localizedDescription)
        }
        buffer.removeAll()
    }

    /// Writes what is buffered and, for a file, renames it over the target.
    public mutating func finish() throws(CorpusError) {
        try flush()
        guard let path, let temporary = temporaryPath else { return }
        do {
            try handle.close()
        } catch {
            throw .output(path: path, reason: error.localizedDescription)
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw .output(path: path, reason: reason)
        }
    }

    /// Drops a file output without touching the target. Standard output cannot be taken back:
    /// what was written stays written.
    public func abandon() {
        guard let temporary = temporaryPath else { return }
        try? handle.close()
        try? FileManager.default.removeItem(atPath: temporary)
    }
}
