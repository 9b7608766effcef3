import Testing
import WebSocketCore
import WebSocketServer

/// The server's permessage-deflate (RFC 7692, server role), driven by a client built from the core.
@Suite("permessage-deflate")
struct DeflateTests {
    static let longText = String(repeating: "the server compresses what it sends. ", count: 100)

    @Test func echoNegotiatesAndCompressesBothWays() async throws {
        try await withServer { server in
            let client = try TestClient(port: server.port, target: "/echo", deflate: PerMessageDeflateOffer())
            #expect(client.handshake.extensions == "permessage-deflate")
            #expect(client.deflate == NegotiatedDeflate())
            #expect(client.isCompressing)
            try client.send(text: Self.longText)
            #expect(try client.nextMessage() == .text(Self.longText))
            let binary = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 % 251) }
            try client.send(binary: binary)
            #expect(try client.nextMessage() == .binary(binary))
            try client.send(text: "tiny")  // under the 64-byte threshold: both ways uncompressed
            #expect(try client.nextMessage() == .text("tiny"))
            #expect(client.compressedMessages == [true, true, false])
        }
    }

    @Test func rootRouteCompressesToo() async throws {
        try await withServer { server in
            let client = try TestClient(port: server.port, target: "/", deflate: PerMessageDeflateOffer())
            #expect(client.handshake.extensions == "permessage-deflate")
        }
    }

    @Test func queryTurnsItOff() async throws {
        try await withServer { server in
            let client = try TestClient(port: server.port, target: "/echo?deflate=0", deflate: PerMessageDeflateOffer())
            #expect(client.handshake.extensions == "")
            #expect(client.deflate == nil)
            try client.send(text: Self.longText)
            #expect(try client.nextMessage() == .text(Self.longText))
            #expect(client.compressedMessages == [false])
        }
    }

    @Test func serverOptionTurnsItOff() async throws {
        let server = try await TestServer.start(deflate: nil)
        let client = try TestClient(port: server.port, target: "/echo", deflate: PerMessageDeflateOffer())
        #expect(client.handshake.extensions == "")
        try client.send(text: Self.longText)
        #expect(try client.nextMessage() == .text(Self.longText))
        try await server.stop()
    }

    @Test func scriptedRoutesStayUncompressedUnlessAsked() async throws {
        try await withServer { server in
            let raw = try TestClient(port: server.port, target: "/hostile", deflate: PerMessageDeflateOffer())
            #expect(raw.handshake.extensions == "")
            let asked = try TestClient(port: server.port, target: "/ping?deflate=1", deflate: PerMessageDeflateOffer())
            #expect(asked.handshake.extensions == "permessage-deflate")
        }
    }

    struct OfferRow: Sendable, CustomTestStringConvertible {
        var offer: PerMessageDeflateOffer
        var response: String
        var testDescription: String { offer.headerValue }
    }

    static let offers: [OfferRow] = [
        OfferRow(offer: PerMessageDeflateOffer(serverMaxWindowBits: 10), response: "permessage-deflate; server_max_window_bits=10"),
        OfferRow(offer: PerMessageDeflateOffer(serverMaxWindowBits: 9), response: "permessage-deflate; server_max_window_bits=9"),
        OfferRow(offer: PerMessageDeflateOffer(clientMaxWindowBits: 9), response: "permessage-deflate"),
        OfferRow(offer: PerMessageDeflateOffer(clientMaxWindowBits: 8), response: "permessage-deflate"),
        OfferRow(offer: PerMessageDeflateOffer(serverNoContextTakeover: true), response: "permessage-deflate; server_no_context_takeover"),
        OfferRow(offer: PerMessageDeflateOffer(clientNoContextTakeover: true), response: "permessage-deflate; client_no_context_takeover"),
        OfferRow(
            offer: PerMessageDeflateOffer(
                clientMaxWindowBits: 11, serverMaxWindowBits: 12, clientNoContextTakeover: true, serverNoContextTakeover: true),
            response: "permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=12"),
    ]

    @Test("offers are honoured and several messages echo correctly", arguments: offers)
    func honoursOffers(_ row: OfferRow) async throws {
        try await withServer { server in
            let client = try TestClient(port: server.port, target: "/echo", deflate: row.offer)
            #expect(client.handshake.extensions == row.response)
            // Repeated messages: with context takeover they reuse the window, without it each stands alone;
            // either way the echo must come back intact.
            for index in 0..<5 {
                let text = Self.longText + "\(index)"
                try client.send(text: text)
                #expect(try client.nextMessage() == .text(text))
            }
            #expect(client.compressedMessages == Array(repeating: true, count: 5))
        }
    }

    @Test func serverWindowEightIsDeclined() async throws {
        try await withServer { server in
            let client = try TestClient(port: server.port, target: "/echo", deflate: PerMessageDeflateOffer(serverMaxWindowBits: 8))
            #expect(client.handshake.extensions == "")
            try client.send(text: Self.longText)
            #expect(try client.nextMessage() == .text(Self.longText))
        }
    }

    @Test func floodIsCompressed() async throws {
        try await withServer { server in
            let client = try TestClient(port: server.port, target: "/flood?count=300&size=1000&close=1", deflate: PerMessageDeflateOffer())
            #expect(client.handshake.extensions == "permessage-deflate")
            let expected = String(decoding: (0..<1000).map { UInt8(0x20 + $0 % 95) }, as: UTF8.self)
            for _ in 0..<300 { #expect(try client.nextMessage() == .text(expected)) }
            let close = try client.nextClose()
            #expect(close.code == CloseCode.normalClosure && close.reason == "flood done")
            #expect(client.compressedMessages == Array(repeating: true, count: 300))
        }
    }

    @Test func bombInflatesToItsSize() async throws {
        try await withServer { server in
            let size = 5 << 20 + 12345
            let client = try TestClient(port: server.port, target: "/bomb?size=\(size)", deflate: PerMessageDeflateOffer())
            #expect(try client.nextMessage() == .binary([UInt8](repeating: 0, count: size)))
            #expect(client.compressedMessages == [true])
        }
    }

    @Test func bombWithoutDeflateClosesWithPolicy() async throws {
        try await withServer { server in
            let client = try TestClient(port: server.port, target: "/bomb?size=100")
            let close = try client.nextClose()
            #expect(close.code == CloseCode.policyViolation)
            #expect(close.reason.contains("needs permessage-deflate"))
        }
    }

    @Test func bombHitsTheClientLimit() async throws {
        try await withServer { server in
            let client = try TestClient(
                port: server.port, target: "/bomb?size=\(1 << 30)", deflate: PerMessageDeflateOffer(), maxPayloadSize: 4 << 20)
            let event = try client.nextEvent()
            guard case .failed(let violation) = event else {
                Issue.record("expected the client to fail, got \(event)")
                return
            }
            #expect(violation.closeCode == CloseCode.messageTooBig)
            #expect(violation.reason == "inflated size passed the 4 MiB limit")
            // The server answers our 1009 and closes; it stopped bombing.
            try client.waitForEndOfStream()
        }
    }
}
