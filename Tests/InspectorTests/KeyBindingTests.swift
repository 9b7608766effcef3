import Foundation
import Testing

@testable import Inspector

@Suite struct KeyBindingTests {
    @Test func helpListsEveryBinding() {
        let help = HelpText.lines(for: .standard).map(\.text)
        for binding in KeyBindings.standard.bindings {
            let keys = binding.keys.map(\.displayName).joined(separator: ", ")
            #expect(help.contains { $0.contains(keys) && $0.contains(binding.help) }, "help misses \(keys): \(binding.help)")
        }
        for command in ComposeParser.commands {
            #expect(help.contains { $0.contains(command.usage) })
        }
    }

    /// docs/INSPECTOR.md's key section is the help text, so the key table stays the one source.
    @Test func theDocsKeySectionIsTheHelpText() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/INSPECTOR.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        let help = HelpText.lines(for: .standard).map(\.text).joined(separator: "\n")
        let section = try #require(text.components(separatedBy: "## Key bindings").dropFirst().first)
        let block = try #require(
            section.components(separatedBy: "```text\n").dropFirst().first?
                .components(separatedBy: "\n```").first)
        #expect(block == help, "regenerate the block with `wsinspect --key-bindings`")
    }

    @Test func issueBindingsArePresent() {
        let table = KeyBindings.standard
        #expect(table.action(for: .tab, in: .log) == .cycleFocus)
        #expect(table.action(for: .tab, in: .compose) == .cycleFocus)
        #expect(table.action(for: .character("j"), in: .log) == .selectNext)
        #expect(table.action(for: .down, in: .log) == .selectNext)
        #expect(table.action(for: .character("k"), in: .log) == .selectPrevious)
        #expect(table.action(for: .pageUp, in: .log) == .pageUp)
        #expect(table.action(for: .pageDown, in: .log) == .pageDown)
        #expect(table.action(for: .character("g"), in: .log) == .selectFirst)
        #expect(table.action(for: .character("G"), in: .log) == .follow)
        #expect(table.action(for: .end, in: .log) == .follow)
        #expect(table.action(for: .character("/"), in: .log) == .openSearchForward)
        #expect(table.action(for: .character("?"), in: .log) == .openSearchBackward)
        #expect(table.action(for: .character("n"), in: .log) == .searchNext)
        #expect(table.action(for: .character("N"), in: .log) == .searchPrevious)
        #expect(table.action(for: .character("&"), in: .log) == .openFilter)
        #expect(table.action(for: .character("m"), in: .log) == .toggleMessages)
        #expect(table.action(for: .character("/"), in: .detail) == .openSearchForward)
        #expect(table.action(for: .character("n"), in: .detail) == .searchNext)
        #expect(table.action(for: .character("h"), in: .help) == .cancel)
        #expect(table.action(for: .character("c"), in: .log) == .toggleControlFrames)
        #expect(table.action(for: .character("s"), in: .log) == .toggleSent)
        #expect(table.action(for: .character("r"), in: .log) == .toggleReceived)
        #expect(table.action(for: .character("h"), in: .log) == .showHelp)
        #expect(table.action(for: .function(1), in: .compose) == .showHelp)
        #expect(table.action(for: .character("q"), in: .log) == .quit)
        #expect(table.action(for: .ctrl("c"), in: .compose) == .quit)
        #expect(table.action(for: .enter, in: .log) == .openDetail)
        #expect(table.action(for: .enter, in: .compose) == .submit)
        #expect(table.action(for: .altEnter, in: .compose) == .insertNewline)
        #expect(table.action(for: .ctrl("j"), in: .compose) == .insertNewline)
        #expect(table.action(for: .ctrl("t"), in: .compose) == .cycleComposeMode)
        #expect(table.action(for: .up, in: .compose) == .historyPrevious)
        #expect(table.action(for: .character("q"), in: .compose) == nil, "q is typed in the compose box")
        #expect(table.action(for: .character("R"), in: .log) == .reconnectNow)
        #expect(table.action(for: .character("e"), in: .log) == .editMessage)
        #expect(table.action(for: .character("."), in: .log) == .resend)
        #expect(table.action(for: .character(" "), in: .log) == .toggleMark)
        #expect(table.action(for: .character(" "), in: .compose) == nil, "a space is typed in the compose box")
    }

    @Test func stateFollowsTheTable() {
        var state = InspectorState()
        for i in 0..<30 { state.log.append(.frame(textFrame("m\(i)")), direction: .received, time: fixedTime) }
        #expect(state.focus == .log)
        _ = state.handle(.tab)
        #expect(state.focus == .compose)
        _ = state.handle(.escape)
        #expect(state.focus == .log)
        _ = state.handle(.character("k"))
        #expect(!state.log.isFollowing)
        _ = state.handle(.character("G"))
        #expect(state.log.isFollowing)
        _ = state.handle(.character("c"))
        #expect(state.log.filter.showKeepalive && !state.log.filter.hideControlFrames)
        _ = state.handle(.character("c"))
        #expect(state.log.filter.hideControlFrames)
        _ = state.handle(.character("r"))
        #expect(state.log.rowCount == 0)
        _ = state.handle(.character("x"))
        #expect(state.log.rowCount == 30)
        _ = state.handle(.character("&"))
        #expect(state.activeContext == .filterPrompt)
        for character in "m2[" { _ = state.handle(.character(character)) }
        _ = state.handle(.enter)
        #expect(state.prompt?.error != nil && state.activeContext == .filterPrompt)
        _ = state.handle(.backspace)
        _ = state.handle(.enter)
        #expect(state.activeContext == .log && state.log.rowCount == 11)
        _ = state.handle(.enter)
        #expect(state.activeContext == .detail)
        _ = state.handle(.escape)
        _ = state.handle(.character("h"))
        #expect(state.activeContext == .help)
        _ = state.handle(.escape)
        #expect(state.handle(.character("q")) == [.quit])
    }

    @Test func composeCommandsBecomeEffects() {
        var state = InspectorState(focus: .compose)
        func type(_ text: String) -> [InspectorEffect] {
            for character in text { _ = state.handle(.character(character)) }
            return state.handle(.enter)
        }
        #expect(type("/ping rtt") == [.ping(Array("rtt".utf8))])
        #expect(type("/close 4000 bye") == [.close(code: 4000, reason: "bye")])
        #expect(type("/reconnect") == [.reconnect])
        #expect(type("/connect ws://x/y") == [.connect("ws://x/y")])
        state.log.note("x")
        #expect(type("/clear") == [] && state.log.recordCount == 0)
        #expect(type("/help") == [] && state.activeContext == .help)
        _ = state.handle(.escape)
        #expect(type("/mode base64") == [] && state.compose.mode == .base64)
        #expect(type("AAEC") == [.sendBinary([0, 1, 2])])
    }
}
