import Foundation
import Testing
import WebSocketCore
import WebSockets

@testable import Inspector

/// The one redaction rule, kind by kind, and where it is applied: the log's preview, the hex pane's text, the
/// dump line and the record file hide credentials; `showsSecrets` shows them on screen; frames never change.
@Suite struct RedactionTests {
    private func head(_ lines: String...) -> [UInt8] { Array((lines.joined(separator: "\r\n") + "\r\n\r\n").utf8) }
    private func text(_ bytes: [UInt8]?) -> String? { bytes.map { String(decoding: $0, as: UTF8.self) } }

    @Test("Authorization and Proxy-Authorization keep their scheme and hide the credentials")
    func authorization() {
        #expect(Redaction.headerValue(name: "Authorization", value: "Basic YWxpY2U6aHVudGVyMg==") == "Basic ***")
        #expect(Redaction.headerValue(name: "proxy-authorization", value: "Bearer TOPSECRET") == "Bearer ***")
        #expect(Redaction.headerValue(name: "Authorization", value: "TOPSECRET") == "***")
        #expect(Redaction.headerValue(name: "X-Other", value: "visible") == nil)
    }

    @Test("Cookie keeps the names and hides every value; Set-Cookie hides the value and keeps its attributes")
    func cookies() {
        #expect(Redaction.headerValue(name: "Cookie", value: "sid=abc123; theme=dark") == "sid=***; theme=***")
        #expect(Redaction.headerValue(name: "Cookie", value: "token") == "***")
        #expect(
            Redaction.headerValue(name: "Set-Cookie", value: "sid=abc123; Path=/; HttpOnly")
                == "sid=***; Path=/; HttpOnly")
    }

    @Test("an HTTP head hides credential values only, byte for byte elsewhere; nil when there is nothing to hide")
    func httpHead() {
        let request = head(
            "GET /chat HTTP/1.1", "Host: example.com", "Authorization: Basic YWxpY2U6aHVudGVyMg==",
            "Cookie: sid=s3cr3t", "Upgrade: websocket")
        #expect(
            text(Redaction.httpHead(request))
                == String(
                    decoding: head(
                        "GET /chat HTTP/1.1", "Host: example.com", "Authorization: Basic ***", "Cookie: sid=***",
                        "Upgrade: websocket"), as: UTF8.self))
        let connect = head(
            "CONNECT bank.example:443 HTTP/1.1", "Host: bank.example:443",
            "Proxy-Authorization: Basic Ym9iOlRyMHViNGRvcg==")
        #expect(text(Redaction.wireMessage(connect))?.contains("Proxy-Authorization: Basic ***\r\n") == true)
        #expect(text(Redaction.wireMessage(connect))?.contains("Ym9i") == false)
        let response = head("HTTP/1.1 101 Switching Protocols", "Set-Cookie: sid=s3cr3t; Path=/")
        #expect(text(Redaction.wireMessage(response))?.contains("Set-Cookie: sid=***; Path=/") == true)
        #expect(Redaction.wireMessage(head("GET / HTTP/1.1", "Host: x")) == nil)
        // The start line is not a header, whatever it holds.
        #expect(Redaction.httpHead(head("Authorization: not a header line")) == nil)
    }

    @Test("a SOCKS5 username/password message (RFC 1929) names the user and hides the password")
    func socks5() {
        let message: [UInt8] = [0x01, 0x05] + Array("alice".utf8) + [0x07] + Array("hunter2".utf8)
        #expect(text(Redaction.wireMessage(message)) == "SOCKS5 username/password: user alice, password ***")
        // Other SOCKS messages (greeting, replies) and anything whose lengths do not add up are left alone.
        #expect(Redaction.wireMessage([0x05, 0x02, 0x00, 0x02]) == nil)
        #expect(Redaction.wireMessage([0x01, 0x00]) == nil)
        #expect(Redaction.socks5Credentials(message + [0x00]) == nil)
    }

    @Test("URL userinfo keeps the user and hides the password, even one holding /, ? or #")
    func urls() {
        #expect(Redaction.url("ws://alice:hunter2@example.com/chat") == "ws://alice:***@example.com/chat")
        #expect(Redaction.url("http://bob:Tr0ub4dor/x@proxy.corp:3128") == "http://bob:***@proxy.corp:3128")
        #expect(Redaction.url("http://bob:a?b#c@proxy.corp:3128") == "http://bob:***@proxy.corp:3128")
        #expect(Redaction.url("ws://alice@example.com/") == "ws://alice@example.com/")
        #expect(Redaction.url("ws://example.com/") == "ws://example.com/")
        #expect(
            Redaction.urls(in: "connecting to ws://a:pw@h/x and \"socks5h://u:p/q@h:1\" now")
                == "connecting to ws://a:***@h/x and \"socks5h://u:***@h:1\" now")
        #expect(Redaction.urls(in: "no URL here") == "no URL here")
    }

    @Test("records: handshakes and notes are hidden, frames never; showsSecrets gives the record back")
    func records() {
        let request = head("GET / HTTP/1.1", "Authorization: Bearer TOPSECRET")
        let record = InspectorRecord(id: 4, time: fixedTime, direction: .sent, kind: .handshakeRequest(request))
        guard case .handshakeRequest(let hidden)? = record.redacted()?.kind else {
            Issue.record("the request was not redacted")
            return
        }
        #expect(!String(decoding: hidden, as: UTF8.self).contains("TOPSECRET"))
        #expect(record.redacted()?.id == 4)
        #expect(record.shown(showsSecrets: true) == record)
        let note = InspectorRecord(
            id: 5, time: fixedTime, direction: .local,
            kind: .note("connecting to ws://u:pw@h/", isError: false))
        #expect(note.redacted()?.kind == .note("connecting to ws://u:***@h/", isError: false))
        let frame = InspectorRecord(
            id: 6, time: fixedTime, direction: .received,
            kind: .frame(textFrame("Authorization: Basic x")))
        #expect(frame.redacted() == nil)
    }

    @Test("the log preview, the hex pane, the dump line and the record line hide a SOCKS password")
    func outputs() {
        let message: [UInt8] = [0x01, 0x05] + Array("alice".utf8) + [0x07] + Array("hunter2".utf8)
        let record = InspectorRecord(id: 1, time: fixedTime, direction: .sent, kind: .handshakeRequest(message))
        var log = LogModel()
        log.append(record)
        let entry = log.entry(atRow: 0)
        #expect(entry.preview == "SOCKS5 username/password: user alice, password ***")
        #expect(entry.preview(showsSecrets: true).contains("hunter2"))
        let hex = HexPaneFormatter.lines(for: record.shown(showsSecrets: false)).map(\.text).joined(separator: "\n")
        #expect(!hex.contains("hunter2"))
        #expect(!DumpLineFormatter(clock: utcClock).line(for: record).contains("hunter2"))
        #expect(DumpLineFormatter(clock: utcClock, showsSecrets: true).line(for: record).contains("hunter2"))
        let hidden = record.redacted()!
        let line = JSONLinesRecord.line(for: hidden, redacted: true)
        #expect(!line.contains("hunter2") && !line.contains(Base64.encode(Array("hunter2".utf8))))
        #expect(line.contains("\"redacted\":true"))
    }
}

