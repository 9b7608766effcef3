/// An incremental UTF-8 validator that fails as soon as the bytes seen so far can no longer be valid UTF-8.
///
/// Feed a message in as many pieces as it arrives; `validate` returns `false` at the first byte that rules the
/// message out (an overlong form, a surrogate, a code point above U+10FFFF, a stray continuation byte), not at the
/// end. `isComplete` says whether the bytes so far end on a character boundary. ASCII runs are skipped eight bytes
/// at a time and other text is checked sixteen bytes at a time; a piece with a bad byte anywhere in it fails as a
/// whole, and fed one byte at a time the validator refuses exactly the first byte that rules the input out.
public struct UTF8Validator: Sendable, Hashable {
    /// What the validator expects next.
    @usableFromInline
    enum State: UInt8, Sendable {
        /// At a character boundary.
        case boundary
        /// One, two or three continuation bytes (0x80–0xBF) still needed.
        case need1, need2, need3
        /// After E0: the next byte must be A0–BF (no overlong three-byte forms).
        case afterE0
        /// After ED: the next byte must be 80–9F (no UTF-16 surrogates).
        case afterED
        /// After F0: the next byte must be 90–BF (no overlong four-byte forms).
        case afterF0
        /// After F4: the next byte must be 80–8F (nothing above U+10FFFF).
        case afterF4
        /// A byte has already ruled the input out.
        case invalid
    }

    @usableFromInline
    var state: State = .boundary

    /// Creates a validator at a character boundary.
    public init() {}

    /// Whether every byte so far forms complete, valid characters.
    public var isComplete: Bool { state == .boundary }

    /// Whether some byte already made the input invalid.
    public var hasFailed: Bool { state == .invalid }

    /// Validates the next piece; returns `false` once the input can no longer become valid.
    @inlinable
    public mutating func validate(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard state != .invalid else { return false }
        guard let base = bytes.baseAddress else { return true }
        let count = bytes.count
        var index = 0
        var current = state
        while index < count {
            if current == .boundary {
                // Skip whole words of ASCII.
                while index + 8 <= count {
                    let word = base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    if word & 0x8080_8080_8080_8080 != 0 { break }
                    index += 8
                }
                if index >= count { break }
                // Mixed text: sixteen bytes per step while whole blocks remain (and the three bytes each block
                // looks back at lie in this piece). Any bad byte fails the piece that holds it, so still fail-fast.
                if index >= 3 && index + Block.scalarCount <= count {
                    guard let resume = Self.validateBlocks(base, from: index, count: count) else {
                        state = .invalid
                        return false
                    }
                    index = resume
                }
                // A whole multi-byte character per step while it fits in this piece; the byte-wise state machine
                // below handles only characters split across pieces. Same verdict either way, so still fail-fast.
                if index + 4 <= count {
                    let length = Self.sequenceLength(at: base + index)
                    if length == 0 {
                        state = .invalid
                        return false
                    }
                    index += length
                    continue
                }
            }
            let byte = base.load(fromByteOffset: index, as: UInt8.self)
            index += 1
            current = Self.step(current, byte)
            if current == .invalid {
                state = .invalid
                return false
            }
        }
        state = current
        return true
    }

    /// Validates the next piece; returns `false` once the input can no longer become valid.
    @inlinable
    public mutating func validate<Bytes: Collection>(_ bytes: Bytes) -> Bool where Bytes.Element == UInt8 {
        if let result = bytes.withContiguousStorageIfAvailable({ validate(UnsafeRawBufferPointer($0)) }) {
            return result
        }
        return Array(bytes).withUnsafeBytes { validate($0) }
    }

    /// Whether `bytes` is complete, valid UTF-8.
    public static func isValid<Bytes: Collection>(_ bytes: Bytes) -> Bool where Bytes.Element == UInt8 {
        var validator = UTF8Validator()
        return validator.validate(bytes) && validator.isComplete
    }

    /// The length of the valid character starting at `p` (1–4), or 0 if it is not one; reads up to 4 bytes.
    @inlinable
    static func sequenceLength(at p: UnsafeRawPointer) -> Int {
        let b0 = p.load(as: UInt8.self)
        if b0 < 0x80 { return 1 }
        let b1 = p.load(fromByteOffset: 1, as: UInt8.self)
        switch b0 {
        case 0xC2...0xDF:
            return b1 & 0xC0 == 0x80 ? 2 : 0
        case 0xE0...0xEF:
            let low: UInt8 = b0 == 0xE0 ? 0xA0 : 0x80  // no overlong three-byte forms
            let high: UInt8 = b0 == 0xED ? 0x9F : 0xBF  // no UTF-16 surrogates
            let b2 = p.load(fromByteOffset: 2, as: UInt8.self)
            return b1 >= low && b1 <= high && b2 & 0xC0 == 0x80 ? 3 : 0
        case 0xF0...0xF4:
            let low: UInt8 = b0 == 0xF0 ? 0x90 : 0x80  // no overlong four-byte forms
            let high: UInt8 = b0 == 0xF4 ? 0x8F : 0xBF  // nothing above U+10FFFF
            let b2 = p.load(fromByteOffset: 2, as: UInt8.self)
            let b3 = p.load(fromByteOffset: 3, as: UInt8.self)
            return b1 >= low && b1 <= high && b2 & 0xC0 == 0x80 && b3 & 0xC0 == 0x80 ? 4 : 0
        default:
            return 0  // 80–C1 (stray continuation or overlong lead) and F5–FF
        }
    }

    @inlinable
    static func step(_ state: State, _ byte: UInt8) -> State {
        switch state {
        case .boundary:
            switch byte {
            case 0x00...0x7F: return .boundary
            case 0xC2...0xDF: return .need1
            case 0xE0: return .afterE0
            case 0xE1...0xEC, 0xEE...0xEF: return .need2
            case 0xED: return .afterED
            case 0xF0: return .afterF0
            case 0xF1...0xF3: return .need3
            case 0xF4: return .afterF4
            default: return .invalid  // 80–C1 (stray continuation or overlong lead) and F5–FF
            }
        case .need1: return (0x80...0xBF).contains(byte) ? .boundary : .invalid
        case .need2: return (0x80...0xBF).contains(byte) ? .need1 : .invalid
        case .need3: return (0x80...0xBF).contains(byte) ? .need2 : .invalid
        case .afterE0: return (0xA0...0xBF).contains(byte) ? .need1 : .invalid
        case .afterED: return (0x80...0x9F).contains(byte) ? .need1 : .invalid
        case .afterF0: return (0x90...0xBF).contains(byte) ? .need2 : .invalid
        case .afterF4: return (0x80...0x8F).contains(byte) ? .need2 : .invalid
        case .invalid: return .invalid
        }
    }
}
