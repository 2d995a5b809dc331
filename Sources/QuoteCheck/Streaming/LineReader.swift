import Foundation

/// Lines of a file descriptor (standard input by default), read in blocks of 64 KiB.
///
/// Holds at most the longest line plus one block, whatever the length of the stream, so
/// `extract --jsonl-in` can read an endless pipe. Lines come without their `\n`; a last line
/// without one is still a line.
public struct LineReader: IteratorProtocol {
    private let descriptor: Int32
    /// Bytes read and not yet returned start at `start`; no newline occurs before `scanned`.
    private var buffer: [UInt8] = []
    private var start = 0
    private var scanned = 0
    private var atEnd = false
    /// Set when reading failed; the lines before it were returned, and `next()` then ends.
    public private(set) var readError: String?

    public static let blockSize = 1 << 16

    public init(descriptor: Int32 = STDIN_FILENO) {
        self.descriptor = descriptor
    }

    public mutating func next() -> [UInt8]? {
        while true {
            if let newline = buffer[scanned...].firstIndex(of: 0x0A) {
                guard newline - start > Self.blockSize else {
                    let line = Array(buffer[start..<newline])
                    start = newline + 1
                    scanned = start
                    return line
                }
                // A long line is the buffer itself, cut down in place, not a copy of it: a
                // document of many megabytes on one line is then held once, not twice.
                var line = buffer
                buffer = Array(buffer[(newline + 1)...])
                line.removeSubrange(newline...)
                line.removeSubrange(..<start)
                start = 0
                scanned = 0
                return line
            }
            scanned = buffer.count
            if atEnd {
                guard start < buffer.count else { return nil }
                let line = Array(buffer[start...])
                start = buffer.count
                return line
            }
            fill()
        }
    }

    /// Drops the bytes already returned and appends one block from the descriptor.
    private mutating func fill() {
        if start > 0 {
            buffer.removeSubrange(..<start)
            scanned -= start
            start = 0
        }
        let old = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: Self.blockSize))
        var count = 0
        buffer.withUnsafeMutableBufferPointer { bytes in
            guard let base = bytes.baseAddress else { return }
            repeat {
                count = read(descriptor, base + old, Self.blockSize)
            } while count < 0 && errno == EINTR
        }
        if count < 0 { readError = String(cString: strerror(errno)) }
        buffer.removeSubrange((old + max(count, 0))...)
        if count <= 0 { atEnd = true }
    }
}
