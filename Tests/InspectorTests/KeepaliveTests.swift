import Foundation
import Testing
import WebSocketCore

@testable import Inspector

/// Issue 25: keepalive pings from --ping-interval are hidden from the log by default, counted in the status bar,
/// and `c` shows them.
@Suite struct KeepaliveTests {
    func frame(_ opcode: Opcode, _ payload: [UInt8]) -> Frame {
        Frame(
            header: FrameHeader(opcode: opcode, payloadLength: UInt64(payload.count)), payload: payload,
            wireBytes: [0x80 | opcode.rawValue, UInt8(payload.count)] + payload)
    }

    func state() -> InspectorState {
        var state = InspectorState(status: ConnectionStatus(url: "ws://127.0.0.1:9/echo", state: .open))
        for _ in 0..<3 {
            state.log.append(.frame(frame(.ping, Keepalive.payload)), direction: .sent, time: fixedTime)
            state.log.append(.frame(frame(.pong, Keepalive.payload)), direction: .received, time: fixedTime)
        }
        state.log.append(.frame(frame(.ping, Array("mine".utf8))), direction: .sent, time: fixedTime)
        state.log.append(.frame(frame(.pong, Array("mine".utf8))), direction: .received, time: fixedTime)
        return state
    }

    @Test func hiddenByDefaultCountedAndShownByC() {
        var state = state()
        #expect(state.log.rowCount == 2, "only the user's own ping and pong")
        #expect(state.log.counters.keepalivePings == 3)
        #expect(render(state, rows: 24, cols: 100).lines[0].contains("keepalive 3"))
        _ = state.handle(.character("c"))
        #expect(state.log.rowCount == 8)
        #expect(render(state, rows: 24, cols: 100).lines[1].contains("keepalive shown"))
        _ = state.handle(.character("c"))
        #expect(state.log.rowCount == 0, "then no control frames at all")
        _ = state.handle(.character("c"))
        #expect(state.log.rowCount == 2, "and back to the start")
    }
}
