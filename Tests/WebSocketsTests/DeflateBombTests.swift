import ClientTestSupport
import Foundation
import Testing
import WebSocketCore
import WebSocketServer
import WebSockets

/// A decompression bomb from the project's server: 1 GiB of zeros that crosses the wire as about 1 MiB. The client
/// must close with 1009 once the inflated size passes its limit, and never hold anything near the bomb's size.
@Suite("permessage-deflate bomb")
struct DeflateBombTests {
    /// This process's resident set, and its peak so far, in bytes, from /proc/self/status.
    static func memory() throws -> (resident: Int, peak: Int) {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        func field(_ name: String) throws -> Int {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(name + ":") }),
                let kilobytes = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
            else { throw BombTestError(message: "no \(name) in /proc/self/status") }
            return kilobytes * 1024
        }
        return (try field("VmRSS"), try field("VmHWM"))
    }

    struct BombTestError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    @Test("1 GiB bomb against a 16 MiB limit: close 1009 naming the cause, memory stays bounded")
    func bomb() async throws {
        let server = try await TestServer.start()
        let limit: UInt64 = 16 << 20
        let before = try Self.memory()
        let ws = try WebSocket(
            url: server.url + "/bomb?size=\(1 << 30)",
            options: WebSocketInit(dispatcher: Agent(limits: ConnectionLimits(maxPayloadSize: limit))))
        let events = try await runToClose(ws, limit: .seconds(60))
        let after = try Self.memory()
        try await server.stopWithin()

        #expect(events.messages.isEmpty)
        #expect(events.closeEvent?.code == CloseCode.messageTooBig)
        #expect(events.closeEvent?.wasClean == false)
        let message = events.errorMessage ?? ""
        #expect(message == "1009 message too big: inflated size passed the 16 MiB limit", "error: \(message)")
        // Peak resident memory may grow by the limit and a few chunks, never by anything near the bomb's 1 GiB.
        // Other tests run in this process at the same time, so the bound is generous, not tight.
        // A new peak (VmHWM moved) was reached during the bomb; otherwise the current resident set is what grew.
        let growth = after.peak > before.peak ? after.peak - before.resident : after.resident - before.resident
        #expect(growth < 200 << 20, "peak resident memory grew by \(growth >> 20) MiB during the bomb")
    }
}
