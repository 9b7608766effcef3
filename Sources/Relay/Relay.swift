import Foundation
import NIOCore
import Synchronization
import WebSocketServer

/// `wsinspect relay`: accepts WebSocket clients on a listen address and connects each one to the upstream,
/// forwarding messages and closes both ways and reporting every step to an observer.
///
/// The listening side is the project's own server (its handshake, sessions and limits); the upstream side is the
/// library's `WebSocketStream`, so proxies, TLS options and extra headers apply as for any other connection.
package final class Relay: Sendable {
    /// The bound listen address as a URL clients can use, e.g. `ws://127.0.0.1:9000` (`wss://` with TLS).
    package var url: String { listener.url }
    /// The port clients connect to (the one the system picked for port 0).
    package var port: Int { listener.port }

    private let listener: TestServer
    let gateway: PairingGateway

    private init(listener: TestServer, gateway: PairingGateway) {
        self.listener = listener
        self.gateway = gateway
    }

    /// Starts listening on `options.listenHost:listenPort`; throws a `RelayListenError` that says why when the
    /// address cannot be bound.
    package static func start(_ options: RelayOptions, observer: any RelayObserver) async throws -> Relay {
        let gateway = PairingGateway(options: options, observer: observer)
        do {
            let listener = try await TestServer.startRelay(
                host: options.listenHost, port: options.listenPort, deflate: options.clientDeflate, tls: options.listenTLS,
                gateway: gateway)
            return Relay(listener: listener, gateway: gateway)
        } catch {
            throw RelayListenError(message: TestServer.listenFailureWords(error))
        }
    }

    /// Stops accepting clients, closes the open ones with 1001 and their upstreams with 1001 "relay stopping", and
    /// returns once every upstream's closing handshake is over (each bounded by the library's close timeout).
    package func stop() async throws {
        gateway.beginStopping()
        try await listener.stop()
        for task in gateway.runningPairs() { await task.value }
    }

    /// How many clients have arrived so far.
    package var connectionCount: Int { gateway.count }
}

/// Numbers each client and starts its pair's task.
final class PairingGateway: RelayGateway {
    private let options: RelayOptions
    private let observer: any RelayObserver
    private let state = Mutex(State())

    private struct State {
        /// Clients so far, which numbers the next.
        var count = 0
        /// Each running pair's task, by connection number, so `stop` can wait for their upstreams to close.
        var running: [Int: Task<Void, Never>] = [:]
        /// Each running pair, by connection number, for the inspector's intercept and inject.
        var pairs: [Int: RelayPair] = [:]
        var isStopping = false
    }

    init(options: RelayOptions, observer: any RelayObserver) {
        self.options = options
        self.observer = observer
    }

    var count: Int { state.withLock { $0.count } }

    func beginStopping() { state.withLock { $0.isStopping = true } }

    var isStopping: Bool { state.withLock { $0.isStopping } }

    func runningPairs() -> [Task<Void, Never>] { state.withLock { Array($0.running.values) } }

    func clientArrived(_ request: RelayRequest, client: RelayClientLeg) {
        let number = state.withLock { s in
            s.count += 1
            return s.count
        }
        let pair = RelayPair(
            number: number, client: client, bufferLimit: options.bufferLimit, observer: observer,
            isStopping: { [weak self] in self?.isStopping ?? true })
        let options = self.options
        // Registered under the lock before it can finish, so its own removal never comes first.
        state.withLock { s in
            s.pairs[number] = pair
            s.running[number] = Task { [weak self] in
                await pair.run(request, options: options)
                self?.finished(number)
            }
        }
    }

    private func finished(_ number: Int) {
        state.withLock { s in
            s.running[number] = nil
            s.pairs[number] = nil
        }
    }

    /// The running pair numbered `number`, if it is still running.
    func pair(_ number: Int) -> RelayPair? { state.withLock { $0.pairs[number] } }
}

/// Why a relay could not start listening, in the system's words, e.g. "Address already in use".
package struct RelayListenError: Error, CustomStringConvertible {
    /// The reason.
    package let message: String
    /// The reason, as it is shown.
    package var description: String { message }
}
