extension Unicode.Scalar {
    /// Whitespace as news text has it: ASCII spaces and newlines, no-break and other Unicode spaces.
    @inlinable public var isSpaceLike: Bool {
        switch value {
        case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0xA0, 0x85, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    @inlinable public var isNewline: Bool {
        switch value {
        case 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// A letter or a digit: what words are made of. ASCII is answered without Unicode's property
    /// tables, whose lookups dominated tokenizing in profiles.
    ///
    /// These tests run for every scalar of a text: the ASCII answer is inlined into the caller
    /// and only the rest is a call (inlined whole, the property lookups made the compiler call
    /// the getter every time instead).
    @inlinable @inline(__always) public var isLetterOrDigit: Bool {
        if isASCII {
            return (0x61...0x7A).contains(value) || (0x41...0x5A).contains(value) || (0x30...0x39).contains(value)
        }
        return isLetterOrDigitBeyondASCII
    }

    @usableFromInline var isLetterOrDigitBeyondASCII: Bool {
        properties.isAlphabetic || properties.numericType != nil
    }

    /// A letter, with the same ASCII shortcut.
    @inlinable @inline(__always) public var isLetter: Bool {
        if isASCII { return (0x61...0x7A).contains(value) || (0x41...0x5A).contains(value) }
        return isAlphabeticBeyondASCII
    }

    @usableFromInline var isAlphabeticBeyondASCII: Bool {
        properties.isAlphabetic
    }

    /// A digit or other numeric character, with the same ASCII shortcut.
    @inlinable @inline(__always) public var isNumeric: Bool {
        if isASCII { return (0x30...0x39).contains(value) }
        return isNumericBeyondASCII
    }

    @usableFromInline var isNumericBeyondASCII: Bool {
        properties.numericType != nil
    }
}
