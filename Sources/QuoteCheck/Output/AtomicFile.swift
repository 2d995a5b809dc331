import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why output could not be written. One line naming the target.
public enum OutputError: Error, Sendable, Hashable, CustomStringConvertible {
    case create(path: String, reason: String)
    case write(path: String, reason: String)
    /// The output would replace one of the inputs being read.
    case overwritesInput(path: String)
    /// Two inputs would be written to the same output file.
    case collision(path: String, first: String, second: String)

    public var description: String {
        switch self {
        case let .create(path, reason): return "\(path): cannot create output: \(reason)"
        case let .write(path, reason): return "\(path): cannot write output: \(reason)"
        case let .overwritesInput(path): return "\(path): output is also an input; refusing to overwrite it"
        case let .collision(path, first, second): return "\(path): both \(first) and \(second) would be written here"
        }
    }

    static func errnoReason() -> String { String(cString: strerror(errno)) }
}

/// Temporary files that must not outlive the process: an interrupt handler removes whatever is
/// still listed. Process-wide by nature, since signals are; guarded by a mutex.
public final class TemporaryFiles: Sendable {
    public static let process = TemporaryFiles()
    private let paths = Mutex<Set<String>>([])

    public init() {}

    func add(_ path: String) { paths.withLock { _ = $0.insert(path) } }
    func remove(_ path: String) { paths.withLock { _ = $0.remove(path) } }

    /// Unlinks every listed file. Only async-signal-unsafe in the lock, which a signal handler
    /// run from a dispatch source (not the raw handler) may take.
    public func removeAll() {
        let all = paths.withLock { paths in
            defer { paths.removeAll() }
            return paths
        }
        for path in all { unlink(path) }
    }
}

/// A file that appears at its path complete or not at all.
///
/// Bytes stream into a uniquely named temporary file beside the target (`.NAME.XXXXXX.tmp`, so
/// two runs writing the same target never share it), which is renamed over the target on
/// ``commit()``: `rename(2)` replaces atomically, so a failed or interrupted run leaves an
/// existing file exactly as it was. Every write error is reported, never ignored.
public final class AtomicFile {
    public let path: String
    public let temporaryPath: String
    private let descriptor: Int32
    private let registry: TemporaryFiles
    private var isOpen = true
    /// The target is a device or FIFO (`-o /dev/stdout`, `/dev/full`, a named pipe): written
    /// in place, since renaming over it would replace the device with a regular file.
    private let direct: Bool

    /// - Throws: ``OutputError/create(path:reason:)`` when the temporary file cannot be made.
    public init(path: String, registry: TemporaryFiles = .process) throws(OutputError) {
        self.path = path
        self.registry = registry
        var status = stat()
        if stat(path, &status) == 0, status.st_mode & S_IFMT != S_IFREG, status.st_mode & S_IFMT != S_IFDIR {
            let descriptor = Foundation.open(path, O_WRONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw .create(path: path, reason: OutputError.errnoReason()) }
            self.descriptor = descriptor
            self.temporaryPath = path
            self.direct = true
            return
        }
        self.direct = false
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        var template = Array(((directory.isEmpty ? "" : directory + "/") + "." + name + ".XXXXXX.tmp").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { mkstemps($0, 4) } ?? -1
        }
        guard descriptor >= 0 else { throw .create(path: path, reason: OutputError.errnoReason()) }
        self.descriptor = descriptor
        self.temporaryPath = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        registry.add(temporaryPath)
        // mkstemp makes the file private (0600); an output is an ordinary file.
        let mask = umask(0)
        umask(mask)
        fchmod(descriptor, 0o666 & ~mask)
    }

    public func write<Bytes: Collection>(_ bytes: Bytes) throws(OutputError) where Bytes.Element == UInt8 {
        let failed: Int32? = bytes.withContiguousStorageIfAvailable { Self.writeAll(descriptor, $0) } ?? Array(bytes).withUnsafeBufferPointer { Self.writeAll(descriptor, $0) }
        if let failed { throw .write(path: path, reason: String(cString: strerror(failed))) }
    }

    /// Writes every byte, retrying on interruption; the errno of a failure, or nil.
    static func writeAll(_ descriptor: Int32, _ buffer: UnsafeBufferPointer<UInt8>) -> Int32? {
        var done = 0
        while done < buffer.count {
            let count = Foundation.write(descriptor, buffer.baseAddress.map { $0 + done }, buffer.count - done)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return count == 0 ? EIO : errno }
            done += count
        }
        return nil
    }

    /// Closes the temporary file and renames it over the target.
    public func commit() throws(OutputError) {
        guard isOpen else { return }
        isOpen = false
        let closed = close(descriptor) == 0 ? nil : errno
        if direct {
            if let closed { throw .write(path: path, reason: String(cString: strerror(closed))) }
            return
        }
        defer { registry.remove(temporaryPath) }
        if let closed {
            unlink(temporaryPath)
            throw .write(path: path, reason: String(cString: strerror(closed)))
        }
        guard rename(temporaryPath, path) == 0 else {
            let reason = OutputError.errnoReason()
            unlink(temporaryPath)
            throw .write(path: path, reason: reason)
        }
    }

    /// Drops the temporary file; the target is untouched.
    public func abandon() {
        guard isOpen else { return }
        isOpen = false
        close(descriptor)
        guard !direct else { return }
        unlink(temporaryPath)
        registry.remove(temporaryPath)
    }

    /// Whether a file name is one of ours: `.NAME.XXXXXX.tmp`.
    public static func isTemporaryName(_ name: String) -> Bool {
        let scalars = Array(name.unicodeScalars)
        guard scalars.count > 13, scalars.first == ".", name.hasSuffix(".tmp") else { return false }
        let random = scalars[(scalars.count - 10)..<(scalars.count - 4)]
        return scalars[scalars.count - 11] == "." && random.allSatisfy { $0.properties.isASCIIHexDigit || ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
    }

    /// A file neither committed nor abandoned (an error path that forgot) is abandoned.
    deinit { abandon() }

    /// Writes `bytes` as the whole new content of `path`, atomically.
    public static func write<Bytes: Collection>(_ bytes: Bytes, to path: String) throws(OutputError) where Bytes.Element == UInt8 {
        let file = try AtomicFile(path: path)
        do {
            try file.write(bytes)
        } catch {
            file.abandon()
            throw error
        }
        try file.commit()
    }
}

/// Standard output written with plain `write(2)`, so a full disk or a closed pipe is an error
/// the caller sees (Foundation's `FileHandle.write(_:)` traps instead).
public enum StandardOutput {
    public static func write<Bytes: Collection>(_ bytes: Bytes) throws(OutputError) where Bytes.Element == UInt8 {
        let failed: Int32? = bytes.withContiguousStorageIfAvailable { AtomicFile.writeAll(1, $0) } ?? Array(bytes).withUnsafeBufferPointer { AtomicFile.writeAll(1, $0) }
        if let failed { throw .write(path: "standard output", reason: String(cString: strerror(failed))) }
    }
}

/// Refuses outputs that would destroy what is being read.
public enum OutputGuard {
    /// - Throws: ``OutputError/overwritesInput(path:)`` when `output` is the same file as one of
    ///   `inputs` (compared by device and inode, so other spellings of the path are caught too).
    public static func refuseOverwriting(output: String, inputs: [String]) throws(OutputError) {
        guard let target = identity(output) else { return }
        for input in inputs where identity(input) == target {
            throw .overwritesInput(path: output)
        }
    }

    static func identity(_ path: String) -> [UInt64]? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return [UInt64(status.st_dev), UInt64(status.st_ino)]
    }
}
