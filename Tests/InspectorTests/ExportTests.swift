import Foundation
import Testing
import WebSocketCore

@testable import Inspector

/// Issue 21's copy and save, key by key: what `y` and `Y` put on the clipboard, the 100 KB limit, and `w`'s
/// path prompt with its second confirmation before a file is replaced.
@Suite struct ExportTests {
    func state(_ frames: [Frame]) -> InspectorState {
        var state = InspectorState()
        for frame in frames { state.log.append(.frame(frame), direction: .received, time: fixedTime) }
        return state
    }

    func frame(_ opcode: Opcode, _ payload: [UInt8]) -> Frame {
        Frame(header: FrameHeader(opcode: opcode, payloadLength: UInt64(payload.count)), payload: payload)
    }

    @Test func yCopiesTextAsItIsAndBinaryAsHexAndYCopiesBase64() {
        var text = state([textFrame("héllo")])
        #expect(text.handle(.character("y")) == [.copyToClipboard("héllo")])
        #expect(text.handle(.character("G")).isEmpty)
        #expect(text.handle(.character("g")).isEmpty)
        #expect(text.handle(.character("Y")) == [.copyToClipboard(Base64.encode(Array("héllo".utf8)))])
        var binary = state([binaryFrame([0x00, 0xff, 0x1b])])
        #expect(binary.handle(.character("y")) == [.copyToClipboard("00 ff 1b")])
        #expect(binary.handle(.character("g")).isEmpty)
        #expect(binary.handle(.character("Y")) == [.copyToClipboard("AP8b")])
    }

    @Test func overOneHundredKilobytesIsRefusedAndPointsAtW() {
        // 40 000 bytes: as hex (3 characters a byte) past the limit, as base64 (4 per 3) within it.
        var state = state([frame(.binary, [UInt8](repeating: 7, count: 40_000))])
        _ = state.handle(.character("g"))
        #expect(state.handle(.character("y")).isEmpty)
        let note = state.log.entry(atRow: state.log.rowCount - 1).preview
        #expect(note.contains("over the clipboard's 100 KB") && note.contains("w writes"), "\(note)")
        _ = state.handle(.character("g"))
        #expect(state.handle(.character("Y")).count == 1)
    }

    @Test func wAsksForAPathWithADefaultNameThenWrites() {
        var state = state([textFrame(#"{"a":1}"#), textFrame("plain"), binaryFrame([1, 2])])
        let ids = (0..<3).map { state.log.entry(atRow: $0).record.id }
        _ = state.handle(.character("g"))
        _ = state.handle(.character("w"))
        #expect(state.prompt?.input.text == "./ws-\(ids[0]).json")
        #expect(state.activeContext == .filterPrompt)
        _ = state.handle(.escape)
        _ = state.handle(.character("j"))
        _ = state.handle(.character("w"))
        #expect(state.prompt?.input.text == "./ws-\(ids[1]).txt")
        _ = state.handle(.escape)
        _ = state.handle(.character("j"))
        _ = state.handle(.character("w"))
        #expect(state.prompt?.input.text == "./ws-\(ids[2]).bin")
        _ = state.handle(.ctrl("u"))
        for character in "/tmp/out.bin" { _ = state.handle(.character(character)) }
        #expect(state.handle(.enter) == [.saveFile(path: "/tmp/out.bin", bytes: [1, 2], overwrite: false)])
        #expect(state.prompt == nil)
    }

    @Test func anExistingFileIsReplacedOnlyAfterY() {
        var state = InspectorState()
        state.askToOverwrite(path: "x.bin", bytes: [9])
        #expect(state.handle(.enter).isEmpty, "Enter alone keeps the file")
        #expect(state.prompt == nil)
        state.askToOverwrite(path: "x.bin", bytes: [9])
        _ = state.handle(.character("n"))
        #expect(state.handle(.enter).isEmpty)
        state.askToOverwrite(path: "x.bin", bytes: [9])
        _ = state.handle(.character("y"))
        #expect(state.handle(.enter) == [.saveFile(path: "x.bin", bytes: [9], overwrite: true)])
    }

    @Test func aPingIsNeitherCopiedNorSaved() {
        var state = state([RFCFrames.ping])
        #expect(state.handle(.character("y")).isEmpty)
        #expect(state.handle(.character("g")).isEmpty)
        _ = state.handle(.character("w"))
        #expect(state.prompt == nil)
    }
}
