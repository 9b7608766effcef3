// Drives the Autobahn TestSuite fuzzing server with the `WebSocket` client: every case echoes each message back
// with its opcode until the server closes, as the suite's client protocol requires.
//
// The echo runs in the `onmessage` callback, on the connection's event loop, so each message is answered before
// the next frame is parsed; that is what makes cases such as 3.2 (a message followed by a bad frame) strict.
import Foundation
import WebSockets

/// Writes a line straight to stdout, so progress shows as it happens even when stdout is a pipe (CI logs).
func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }

/// Command line: autobahn-client [server-url] [agent] [first-case] [last-case]
let arguments = CommandLine.arguments
let server = arguments.count > 1 ? arguments[1] : "ws://127.0.0.1:9001"
let agent = arguments.count > 2 ? arguments[2] : "wsinspect"

/// Collects the text messages of a non-echo session.
final class TextLog: Sendable {
    private let lock = NSLock()
    nonisolated(unsafe) private var texts: [String] = []  // every access holds `lock`
    func append(_ text: String) { lock.withLock { texts.append(text) } }
    var all: [String] { lock.withLock { texts } }
}

/// Opens `path` on the fuzzing server, echoes (or collects) until it closes; returns the text messages received.
@discardableResult
func run(_ path: String, echo: Bool) async throws -> [String] {
    let ws = try WebSocket(url: server + path, options: WebSocketInit(binaryType: .bytes))
    let log = TextLog()
    let _: CloseEvent = await withCheckedContinuation { continuation in
        ws.setCallbacks(
            onmessage: { message in
                switch message.data {
                case .text(let text):
                    if echo { try? ws.send(text) } else { log.append(text) }
                case .bytes(let bytes):
                    if echo { try? ws.send(bytes) }
                case .data(let data):
                    if echo { try? ws.send(data) }
                }
            },
            onerror: { error in
                if !echo { FileHandle.standardError.write(Data("autobahn-client: \(error.message)\n".utf8)) }
            },
            onclose: { event in continuation.resume(returning: event) })
    }
    return log.all
}

let countText = try await run("/getCaseCount", echo: false)
guard let count = countText.first.flatMap({ Int($0) }) else {
    FileHandle.standardError.write(Data("autobahn-client: no case count from \(server)\n".utf8))
    exit(2)
}
let first = arguments.count > 3 ? Int(arguments[3]) ?? 1 : 1
let last = arguments.count > 4 ? min(Int(arguments[4]) ?? count, count) : count
for number in first...last {
    let started = ContinuousClock.now
    try await run("/runCase?case=\(number)&agent=\(agent)", echo: true)
    let elapsed = ContinuousClock.now - started
    if elapsed > .seconds(3) { say("autobahn-client: case \(number) took \(elapsed)") }
    if number % 100 == 0 { say("autobahn-client: ran \(number) of \(count) cases") }
}
try await run("/updateReports?agent=\(agent)", echo: false)
say("autobahn-client: ran cases \(first)...\(last) of \(count)")
