import Testing
import WebSocketCore

@testable import Relay

@Suite struct UpstreamURLTests {
    @Test func theClientsPathAndQueryAreAppended() {
        #expect(UpstreamURL.make(upstream: "ws://h:1/socket", target: "/chat?room=1", exact: false) == "ws://h:1/socket/chat?room=1")
        #expect(UpstreamURL.make(upstream: "ws://h:1/", target: "/chat", exact: false) == "ws://h:1/chat")
        #expect(UpstreamURL.make(upstream: "ws://h:1", target: "/chat", exact: false) == "ws://h:1/chat")
        #expect(UpstreamURL.make(upstream: "ws://h:1/a?k=v", target: "/b?x=y", exact: false) == "ws://h:1/a/b?k=v&x=y")
    }

    @Test func aClientAskingForTheRootAddsNothing() {
        #expect(UpstreamURL.make(upstream: "wss://h/socket", target: "/", exact: false) == "wss://h/socket")
        #expect(UpstreamURL.make(upstream: "wss://h/socket", target: "/?x=1", exact: false) == "wss://h/socket?x=1")
    }

    @Test func exactUpstreamIgnoresTheClientsTarget() {
        #expect(UpstreamURL.make(upstream: "ws://h/socket", target: "/other?x=1", exact: true) == "ws://h/socket")
    }
}

@Suite struct ForwardedHeadersTests {
    @Test func hopByHopHostAndHandshakeHeadersStayBehind() {
        let client = HTTPHeaders([
            ("Host", "127.0.0.1:9000"), ("Upgrade", "websocket"), ("Connection", "Upgrade, X-Hop"), ("X-Hop", "1"),
            ("Sec-WebSocket-Key", "abc"), ("Sec-WebSocket-Version", "13"), ("Sec-WebSocket-Protocol", "chat"),
            ("Sec-WebSocket-Extensions", "permessage-deflate"), ("Keep-Alive", "5"), ("Proxy-Authorization", "x"),
            ("Cookie", "sid=1"), ("Authorization", "Bearer t"), ("Origin", "https://app.example"),
            ("User-Agent", "browser"),
        ])
        let forwarded = ForwardedHeaders.make(client: client, extra: [])
        #expect(forwarded.map(\.name) == ["Cookie", "Authorization", "Origin", "User-Agent"])
    }

    @Test func extraHeadersReplaceTheClientsOfTheSameName() {
        let client = HTTPHeaders([("Origin", "https://app.example"), ("Cookie", "sid=1")])
        let forwarded = ForwardedHeaders.make(client: client, extra: [(name: "origin", value: "https://other.example")])
        #expect(forwarded.map(\.name) == ["Cookie", "origin"])
        #expect(forwarded.last?.value == "https://other.example")
    }
}

@Suite struct UpstreamQueueTests {
    @Test func pushingPastTheLimitPausesAndTakingBelowHalfResumes() async {
        let queue = UpstreamQueue(limit: 1000)
        let message = UpstreamItem.message(.binary([UInt8](repeating: 1, count: 300)), frames: [])
        #expect(queue.push(message))
        #expect(queue.push(message))
        #expect(queue.push(message))
        #expect(!queue.push(message))  // 1200 bytes waiting: stop reading the client
        #expect(queue.bufferedBytes == 1200)
        var resumes: [Bool] = []
        for _ in 0..<4 { resumes.append(await queue.next()?.resume ?? false) }
        // 900, 600 are above half the limit; at 300 reading resumes, once.
        #expect(resumes == [false, false, true, false])
        #expect(queue.bufferedBytes == 0)
    }

    @Test func finishDropsWhatWaitsAndEndsTheReader() async {
        let queue = UpstreamQueue(limit: 1000)
        _ = queue.push(.message(.text("a"), frames: []))
        queue.finish()
        #expect(await queue.next() == nil)
        #expect(queue.push(.message(.text("b"), frames: [])))
        #expect(queue.bufferedBytes == 0)
    }
}
