import Foundation

/// Finds an object key given twice in one JSON text. JSON parsers disagree about such objects
/// (first wins, last wins, error), so a record read one way here could be read another way by
/// whoever checks it: the readers refuse them. Assumes otherwise well-formed JSON (the decoder
/// that runs after this reports any other error).
enum DuplicateKeys {
    /// The first duplicated key, as its decoded string, or nil.
    static func first(in bytes: some Collection<UInt8>) -> String? {
        let bytes = Array(bytes)
        // One entry per open container: nil for an array, the keys seen so far for an object.
        var stack: [Set<String>?] = []
        var expectingKey = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0x7B:  // {
                stack.append([])
                expectingKey = true
                index += 1
            case 0x5B:  // [
                stack.append(nil)
                expectingKey = false
                index += 1
            case 0x7D, 0x5D:  // } ]
                if !stack.isEmpty { stack.removeLast() }
                expectingKey = false
                index += 1
            case 0x2C:  // ,
                if let top = stack.last { expectingKey = top != nil }
                index += 1
            case 0x22:  // "
                let start = index
                var escaped = false
                index += 1
                while index < bytes.count, bytes[index] != 0x22 {
                    if bytes[index] == 0x5C {
                        escaped = true
                        index += 1
                    }
                    index += 1
                }
                index += 1
                guard expectingKey, stack.last != nil, var keys = stack.last ?? nil else { continue }
                let raw = Array(bytes[start..<min(index, bytes.count)])
                let key = escaped ? decodeString(raw) : String(decoding: raw.dropFirst().dropLast(), as: UTF8.self)
                if keys.contains(key) { return key }
                keys.insert(key)
                stack[stack.count - 1] = keys
                expectingKey = false
            default:
                index += 1
            }
        }
        return nil
    }

    /// A JSON string literal's value (escapes resolved); the literal itself when it is broken.
    private static func decodeString(_ literal: [UInt8]) -> String {
        let wrapped = Data([0x5B] + literal + [0x5D])
        if let array = try? JSONSerialization.jsonObject(with: wrapped) as? [String], let value = array.first { return value }
        return String(decoding: literal, as: UTF8.self)
    }
}
