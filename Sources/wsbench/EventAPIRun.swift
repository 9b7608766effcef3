import Dispatch
import WebSockets

/// Runs one workload on the `WebSocket` event API, the way an application would: callbacks set with
/// `setCallbacks`, sends from the callbacks (flood, rtt, bulk) or from the calling thread (sink).
struct EventAPIRun {
    let arguments: BenchArguments

    func run() -> BenchResult {
        var result = BenchResult(
            client: "wsinspect-event", workload: arguments.workload.rawValue, count: arguments.count,
            size: arguments.size)
        let state = RunState()
        var options = WebSocketInit()
        options.binaryType = .bytes
        let socket: WebSocket
        do {
            socket = try WebSocket(url: arguments.url, options: options)
        } catch {
            result.error = "\(error)"
            return result
        }
        let onmessage = messageHandler(state: state, socket: socket)
        let requireDeflate = arguments.requireDeflate
        let workload = arguments.workload
        let textPayload = Payloads.text(size: arguments.size)
        let binaryPayload = Payloads.binary(size: arguments.size)
        socket.setCallbacks(
            onopen: { event in
                state.extensions = event.extensions
                if requireDeflate && !event.extensions.contains("permessage-deflate") {
                    state.finish(error: "deflate not negotiated")
                    state.opened.signal()
                    return
                }
                state.start = nowNanoseconds()
                state.sentAt = state.start
                switch workload {
                case .rtt: try? socket.send(textPayload)
                case .bulk: try? socket.send(binaryPayload)
                case .flood, .sink: break
                }
                state.opened.signal()
            },
            onmessage: onmessage,
            onerror: { event in state.finish(error: "error: \(event.message)") },
            onclose: { event in
                state.finish(error: "closed before the end: \(event.code) \(event.reason)")
                state.opened.signal()
                state.closed.signal()
            })

        let deadline = DispatchTime.now() + arguments.timeoutSeconds
        if state.opened.wait(timeout: deadline) == .timedOut {
            result.error = "timeout waiting for open"
            return result
        }
        if workload == .sink {
            // As fast as the API allows from application code: a plain loop of send() on this thread.
            state.start = nowNanoseconds()
            for _ in 0..<arguments.count { try? socket.send(textPayload) }
        }
        if state.done.wait(timeout: deadline) == .timedOut {
            result.error = "timeout after \(state.count) of \(arguments.count) messages"
            return result
        }
        try? socket.close()
        _ = state.closed.wait(timeout: .now() + 3)

        result.extensions = state.extensions
        result.error = state.error
        if state.error == nil { result.seconds = Double(state.end &- state.start) / 1e9 }
        result.bytes = state.bytes
        result.samples = state.samples
        return result
    }

    /// The `onmessage` callback for the workload; runs on the connection's event loop.
    private func messageHandler(state: RunState, socket: WebSocket) -> @Sendable (MessageEvent) -> Void {
        let total = arguments.count
        switch arguments.workload {
        case .flood:
            return { event in
                if case .text(let text) = event.data { state.bytes += text.utf8.count } else { state.bytes += event.data.bytes.count }
                state.count += 1
                if state.count == total { state.finish() }
            }
        case .sink:
            return { _ in state.finish() }
        case .rtt:
            let payload = Payloads.text(size: arguments.size)
            return { _ in
                let now = nowNanoseconds()
                state.samples.append(now &- state.sentAt)
                state.count += 1
                if state.count == total {
                    state.finish()
                } else {
                    state.sentAt = nowNanoseconds()
                    try? socket.send(payload)
                }
            }
        case .bulk:
            let payload = Payloads.binary(size: arguments.size)
            return { event in
                if case .bytes(let bytes) = event.data { state.bytes += bytes.count } else { state.bytes += event.data.bytes.count }
                state.count += 1
                if state.count == total {
                    state.finish()
                } else {
                    try? socket.send(payload)
                }
            }
        }
    }
}
