/// ``Lexicon/classes`` for words of up to eight ASCII bytes, keyed by the bytes themselves
/// packed into an integer. The tokenizer looks up every word of every text, and hashing a
/// `String` for the dictionary cost more than the rest of reading the word; nearly every word
/// of English news fits here.
public struct ShortWordTable: Sendable {
    /// Packed words by slot; 0 for an empty slot (no word packs to 0: its first byte is never
    /// 0). Kept apart from the classes and filled up to three quarters, so the table is small
    /// enough to stay in cache and a probe reads eight neighbouring keys per cache line.
    private var keys: [UInt64]
    private var values: [WordClasses]
    private var mask: Int

    /// `nil` when some word could stand for a short ASCII word without being one: a string
    /// that Unicode canonical equivalence makes equal to ASCII (KELVIN SIGN is "K"), which the
    /// dictionary would find for an ASCII key and a byte comparison would not.
    init?(_ classes: [String: WordClasses]) {
        var short: [(UInt64, WordClasses)] = []
        short.reserveCapacity(classes.count)
        for (word, wordClasses) in classes {
            if let packed = Self.pack(word.utf8) {
                short.append((packed, wordClasses))
            } else if word.unicodeScalars.contains(where: { $0 == "\u{212A}" || $0 == "\u{037E}" || $0 == "\u{1FEF}" }) {
                return nil
            }
        }
        var capacity = 16
        while capacity * 3 < short.count * 4 { capacity *= 2 }
        keys = Array(repeating: 0, count: capacity)
        values = Array(repeating: [], count: capacity)
        mask = capacity - 1
        for (packed, wordClasses) in short {
            var index = Self.slot(of: packed, mask: mask)
            while keys[index] != 0 { index = (index + 1) & mask }
            keys[index] = packed
            values[index] = wordClasses
        }
    }

    /// The bytes of a word of one to eight ASCII bytes (none of them 0), first byte lowest;
    /// `nil` for any other word.
    @inline(__always)
    static func pack<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> UInt64? {
        var packed: UInt64 = 0
        var shift: UInt64 = 0
        for byte in bytes {
            guard shift < 64, byte != 0, byte < 0x80 else { return nil }
            packed |= UInt64(byte) << shift
            shift += 8
        }
        return shift == 0 ? nil : packed
    }

    @inline(__always)
    private static func slot(of packed: UInt64, mask: Int) -> Int {
        // Fibonacci hashing: the high bits of the product mix every byte of the word.
        Int(truncatingIfNeeded: (packed &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
    }

    /// The classes of the word packed as ``pack(_:)`` packs it: the same as the dictionary's.
    public func classes(ofPacked packed: UInt64) -> WordClasses {
        var index = Self.slot(of: packed, mask: mask)
        while true {
            let key = keys[index]
            if key == packed { return values[index] }
            if key == 0 { return [] }
            index = (index + 1) & mask
        }
    }
}
