import Foundation
import Testing

@testable import Inspector

/// Issue 25, narrow terminals: the status bar keeps the state, the focus and the server's host and port before
/// the counters, and drops the round-trip time first.
@Suite struct StatusBarWidthTests {
    func state() -> InspectorState {
        var state = InspectorState(
            log: LogModel(capacity: 3),
            status: ConnectionStatus(
                url: "ws://127.0.0.1:44037/echo?token=abc", state: .open, protocolName: "chat",
                extensions: "permessage-deflate", lastPingRTT: 0.00052))
        for i in 0..<5 { state.log.append(.frame(textFrame("m\(i)")), direction: .received, time: fixedTime) }
        return state
    }

    func statusLine(cols: Int) -> String { render(state(), rows: 24, cols: cols).lines[0] }

    @Test func at120EverythingFits() {
        let line = statusLine(cols: 120)
        // The whole URL, then as much of protocol and extensions as fits, cut with an ellipsis.
        #expect(line.hasPrefix(" OPEN  LOG  ws://127.0.0.1:44037/echo?token=abc  proto chat  ext perm"), "\(line)")
        #expect(line.contains("…  → 0 fr 0 B  ← 5 fr 20 B  dropped 2  rtt 0.52 ms "), "\(line)")
    }

    @Test func at80TheURLShrinksBeforeAnyCounterGoes() {
        let line = statusLine(cols: 80)
        #expect(line.hasPrefix(" OPEN  LOG  127.0.0.1:44037  "), "\(line)")
        #expect(!line.contains("proto chat"))
        #expect(line.contains("→ 0 fr 0 B  ← 5 fr 20 B  dropped 2  rtt 0.52 ms"), "\(line)")
    }

    @Test func at60HostAndPortStayAndRTTGoesFirst() {
        let line = statusLine(cols: 60)
        #expect(line.hasPrefix(" OPEN  LOG  127.0.0.1:44037  "), "\(line)")
        #expect(line.hasSuffix("→ 0 fr 0 B  ← 5 fr 20 B "), "\(line)")
        #expect(!line.contains("rtt"), "\(line)")
        #expect(DisplayWidth.of(line) == 60)
    }

    @Test func theRoundTripTimeGoesBeforeTheDroppedCount() {
        let line = statusLine(cols: 70)
        #expect(line.hasPrefix(" OPEN  LOG  127.0.0.1:44037  "), "\(line)")
        #expect(line.hasSuffix("→ 0 fr 0 B  ← 5 fr 20 B  dropped 2 "), "\(line)")
    }

    @Test func evenNarrowerTheCountersGoBeforeTheHost() {
        let line = statusLine(cols: 36)
        #expect(line.hasPrefix(" OPEN  LOG  127.0.0.1:44037"), "\(line)")
        #expect(!line.contains("→"), "\(line)")
    }

    @Test func hostAndPort() {
        #expect(StatusBarFit.hostAndPort("wss://example.com/socket") == "example.com")
        #expect(StatusBarFit.hostAndPort("ws://[::1]:9001/") == "[::1]:9001")
        #expect(StatusBarFit.hostAndPort("not a url") == "not a url")
    }
}
