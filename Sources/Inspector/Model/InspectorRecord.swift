import Foundation
import WebSocketCore

/// One row of the inspector's log: a frame, a handshake message or a local note, stamped when it happened.
package struct InspectorRecord: Sendable, Hashable, Identifiable {
    /// What a record holds.
    package enum Kind: Sendable, Hashable {
        /// A frame as it crossed the wire. `inflated` is the decompressed payload of a permessage-deflate frame,
        /// when the client inflated it; `frame.payload` then holds the compressed bytes.
        case frame(Frame, inflated: [UInt8]? = nil)
        /// The HTTP upgrade request, byte for byte.
        case handshakeRequest([UInt8])
        /// The HTTP response to the upgrade request, byte for byte.
        case handshakeResponse([UInt8])
        /// A state change or an error the inspector reports; `isError` styles it as an error.
        case note(String, isError: Bool)
    }

    /// Increases by one for every record a log accepts, so rows keep their identity after older ones are dropped.
    package let id: UInt64
    /// Wall-clock time the record was made.
    package let time: Date
    /// Which way it went.
    package let direction: Direction
    /// What it holds.
    package let kind: Kind
    /// What was cut from it to fit the log's per-record limit; `nil` when it is whole.
    package var trim: RecordTrim? {
        guard case .cut(let trim) = storedTrim else { return nil }
        return trim
    }
    private let storedTrim: StoredTrim

    /// A cut kept out of line: few records are cut, and every record is moved several times on its way into the
    /// log, so an inline cut would make each of those moves larger for nothing.
    private enum StoredTrim: Sendable, Hashable {
        case whole
        indirect case cut(RecordTrim)
    }

    /// Creates a record.
    package init(id: UInt64, time: Date, direction: Direction, kind: Kind, trim: RecordTrim? = nil) {
        self.id = id
        self.time = time
        self.direction = direction
        self.kind = kind
        storedTrim = trim.map(StoredTrim.cut) ?? .whole
    }

    /// The frame, when this record is one.
    package var frame: Frame? {
        if case .frame(let frame, _) = kind { return frame }
        return nil
    }

    /// The payload an application would see: the inflated bytes of a compressed frame, else the frame's payload.
    package var applicationPayload: [UInt8]? {
        if case .frame(let frame, let inflated) = kind { return inflated ?? frame.payload }
        return nil
    }

    /// What was cut from ``applicationPayload``, if it was cut: the inflated payload's cut for a frame that was
    /// inflated, else the payload's.
    package var applicationCut: PayloadCut? {
        guard case .frame(_, let inflated) = kind else { return trim?.payload }
        return inflated == nil ? trim?.payload : trim?.inflated
    }

    /// Whether the record is a control frame (close, ping, pong, or a reserved control opcode).
    package var isControlFrame: Bool {
        // Not through `frame`, which copies the frame out: the filter asks this of every record of a flood.
        guard case .frame(let frame, _) = kind else { return false }
        return frame.header.opcode.isControl
    }

    /// The frame's exact wire bytes, rebuilt from header and payload when the tap did not keep them.
    package var wireBytes: [UInt8] {
        switch kind {
        case .frame(let frame, _):
            if let bytes = frame.wireBytes { return bytes }
            // A payload cut to the log's limit no longer matches the header's length, which the encoder insists on:
            // the header as captured (or encoded) and the kept payload, masked as it crossed (as the hex pane shows).
            guard frame.header.payloadLength == UInt64(frame.payload.count) else {
                var bytes = frame.capturedHeaderBytes ?? frame.header.encoded
                bytes.reserveCapacity(bytes.count + frame.payload.count)
                if let key = frame.header.maskingKey?.bytes {
                    for (offset, byte) in frame.payload.enumerated() { bytes.append(byte ^ key[offset & 3]) }
                } else {
                    bytes += frame.payload
                }
                return bytes
            }
            return FrameEncoder.encode(frame.header, payload: frame.payload)
        case .handshakeRequest(let bytes), .handshakeResponse(let bytes):
            return bytes
        case .note:
            return []
        }
    }
}
