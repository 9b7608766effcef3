import WebSocketCore

/// An HTTP proxy's answer to `CONNECT`: the head parser with the proxy's limit, then `HTTPConnectReply`.
///
/// Properties: a head parsed from any split means the same; a 2xx status line succeeds and nothing else does; a
/// failure names the proxy, and a 401 or 407 says whether credentials were sent.
@_cdecl("LLVMFuzzerTestOneInput")
public func httpConnectReplyFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let config = input.byte()
    let sendsCredentials = config & 1 != 0
    let cuts = input.cuts(maxCount: 4, length: size)
    let stream = input.rest()

    var parser = HTTPHeadParser()
    var head: HTTPHead?
    for piece in pieces(of: stream, at: cuts.map { min($0, stream.count) }) where head == nil {
        guard let parsed = try? parser.append(piece) else { return 0 }
        head = parsed
    }
    guard let head else { return 0 }
    let proxy = "proxy 127.0.0.1:3128"
    let result = HTTPConnectReply.interpret(head, proxy: proxy, sendsCredentials: sendsCredentials)
    let parts = head.startLine.split(separator: " ", maxSplits: 2)
    let status = parts.count >= 2 && parts[0].hasPrefix("HTTP/") ? Int(parts[1]) : nil
    switch result {
    case .success:
        require(status.map { (200...299).contains($0) } ?? false, "success for \(head.startLine)")
    case .failure(let error):
        require(!(status.map { (200...299).contains($0) } ?? false), "failure for a 2xx: \(head.startLine)")
        require(error.cause == .proxy && error.message.hasPrefix(proxy), "failure does not name the proxy")
        if status == 407 || status == 401 {
            require(
                error.message.hasSuffix(sendsCredentials ? "rejected the credentials" : "or a token)"),
                "401/407 without the credentials hint")
        }
    }
    return 0
}
