import Foundation
import Inspector
import Relay
import Session
import Terminal

/// `wsinspect relay` on a terminal: the inspector fed by the relay's events, each relayed client one connection,
/// with the connection list, intercept and inject (docs/INSPECTOR.md#relay-wsinspect-relay).
struct RelayInspector {
    let options: RelayOptions
    let listen: String
    let upstream: String
    let theme: Theme
    let mouse: Bool

    /// Whether stdin and stdout are a terminal; otherwise `relay` prints lines, as scripts expect.
    static var hasTerminal: Bool { StandardStreams.areTerminal }

    /// Past this many undrawn events, forwarded messages are counted instead of logged until the UI catches up.
    static let queueHighWaterMark = 20_000

    func run() throws {
        let queue = try WakeableQueue()
        let sink = RelayEventSink { queue.push(.session($0)) }
        queue.setHighWaterMark(Self.queueHighWaterMark, onHigh: { sink.setBehind(true) }, onDrained: { sink.setBehind(false) })
        let relay = try RelayCommand.start(options, listen: listen, observer: sink)
        let session = RelaySession(relay: relay, sink: sink)
        var state = InspectorState(
            log: LogModel(), status: ConnectionStatus(url: relay.url, state: .open),
            compose: ComposeEditor(history: HistoryStore.load()))
        state.relay = RelayModel(listenURL: relay.url, upstream: upstream)
        state.relay?.wholeMessages = options.wholeMessages
        state.relayNote(
            "relaying \(relay.url) to \(ErrorOutput.printable(upstream)): point the client at \(relay.url) · C lists connections",
            connection: 0)
        let ui: UILoop
        do {
            ui = try UILoop(theme: theme, session: session, queue: queue, mouse: mouse)
        } catch {
            try? blockingAwait { try await relay.stop() }
            throw RuntimeFailure("\(error)")
        }
        let final = ui.run(state)
        try? blockingAwait { try await relay.stop() }
        HistoryStore.save(final.compose.history)
    }
}
