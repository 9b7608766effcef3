/// One data frame of a message as it crossed the wire, reduced to what a relay keeps of it: the header, and how
/// many bytes of the message it carried (what it inflated to, for a compressed message). A relay sends the message
/// on in frames of the same sizes, so its fragmentation survives even when only one leg compresses.
package struct FramePiece: Sendable, Hashable {
    /// The frame's header as it arrived (opcode, FIN, RSV1, length, mask).
    package var header: FrameHeader
    /// The bytes of the message this frame carried, after inflating.
    package var dataSize: Int

    /// The piece of `frame`, a data frame.
    package init(_ frame: Frame) {
        header = frame.header
        dataSize = frame.inflatedPayload?.count ?? frame.payload.count
    }

    /// A piece with this header and size.
    package init(header: FrameHeader, dataSize: Int) {
        self.header = header
        self.dataSize = dataSize
    }

    /// The sizes to send a message of `byteCount` bytes in so that its frames match `pieces`, or `nil` when it goes
    /// as one frame: a single piece, or pieces that do not add up to the message (it was edited, or arrived before
    /// its frames could be seen).
    package static func sizes(of pieces: [FramePiece], for byteCount: Int) -> [Int]? {
        guard pieces.count > 1 else { return nil }
        let sizes = pieces.map(\.dataSize)
        return sizes.reduce(0, +) == byteCount ? sizes : nil
    }
}
