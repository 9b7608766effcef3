import Foundation
import ProcessTestSupport
import Testing

extension EndToEnd {
    /// Issue 25, "/connect <url>": move to another endpoint without restarting, keeping the log and the flags.
    @Suite("/connect in tmux", .serialized)
    struct ConnectCommandTests {
        @Test("/connect moves to another endpoint and keeps the log; a bad URL leaves the connection alone")
        func connectElsewhere() async throws {
            try await withServer { server in
                try await withTmux("connect") { tmux in
                    try tmux.type(try inspectorCommand([server.url + "/echo"]))
                    try tmux.press("Enter")
                    try await tmux.waitFor("OPEN") { $0.screenLines.first?.contains("OPEN") == true }
                    try tmux.press("Escape")
                    try tmux.press("i")
                    try tmux.type("before-connect")
                    try tmux.press("Enter")
                    try await tmux.waitFor("the echo") { $0.hasLine(containing: "← TEXT", "before-connect") }

                    // A URL without a scheme is refused with a suggestion; the echo connection stays open.
                    try tmux.type("/connect localhost:1/x")
                    try tmux.press("Enter")
                    var screen = try await tmux.waitFor("the refusal") { $0.hasLine(containing: "ERROR", "/connect localhost:1/x") }
                    #expect(screen.hasLine(containing: "did you mean ws://localhost:1/x?"), "\(screen)")
                    #expect(screen.screenLines.first?.contains("OPEN") == true)

                    try tmux.type("/connect " + server.url + "/close?code=4000&reason=moved")
                    try tmux.press("Enter")
                    screen = try await tmux.waitFor("the new endpoint's close") {
                        $0.screenLines.first?.contains("CLOSED 4000") == true && $0.hasLine(containing: "← CLOSE", "moved")
                    }
                    #expect(screen.hasLine(containing: "← TEXT", "before-connect"), "the log was kept:\n\(screen)")
                    #expect(screen.hasLine(containing: "connecting to", "/close?code=4000"), "\(screen)")
                    let errors = screen.screenLines.filter { $0.contains(" ERROR ") }
                    #expect(errors.count == 1, "only the refused URL is an error; the replaced connection is not:\n\(screen)")
                    // The replaced connection's end is said once, before the next connection's divider.
                    let lines = screen.screenLines
                    let dropped = lines.indices.filter { lines[$0].contains("connection 1: dropped for connection 2") }
                    let divider = lines.firstIndex { $0.contains("── connection 2") }
                    #expect(dropped.count == 1 && divider != nil && dropped[0] < divider!, "\(screen)")
                    #expect(!screen.contains("terminate()"), "\(screen)")
                    try tmux.press("C-c")
                    try await tmux.waitFor("the exit") { $0.contains("EXIT=0") }
                }
            }
        }
    }
}
