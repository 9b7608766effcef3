import WebSocketCore

/// The HTTP `CONNECT` exchange, without I/O: the request to write and the meaning of the proxy's answer.
enum HTTPConnectExchange {
    /// `CONNECT host:port HTTP/1.1` with `Host`, `Proxy-Authorization` (if any) and the extra headers.
    static func request(host: String, port: Int, proxy: HTTPProxy) -> [UInt8] {
        let authority = HostPort.address(host: host, port: port)
        var text = "CONNECT \(authority) HTTP/1.1\r\nHost: \(authority)\r\n"
        if let authorization = proxy.authorization { text += "Proxy-Authorization: \(authorization)\r\n" }
        for header in proxy.headers { text += "\(header.name): \(header.value)\r\n" }
        text += "\r\n"
        return Array(text.utf8)
    }

    /// Success for a 2xx answer; otherwise a `.proxy` error (see `HTTPConnectReply`).
    static func interpret(_ head: HTTPHead, proxy: HTTPProxy) -> Result<Void, WebSocketError> {
        HTTPConnectReply.interpret(head, proxy: proxy.description, sendsCredentials: proxy.sendsCredentials)
    }
}
