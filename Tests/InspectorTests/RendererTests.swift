import Foundation
import Testing
import WebSocketCore

@testable import Inspector

@Suite struct RendererTests {
    func sampleState() -> InspectorState {
        var state = InspectorState(
            status: ConnectionStatus(
                url: "ws://127.0.0.1:9001/echo", state: .open, protocolName: "chat", extensions: "permessage-deflate",
                route: "direct", lastPingRTT: 0.00123))
        state.log.append(.handshakeRequest(Array("GET /echo HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8)), direction: .sent, time: fixedTime)
        state.log.append(.handshakeResponse(Array("HTTP/1.1 101 Switching Protocols\r\n\r\n".utf8)), direction: .received, time: fixedTime)
        state.log.append(.frame(RFCFrames.maskedText), direction: .sent, time: fixedTime)
        state.log.append(.frame(RFCFrames.unmaskedText), direction: .received, time: fixedTime)
        return state
    }

    @Test func fullScreenAt80x24() {
        let grid = render(sampleState(), rows: 24, cols: 80)
        expectGridIsInert(grid)
        let lines = grid.lines
        #expect(lines[0].hasPrefix(" OPEN  LOG  ws://127.0.0.1:9001/echo"))
        #expect(lines[0].contains("→ 1 fr 11 B  ← 1 fr 7 B  rtt 1.23 ms"))
        #expect(lines[1].hasPrefix("─ Log 4 · following ─"))
        #expect(lines[2].hasPrefix("12:00:00.125 → HTTP"))
        #expect(lines[4] == DisplayWidth.pad("12:00:00.125 → TEXT   F        5 B  Hello", to: 80))
        #expect(lines[5].hasPrefix("12:00:00.125 ← TEXT   F        5 B  Hello"))
        // The newest row is selected while following, so the hex pane shows the received frame.
        let frameTitle = try! #require(grid.row(containing: "─ Frame #4"))
        #expect(lines[frameTitle + 1].hasPrefix("FIN 1  RSV1 0  RSV2 0  RSV3 0  opcode 0x1 TEXT"))
        #expect(grid.row(containing: "00000000  81 05 48 65 6c 6c 6f") != nil)
        #expect(lines[22].hasPrefix("─ Compose  TEXT  ─"))
        #expect(lines[23].allSatisfy { $0 == " " }, "no placeholder while the log has focus")
        // Selection is drawn in the selection style.
        #expect(grid.style(row: 5, col: 0) == defaultPalette[.selection])
    }

    @Test func hexPaneStylesHeaderApartFromPayload() {
        var state = sampleState()
        _ = state.perform(.selectPrevious)
        let grid = render(state, rows: 24, cols: 80)
        let row = try! #require(grid.row(containing: "00000000  81 85 37 fa 21 3d 7f 9f"))
        #expect(grid.style(row: row, col: 10) == defaultPalette[.headerBytes])  // 81
        #expect(grid.style(row: row, col: 28) == defaultPalette[.payloadBytes])  // 7f
        #expect(grid.row(containing: "unmasked payload (5)") != nil)
        #expect(grid.row(containing: "00000000  48 65 6c 6c 6f") != nil)
    }

    @Test func layoutAt120x40() {
        let grid = render(sampleState(), rows: 40, cols: 120)
        expectGridIsInert(grid)
        let layout = Layout.make(size: TerminalSize(rows: 40, cols: 120))
        #expect(layout.statusBar != nil && layout.log != nil && layout.hexPane != nil && layout.compose != nil)
        #expect(grid.row(containing: "─ Frame #4") != nil)
        #expect(grid.lines[38].hasPrefix("─ Compose"))
    }

    @Test func sideBySideKeepsTheRuleAlignedWithWideText() {
        var state = sampleState()
        state.log.append(
            .frame(textFrame("世界世界 e\u{301}e\u{301} 🎉🎉 ｆｕｌｌ width 한국어 text that runs long")),
            direction: .received, time: fixedTime)
        state.log.append(
            .frame(textFrame("plain ascii text that also runs on and on and on past the edge")),
            direction: .received, time: fixedTime)
        let grid = render(state, rows: 30, cols: 160)
        expectGridIsInert(grid)
        let layout = Layout.make(size: TerminalSize(rows: 30, cols: 160))
        let ruleColumn = try! #require(layout.hexPane).col
        for row in 1..<29 where grid.rowText(row).contains("│") {
            let text = grid.rowText(row)
            let prefix = text[..<text.firstIndex(of: "│")!]
            #expect(DisplayWidth.of(prefix) == ruleColumn, "row \(row): \(text)")
        }
        let wideRow = try! #require(grid.row(containing: "世界世界"))
        #expect(grid.rowText(wideRow).contains("世界世界 e\u{301}e\u{301} 🎉🎉"))
    }

    @Test func degradesAt40x10() {
        let grid = render(sampleState(), rows: 10, cols: 40)
        expectGridIsInert(grid)
        let layout = Layout.make(size: TerminalSize(rows: 10, cols: 40))
        #expect(layout.hexPane == nil, "the hex pane goes first")
        #expect(layout.statusBar != nil && layout.log != nil && layout.compose != nil)
        #expect(grid.lines[0].contains("OPEN") || grid.lines[0].contains("←"))
    }

    @Test(arguments: [(1, 1), (0, 0), (0, 80), (24, 0), (2, 5), (3, 3), (5, 20), (6, 12), (12, 30), (24, 79)])
    func tinySizesNeverCrash(rows: Int, cols: Int) {
        var state = sampleState()
        state.compose.buffer.setText("some\ntext\nover\nlines")
        let grid = render(state, rows: rows, cols: cols)
        expectGridIsInert(grid)
        _ = state.perform(.showHelp)
        expectGridIsInert(render(state, rows: rows, cols: cols))
    }

    @Test func pausedBadgeCountsNewRows() {
        var state = sampleState()
        _ = state.perform(.selectPrevious)
        state.log.append(.frame(textFrame("later")), direction: .received, time: fixedTime)
        state.log.append(.frame(textFrame("later")), direction: .received, time: fixedTime)
        let grid = render(state, rows: 24, cols: 80)
        #expect(grid.lines[0].contains("PAUSED · 2 new"))
        let col = DisplayWidth.of(grid.lines[0][..<grid.lines[0].range(of: "PAUSED")!.lowerBound])
        #expect(grid.style(row: 0, col: col) == defaultPalette[.pausedBadge])
        _ = state.perform(.follow)
        #expect(!render(state, rows: 24, cols: 80).lines[0].contains("PAUSED"))
    }

    @Test func droppedCountIsShown() {
        var state = InspectorState(log: LogModel(capacity: 3), status: ConnectionStatus(url: "ws://x", state: .open))
        for i in 0..<10 { state.log.append(.frame(textFrame("\(i)")), direction: .received, time: fixedTime) }
        #expect(render(state, rows: 24, cols: 80).lines[0].contains("dropped 7"))
    }

    @Test func closedStateShowsCodeReasonOrError() {
        var state = InspectorState(status: ConnectionStatus(url: "ws://x", state: .closed(code: 4000, reason: "bye\u{1B}[2J")))
        #expect(render(state, rows: 24, cols: 80).lines[0].hasPrefix(" CLOSED 4000 Private Use: bye␛[2J "))
        state.status.errorText = "TLS: certificate for example.com not trusted"
        let grid = render(state, rows: 24, cols: 80)
        #expect(grid.lines[0].hasPrefix(" CLOSED · TLS: certificate for example.com not trusted "))
        #expect(grid.style(row: 0, col: 1) == defaultPalette[.error])
        state.status = ConnectionStatus(url: "ws://x", state: .connecting)
        #expect(render(state, rows: 24, cols: 80).lines[0].hasPrefix(" CONNECTING "))
    }

    @Test func hostileTextNeverReachesACell() {
        let hostile: [[UInt8]] = [
            Array("\u{1B}]0;pwned title\u{07}".utf8),
            Array("\u{1B}[2J\u{1B}[H".utf8),
            Array("\u{1B}]52;c;Y3VybCBldmlsIHwgc2g=\u{07}".utf8),
            [0xC2, 0x9B, 0x33, 0x31, 0x6D],  // C1 CSI
            Array("abc\u{202E}fed\u{2066}".utf8),
            [0x00, 0x7F, 0x0A, 0x0D, 0x08],
            [0xFF, 0xFE, 0xC0, 0x80, 0xED, 0xA0, 0x80, 0x9B],
        ]
        var state = InspectorState(
            status: ConnectionStatus(
                url: "ws://evil/\u{1B}]0;x\u{07}", state: .open, protocolName: "p\u{9B}", extensions: "e\u{202E}",
                errorText: nil))
        for bytes in hostile {
            let header = FrameHeader(opcode: .text, payloadLength: UInt64(bytes.count))
            state.log.append(
                .frame(Frame(header: header, payload: bytes, wireBytes: [0x81, UInt8(bytes.count)] + bytes)),
                direction: .received, time: fixedTime)
            state.log.append(
                .frame(
                    Frame(
                        header: FrameHeader(opcode: .close, payloadLength: UInt64(bytes.count + 2)),
                        payload: [0x0F, 0xA0] + bytes)), direction: .received, time: fixedTime)
        }
        state.log.append(
            .handshakeResponse(Array("HTTP/1.1 101 OK\r\nX: \u{1B}]0;t\u{07}\u{202E}\r\n\r\n".utf8)), direction: .received, time: fixedTime)
        state.log.note("error: \u{1B}[31mred\u{9B}", isError: true)
        state.compose.buffer.setText("typed \u{1B}[2J")
        for size in [(24, 80), (40, 120), (30, 160), (10, 40)] {
            // Walk the selection over every row so each record's hex pane is drawn too.
            var walking = state
            for _ in 0..<walking.log.rowCount {
                expectGridIsInert(render(walking, rows: size.0, cols: size.1))
                _ = walking.perform(.selectPrevious)
            }
            _ = walking.perform(.openDetail)
            expectGridIsInert(render(walking, rows: size.0, cols: size.1))
        }
        let grid = render(state, rows: 40, cols: 120)
        #expect(grid.row(containing: "␛]52;c;") != nil)
        #expect(grid.row(containing: "\\x9b31m") != nil)
        #expect(grid.row(containing: "abc<U+202E>fed<U+2066>") != nil)
        #expect(grid.row(containing: "\\xff\\xfe\\xc0\\x80") != nil)
    }

    @Test func composeShowsModeErrorAndCursor() {
        var state = sampleState()
        _ = state.handle(.tab)
        state.compose.mode = .hex
        for character in "4g" { _ = state.handle(.character(character)) }
        _ = state.handle(.enter)
        var canvas = GridCanvas(rows: 24, cols: 80)
        state.resize(to: TerminalSize(rows: 24, cols: 80))
        let result = InspectorRenderer(palette: defaultPalette, clock: utcClock).render(state, into: &canvas)
        let lines = canvas.lines
        #expect(lines[21].hasPrefix("─ Compose  HEX  ─"))
        #expect(lines[22].hasPrefix("4g "))
        #expect(lines[23].hasPrefix("✗ invalid hex: \"4g\""))
        #expect(result.cursorRow == 22 && result.cursorCol == 2)
    }

    @Test func helpOverlayIsGeneratedFromTheTable() {
        var state = sampleState()
        _ = state.perform(.showHelp)
        let grid = render(state, rows: 40, cols: 120)
        #expect(grid.row(containing: "─ Help") != nil)
        #expect(grid.row(containing: "Everywhere") != nil)
        #expect(grid.row(containing: "Ctrl-C") != nil)
    }

    @Test func detailViewPrettyPrintsJSON() {
        var state = InspectorState()
        state.log.append(.frame(textFrame(#"{"z":1,"a":{"b":true}}"#)), direction: .received, time: fixedTime)
        _ = state.perform(.openDetail)
        let grid = render(state, rows: 24, cols: 80)
        #expect(grid.row(containing: "─ Record #1") != nil)
        let a = try! #require(grid.row(containing: #""a" : {"#))
        let z = try! #require(grid.row(containing: #""z" : 1"#))
        #expect(z < a, "keys keep the order they were sent in")
    }

    @Test func aFloodThenARenderOnlyFormatsVisibleRows() {
        var state = InspectorState()
        let frame = textFrame("flood")
        for _ in 0..<100_000 { state.log.append(.frame(frame), direction: .received, time: fixedTime) }
        let grid = render(state, rows: 24, cols: 80)
        #expect(grid.lines[1].hasPrefix("─ Log 100000 · following"))
        #expect(grid.row(containing: "─ Frame #100000") != nil)
    }
}
