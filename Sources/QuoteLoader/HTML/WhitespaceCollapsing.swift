/// Runs of white space (`Character.isWhitespace`) as one space, none at the ends: what
/// metadata values and scored snippets are compared by.
enum WhitespaceCollapsing {
    /// White-space runs as one space, none at the ends (`Character.isWhitespace`).
    static func collapse(_ text: String) -> String {
        collapseByScalars(text) ?? text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// The same split by scalars, without grapheme breaking, when it gives the same result. A
    /// white-space scalar is a character of its own (or half of CR LF, also white space) unless a
    /// scalar joins it: an extending or spacing mark or ZWJ after it, a prepended one before it.
    /// Nil when such a scalar touches white space: then the characters decide.
    private static func collapseByScalars(_ text: String) -> String? {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        var previous: Unicode.Scalar = " "
        var previousIsSpace = false
        for scalar in text.unicodeScalars {
            let value = scalar.value
            let isASCII = value < 0x80
            let isSpace = isASCII ? value == 0x20 || (value >= 0x09 && value <= 0x0D) : scalar.properties.isWhitespace
            if isSpace, !previous.isASCII, mayPrepend(previous) { return nil }
            if previousIsSpace, !isASCII, mayExtend(scalar) { return nil }
            previous = scalar
            previousIsSpace = isSpace
            if isSpace {
                pendingSpace = !output.isEmpty
                continue
            }
            if pendingSpace { output.append(0x20) }
            pendingSpace = false
            if isASCII {
                output.append(UInt8(value))
            } else {
                UTF8.encode(scalar) { output.append($0) }
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Whether the scalar may join the one before it in a character (Grapheme_Cluster_Break
    /// Extend, SpacingMark or ZWJ), erring towards yes.
    private static func mayExtend(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        if properties.isGraphemeExtend || properties.isEmojiModifier { return true }
        switch properties.generalCategory {
        case .spacingMark, .nonspacingMark, .enclosingMark, .format: return true
        default: break
        }
        return scalar.value == 0x0E33 || scalar.value == 0x0EB3
    }

    /// Whether the scalar may join the one after it (Grapheme_Cluster_Break Prepend), erring
    /// towards yes: format characters and the few prepended letters.
    private static func mayPrepend(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.properties.generalCategory == .format { return true }
        switch scalar.value {
        case 0x0D4E, 0x111C2...0x111C3, 0x1193F, 0x11941, 0x11A3A, 0x11A84...0x11A89, 0x11D46, 0x11F02: return true
        default: return false
        }
    }
}
