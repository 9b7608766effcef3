import NIOCore
import WebSocketCore

extension ByteBuffer {
    /// Appends one frame, encoded by the core straight into the buffer's storage (no intermediate array).
    mutating func writeFrame(_ header: FrameHeader, payload: UnsafeRawBufferPointer) {
        let size = FrameEncoder.encodedSize(of: header)
        writeWithUnsafeMutableBytes(minimumWritableBytes: size) { target in
            FrameEncoder.encode(header, payload: payload, into: UnsafeMutableRawBufferPointer(rebasing: target[..<size]))
        }
    }
}
