import Testing
import WebSocketCore

/// Sec-WebSocket-Accept (RFC 6455 §4.2.2): base64(SHA-1(key + GUID)).
@Suite struct AcceptKeyTests {
    @Test("RFC 6455 §1.3 example: dGhlIHNhbXBsZSBub25jZQ== → s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
    func rfcExample() {
        #expect(AcceptKey.guid == "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")
        #expect(AcceptKey.accept(for: "dGhlIHNhbXBsZSBub25jZQ==") == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
    }

    /// Keys whose key+GUID length lands on SHA-1's padding boundaries (55, 56 and 64 bytes put the length field
    /// in the same block, force a new block, and fill a block exactly) and a two-block message. Expected values
    /// were computed independently with Python: base64.b64encode(hashlib.sha1((key + GUID).encode()).digest()).
    @Test(
        "SHA-1 padding boundaries, checked against Python's hashlib",
        arguments: [
            ("", "Kfh9QIsMVZcl6xEPYxPHzW8SZ8w="),
            (String(repeating: "x", count: 19), "qQsxh2Nb/vsnD9od6HBiP6Igif0="),
            (String(repeating: "x", count: 20), "7jD6MP55bPPoLSNhT1mD/AE8sjc="),
            (String(repeating: "x", count: 28), "atUL8kQGe4qplhq19Y5TKRw/Uj4="),
            (String(repeating: "x", count: 83), "dkd2ySOIPSpsGLKtMj2xKG4ec9U="),
            ("AQIDBAUGBwgJCgsMDQ4PEA==", "C/0nmHhBztSRGR1CwL6Tf4ZjwpY="),
        ])
    func paddingBoundaries(key: String, accept: String) {
        #expect(AcceptKey.accept(for: key) == accept)
    }

    @Test("fresh keys are 16 random bytes in base64 and differ between calls")
    func makeKey() throws {
        let keys = (0..<100).map { _ in AcceptKey.makeKey() }
        for key in keys {
            #expect(key.utf8.count == 24)
            #expect(try #require(Base64.decode(key)).count == 16)
        }
        #expect(Set(keys).count == keys.count)
    }
}
