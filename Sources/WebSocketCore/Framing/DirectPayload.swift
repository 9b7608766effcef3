/// A large frame's payload collected straight into the array the frame will carry (see `FrameParser`).
struct DirectPayload {
    /// The header's wire bytes, for `wireBytes` if capture is switched on before the frame completes.
    var headerBytes: WireHeaderBytes
    /// The whole payload's array; its first `received` bytes have arrived, already unmasked (unless diverted).
    var payload: [UInt8]
    var received = 0
    /// Set once the caller took some of the payload (`divertPayload`): the frame then completes without it.
    var diverted = false

    /// Copies `bytes` in after what has arrived, unmasking them on the way: a masked payload is read once,
    /// while it is still warm from the socket, instead of copied and then unmasked in a second pass.
    mutating func take(_ bytes: UnsafeRawBufferPointer, key: MaskingKey?) {
        let offset = received
        payload.withUnsafeMutableBytes { whole in
            let target = UnsafeMutableRawBufferPointer(rebasing: whole[offset..<(offset + bytes.count)])
            if let key {
                Masking.copy(bytes, maskedWith: key, into: target, offset: offset)
            } else {
                target.copyMemory(from: bytes)
            }
        }
        received += bytes.count
    }
}
