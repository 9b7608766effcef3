import ArgumentParser

/// A size given on the command line: a number of bytes, or one with a unit, `64K`, `256M`, `64MiB`, `1G`.
/// Every unit is a power of 1024 (`KB` too: a log budget needs no decimal units, and one rule is easier to
/// remember).
struct ByteSize: ExpressibleByArgument, Sendable {
    /// The size in bytes.
    let bytes: Int

    init(bytes: Int) { self.bytes = bytes }

    init?(argument: String) {
        let text = argument.lowercased()
        let digits = text.prefix(while: \.isNumber)
        guard !digits.isEmpty, let number = Int(digits) else { return nil }
        let shifts: [String: Int] = [
            "": 0, "b": 0, "k": 10, "kb": 10, "kib": 10, "m": 20, "mb": 20, "mib": 20, "g": 30, "gb": 30, "gib": 30,
        ]
        guard let shift = shifts[String(text.dropFirst(digits.count))], number <= Int.max >> shift else { return nil }
        bytes = number << shift
    }

    var defaultValueDescription: String {
        for (unit, shift) in [("G", 30), ("M", 20), ("K", 10)] where bytes >= 1 << shift && bytes % (1 << shift) == 0 {
            return "\(bytes >> shift)\(unit)"
        }
        return "\(bytes)"
    }
}
