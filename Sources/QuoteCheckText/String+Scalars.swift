extension String {
    /// The string of a run of scalars.
    ///
    /// `String.UnicodeScalarView.append(contentsOf:)` takes a generic slow path that cost thousands
    /// of instructions per call on the extract hot path (callgrind). Writing the UTF-8 straight
    /// into the string's storage is an order of magnitude cheaper, and a string of up to 15 bytes
    /// stays in `String`'s inline form without touching the heap.
    @inlinable public init<Scalars: Collection>(scalars: Scalars) where Scalars.Element == Unicode.Scalar {
        var length = 0
        for scalar in scalars { length += UTF8.width(scalar) }
        self.init(unsafeUninitializedCapacity: length) { buffer in
            var index = 0
            for scalar in scalars {
                UTF8.encode(scalar) { unit in
                    buffer[index] = unit
                    index += 1
                }
            }
            return index
        }
    }

    /// The UTF-8 of a run of scalars: the bytes `String(scalars:)` would hold, without the string.
    @inlinable public static func utf8<Scalars: Collection>(of scalars: Scalars) -> [UInt8] where Scalars.Element == Unicode.Scalar {
        var length = 0
        for scalar in scalars { length += UTF8.width(scalar) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(length)
        for scalar in scalars { UTF8.encode(scalar) { bytes.append($0) } }
        return bytes
    }
}
