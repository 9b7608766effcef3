/// Frames stored back to back in one byte array that is reused, and made into ``Frame`` values again only when read:
/// behind the inspector's event queue (`PackedWireEvents`). The stream's inbox packs messages the same way without
/// frame heads (`PackedMessageQueue`); the reason for both is written here.
///
/// Why: a payload allocated on one thread and freed on another defeats glibc's per-thread caches. Packed, the
/// parsing thread frees its payloads itself, and the reading thread allocates the frames it keeps on its own.
/// The measurements are in `Benchmarks/PROFILE.md` ("Figures behind the code").
///
/// Exact: a frame read back equals the one appended, including its inflated payload and its captured wire bytes.
package struct PackedFrames: Sendable {
    /// The fixed part of a packed frame; its payload, inflated payload and captured wire bytes follow it.
    /// Only plain values, so that it can be stored and loaded as raw bytes (`BitwiseCopyable`): the package header
    /// types are not declared so, hence the key's bytes and the length encoding's number.
    private struct Head {
        var payloadLength: UInt64
        var payloadCount: Int
        /// -1 when the frame has no inflated payload.
        var inflatedCount: Int
        /// -1 unless the frame carries wire bytes given whole (rather than a captured header).
        var wireBytesCount: Int
        var wireHeader: WireHeaderBytes?
        var maskingKey: (UInt8, UInt8, UInt8, UInt8)
        var isMasked: Bool
        /// FIN, RSV1–3 and the opcode, as the header's first wire byte holds them.
        var firstByte: UInt8
        var lengthEncoding: UInt8

        static func number(of encoding: PayloadLengthEncoding) -> UInt8 {
            switch encoding {
            case .sevenBit: return 0
            case .sixteenBit: return 1
            case .sixtyFourBit: return 2
            }
        }

        static func encoding(numbered number: UInt8) -> PayloadLengthEncoding {
            switch number {
            case 0: return .sevenBit
            case 1: return .sixteenBit
            default: return .sixtyFourBit
            }
        }
    }

    /// Payloads up to this size are worth packing when they would otherwise be allocated on one thread and freed on
    /// another. glibc's per-thread cache holds chunks of up to 1032 bytes; a larger allocation takes the arena's
    /// path on whichever thread frees it, so packing it would only add copies (a 4 KiB flood into
    /// `WebSocketStream` took a tenth more CPU a message packed).
    package static let crossThreadPackingLimit = 1024

    private var storage: [UInt8] = []
    /// Frames held.
    package private(set) var count = 0

    /// Creates an empty store.
    package init() {}

    /// Whether no frame is held.
    package var isEmpty: Bool { count == 0 }

    /// Where the packed bytes are stored (nil before any storage exists): the same address after `removeAll()`
    /// and new appends shows the storage was reused, not reallocated.
    package var storageAddress: UnsafeRawPointer? { storage.withUnsafeBytes { $0.baseAddress } }

    /// The bytes a frame takes here beyond its fixed part: what decides whether packing it is worth a copy.
    package static func variableSize(of frame: Frame) -> Int {
        var size = frame.payload.count + (frame.inflatedPayload?.count ?? 0)
        if case .bytes(let bytes) = frame.wire { size += bytes.count }
        return size
    }

    /// Appends a copy of `frame`.
    package mutating func append(_ frame: Frame) {
        let header = frame.header
        var key: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
        if let maskingKey = header.maskingKey { key = (maskingKey.b0, maskingKey.b1, maskingKey.b2, maskingKey.b3) }
        var wireHeader: WireHeaderBytes?
        var wireBytes: [UInt8]?
        switch frame.wire {
        case .header(let bytes): wireHeader = bytes
        case .bytes(let bytes): wireBytes = bytes
        case nil: break
        }
        let head = Head(
            payloadLength: header.payloadLength, payloadCount: frame.payload.count,
            inflatedCount: frame.inflatedPayload?.count ?? -1, wireBytesCount: wireBytes?.count ?? -1,
            wireHeader: wireHeader, maskingKey: key, isMasked: header.isMasked, firstByte: header.firstByte,
            lengthEncoding: Head.number(of: header.lengthEncoding))
        // Appended from raw bytes: `append(contentsOf:)` given the array itself took it as owned, a retain and a
        // release per frame.
        withUnsafeBytes(of: head) { storage.append(contentsOf: $0) }
        frame.payload.withUnsafeBytes { storage.append(contentsOf: $0) }
        frame.inflatedPayload?.withUnsafeBytes { storage.append(contentsOf: $0) }
        wireBytes?.withUnsafeBytes { storage.append(contentsOf: $0) }
        count += 1
    }

    /// Forgets every frame, keeping the storage for the next ones.
    package mutating func removeAll() {
        storage.removeAll(keepingCapacity: true)
        count = 0
    }

    /// A reading position: the frames are read in the order they were appended.
    package struct Cursor: Sendable {
        fileprivate var offset = 0
        /// A position at the first frame.
        package init() {}
    }

    /// The frame at `cursor`, which then moves past it; `nil` once every frame has been read.
    package func next(_ cursor: inout Cursor) -> Frame? {
        guard cursor.offset < storage.count else { return nil }
        return storage.withUnsafeBytes { bytes in
            let head = bytes.loadUnaligned(fromByteOffset: cursor.offset, as: Head.self)
            var offset = cursor.offset + MemoryLayout<Head>.size
            func take(_ count: Int) -> [UInt8] {
                defer { offset += count }
                return Array(UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count]))
            }
            let payload = take(head.payloadCount)
            let inflated = head.inflatedCount < 0 ? nil : take(head.inflatedCount)
            let wireBytes = head.wireBytesCount < 0 ? nil : take(head.wireBytesCount)
            cursor.offset = offset
            let key = head.maskingKey
            let header = FrameHeader(
                firstByte: head.firstByte, maskingKey: head.isMasked ? MaskingKey(key.0, key.1, key.2, key.3) : nil,
                payloadLength: head.payloadLength, lengthEncoding: Head.encoding(numbered: head.lengthEncoding))
            var frame = Frame(header: header, payload: payload, headerBytes: head.wireHeader, inflatedPayload: inflated)
            if let wireBytes { frame.wireBytes = wireBytes }
            return frame
        }
    }
}
