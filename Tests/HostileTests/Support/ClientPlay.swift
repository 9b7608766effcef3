import ClientTestSupport
import Foundation
import ProcessTestSupport
import WebSocketCore
import WebSockets

/// What the library client saw of one abuse: counts rather than whole messages, so that a flood or a bomb spread
/// over many messages does not grow the test process.
struct ClientOutcome: Sendable {
    /// The first text messages (up to 10).
    var texts: [String] = []
    /// Every message received.
    var messageCount = 0
    /// Pong events received.
    var pongCount = 0
    /// Whether `open` came.
    var opened = false
    /// The error event's message.
    var error: String?
    /// The close event.
    var close: CloseEvent?
    /// How much this process's peak resident set rose while the connection lived, in MiB.
    var peakGrowthMiB = 0
}

/// Plays `url` with the library client until its close event, within `deadline` (a hang detector, not a timing
/// threshold). `closeAfter`: the client closes with 1000 once it has that many messages (0: right at open).
func playClient(
    _ url: String, limits: ConnectionLimits = ConnectionLimits(), closeAfter: Int? = nil, deadline: Duration = .seconds(60)
) async throws -> ClientOutcome {
    let before = try Memory.resetPeak()
    let ws = try WebSocket(url: url, options: WebSocketInit(dispatcher: Agent(limits: limits)))
    let events = ws.events
    var outcome = try await withTimeout(deadline, "the close event of \(url)") {
        var outcome = ClientOutcome()
        for await event in events {
            switch event {
            case .open:
                outcome.opened = true
                if closeAfter == 0 { try ws.close(code: 1000) }
            case .message(let message):
                outcome.messageCount += 1
                if case .text(let text) = message.data, outcome.texts.count < 10 { outcome.texts.append(text) }
                if outcome.messageCount == closeAfter { try ws.close(code: 1000) }
            case .pong: outcome.pongCount += 1
            case .error(let error): outcome.error = error.message
            case .close(let close): outcome.close = close
            }
        }
        return outcome
    }
    outcome.peakGrowthMiB = max(0, try Memory.peakKiB() - before) >> 10
    return outcome
}

/// This process's memory, from /proc/self.
enum Memory {
    /// Resets the peak resident set to the current one (writing 5 to clear_refs, Linux 4.0+) and returns it in KiB.
    static func resetPeak() throws -> Int {
        try "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
        return try field("VmRSS")
    }

    /// The peak resident set since the last reset, in KiB.
    static func peakKiB() throws -> Int { try field("VmHWM") }

    private static func field(_ name: String) throws -> Int {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(name + ":") }),
            let value = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first.flatMap({ Int($0) })
        else { throw E2EError("no \(name) in /proc/self/status") }
        return value
    }
}
