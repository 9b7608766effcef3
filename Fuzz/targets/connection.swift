import WebSocketCore

/// The whole receive path of a connection (RFC 6455 §5–§7 with RFC 7692): frames, fragments, control frames,
/// close, UTF-8 of text, and permessage-deflate inflation under the message size limit.
///
/// Properties: any split gives the same events (a failure may come before the frame that causes it is whole); no message is larger than the limit (the inflate cap seen from
/// outside) and text is valid UTF-8; a failure is the last event and carries 1002, 1007, 1008 or 1009 and queues a
/// Close frame with that code; nothing but frames arrives after the peer's Close; a received Close code is one the
/// wire allows; pings carry at most 125 bytes and are answered by a pong with the same payload.
@_cdecl("LLVMFuzzerTestOneInput")
public func connectionFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let config = input.byte()
    var configuration = ConnectionConfiguration(role: config & 1 == 0 ? .client : .server)
    configuration.maxPayloadSize = [1 << 20, 125, 1000, 70_000][Int(config >> 3) & 3]
    if config & 2 != 0 {
        configuration.deflate = NegotiatedDeflate(serverNoContextTakeover: config & 4 != 0, clientNoContextTakeover: config & 4 != 0)
    }
    if config & 0x20 != 0 { configuration.maxFragments = 3 }
    configuration.capturesWireBytes = config & 0x40 != 0
    configuration.decodesText = config & 0x80 == 0
    let cuts = input.cuts(maxCount: 4, length: size)
    let stream = input.rest()
    let cutPoints = cuts.map { min($0, stream.count) }

    var whole = WebSocketConnection(configuration: configuration)
    let events = whole.receive(stream)
    var split = WebSocketConnection(configuration: configuration)
    let splitEvents = pieces(of: stream, at: cutPoints).flatMap { split.receive($0) }
    requireSameEvents(events, splitEvents, cuts: cutPoints)

    let limit = Int(configuration.maxPayloadSize)
    var closed = false
    var pings: [[UInt8]] = []
    for (index, event) in events.enumerated() {
        switch event {
        case .message(let message):
            require(!closed, "a message after the peer's Close")
            switch message {
            case .text(let text): require(text.utf8.count <= limit, "text message over the limit")
            case .binary(let bytes): require(bytes.count <= limit, "binary message over the limit")
            case .utf8Text(let bytes):
                require(bytes.count <= limit, "text message over the limit")
                require(String(validating: bytes, as: UTF8.self) != nil, "text message is not UTF-8")
            }
        case .ping(let payload):
            require(payload.count <= 125, "ping over 125 bytes")
            if !closed { pings.append(payload) }
        case .pong(let payload):
            require(payload.count <= 125, "pong over 125 bytes")
        case .closeReceived(let code, _):
            require(!closed, "a second Close")
            closed = true
            if let code { require(CloseCode.isValidOnWire(code), "accepted close code \(code)") }
        case .failed(let violation):
            require(index == events.count - 1, "events after a failure")
            require([1002, 1007, 1008, 1009].contains(violation.closeCode), "failure with code \(violation.closeCode)")
        case .frameReceived(let frame):
            require(frame.wireBytes.map { $0 == FrameEncoder.encode(frame.header, payload: frame.payload) } ?? false, "frame wire bytes")
        }
    }
    let outbound = whole.takeOutbound()
    let pongs = outbound.filter { $0.header.opcode == .pong }.map(\.payload)
    require(pongs == pings, "pongs \(pongs.count) do not answer pings \(pings.count)")
    if case .failed(let violation) = events.last, !closed {
        let close = outbound.last { $0.header.opcode == .close }
        require(
            close.map { Array($0.payload.prefix(2)) } == [UInt8(violation.closeCode >> 8), UInt8(violation.closeCode & 0xFF)],
            "failure \(violation.closeCode) did not queue a Close with its code")
    }
    return 0
}

/// A split must not change what happens, with one exception: a frame that already breaks a rule while partial
/// (invalid text, §8.1; a limit) fails at once, so a split inside the bad frame can fail before that frame is
/// reported whole. Then the split run's events are the whole run's, less some `frameReceived`, with the same failure.
private func requireSameEvents(_ whole: [ConnectionEvent], _ split: [ConnectionEvent], cuts: [Int]) {
    if whole == split { return }
    guard case .failed = whole.last, split.last == whole.last else {
        return require(false, "a split (\(cuts)) changed the events:\n\(whole)\nvs\n\(split)")
    }
    let before = split.dropLast()
    let missing = whole.dropLast().dropFirst(before.count)
    require(Array(whole.prefix(before.count)) == Array(before), "a split (\(cuts)) changed the events before a failure")
    require(missing.allSatisfy { if case .frameReceived = $0 { true } else { false } }, "a split (\(cuts)) lost events other than frames")
}
