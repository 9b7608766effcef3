import Foundation
import Inspector
import WebSocketCore
import WebSockets

/// The live connection behind the inspector: opens it, reopens it on `/reconnect` (the log stays), sends what
/// the compose box produced, keeps it alive with pings, and writes `--record`.
///
/// Confined to the UI thread: the UI loop calls every method. The connection's callbacks and wire tap run on NIO
/// threads and only ever call `sink`, which queues a ``SessionEvent`` for the UI thread without blocking.
package final class InspectorSession: SessionDriver {
    /// What to connect to and how (`/connect` changes the URL).
    package private(set) var options: SessionOptions
    let sink: @Sendable (consuming SessionEvent) -> Void
    private let recorder: RecordWriter?
    var socket: WebSocket?
    private var keepalive: Task<Void, Never>?
    /// Called with every record the session logs (applied events and its own notes), after `--record` has it;
    /// `--dump` prints through this.
    package var observer: ((InspectorRecord) -> Void)?
    private var closeTracker = CloseTracker()
    /// Sees every wire record on the connection's thread, in wire order, before it is queued for the UI thread;
    /// a record it answers `false` for is not queued. `--dump` prints frames from here, so a flood does not cross
    /// threads record by record. Set it before ``connect(state:)``; a connection keeps the one it started with.
    package var wireObserver: (@Sendable (WireRecord) -> Bool)?
    /// Further readers of every connection's whole traffic (the HAR collector), unaffected by `wireObserver` and
    /// the log's cuts. Set them before ``connect(state:)``; a connection keeps the ones it started with.
    package var wireConsumers: [any SessionWireConsumer] = []
    /// How `/export FILE` writes the log: credentials, control frames, the HAR's creator.
    package var exportSettings = ExportSettings()
    /// Pauses and resumes receiving on the current connection, from any thread.
    package let flow = ReceiveFlow()
    /// Increases with every connection attempt; events carry it so stale ones cannot change the status.
    package private(set) var generation = 0
    /// What the user asked with `/close`, so the end of that connection is told in their terms: a cancelled
    /// attempt is not an error, and only a close they asked for is shown as "we sent … · server answered …".
    private enum UserClose {
        case cancelled(generation: Int)
        case closed(generation: Int)
    }
    private var userClose: UserClose?
    /// When to reconnect by itself (`--reconnect`, `/reconnect auto`).
    package internal(set) var schedule: ReconnectSchedule
    /// The timer of the automatic reconnect waiting to be made.
    var reconnectTimer: Task<Void, Never>?
    /// The on-open script running on the current connection.
    var scriptTask: Task<Void, Never>?
    /// The current connection's received texts, for the script's `/wait`s; nil when it has none.
    var scriptInbox: ScriptInbox?
    /// The current connection's failure, in words, for the divider of the connection that follows it.
    var failureText: String?
    /// Why the next connection is made, for its divider row (`after close 1006: connection reset`).
    var nextCause: String?

    /// Creates a session; nothing connects until ``connect(state:)``.
    package init(options: SessionOptions, recorder: RecordWriter? = nil, sink: @escaping @Sendable (consuming SessionEvent) -> Void) {
        self.options = options
        self.recorder = recorder
        self.sink = sink
        schedule = ReconnectSchedule(backoff: options.reconnect ?? ReconnectBackoff(), enabled: options.reconnect != nil)
    }

    deinit {
        keepalive?.cancel()
        reconnectTimer?.cancel()
        scriptTask?.cancel()
    }

    /// Opens a connection, replacing (and dropping) the current one. Throws for a URL, subprotocol or header the
    /// client refuses; nothing is logged then, so the CLI can report it and exit.
    package func connect(state: inout InspectorState) throws(WebSocketAPIError) {
        let next = generation + 1
        let sink = self.sink
        let observer = wireObserver
        let consumers = wireConsumers
        // With `--record` nothing is cut before the recording has it; the log still cuts what it keeps.
        let limit = recorder == nil ? self.options.maxRecordBytes : nil
        // Only a script that waits for an answer needs the received texts.
        let inbox = self.options.onOpen.map(Self.needsInbox) == true ? ScriptInbox() : nil
        let options = WebSocketInit(
            protocols: self.options.protocols, headers: self.options.headers, dispatcher: try self.options.dispatcher(),
            binaryType: .bytes,
            tap: { record in
                inbox?.offer(record)
                for consumer in consumers { consumer.observe(record, generation: next) }
                if let observer, !observer(record) { return }
                guard let limit, record.hasPayload(longerThan: limit) else {
                    return sink(.wire(generation: next, record))
                }
                let (kept, trim) = record.trimmed(to: limit)
                if let trim { sink(.trimmedWire(generation: next, kept, trim)) } else { sink(.wire(generation: next, kept)) }
            },
            perMessageDeflate: self.options.deflate ? PerMessageDeflateOffer() : nil)
        // Consumers hear of the attempt before its first bytes, which the tap may see before `WebSocket` returns.
        for consumer in consumers { consumer.connectionStarted(generation: next, url: self.options.url, time: Date()) }
        let ws: WebSocket
        do throws(WebSocketAPIError) {
            ws = try WebSocket(url: self.options.url, options: options)
        } catch {
            for consumer in consumers { consumer.connectionAbandoned(generation: next) }
            throw error
        }
        generation = next
        closeTracker = CloseTracker()
        keepalive?.cancel()
        if let replaced = socket { endReplaced(replaced, number: next - 1, by: next, in: &state) }
        startingConnection(next, inbox: inbox, in: &state)
        socket = ws
        flow.attach(ws)
        ws.setCallbacks(
            onopen: { sink(.opened(generation: next, protocol: $0.protocol, extensions: $0.extensions)) },
            onpong: { sink(.pong(generation: next, roundTripTime: $0.roundTripTime)) },
            onerror: { sink(.failed(generation: next, message: $0.message)) },
            onclose: { sink(.closed(generation: next, code: $0.code, reason: $0.reason, wasClean: $0.wasClean)) })
        state.status.url = self.options.url
        state.status.route = ws.route == "direct" ? "" : ws.route
        state.status.state = .connecting
        state.status.protocolName = ""
        state.status.extensions = ""
        state.status.errorText = nil
        state.status.ourClose = nil
        state.status.connectingSince = Date()
        note("connecting to \(self.options.url)", in: &state)
        if let interval = self.options.pingInterval { keepalive = Self.startKeepalive(ws, every: interval, sink: sink) }
    }

    /// Applies a queued event to the model, and records what it added.
    package func apply(_ event: consuming SessionEvent, to state: inout InspectorState) {
        let added: InspectorRecord?
        // Consumed, so a flood's wire records move into the log rather than being copied out of the event.
        switch consume event {
        case .wire(let generation, let wire):
            added = apply(wire: consume wire, trim: nil, generation: generation, to: &state)
        case .trimmedWire(let generation, let wire, let trim):
            added = apply(wire: consume wire, trim: trim, generation: generation, to: &state)
        case .closed(let generation, let code, let reason, let wasClean, let time):
            if generation == self.generation {
                state.status.ourClose = userClosed(generation) ? closeTracker.ourClose : nil
            }
            // A cancelled attempt's reason is the library's account of the cancellation, already said in words.
            let reason = cancelled(generation) ? "" : reason
            let closed = SessionEvent.closed(
                generation: generation, code: code, reason: reason, wasClean: wasClean,
                time: time)
            added = state.apply(closed, currentGeneration: self.generation)
            if let added { record(added, in: &state) }
            if generation == self.generation {
                ended(code: code, reason: reason, userAsked: userClosed(generation) || cancelled(generation), in: &state)
            }
            return
        case .failed(let generation, _, let time) where cancelled(generation):
            if generation == self.generation { state.status.errorText = Self.cancelledWords }
            added = state.log.note(Self.cancelledWords, time: time)
        case .opened(let generation, let negotiated, let extensions, let time):
            added = state.apply(
                .opened(generation: generation, protocol: negotiated, extensions: extensions, time: time),
                currentGeneration: self.generation)
            if let added { record(added, in: &state) }
            // After "connected" is recorded, so the script's own rows follow it.
            if generation == self.generation { opened(in: &state) }
            return
        case .failed(let generation, let message, let time):
            if generation == self.generation { failureText = message }
            added = state.apply(
                .failed(generation: generation, message: message, time: time),
                currentGeneration: self.generation)
        case .reconnectDue(let generation, let attempt):
            added = nil
            if generation == self.generation && schedule.isDue(attempt: attempt) { reconnectNow(in: &state) }
        case .pong(let generation, let roundTripTime):
            added = state.apply(
                .pong(generation: generation, roundTripTime: roundTripTime), currentGeneration: self.generation)
        case .note(let text, let isError):
            added = state.apply(.note(text, isError: isError), currentGeneration: self.generation)
        case .relay(let event):
            // Relay mode's events come through `RelaySession`; a client session has none, but the model knows them.
            added = state.apply(.relay(event), currentGeneration: self.generation)
        }
        if let added { record(added, in: &state) }
    }

    /// Applies bytes that crossed the wire; returns the record when someone needs it back.
    private func apply(
        wire: consuming WireRecord, trim: RecordTrim?, generation: Int, to state: inout InspectorState
    ) -> InspectorRecord? {
        // Only close frames concern the tracker; a flood's data frames go straight to the model.
        if generation == self.generation && wire.isCloseFrame { closeTracker.observe(wire) }
        // Without a recorder or an observer no one needs the record back: the frame moves into the log.
        return state.apply(
            wire: wire, generation: generation, currentGeneration: self.generation, trim: trim,
            handBack: recorder != nil || observer != nil)
    }

    /// The connection's state right now (the status bar lags it by the events still queued).
    package var readyState: ReadyState? { socket?.readyState }

    /// Carries out what a key asked for. Returns `false` for ``InspectorEffect/quit``; the caller then leaves.
    package func perform(_ effect: InspectorEffect, state: inout InspectorState) -> Bool {
        switch effect {
        case .sendText(let text):
            guard ensureOpen(&state) else { return true }
            attempt(&state) { (ws: WebSocket) throws(WebSocketAPIError) in try ws.send(text) }
        case .sendBinary(let bytes):
            guard ensureOpen(&state) else { return true }
            attempt(&state) { (ws: WebSocket) throws(WebSocketAPIError) in try ws.send(bytes) }
        case .ping(let payload):
            guard ensureOpen(&state), let ws = socket else { return true }
            let sink = self.sink
            // The round-trip time arrives with the pong event; only a failure needs reporting from here.
            Task {
                do { _ = try await ws.ping(payload) } catch { sink(.note("ping failed: \(error)", isError: true)) }
            }
        case .close(let code, let reason):
            if let ws = socket {
                userClose = ws.readyState == .connecting ? .cancelled(generation: generation) : .closed(generation: generation)
            }
            // A close asked for while a reconnect waits means "stay closed".
            cancelPendingReconnect(in: &state)
            attempt(&state) { (ws: WebSocket) throws(WebSocketAPIError) in try ws.close(code: code ?? 1000, reason: reason) }
            if let ws = socket, ws.readyState == .closing, case .open = state.status.state {
                state.status.state = .closing
            }
        case .reconnect:
            note("reconnecting", in: &state)
            // A waiting automatic attempt is made now instead, and its divider names the close it follows.
            nextCause = "on request"
            reconnectNow(in: &state)
        case .setAutoReconnect(let enabled):
            setAutoReconnect(enabled, in: &state)
        case .connect(let url):
            let previous = options
            options.url = url
            nextCause = "/connect"
            cancelPendingReconnect(in: &state)
            do {
                try connect(state: &state)
            } catch {
                // The URL was refused before anything was dropped: the current connection carries on.
                options = previous
                let hint = URLSuggestion.forMissingScheme(url).map { " (did you mean \($0)?)" } ?? ""
                note("/connect \(url): \(error.message)\(hint)", isError: true, in: &state)
            }
        case .copyToClipboard:
            break  // the terminal layer writes it; the connection has no part in it
        case .relay:
            break  // only a relay's session has intercept
        case .saveFile(let path, let bytes, let overwrite):
            save(bytes, to: path, overwrite: overwrite, in: &state)
        case .export(let path, let filtered):
            let outcome = LogExport.write(
                state.log, filtered: filtered, to: path, fallbackURL: state.status.url, settings: exportSettings)
            note(outcome.text, isError: outcome.isError, in: &state)
        case .quit:
            return false
        }
        return true
    }

    /// Ends the session: stops the keepalive and starts a normal close, then waits up to `grace` for the server's
    /// answer so it sees a clean close rather than a dropped connection.
    package func finish(grace: Duration = .milliseconds(300)) {
        keepalive?.cancel()
        reconnectTimer?.cancel()
        scriptTask?.cancel()
        guard let ws = socket else { return }
        try? ws.close(code: 1000, reason: "")
        let deadline = ContinuousClock.now + grace
        while ws.readyState != .closed && ContinuousClock.now < deadline { usleep(5_000) }
        if ws.readyState != .closed { ws.terminate() }
    }

    // MARK: - Helpers

    private static let cancelledWords = "connection attempt cancelled"

    private func cancelled(_ generation: Int) -> Bool {
        if case .cancelled(generation)? = userClose { return true }
        return false
    }

    private func userClosed(_ generation: Int) -> Bool {
        if case .closed(generation)? = userClose { return true }
        return false
    }

    /// Adds a note made by the session itself (and records it).
    package func note(_ text: String, isError: Bool = false, in state: inout InspectorState) {
        record(state.log.note(text, isError: isError), in: &state)
    }

    func record(_ record: InspectorRecord, in state: inout InspectorState) {
        if let message = recorder?.write(record) { state.log.note(message, isError: true) }
        observer?(record)
    }

    /// Whether a message can go out now; otherwise says why in the log (the WHATWG API would silently drop it).
    private func ensureOpen(_ state: inout InspectorState) -> Bool {
        guard let ws = socket else { return false }
        if ws.readyState == .open { return true }
        let hint = ws.readyState == .connecting ? "wait for OPEN" : "use /reconnect"
        note("not sent: the connection is \(ws.readyState) (\(hint))", isError: true, in: &state)
        return false
    }

    private func attempt(_ state: inout InspectorState, _ action: (WebSocket) throws(WebSocketAPIError) -> Void) {
        guard let ws = socket else { return }
        do {
            try action(ws)
        } catch {
            note(error.message, isError: true, in: &state)
        }
    }

    private static func startKeepalive(
        _ ws: WebSocket, every interval: Duration, sink: @escaping @Sendable (consuming SessionEvent) -> Void
    ) -> Task<Void, Never> {
        Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                if Task.isCancelled || ws.readyState == .closed { return }
                guard ws.readyState == .open else { continue }
                do {
                    _ = try await ws.ping(Keepalive.payload)
                } catch {
                    if ws.readyState == .open { sink(.note("keepalive ping failed: \(error)", isError: true)) }
                }
            }
        }
    }
}
