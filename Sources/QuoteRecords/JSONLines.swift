import Foundation

/// Why a records file could not be read. Names the file and line.
public enum RecordsError: Error, Sendable, Hashable, CustomStringConvertible {
    case unreadable(path: String)
    case invalidRecord(path: String, line: Int, reason: String)
    case empty(path: String)

    public var description: String {
        switch self {
        case let .unreadable(path): return "\(path): cannot read records file"
        case let .invalidRecord(path, line, reason): return "\(path):\(line): not a claim record: \(reason)"
        case let .empty(path): return "\(path): no records in file"
        }
    }
}

/// Claim records as JSON Lines: one compact JSON object per line.
public enum JSONLines {
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return encoder
    }

    /// One record as one line, without the newline.
    public static func line<Value: Encodable>(_ value: Value, encoder: JSONEncoder = encoder()) -> String {
        // Encoding our own plain structs cannot fail; an empty object keeps the stream line-aligned if it ever did.
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Reads records from JSON Lines text; blank lines are skipped.
    public static func decode(_ text: String, path: String) throws(RecordsError) -> [ClaimRecord] {
        let decoder = JSONDecoder()
        var records: [ClaimRecord] = []
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            if let key = DuplicateKeys.first(in: trimmed.utf8) {
                throw .invalidRecord(path: path, line: lineNumber, reason: "key '\(Terminal.escaped(key))' appears twice in one object")
            }
            do {
                records.append(try decoder.decode(ClaimRecord.self, from: Data(trimmed.utf8)))
            } catch let error as DecodingError {
                throw .invalidRecord(path: path, line: lineNumber, reason: Self.describe(error))
            } catch {
                throw .invalidRecord(path: path, line: lineNumber, reason: "\(error)")
            }
        }
        return records
    }

    public static func read(path: String) throws(RecordsError) -> [ClaimRecord] {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path) }
        return try decode(String(decoding: data, as: UTF8.self), path: path)
    }

    public static func describe(_ error: DecodingError) -> String {
        switch error {
        case let .keyNotFound(key, context):
            return "missing key '\((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))'"
        case let .typeMismatch(_, context), let .valueNotFound(_, context), let .dataCorrupted(context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}
