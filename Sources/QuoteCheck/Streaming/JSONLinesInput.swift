import Foundation

/// One input line of `extract --jsonl-in`: a document given inline, as
/// `{"id": …, "text": …}` or `{"id": …, "html": …}`, optionally with `"uri"`.
public struct InputDocument: Sendable, Hashable {
    public let id: InputDocumentID
    /// What records name the document by: the line's `uri`, else its `id`.
    public let uri: String
    /// The document exactly as it would be in a file; records' `sourceBytes` point into its UTF-8.
    public let content: String
    /// `.text` for a `"text"` line, `.html` for an `"html"` line: the key decides, not the uri.
    public let format: InputFormat

    public init(id: InputDocumentID, uri: String? = nil, content: String, format: InputFormat) {
        self.id = id
        self.uri = uri ?? id.text
        self.content = content
        self.format = format
    }
}

/// A line's `id`: a string or an integer, written back as it came in error objects.
public enum InputDocumentID: Sendable, Hashable, Encodable, CustomStringConvertible {
    case string(String)
    case integer(Int)

    /// The id as a uri when the line has none.
    public var text: String {
        switch self {
        case let .string(value): value
        case let .integer(value): String(value)
        }
    }

    public var description: String {
        switch self {
        case let .string(value): "\"\(value)\""
        case let .integer(value): String(value)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case let .string(value): try container.encode(value)
        case let .integer(value): try container.encode(value)
        }
    }
}

/// Why one input line gave no records. The run goes on after it; ``description`` is one line
/// naming the input line (and the id when the line had a usable one).
public struct JSONLinesFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// 1-based line number on the input stream.
    public let line: Int
    public let id: InputDocumentID?
    public let reason: Reason

    public enum Reason: Sendable, Hashable, CustomStringConvertible {
        case invalidUTF8(byteOffset: Int)
        case invalidJSON(String)
        case notAnObject
        case missingID
        case emptyID
        /// `key` holds a value of the wrong JSON type; `expected` says which types are allowed.
        case wrongType(key: String, expected: String)
        case bothTextAndHTML
        case neitherTextNorHTML
        /// The document was read but could not be loaded (empty text, a NUL byte, broken HTML).
        case load(LoadError)

        public var description: String {
            switch self {
            case let .invalidUTF8(offset): "invalid UTF-8 at byte \(offset) of the line"
            case let .invalidJSON(detail): "not valid JSON: \(detail)"
            case .notAnObject: "not a JSON object"
            case .missingID: "missing \"id\""
            case .emptyID: "\"id\" is empty"
            case let .wrongType(key, expected): "\"\(key)\" must be \(expected)"
            case .bothTextAndHTML: "both \"text\" and \"html\" given, expected one"
            case .neitherTextNorHTML: "neither \"text\" nor \"html\" given, expected one"
            case let .load(error): error.description
            }
        }
    }

    public init(line: Int, id: InputDocumentID?, reason: Reason) {
        self.line = line
        self.id = id
        self.reason = reason
    }

    /// `stdin:LINE: reason`, with the id when known: the form of every other input error.
    public var description: String {
        let named = id.map { " (id \($0))" } ?? ""
        return "stdin:\(line)\(named): \(reason)"
    }

    /// The object written on stdout in place of the line's records, so a consumer that only
    /// sees stdout (Spark collects what `pipe` prints; executors' stderr is far away) still
    /// learns which document failed. Keys sorted, as every JSON object the project writes.
    public var jsonLine: String {
        JSONLines.line(ErrorObject(error: reason.description, id: id, line: line))
    }

    private struct ErrorObject: Encodable {
        let error: String
        let id: InputDocumentID?
        let line: Int

        enum CodingKeys: String, CodingKey { case error, id, line }

        // `id` is written as null when the line had none, so every error object has the same keys.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(error, forKey: .error)
            if let id { try container.encode(id, forKey: .id) } else { try container.encodeNil(forKey: .id) }
            try container.encode(line, forKey: .line)
        }
    }
}

extension InputDocument {
    /// Parses one input line (without its newline).
    ///
    /// Keys other than `id`, `uri`, `text` and `html` are ignored, so a row with more columns
    /// can be sent as it is; a `null` value counts as absent.
    ///
    /// - Throws: ``JSONLinesFailure`` naming `line` and the first thing wrong with it.
    public static func parse(_ bytes: some Collection<UInt8>, line: Int) throws(JSONLinesFailure) -> InputDocument {
        if let offset = invalidUTF8Offset(bytes) {
            throw JSONLinesFailure(line: line, id: nil, reason: .invalidUTF8(byteOffset: offset))
        }
        let fields: Fields
        do {
            fields = try decodeFields(bytes)
        } catch let DecodingError.typeMismatch(_, context) where context.codingPath.isEmpty {
            throw JSONLinesFailure(line: line, id: nil, reason: .notAnObject)
        } catch DecodingError.dataCorrupted {
            throw JSONLinesFailure(line: line, id: nil, reason: .invalidJSON(Self.syntaxError(in: bytes)))
        } catch {
            throw JSONLinesFailure(line: line, id: nil, reason: .invalidJSON(String(describing: error)))
        }
        return try fields.document(line: line, bytes: bytes)
    }

