import WebSocketCore

/// Bytes to hex-dump, read in place a line at a time, each with its role: so drawing a screenful of a large
/// payload costs a screenful of work, not a copy and a dump of every byte on each redraw.
struct HexSource {
    private enum Storage {
        case bytes([UInt8])
        /// A frame's wire bytes: the header's, then the payload, masked with `key` when there is one.
        case wire(header: [UInt8], payload: [UInt8], key: [UInt8]?)
    }

    private let storage: Storage
    /// Bytes before this index are drawn as `headRole`, the rest as `bodyRole`.
    private let headCount: Int
    private let headRole: ThemeRole
    private let bodyRole: ThemeRole
    /// How many bytes there are.
    let count: Int

    /// Plain bytes, all in one role.
    init(_ bytes: [UInt8], role: ThemeRole) {
        storage = .bytes(bytes)
        count = bytes.count
        headCount = 0
        headRole = role
        bodyRole = role
    }

    /// A frame's wire bytes as the tap kept them (rebuilt from header and payload when it kept none): header bytes
    /// as `.headerBytes`, payload bytes as `.payloadBytes`. `isRebuilt` says whether they were rebuilt.
    init(wireOf frame: Frame) {
        let header = frame.header
        if let whole = frame.wholeWireBytes {
            storage = .bytes(whole)
            count = whole.count
        } else {
            let head = frame.capturedHeaderBytes ?? header.encoded
            storage = .wire(header: head, payload: frame.payload, key: header.maskingKey?.bytes)
            count = head.count + frame.payload.count
        }
        headCount = min(count, header.encodedSize)
        headRole = .headerBytes
        bodyRole = .payloadBytes
    }

    /// Whether ``init(wireOf:)`` rebuilt the bytes because the tap kept none.
    static func isRebuilt(_ frame: Frame) -> Bool { frame.wireByteCount == nil }

    /// The byte at `index` (below ``count``).
    func byte(_ index: Int) -> UInt8 {
        switch storage {
        case .bytes(let bytes):
            return bytes[index]
        case .wire(let head, let payload, let key):
            if index < head.count { return head[index] }
            let offset = index - head.count
            guard let key else { return payload[offset] }
            return payload[offset] ^ key[offset & 3]
        }
    }

    /// The role of the byte at `index`.
    func role(_ index: Int) -> ThemeRole { index < headCount ? headRole : bodyRole }

    /// The dump line that starts at byte `offset`, with matches of `highlight` marked in its ASCII column.
    func line(at offset: Int, bytesPerLine: Int, highlight: SearchPattern? = nil) -> StyledLine {
        let range = offset..<min(count, offset + bytesPerLine)
        let matched = highlight.map { SearchHighlight.gutterMatches($0, count: count, byte: byte, range: range) } ?? []
        return HexDump.line(
            at: offset, count: count, bytesPerLine: bytesPerLine, byte: byte, role: role,
            matched: matched)
    }
}
