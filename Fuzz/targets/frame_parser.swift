@testable import WebSocketCore

/// The frame parser (RFC 6455 §5) in either role, fed whole, then in pieces cut where the input says, each piece
/// copied (`append`) or lent (`lend`) as the input says.
///
/// Properties: any split and any mix of copied and lent pieces gives the same frames and the same violation; the
/// frames' wire bytes, joined, are the input up to where parsing stopped; each frame re-encodes to its wire bytes;
/// every frame obeys the rules the parser enforces (masking by role, control frames short and final, no reserved
/// opcode or RSV bit, length within the limit); a violation carries 1002 or 1009; with no violation every input
/// byte is either in a frame or still buffered.
@_cdecl("LLVMFuzzerTestOneInput")
public func frameParserFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let config = input.byte()
    let role: Role = config & 1 == 0 ? .client : .server
    let permitsRSV1 = config & 2 != 0
    // 1 MiB rather than the 128 MiB default: the same code paths, without a 128 MiB allocation per declared
    // length slowing every run. Small limits reach the 1009 path; 40000 lets a frame over the 32 KiB direct-collection threshold through.
    let limits: [UInt64] = [1 << 20, 0, 125, 40_000]
    let limit = limits[Int(config >> 2) & 3]
    let lendMask = input.uint16()
    let stream = input.rest()
    // Cut points come from the stream's own last bytes, so seeds that are plain frames still get split.
    let tail = stream.suffix(9)
    var tailInput = FuzzInput(nil, 0)
    tail.withUnsafeBufferPointer { tailInput = FuzzInput($0.baseAddress, $0.count) }
    let cuts = tailInput.cuts(maxCount: 4, length: stream.count)

    func makeParser() -> FrameParser {
        FrameParser(role: role, maxPayloadSize: limit, permitsRSV1: permitsRSV1, capturesWireBytes: true)
    }
    let whole = ParseRun(makeParser(), pieces: [stream[...]], lendMask: 0)
    let split = ParseRun(makeParser(), pieces: pieces(of: stream, at: cuts), lendMask: lendMask)
    let lentWhole = ParseRun(makeParser(), pieces: [stream[...]], lendMask: 1)

    for run in [split, lentWhole] {
        require(run.frames == whole.frames, "a split (cuts \(cuts), lent \(lendMask)) changed the frames")
        require(
            run.violation == whole.violation,
            "a split (cuts \(cuts)) changed the violation: \(String(describing: run.violation)) vs \(String(describing: whole.violation))")
    }

    var consumed = 0
    for frame in whole.frames {
        let wire = frame.wireBytes ?? []
        require(Array(stream[consumed..<min(consumed + wire.count, stream.count)]) == wire, "wire bytes are not the input")
        consumed += wire.count
        require(FrameEncoder.encode(frame.header, payload: frame.payload) == wire, "frame does not re-encode to its wire bytes")
        let header = frame.header
        require(header.payloadLength == UInt64(frame.payload.count) && header.payloadLength <= limit, "length")
        require(header.isMasked == (role == .server), "masking does not match the role")
        require(!header.opcode.isReserved && !header.rsv2 && !header.rsv3 && (permitsRSV1 || !header.rsv1), "reserved bits")
        require(!header.opcode.isControl || (header.fin && header.payloadLength <= 125), "control frame rules")
        require(header.lengthEncoding == .minimal(for: header.payloadLength), "non-minimal length accepted")
    }
    if let violation = whole.violation {
        require([1002, 1009].contains(violation.closeCode), "violation with close code \(violation.closeCode)")
    } else {
        require(whole.buffered == stream.count - consumed, "bytes lost: \(whole.buffered) buffered, \(stream.count - consumed) unread")
    }
    return 0
}

/// Everything one parser makes of `pieces`: the frames, the violation that stopped it, what it still holds.
struct ParseRun {
    var frames: [Frame] = []
    var violation: ProtocolViolation?
    var buffered = 0

    /// Bit `i % 16` of `lendMask` set: piece `i` is lent, else appended.
    init(_ start: FrameParser, pieces: [ArraySlice<UInt8>], lendMask: UInt16) {
        var parser = start
        for (index, piece) in pieces.enumerated() where violation == nil {
            let lends = lendMask >> UInt16(index % 16) & 1 != 0
            piece.withUnsafeBytes { bytes in
                if lends { parser.lend(bytes) } else { parser.append(bytes) }
                drain(&parser)
                if lends { parser.endLoan() }
            }
        }
        buffered = parser.bufferedByteCount
    }

    private mutating func drain(_ parser: inout FrameParser) {
        do {
            while let frame = try parser.next() { frames.append(frame) }
        } catch {
            violation = error
        }
    }
}
