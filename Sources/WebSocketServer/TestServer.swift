import NIOCore
import NIOPosix
import NIOSSL
import WebSocketCore

/// The project's WebSocket test server: echo by default, and on request floods, sinks, scripted closes, hostile
/// content and deliberate protocol violations, chosen by the request path and query.
///
/// Used by the client tests, `wsinspect serve`, the inspector's embedded echo default and the benchmarks. Routes:
/// `/` and `/echo`, `/headers`, `/flood?count=&size=&type=text|binary&close=1`, `/sink?count=`,
/// `/tick?count=&interval=&size=` (timestamped messages at a fixed interval, for many-connection benchmarks),
/// `/close?code=&reason=`, `/drop?after=`, `/stall`, `/ping?payload=`, `/hostile`, `/raw?hex=`, `/bomb?size=` (one
/// compressed message inflating to `size` bytes), `/bad/<kind>` for broken handshakes and frames, and
/// `/abuse/<kind>` for the hostile-peer catalogue (`abuseKinds`). Any route
/// takes `protocol=NAME` (answer exactly NAME) or `protocol=` (answer none); without it the first offered
/// subprotocol is chosen.
///
/// permessage-deflate (RFC 7692) is accepted on `/`, `/echo`, `/flood` and `/bomb` when the client offers it;
/// `deflate=0` turns it off for one connection, `deflate=1` on for any route, and `start(deflate: nil)` off for
/// the whole server (`/bomb` still compresses: it has no other form).
public final class TestServer: Sendable {
    /// The kinds `/abuse/<kind>` serves, for `wsinspect serve --help`.
    package static var abuseKinds: [String] { AbuseRoute.kinds }

    /// The host the server was asked to listen on.
    public let host: String
    /// The port it listens on (the one picked by the system when started with port 0).
    public let port: Int

    /// What the server saw: write stalls (backpressure) and upgrades.
    public let statistics: ServerStatistics

    private let listener: any Channel
    private let connections: ConnectionRegistry
    private let isTLS: Bool

    private init(
        host: String, port: Int, isTLS: Bool, listener: any Channel, connections: ConnectionRegistry,
        statistics: ServerStatistics
    ) {
        self.host = host
        self.port = port
        self.isTLS = isTLS
        self.listener = listener
        self.connections = connections
        self.statistics = statistics
    }

    /// `ws://host:port` (`wss://` when listening with TLS), with an IPv6 host in brackets.
    public var url: String {
        return "\(isTLS ? "wss" : "ws")://\(HostPort.address(host: host, port: port))"
    }

    /// Starts listening; port 0 picks a free port. Host must be loopback in tests. `deflate` is how offers of
    /// permessage-deflate are answered; `nil` declines them.
    public static func start(
        host: String = "127.0.0.1", port: Int = 0, deflate: PerMessageDeflateServerPolicy? = PerMessageDeflateServerPolicy()
    ) async throws -> TestServer {
        try await listen(host: host, port: port, deflate: deflate, tls: nil, gateway: nil)
    }

    /// Starts listening with TLS (`wss://`), for tests of a client's TLS against the project's own server; the
    /// routes are `start`'s.
    package static func start(
        host: String = "127.0.0.1", port: Int = 0,
        deflate: PerMessageDeflateServerPolicy? = PerMessageDeflateServerPolicy(), tls: ListenerTLS
    ) async throws -> TestServer {
        try await listen(host: host, port: port, deflate: deflate, tls: tls, gateway: nil)
    }

    /// Starts listening as a relay: every valid upgrade request goes to `gateway`, which answers it once it has
    /// opened the far side; there are no routes. `deflate` answers the clients' own permessage-deflate offers;
    /// with `tls` every connection starts with a TLS handshake (`wss://`).
    package static func startRelay(
        host: String, port: Int, deflate: PerMessageDeflateServerPolicy?, tls: ListenerTLS? = nil,
        gateway: any RelayGateway
    ) async throws -> TestServer {
        try await listen(host: host, port: port, deflate: deflate, tls: tls, gateway: gateway)
    }

    private static func listen(
        host: String, port: Int, deflate: PerMessageDeflateServerPolicy?, tls: ListenerTLS?,
        gateway: (any RelayGateway)?
    ) async throws -> TestServer {
        let group = MultiThreadedEventLoopGroup.singleton
        let connections = ConnectionRegistry(eventLoop: group.next())
        let statistics = ServerStatistics()
        let listener = try await ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.backlog, value: 256)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            // Larger than NIO's 32/64 KiB default so a flood keeps the socket busy between writability events,
            // still small enough that a stalled client costs about 1 MiB.
            .childChannelOption(ChannelOptions.writeBufferWaterMark, value: .init(low: 256 << 10, high: 1 << 20))
            .childChannelInitializer { channel in
                connections.add(channel)
                return channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls.context))
                    }
                    try channel.pipeline.syncOperations.addHandler(
                        ServerChannelHandler(deflatePolicy: deflate, statistics: statistics, gateway: gateway))
                }
            }
            .bind(host: host, port: port)
            .get()
        guard let boundPort = listener.localAddress?.port else {
            try? await listener.close()
            throw TestServerError(message: "listener on \(host):\(port) has no local port")
        }
        return TestServer(
            host: host, port: boundPort, isTLS: tls != nil, listener: listener, connections: connections, statistics: statistics)
    }

    /// Stops accepting connections, then ends the open ones (Close 1001 "server stopping" where a WebSocket is
    /// open, then TCP close) and waits until they are closed. Calling it again does nothing.
    public func stop() async throws {
        do {
            try await listener.close()
        } catch ChannelError.alreadyClosed {
            // Already stopped: stop() is idempotent.
        }
        await connections.stopAll()
    }
}

/// Why the test server could not start.
public struct TestServerError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public let message: String
    public var description: String { "test server: \(message)" }
}
