@testable import WebSocketCore

/// The HTTP head parser, then what reads a head: the client's handshake validator (RFC 6455 §4.1) and the
/// server's request check (§4.2.1) with its permessage-deflate answer.
///
/// Properties: any split gives the same head, error and leftover; the head's raw bytes and the leftover are the
/// input; the raw head ends at the first blank line and stays within the limit. A response the validator accepts
/// is a 101 with the right `Sec-WebSocket-Accept` and only offered protocols and extensions. A request the server
/// accepts gets a response that our own client parses and accepts, deflate answer included.
@_cdecl("LLVMFuzzerTestOneInput")
public func httpHeadFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let config = input.byte()
    let limit = [16 * 1024, 64, 200, 1][Int(config & 3)]
    let offeredProtocols = config & 4 != 0 ? ["chat", "superchat"] : []
    let offeredExtensions: Set<String> = config & 8 != 0 ? ["permessage-deflate"] : []
    let cuts = input.cuts(maxCount: 4, length: size)
    let stream = input.rest()
    let cutPoints = cuts.map { min($0, stream.count) }

    let whole = HeadRun(limit: limit, pieces: [stream[...]])
    let split = HeadRun(limit: limit, pieces: pieces(of: stream, at: cutPoints))
    require(whole.outcome == split.outcome, "a split (\(cutPoints)) changed the outcome")

    guard case .head(let head, let leftover) = whole.outcome else { return 0 }
    require(head.rawBytes + leftover == stream, "raw head and leftover are not the input")
    require(head.rawBytes.count <= limit, "head of \(head.rawBytes.count) bytes passed the limit \(limit)")
    let raw = head.rawBytes
    require(raw.count >= 4 && Array(raw.suffix(4)) == [13, 10, 13, 10], "head does not end with a blank line")
    let firstBlank = (3..<raw.count).first { raw[$0 - 3] == 13 && raw[$0 - 2] == 10 && raw[$0 - 1] == 13 && raw[$0] == 10 }
    require(firstBlank == raw.count - 1, "head runs past its first blank line")

    let key = "dGhlIHNhbXBsZSBub25jZQ=="
    if let negotiated = try? HandshakeValidator.validate(
        head, key: key, offeredProtocols: offeredProtocols, offeredExtensions: offeredExtensions)
    {
        require(head.startLine.split(separator: " ").dropFirst().first == "101", "accepted a status other than 101")
        require(head.headers["sec-websocket-accept"] == AcceptKey.accept(for: key), "accepted a wrong accept key")
        require(negotiated.protocol.isEmpty ? true : offeredProtocols.contains(negotiated.protocol), "protocol not offered")
        require(negotiated.extensionList.allSatisfy { offeredExtensions.contains($0.name.lowercased()) }, "extension not offered")
        for element in negotiated.extensionList {
            if let settled = try? PerMessageDeflateOffer().negotiate(element) {
                require((8...15).contains(settled.serverMaxWindowBits) && (8...15).contains(settled.clientMaxWindowBits), "window bits")
            }
        }
    }
    if case .success(let request) = ServerHandshake.parse(head) {
        answerRoundTrips(request)
    }
    return 0
}

/// The server's 101 for `request` must pass our own client's checks: same key, the protocol it picked, and the
/// permessage-deflate answer it chose, which must read back as a well-formed response element.
private func answerRoundTrips(_ request: ServerHandshake.Request) {
    let chosen = request.protocols.first
    let agreement = try? PerMessageDeflateServerPolicy().accept(request.extensions).get()
    let response = ServerHandshake.response(key: request.key, protocol: chosen, extensions: agreement?.responseValue)
    var parser = HTTPHeadParser()
    guard let head = try? parser.append(response) else {
        return require(false, "own 101 response does not parse: \(String(decoding: response, as: UTF8.self))")
    }
    do {
        let negotiated = try HandshakeValidator.validate(
            head, key: request.key, offeredProtocols: request.protocols, offeredExtensions: ["permessage-deflate"])
        if let agreement {
            require(negotiated.extensionList.count == 1, "deflate answer is not one element")
            let read = DeflateParameters.read(
                negotiated.extensionList[0].parameters, valueRequired: ["server_max_window_bits", "client_max_window_bits"],
                context: "in a response")
            if case .failure(let problem) = read {
                require(false, "own deflate answer \(agreement.responseValue) is malformed: \(problem.reason)")
            }
        }
    } catch {
        require(false, "own 101 response refused: \(error)")
    }
}

/// What a head parser makes of some pieces: a head and what followed it, an error, or "more needed".
struct HeadRun {
    enum Outcome: Equatable {
        case incomplete
        case head(HTTPHead, leftover: [UInt8])
        case error(HTTPHeadError)
    }
    var outcome = Outcome.incomplete

    init(limit: Int, pieces: [ArraySlice<UInt8>]) {
        var parser = HTTPHeadParser(maxHeadSize: limit)
        for (index, piece) in pieces.enumerated() {
            do {
                if let head = try parser.append(piece) {
                    // Pieces after the head are the caller's: they join the leftover.
                    outcome = .head(head, leftover: parser.leftover + pieces[(index + 1)...].flatMap { $0 })
                    return
                }
            } catch {
                outcome = .error(error)
                return
            }
        }
    }
}
