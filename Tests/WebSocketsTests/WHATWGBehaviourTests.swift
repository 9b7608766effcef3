import ClientTestSupport
import Foundation
import Testing
import WebSocketServer

@testable import WebSockets

/// The WHATWG WebSocket API's argument rules, as undici applies them (see shared/ANCHORS.md), one row each.
@Suite("WHATWG behaviours")
struct WHATWGBehaviourTests {
    @Test(
        "URLs that are not absolute ws/wss/http/https URLs, or that carry a fragment, are a SyntaxError",
        arguments: [
            "ftp://127.0.0.1/", "file:///tmp/x", "mailto:someone@example.com", "/relative/path", "relative",
            "127.0.0.1:80", "ws://127.0.0.1/#", "ws://127.0.0.1/#frag", "http://127.0.0.1/a#b", "ws://",
        ])
    func badURLs(url: String) {
        #expect(throws: WebSocketAPIError.self) {
            do {
                _ = try WebSocket(url: url)
            } catch {
                #expect((error as? WebSocketAPIError)?.kind == .syntax, "\(url): \(error)")
                throw error
            }
        }
    }

    @Test(
        "http maps to ws and https to wss; the URL reads back serialized",
        arguments: [
            ("http://127.0.0.1:1/a?b=c", "ws://127.0.0.1:1/a?b=c"),
            ("https://127.0.0.1:1/", "wss://127.0.0.1:1/"),
            ("WS://LOCALHOST:1", "ws://localhost:1/"),
            ("ws://127.0.0.1:80/x", "ws://127.0.0.1/x"),
            ("wss://127.0.0.1:443", "wss://127.0.0.1/"),
            ("ws://[::1]:1/p", "ws://[::1]:1/p"),
        ])
    func urlSerialization(input: String, expected: String) throws {
        // Port 1 on loopback refuses at once, so these sockets close quickly without traffic elsewhere.
        let ws = try WebSocket(url: input)
        #expect(ws.url == expected)
        ws.terminate()
    }

    @Test(
        "Protocols must be non-empty tokens with no case-insensitive duplicates",
        arguments: [["", "chat"], ["a b"], ["chat,other"], ["chat", "CHAT"], ["x\u{e9}"], ["(paren)"]])
    func badProtocols(protocols: [String]) {
        #expect(throws: WebSocketAPIError.self) {
            do {
                _ = try WebSocket(url: "ws://127.0.0.1:1/", protocols: protocols)
            } catch {
                #expect((error as? WebSocketAPIError)?.kind == .syntax)
                throw error
            }
        }
    }

    @Test(
        "Headers that would override the WebSocket handshake are a SyntaxError",
        arguments: [
            "Sec-WebSocket-Key", "sec-websocket-version", "Upgrade", "Connection", "Sec-WebSocket-Protocol",
        ])
    func reservedHeaders(name: String) {
        #expect(throws: WebSocketAPIError.self) {
            _ = try WebSocket(url: "ws://127.0.0.1:1/", options: WebSocketInit(headers: [(name, "x")]))
        }
    }

    @Test("A header value with CR/LF is rejected rather than injected")
    func headerInjection() {
        #expect(throws: WebSocketAPIError.self) {
            _ = try WebSocket(url: "ws://127.0.0.1:1/", options: WebSocketInit(headers: [("X-A", "1\r\nX-B: 2")]))
        }
    }

    @Test(
        "close() codes other than 1000 and 3000–4999 are InvalidAccessError, checked before the state",
        arguments: [0, 999, 1001, 1002, 1005, 1006, 1011, 2999, 5000, 65535] as [UInt16])
    func badCloseCodes(code: UInt16) throws {
        let ws = try WebSocket(url: "ws://127.0.0.1:1/")
        ws.terminate()
        #expect(throws: WebSocketAPIError.self) {
            do {
                try ws.close(code: code)
            } catch {
                #expect((error as? WebSocketAPIError)?.kind == .invalidAccess)
                throw error
            }
        }
    }

    @Test("A close reason over 123 UTF-8 bytes is a SyntaxError; 123 bytes is fine")
    func closeReasonLength() async throws {
        // A server that never answers the handshake keeps the socket CONNECTING until the close below; a refused
        // port could close it first, and then the accepted close() would have nothing to move to CLOSING.
        let server = try await TestServer.start()
        let ws = try WebSocket(url: server.url + "/bad/silent")
        let seen = try await whileHoldingConnectionThread(of: ws) {
            [
                apiErrorKind { try ws.close(code: 1000, reason: String(repeating: "é", count: 62)) },  // 124 bytes
                apiErrorKind { try ws.close(code: 1000, reason: String(repeating: "a", count: 123)) },
                "\(ws.readyState)",
            ]
        }
        #expect(seen == ["syntax", nil, ReadyState.closing.description])
        ws.terminate()
        try await server.stopWithin()
    }

    @Test("send() while CONNECTING is InvalidStateError; readyState starts at CONNECTING")
    func sendWhileConnecting() async throws {
        let server = try await TestServer.start()
        let ws = try WebSocket(url: server.url + "/bad/silent")
        #expect(ws.readyState == .connecting)
        #expect(ws.protocol == "")
        #expect(ws.extensions == "")
        #expect(throws: WebSocketAPIError.self) {
            do {
                try ws.send("too early")
            } catch {
                #expect((error as? WebSocketAPIError)?.kind == .invalidState)
                throw error
            }
        }
        ws.terminate()
        try await server.stopWithin()
    }

    @Test("close() while CONNECTING reports error then close (1006) after the call returns, never inside it")
    func closeWhileConnectingIsAsynchronous() async throws {
        let server = try await TestServer.start()
        let ws = try WebSocket(url: server.url + "/bad/silent")
        let callReturned = Recorder<Bool>()
        let release = DispatchSemaphore(value: 0)
        let seen = Recorder<String>()
        let done = DispatchSemaphore(value: 0)
        ws.setCallbacks(
            onerror: { _ in
                // If this ran inside close(), close() could not return before the wait timed out, and the
                // recorder would still be empty here.
                _ = release.wait(timeout: .now() + 5)
                seen.append("error(returned=\(callReturned.values == [true]))")
            },
            onclose: { event in
                seen.append("close(\(event.code),clean=\(event.wasClean))")
                done.signal()
            })
        let whileHeld = try await whileHoldingConnectionThread(of: ws) {
            let closeError = apiErrorKind { try ws.close() }
            callReturned.append(true)
            let state = "\(ws.readyState)"
            // Signalled while the loop is still held: the error event can only run after close() returned.
            release.signal()
            return [closeError, state]
        }
        #expect(whileHeld == [nil, ReadyState.closing.description])
        let finished = try await offThePool { done.wait(timeout: .now() + 10) == .success }
        #expect(finished)
        #expect(seen.values == ["error(returned=true)", "close(1006,clean=false)"])
        #expect(ws.readyState == .closed)
        try await server.stopWithin()
    }

    @Test("send() after closing started is ignored but counted in bufferedAmount, as WHATWG says")
    func sendAfterClose() async throws {
        let server = try await TestServer.start()
        let ws = try WebSocket(url: server.url + "/echo")
        let events = try await runToClose(ws) { ws, event in
            if case .open = event {
                try ws.close(code: 1000)
                try ws.send("ignored")
                #expect(ws.bufferedAmount == 7)
            }
        }
        #expect(events.messages.isEmpty)
        #expect(events.closeEvent?.wasClean == true)
        try await server.stopWithin()
    }

    /// Runs `body` while the connection's thread is held, so that the connection cannot move on (finish closing,
    /// and set CLOSED, which WHATWG sets before the error event) before `body` has looked at its state; returns what
    /// `body` saw, for the test to check.
    ///
    /// From holding to releasing, nothing waits for the cooperative pool: `body` runs on a thread of its own. The
    /// loop threads are shared with other tests' servers, and other tests' blocking clients can fill the pool's two
    /// threads; a test task waiting there to release the loop once kept a server's thread held until another test's
    /// read timed out.
    private func whileHoldingConnectionThread<Seen: Sendable>(
        of ws: WebSocket, _ body: @escaping @Sendable () -> Seen
    ) async throws -> Seen {
        let loopHeld = DispatchSemaphore(value: 0)
        let releaseLoop = DispatchSemaphore(value: 0)
        let holder = Task(executorPreference: ws.taskExecutor) {
            loopHeld.signal()
            _ = releaseLoop.wait(timeout: .now() + 5)
        }
        let seen = try await offThePool { () -> Seen? in
            defer { releaseLoop.signal() }
            guard loopHeld.wait(timeout: .now() + 5) == .success else { return nil }
            return body()
        }
        await holder.value
        return try #require(seen, "the connection's thread was not held within 5 s")
    }

    /// What a call did: nil when it returned, the kind of a `WebSocketAPIError` it threw, or any other error.
    private func apiErrorKind(_ call: () throws -> Void) -> String? {
        do {
            try call()
            return nil
        } catch let error as WebSocketAPIError {
            return "\(error.kind)"
        } catch {
            return "other error: \(error)"
        }
    }
}