    /// The line's fields. Contiguous bytes (every line ``LineReader`` reads) are decoded in
    /// place: copying them into `Data` first held a document of many megabytes twice.
    private static func decodeFields(_ bytes: some Collection<UInt8>) throws -> Fields {
        let decoded = try bytes.withContiguousStorageIfAvailable { buffer in
            guard let base = buffer.baseAddress else { return try JSONDecoder().decode(Fields.self, from: Data()) }
            let data = Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: buffer.count, deallocator: .none)
            return try JSONDecoder().decode(Fields.self, from: data)
        }
        return try decoded ?? JSONDecoder().decode(Fields.self, from: Data(bytes))
    }

    /// Where the JSON is broken. `JSONDecoder` only says that it is; `JSONSerialization` says
    /// where, and is asked only for lines already known to be bad.
    private static func syntaxError(in bytes: some Collection<UInt8>) -> String {
        do {
            _ = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        } catch {
            if let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String {
                return detail.split(whereSeparator: \.isNewline).first.map(String.init) ?? detail
            }
        }
        return "syntax error"
    }

    /// Byte offset of the first byte that is not part of valid UTF-8, or nil when all is valid.
    static func invalidUTF8Offset(_ bytes: some Collection<UInt8>) -> Int? {
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case let .valid(scalar): offset += scalar.count
            case .error: return offset
            case .emptyInput: return nil
            }
        }
    }

    /// The keys as found, each value either read or marked as having the wrong type, so that
    /// ``document(line:bytes:)`` can name the id in the error about a missing text.
    private struct Fields: Decodable {
        var id: Field<InputDocumentID>
        var uri: Field<String>
        var text: Field<String>
        var html: Field<String>

        enum Key: String, CodingKey { case id, uri, text, html }

        enum Field<Value> {
            case absent
            case wrongType
            /// A string JSON allows but Swift cannot hold, e.g. a lone surrogate escape `\ud800`.
            case unreadable
            case value(Value)

            var value: Value? { if case let .value(value) = self { value } else { nil } }
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Key.self)
            func string(_ key: Key) -> Field<String> {
                guard container.contains(key), (try? container.decodeNil(forKey: key)) != true else { return .absent }
                do {
                    return .value(try container.decode(String.self, forKey: key))
                } catch DecodingError.typeMismatch {
                    return .wrongType
                } catch {
                    return .unreadable
                }
            }
            uri = string(.uri)
            text = string(.text)
            html = string(.html)
            if !container.contains(.id) || (try? container.decodeNil(forKey: .id)) == true {
                id = .absent
            } else if let value = try? container.decode(String.self, forKey: .id) {
                id = .value(.string(value))
            } else if let value = try? container.decode(Int.self, forKey: .id) {
                id = .value(.integer(value))
            } else if case .unreadable = string(.id) {
                id = .unreadable
            } else {
                id = .wrongType
            }
        }

        func document(line: Int, bytes: some Collection<UInt8>) throws(JSONLinesFailure) -> InputDocument {
            let id: InputDocumentID
            switch self.id {
            case .absent: throw JSONLinesFailure(line: line, id: nil, reason: .missingID)
            case .wrongType: throw JSONLinesFailure(line: line, id: nil, reason: .wrongType(key: "id", expected: "a string or an integer"))
            case .unreadable: throw JSONLinesFailure(line: line, id: nil, reason: .invalidJSON("\"id\": \(InputDocument.syntaxError(in: bytes))"))
            case let .value(value): id = value
            }
            func fail(_ reason: JSONLinesFailure.Reason) -> JSONLinesFailure { JSONLinesFailure(line: line, id: id, reason: reason) }
            guard !id.text.isEmpty else { throw fail(.emptyID) }
            for (key, field) in [("uri", uri), ("text", text), ("html", html)] {
                switch field {
                case .wrongType: throw fail(.wrongType(key: key, expected: "a string"))
                case .unreadable: throw fail(.invalidJSON("\"\(key)\": \(InputDocument.syntaxError(in: bytes))"))
                case .absent, .value: break
                }
            }
            // An empty uri would name no file in records; the id is the better name then.
            if uri.value?.isEmpty == true { throw fail(.wrongType(key: "uri", expected: "a non-empty string")) }
            switch (text.value, html.value) {
            case (.some, .some): throw fail(.bothTextAndHTML)
            case (nil, nil): throw fail(.neitherTextNorHTML)
            case let (text?, nil): return InputDocument(id: id, uri: uri.value, content: text, format: .text)
            case let (nil, html?): return InputDocument(id: id, uri: uri.value, content: html, format: .html)
            }
        }
    }
}
