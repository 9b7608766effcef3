import ClientTestSupport
import Foundation
import Testing
import WebSockets

/// What one connection did: its events in order and what the wire tap saw.
struct Outcome: Sendable {
    let events: [WebSocketEvent]
    let records: [WireRecord]
    let route: String

    /// The error event's message, if any.
    var errorMessage: String? {
        for event in events { if case .error(let error) = event { return error.message } }
        return nil
    }

    /// The error event's cause, if any.
    var errorCause: WebSocketError.Cause? {
        for event in events { if case .error(let error) = event { return error.error.cause } }
        return nil
    }

    /// The text messages received.
    var texts: [String] {
        events.compactMap { if case .message(let m) = $0 { return m.data.text } else { return nil } }
    }

    /// Event names in order, e.g. ["open", "message", "close"].
    var names: [String] { events.names }

    /// The proxy exchange as seen on the tap, each record as text (`>` sent, `<` received).
    var proxyTranscript: [String] {
        records.compactMap { record in
            guard case .proxy(let bytes) = record.content else { return nil }
            return (record.direction == .sent ? "> " : "< ") + String(decoding: bytes, as: UTF8.self)
        }
    }

    /// The proxy exchange's raw byte records, in order, with their direction.
    var proxyBytes: [(WireRecord.Direction, [UInt8])] {
        records.compactMap { record in
            guard case .proxy(let bytes) = record.content else { return nil }
            return (record.direction, bytes)
        }
    }
}

/// Opens `url` through `dispatcher`, sends `text` once open, closes after the echo, and returns everything that
/// happened. Bounded by `limit`.
func echo(
    _ url: String, through dispatcher: any Dispatcher, text: String = "hello through the tunnel",
    headers: [(name: String, value: String)] = [], limit: Duration = .seconds(20)
) async throws -> Outcome {
    let records = Recorder<WireRecord>()
    let ws = try WebSocket(
        url: url, options: WebSocketInit(headers: headers, dispatcher: dispatcher, tap: { records.append($0) }))
    let events = try await withTimeout(limit, "connection to \(url) (\(ws.route))") {
        var events: [WebSocketEvent] = []
        for await event in ws.events {
            events.append(event)
            switch event {
            case .open: try ws.send(text)
            case .message: try ws.close(code: 1000)
            default: break
            }
        }
        return events
    }
    return Outcome(events: events, records: records.values, route: ws.route)
}

/// Checks that `outcome` is a clean echo of `text`.
func expectEcho(_ outcome: Outcome, _ text: String = "hello through the tunnel", sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(
        outcome.names == ["open", "message", "close"], "events: \(outcome.names), error: \(outcome.errorMessage ?? "none")",
        sourceLocation: sourceLocation)
    #expect(outcome.texts == [text], sourceLocation: sourceLocation)
}

/// Checks that `outcome` failed with an error whose message contains every one of `fragments`.
func expectFailure(
    _ outcome: Outcome, cause: WebSocketError.Cause? = nil, containing fragments: [String],
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(outcome.names == ["error", "close"], "events: \(outcome.names)", sourceLocation: sourceLocation)
    let message = outcome.errorMessage ?? ""
    for fragment in fragments {
        #expect(message.contains(fragment), "error \"\(message)\" lacks \"\(fragment)\"", sourceLocation: sourceLocation)
    }
    if let cause { #expect(outcome.errorCause == cause, "cause of \"\(message)\"", sourceLocation: sourceLocation) }
}
