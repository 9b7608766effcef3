import WebSocketCore

/// The inputs the micro-benchmarks run over.
enum Inputs {
    /// 1 MiB of printable ASCII (the /flood pattern).
    static let ascii: [UInt8] = (0..<(1 << 20)).map { UInt8(0x20 + $0 % 95) }

    /// About 1 MiB of mixed text: ASCII with two-, three- and four-byte characters throughout.
    static let mixed: [UInt8] = {
        let piece = Array("price 12 € · naïve façade · 東京 · emoji 🙂 · plain ascii words between them. ".utf8)
        var bytes: [UInt8] = []
        while bytes.count + piece.count <= 1 << 20 { bytes += piece }
        return bytes
    }()

    /// About 1 MiB of back-to-back unmasked server frames, each carrying a `payloadSize`-byte text payload.
    static func serverFrames(payloadSize: Int) -> [UInt8] {
        let header = FrameHeader(fin: true, opcode: .text, payloadLength: UInt64(payloadSize))
        let frame = FrameEncoder.encode(header, payload: Array(ascii.prefix(payloadSize)))
        let copies = max(1, (1 << 20) / frame.count)
        return Array([[UInt8]](repeating: frame, count: copies).joined())
    }
}
