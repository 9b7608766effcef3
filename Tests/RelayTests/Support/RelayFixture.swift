import ClientTestSupport
import Relay
import WebSocketServer
import WebSockets

/// Records what a relay reports, for tests that check the relay's own account of a connection.
final class RecordingObserver: RelayObserver {
    let events = Recorder<RelayEvent>()
    func relay(_ event: RelayEvent) { events.append(event) }
}

/// A relay in front of `upstream` on 127.0.0.1, for one test; `stopWithin` ends it.
func startRelay(
    upstream: String, observer: any RelayObserver = RecordingObserver(), configure: (inout RelayOptions) -> Void = { _ in }
) async throws -> Relay {
    var options = RelayOptions(upstream: upstream)
    configure(&options)
    return try await Relay.start(options, observer: observer)
}

extension Relay {
    /// Stops the relay, bounded.
    func stopWithin(_ limit: Duration = .seconds(30)) async throws {
        try await withTimeout(limit, "stopping the relay") { try await self.stop() }
    }
}

/// Opens a stream client to `url`, bounded.
func openStream(_ url: String, protocols: [String] = []) async throws -> (WebSocketStream, WebSocketStream.Connection) {
    let stream = try WebSocketStream(url: url, options: WebSocketStreamOptions(protocols: protocols))
    let connection = try await withTimeout(.seconds(20), "opening \(url)") { try await stream.opened }
    return (stream, connection)
}
