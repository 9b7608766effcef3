/// Writes frames to their wire form.
public enum FrameEncoder {
    /// The number of wire bytes a frame with this header takes.
    public static func encodedSize(of header: FrameHeader) -> Int {
        header.encodedSize + Int(header.payloadLength)
    }

    /// Writes the header followed by the payload (masked with the header's key, if any) into `buffer`, which must
    /// hold `encodedSize(of:)` bytes. Returns the number of bytes written.
    @discardableResult
    public static func encode(
        _ header: FrameHeader, payload: UnsafeRawBufferPointer, into buffer: UnsafeMutableRawBufferPointer
    ) -> Int {
        precondition(UInt64(payload.count) == header.payloadLength, "header length does not match the payload")
        let headerSize = header.encode(into: buffer)
        let body = UnsafeMutableRawBufferPointer(rebasing: buffer[headerSize..<(headerSize + payload.count)])
        if payload.count > 0 {
            if let key = header.maskingKey {
                Masking.copy(payload, maskedWith: key, into: body)
            } else {
                body.copyMemory(from: payload)
            }
        }
        return headerSize + payload.count
    }

    /// The wire bytes of a frame with this header and (unmasked) payload.
    public static func encode(_ header: FrameHeader, payload: [UInt8]) -> [UInt8] {
        let size = encodedSize(of: header)
        return [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            payload.withUnsafeBytes { source in
                count = encode(header, payload: source, into: UnsafeMutableRawBufferPointer(buffer))
            }
        }
    }
}
