import Testing
import WebSocketCore

/// Reading the server's HTTP head from a byte stream that may arrive in any pieces and may already carry the
/// first WebSocket frames after the blank line.
@Suite struct HTTPHeadParserTests {
    static let headText =
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection:  Upgrade \r\n"
        + "Sec-WebSocket-Accept:s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nX-Empty:\r\n\r\n"
    static let head = Array(headText.utf8)
    /// A server text frame "Hello" and a ping, sent right behind the head (RFC 6455 §5.7 bytes).
    static let frames: [UInt8] = [0x81, 0x05, 0x48, 0x65, 0x6C, 0x6C, 0x6F, 0x89, 0x00]

    private func checkHead(_ parsed: HTTPHead) {
        #expect(parsed.startLine == "HTTP/1.1 101 Switching Protocols")
        #expect(parsed.rawBytes == Self.head)
        #expect(parsed.headers.fields.map(\.name) == ["Upgrade", "Connection", "Sec-WebSocket-Accept", "X-Empty"])
        // Values lose the optional white space around them (RFC 9110 §5.5).
        #expect(parsed.headers["connection"] == "Upgrade")
        #expect(parsed.headers["SEC-WEBSOCKET-ACCEPT"] == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
        #expect(parsed.headers["x-empty"] == "")
        #expect(parsed.headers["missing"] == nil)
    }

    @Test("the head in one piece, with frames behind it kept as leftover")
    func onePiece() throws {
        var parser = HTTPHeadParser()
        let parsed = try #require(try parser.append(Self.head + Self.frames))
        checkHead(parsed)
        #expect(parser.leftover == Self.frames)
    }

    @Test("the head split at every byte gives the same head and leftover")
    func everySplit() throws {
        let stream = Self.head + Self.frames
        for cut in 0...stream.count {
            var parser = HTTPHeadParser()
            let first = try parser.append(stream[..<cut])
            if cut < Self.head.count {
                #expect(first == nil, "a head was returned after only \(cut) bytes")
                let parsed = try #require(try parser.append(stream[cut...]), "cut at \(cut)")
                checkHead(parsed)
            } else {
                let parsed = try #require(first, "cut at \(cut)")
                checkHead(parsed)
            }
            // Bytes after the head that arrived with it are leftover; once the head is out, later bytes are the
            // caller's to route, so they are not fed here.
            let fed = cut < Self.head.count ? stream.count : cut
            #expect(parser.leftover == Array(stream[Self.head.count..<fed]), "cut at \(cut)")
        }
    }

    @Test("one byte at a time")
    func bytewise() throws {
        var parser = HTTPHeadParser()
        var parsed: HTTPHead?
        for (index, byte) in Self.head.enumerated() {
            parsed = try parser.append([byte])
            #expect((parsed != nil) == (index == Self.head.count - 1), "byte \(index)")
        }
        checkHead(try #require(parsed))
        #expect(parser.leftover.isEmpty)
    }

    @Test("a head without its blank line beyond maxHeadSize is refused")
    func tooLong() throws {
        var parser = HTTPHeadParser(maxHeadSize: 64)
        #expect(try parser.append(Array("HTTP/1.1 101 OK\r\n".utf8)) == nil)
        #expect(throws: HTTPHeadError.self) {
            try parser.append(Array("X-Filler: \(String(repeating: "a", count: 60))\r\n".utf8))
        }
    }

    @Test(
        "malformed heads are refused",
        arguments: [
            "\r\n\r\n",  // no start line
            "HTTP/1.1 101 OK\r\n folded: continuation\r\n\r\n",  // obsolete line folding (RFC 9112 §5.2)
            "HTTP/1.1 101 OK\r\nno colon here\r\n\r\n",
            "HTTP/1.1 101 OK\r\nBad Name: x\r\n\r\n",  // a space in the field name
        ])
    func malformed(text: String) {
        var parser = HTTPHeadParser()
        #expect(throws: HTTPHeadError.self) { try parser.append(Array(text.utf8)) }
    }

    @Test("bytes that are not UTF-8 are refused")
    func notUTF8() {
        var parser = HTTPHeadParser()
        #expect(throws: HTTPHeadError.self) {
            try parser.append(Array("HTTP/1.1 101 OK\r\nX: ".utf8) + [0xFF] + Array("\r\n\r\n".utf8))
        }
    }

    @Test("HTTPHeaders: repeated fields, list elements, case-insensitive lookup")
    func headers() {
        let headers = HTTPHeaders([("Connection", "keep-alive, ,Upgrade"), ("connection", " close "), ("A", "1")])
        #expect(headers.values(for: "CONNECTION") == ["keep-alive, ,Upgrade", " close "])
        #expect(headers.listElements(for: "connection") == ["keep-alive", "Upgrade", "close"])
        #expect(headers.contains("a"))
        #expect(!headers.contains("b"))
        #expect(headers["Connection"] == "keep-alive, ,Upgrade")
    }
}

/// The head-size limit holds however the bytes arrive, including one read that carries an oversized head and
/// its blank line together.
@Suite struct HTTPHeadParserLimitTests {
    private static func head(paddedTo size: Int) -> [UInt8] {
        let start = "HTTP/1.1 101 Switching Protocols\r\nX-Padding: "
        let end = "\r\n\r\n"
        return Array((start + String(repeating: "a", count: size - start.utf8.count - end.utf8.count) + end).utf8)
    }

    @Test func oversizedHeadInOneReadIsRefused() {
        var parser = HTTPHeadParser(maxHeadSize: 16 * 1024)
        #expect(throws: HTTPHeadError.self) { _ = try parser.append(Self.head(paddedTo: 20 * 1024)) }
    }

    @Test func headAtTheLimitIsAccepted() throws {
        var parser = HTTPHeadParser(maxHeadSize: 16 * 1024)
        #expect(try parser.append(Self.head(paddedTo: 16 * 1024)) != nil)
    }

    @Test func oversizedHeadInPiecesIsRefusedWithTheLimitInItsMessage() {
        var parser = HTTPHeadParser(maxHeadSize: 16 * 1024)
        let bytes = Self.head(paddedTo: 24 * 1024)
        do {
            _ = try parser.append(bytes[..<8192])
            _ = try parser.append(bytes[8192...])
            Issue.record("a 24 KiB head was accepted")
        } catch {
            #expect(error.message == "HTTP head longer than 16 KiB; refusing to read more of it")
        }
    }
}
