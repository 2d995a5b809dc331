/// ``Lexicon/classes`` for words of up to sixteen ASCII bytes, keyed by the bytes themselves
/// packed into two integers. The tokenizer looks up every distinct word of every text, and
/// hashing a `String` for the dictionary cost more than the rest of reading the word; nearly
/// every word of English news fits here ("administration" has 14 letters).
public struct ShortWordTable: Sendable {
    /// A word of one to sixteen ASCII bytes, first byte lowest: bytes 0–7 in `low`, 8–15 in
    /// `high` (0 for a word of eight bytes or fewer).
    public struct Key: Sendable, Hashable {
        public var low: UInt64
        public var high: UInt64

        public init(low: UInt64, high: UInt64) {
            self.low = low
            self.high = high
        }
    }

    /// Packed words with their classes by slot, three integers a slot (the key's two, then the
    /// classes); 0 for an empty slot (no word packs to 0: its first byte is never 0). A word
    /// found is read from one place in memory, where keys and classes kept apart took two
    /// cache misses: the table does not stay in cache while a document is read, and the
    /// tokenizer asks it about every distinct word. Filled up to three quarters.
    private var slots: [UInt64]
    private var mask: Int

    /// `nil` when some word could stand for a short ASCII word without being one: a string
    /// that Unicode canonical equivalence makes equal to ASCII (KELVIN SIGN is "K"), which the
    /// dictionary would find for an ASCII key and a byte comparison would not.
    public init?(_ classes: [String: WordClasses]) {
        var short: [(Key, WordClasses)] = []
        short.reserveCapacity(classes.count)
        for (word, wordClasses) in classes {
            if let packed = Self.key(word.utf8) {
                short.append((packed, wordClasses))
            } else if word.unicodeScalars.contains(where: { $0 == "\u{212A}" || $0 == "\u{037E}" || $0 == "\u{1FEF}" }) {
                return nil
            }
        }
        var capacity = 16
        while capacity * 3 < short.count * 4 { capacity *= 2 }
        slots = Array(repeating: 0, count: capacity * 3)
        mask = capacity - 1
        for (packed, wordClasses) in short {
            var index = Self.slot(of: packed, mask: mask)
            while slots[index * 3] != 0 { index = (index + 1) & mask }
            slots[index * 3] = packed.low
            slots[index * 3 + 1] = packed.high
            slots[index * 3 + 2] = wordClasses.rawValue
        }
    }

    /// The bytes of a word of one to sixteen ASCII bytes (none of them 0) as a ``Key``; `nil`
    /// for any other word.
    @inline(__always)
    static func key<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Key? {
        var key = Key(low: 0, high: 0)
        var shift: UInt64 = 0
        for byte in bytes {
            guard shift < 128, byte != 0, byte < 0x80 else { return nil }
            if shift < 64 { key.low |= UInt64(byte) << shift } else { key.high |= UInt64(byte) << (shift - 64) }
            shift += 8
        }
        return shift == 0 ? nil : key
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
    private static func slot(of packed: Key, mask: Int) -> Int {
        // Fibonacci hashing: the high bits of the product mix every byte of the word.
        Int(truncatingIfNeeded: ((packed.low ^ (packed.high &* 0xC2B2_AE3D_27D4_EB4F)) &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
    }

    /// The classes of the word packed as ``key(_:)`` packs it: the same as the dictionary's.
    public func classes(of packed: Key) -> WordClasses {
        var index = Self.slot(of: packed, mask: mask)
        while true {
            let low = slots[index * 3]
            if low == packed.low && slots[index * 3 + 1] == packed.high { return WordClasses(rawValue: slots[index * 3 + 2]) }
            if low == 0 { return [] }
            index = (index + 1) & mask
        }
    }
}
