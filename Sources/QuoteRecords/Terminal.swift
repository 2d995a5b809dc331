/// Text from records (URIs, quotes, speakers) is untrusted: printed raw, an escape sequence in
/// it could rewrite the user's terminal (move the cursor, hide lines, set the title).
public enum Terminal {
    /// `text` with every C0 and C1 control character, DEL, and the line and paragraph
    /// separators written as `\u{…}`, so it stays on one line and inert.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return value < 0x20 || (0x7F...0x9F).contains(value) || value == 0x2028 || value == 0x2029
    }
}
