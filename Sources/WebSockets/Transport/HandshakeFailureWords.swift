import WebSocketCore

extension HandshakeError {
    /// The sentence for a refused response. An error status gets the first line of the body that arrived with its
    /// head, since that is where servers and gateways say why ("token expired"); only what came in the same reads
    /// as the head is shown, the connection is not kept open to wait for more.
    func message(bodyStart body: [UInt8]) -> String {
        guard case .unexpectedStatus = self, !body.isEmpty else { return description }
        let line = body.prefix(while: { $0 != UInt8(ascii: "\n") }).prefix(200)
        let text = String(decoding: line, as: UTF8.self).trimmingWhitespace
        return text.isEmpty ? description : "\(description); the body begins \"\(text)\""
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and CRs.
    fileprivate var trimmingWhitespace: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
