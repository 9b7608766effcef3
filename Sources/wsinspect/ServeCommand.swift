import ArgumentParser
import Dispatch
import Foundation
import WebSocketServer

/// `wsinspect serve`: the project's echo/test server on its own, until interrupted.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the echo/test server until interrupted.",
        discussion: """
            Routes: /echo (and /), /flood?count=N&size=S&type=text|binary&close=1, /sink, \
            /tick?count=N&interval=MS&size=S, /close?code=&reason=, \
            /drop?after=, /ping, /hostile (escape-sequence attacks, then echo), /headers, /raw?hex=, /bad/<kind>, \
            /bomb?size=N (one compressed message that inflates to N zero bytes), and the hostile-peer catalogue /abuse/<kind>: \(TestServer.abuseKinds.joined(separator: ", ")) (docs/SECURITY.md#hostile-peers).
            permessage-deflate is accepted on /echo, / and /flood when the client offers it; add deflate=0 to a \
            route to refuse it for one connection, or pass --no-deflate to refuse it everywhere but /bomb.
            """)

    @Flag(name: .customLong("no-deflate"), help: "Refuse permessage-deflate offers (except on /bomb).")
    var noDeflate = false

    @Option(help: "The port to listen on (0 picks a free one).")
    var port: Int = 8765

    @Option(help: "The address to listen on.")
    var host: String = "127.0.0.1"

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0–65535") }
    }

    func run() throws {
        let host = self.host
        let port = self.port
        let deflate = !noDeflate
        let server: TestServer
        do {
            server = try blockingAwait {
                deflate
                    ? try await TestServer.start(host: host, port: port)
                    : try await TestServer.start(host: host, port: port, deflate: nil)
            }
        } catch {
            ErrorOutput.write(
                "cannot listen on \(host):\(port): \(TestServer.listenFailureWords(error)); pick another --port (0 takes a free one)",
                prefix: "wsinspect serve")
            throw ExitCode(1)
        }
        // Written straight to the descriptor (not buffered) so a script waiting for this line sees it at once.
        FileHandle.standardOutput.write(
            Data("wsinspect: echo server listening on \(server.url) (try \(server.url)/echo; Ctrl-C stops it)\n".utf8))
        TerminationSignal.wait()
        try? blockingAwait { try await server.stop() }
    }
}
