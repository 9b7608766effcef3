import Foundation
import WebSocketServer

/// Runs `body` with a fresh project test server on 127.0.0.1, stopping it afterwards whatever happens.
package func withServer<T>(_ body: (TestServer) async throws -> T) async throws -> T {
    let server = try await TestServer.start(host: "127.0.0.1", port: 0)
    do {
        let result = try await body(server)
        try await server.stop()
        return result
    } catch {
        try? await server.stop()
        throw error
    }
}

/// Runs `body` with a tmux session whose shell has private XDG state and config directories (so compose history
/// never touches the user's, and the user's config file changes nothing), killing the tmux server afterwards.
package func withTmux<T>(_ name: String, cols: Int = 120, rows: Int = 40, _ body: (Tmux) async throws -> T) async throws -> T {
    let state = try makeTemporaryDirectory(name)
    defer { try? FileManager.default.removeItem(at: state) }
    let tmux = try await Tmux.start(
        name: name, cols: cols, rows: rows,
        environment: [
            "XDG_STATE_HOME": state.path, "XDG_CONFIG_HOME": state.appendingPathComponent("config").path,
        ])
    defer { tmux.kill() }
    return try await body(tmux)
}

/// The shell command that runs wsinspect and then prints its exit status.
package func inspectorCommand(_ arguments: [String]) throws -> String {
    let binary = try Binary.wsinspect()
    return ([binary] + arguments).map(Tmux.quote).joined(separator: " ") + "; echo \"EXIT=$?\""
}

extension String {
    /// The lines of a captured screen.
    package var screenLines: [String] { split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    /// Whether some single line contains every one of `parts`.
    package func hasLine(containing parts: String...) -> Bool {
        screenLines.contains { line in parts.allSatisfy { line.contains($0) } }
    }
}
