/// The fuzz input read as choices first and data after: a target takes the few bytes that steer it (role, limits,
/// where to split) from the front, so libFuzzer mutates choices and data alike, and the rest is the data.
struct FuzzInput {
    private var bytes: ArraySlice<UInt8>

    /// Copies libFuzzer's buffer.
    init(_ data: UnsafePointer<UInt8>?, _ size: Int) {
        bytes = data.map { ArraySlice(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    }

    /// The next byte, or 0 once the input is used up (a short input then means "the first choice").
    mutating func byte() -> UInt8 { bytes.popFirst() ?? 0 }

    /// The next byte's lowest bit.
    mutating func bool() -> Bool { byte() & 1 != 0 }

    /// A little-endian 16-bit value.
    mutating func uint16() -> UInt16 { UInt16(byte()) | UInt16(byte()) << 8 }

    /// Up to `maxCount` cut points into data of `length` bytes, sorted, each in 0...length: the count comes from one
    /// byte and each point from two, so a mutation moves one cut without moving the others.
    mutating func cuts(maxCount: Int, length: Int) -> [Int] {
        let count = Int(byte()) % (maxCount + 1)
        return (0..<count).map { _ in Int(uint16()) % (length + 1) }.sorted()
    }

    /// Whatever is left.
    mutating func rest() -> [UInt8] {
        defer { bytes = [] }
        return Array(bytes)
    }
}

/// `data` cut at `cuts` (sorted offsets), empty pieces included: an empty read must change nothing either.
func pieces(of data: [UInt8], at cuts: [Int]) -> [ArraySlice<UInt8>] {
    var result: [ArraySlice<UInt8>] = []
    var start = 0
    for cut in cuts {
        result.append(data[start..<cut])
        start = cut
    }
    result.append(data[start...])
    return result
}

/// Stops the run with `message` when a property does not hold: libFuzzer reports the trap as a crash and saves
/// the input, so a broken property is found and reproduced like any crash.
func require(_ condition: Bool, _ message: @autoclosure () -> String, file: StaticString = #fileID, line: UInt = #line) {
    if !condition { fatalError("property failed: \(message())", file: file, line: line) }
}