/// The screen: status bar, log row, hex pane and detail view hide credentials unless `showsSecrets`.
@Suite struct RedactionScreenTests {
    private func state(showsSecrets: Bool) -> InspectorState {
        var state = InspectorState(status: ConnectionStatus(url: "ws://alice:s3cret@127.0.0.1:9001/echo", state: .open))
        state.showsSecrets = showsSecrets
        let connect = Array("CONNECT 127.0.0.1:9001 HTTP/1.1\r\nProxy-Authorization: Basic Ym9iOlRyMHViNGRvcg==\r\n\r\n".utf8)
        state.log.append(.handshakeRequest(connect), direction: .sent, time: fixedTime)
        let socks: [UInt8] = [0x01, 0x05] + Array("alice".utf8) + [0x07] + Array("hunter2".utf8)
        state.log.append(.handshakeRequest(socks), direction: .sent, time: fixedTime)
        return state
    }

    private let secrets = ["s3cret", "hunter2", "Ym9iOlRyMHViNGRvcg=="]

    @Test("hidden by default: the URL, the SOCKS5 row and its hex pane, the CONNECT detail view")
    func hidden() {
        var state = state(showsSecrets: false)
        var screen = render(state, rows: 24, cols: 120).lines.joined(separator: "\n")
        _ = state.perform(.selectPrevious)
        _ = state.perform(.openDetail)
        screen += render(state, rows: 24, cols: 120).lines.joined(separator: "\n")
        for secret in secrets { #expect(!screen.contains(secret), "\(secret) is on screen:\n\(screen)") }
        #expect(screen.contains("ws://alice:***@127.0.0.1:9001/echo"))
        #expect(screen.contains("SOCKS5 username/password: user alice, password ***"))
        #expect(screen.contains("Proxy-Authorization: Basic ***"))
    }

    @Test("--show-secrets shows them on screen")
    func shown() {
        var state = state(showsSecrets: true)
        var screen = render(state, rows: 24, cols: 120).lines.joined(separator: "\n")
        _ = state.perform(.selectPrevious)
        _ = state.perform(.openDetail)
        screen += render(state, rows: 24, cols: 120).lines.joined(separator: "\n")
        for secret in secrets { #expect(screen.contains(secret), "\(secret) is not on screen:\n\(screen)") }
    }
}
