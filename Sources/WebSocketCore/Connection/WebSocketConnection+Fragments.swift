/// Sending one message split the way another connection received it: the relay keeps a message's fragmentation
/// from one leg to the other, even when only one leg compresses.
extension WebSocketConnection {
    /// Queues a text or binary message as frames carrying `frameSizes` bytes of it each, in order (the sizes must
    /// add up to `payload.count`; an empty list or a single size sends one frame). With permessage-deflate in use
    /// and the message at or above the compression threshold, each fragment is compressed on its own with a sync
    /// flush, so every frame can be inflated as it arrives; only the first carries RSV1 (RFC 7692 §6.1).
    /// Returns `false` (and queues nothing) once closing has started.
    @discardableResult
    public mutating func sendFragments(_ opcode: Opcode, payload: [UInt8], frameSizes: [Int]) -> Bool {
        precondition(opcode == .text || opcode == .binary, "only a data message is fragmented")
        precondition(frameSizes.allSatisfy { $0 >= 0 } && frameSizes.reduce(0, +) == payload.count, "sizes must add up")
        guard frameSizes.count > 1 else { return send(opcode, payload: payload) }
        guard state == .open else { return false }
        let compresses =
            deflater != nil && configuration.deflate.map { payload.count >= $0.compressionThreshold } == true
        var start = 0
        for (index, size) in frameSizes.enumerated() {
            let isFinal = index == frameSizes.count - 1
            let piece = payload[start..<start + size]
            start += size
            var data: [UInt8]
            if compresses, let deflater {
                data = []
                // Fed, then flushed on its own: zlib ignores a sync flush right after another with no input between,
                // so an empty final fragment would add no block and the implied trailer would corrupt the stream.
                piece.withUnsafeBytes { deflater.deflate($0, flush: false, into: &data) }
                [UInt8]().withUnsafeBytes { deflater.deflate($0, flush: true, into: &data) }
                // The final fragment's trailer is implied (RFC 7692 §7.2.1); earlier ones keep theirs, as part
                // of the stream the receiver inflates.
                if isFinal { ZlibDeflater.dropTrailer(from: &data) }
            } else {
                data = Array(piece)
            }
            let key = configuration.role == .client ? keys.next() : nil
            let header = FrameHeader(
                fin: isFinal, rsv1: compresses && index == 0, opcode: index == 0 ? opcode : .continuation,
                maskingKey: key, payloadLength: UInt64(data.count))
            outbound.append(OutboundFrame(header: header, payload: data))
        }
        if compresses && ourResetsContext { deflater?.reset() }
        return true
    }
}
