import Foundation
import Inspector
import WebSockets

/// Runs an on-open script (`--on-open FILE`) on one connection, off the UI thread: sends, pings, sleeps and
/// waits in order, and stops at the first step that cannot be done, saying why in the log.
enum OnOpenRunner {
    /// Starts `script` on `ws`, which has just opened; cancel the task to stop it (a new connection does).
    static func start(
        _ script: OnOpenScript, on ws: WebSocket, inbox: ScriptInbox,
        sink: @escaping @Sendable (consuming SessionEvent) -> Void
    ) -> Task<Void, Never> {
        Task {
            defer { inbox.disarm() }
            for step in script.steps {
                if Task.isCancelled { return }
                if let problem = await run(step, on: ws, inbox: inbox) {
                    if !Task.isCancelled { sink(.note("on-open script stopped: \(problem)", isError: true)) }
                    return
                }
            }
        }
    }

    /// Does one step; returns what went wrong, or nil.
    private static func run(_ step: OnOpenScript.Step, on ws: WebSocket, inbox: ScriptInbox) async -> String? {
        switch step {
        case .sendText(let text):
            do { try ws.send(text) } catch { return error.message }
        case .sendBinary(let bytes):
            do { try ws.send(bytes) } catch { return error.message }
        case .ping(let payload):
            // Waiting for the pong keeps the steps in order: what follows goes out once the server has answered.
            do { _ = try await ws.ping(payload) } catch { return "/ping: \(error)" }
        case .sleep(let duration):
            try? await Task.sleep(for: duration)
        case .wait(let pattern, let timeout):
            // The parser checked the pattern compiles.
            guard let regex = try? NSRegularExpression(pattern: pattern) else { return "/wait: bad pattern" }
            if await !inbox.wait(for: regex, timeout: timeout) {
                return Task.isCancelled ? nil : "/wait \(pattern): no text message matched within \(timeout.components.seconds) s"
            }
        }
        return nil
    }
}
