import Foundation
import WebSocketCore
import WebSockets

/// Relay mode: relay events become tagged log rows and connection-list entries.
extension InspectorState {
    /// Applies one relay event; does nothing outside relay mode.
    package mutating func apply(relay event: RelayLogEvent) {
        guard relay != nil else { return }
        switch event {
        case .opened(let number, let peer, let upstream, let chosen, let clientExtensions, let serverExtensions, let time):
            var connection = RelayConnection(
                number: number, peer: peer, path: Self.pathAndQuery(of: upstream), phase: .open, since: time)
            connection.upstream = upstream
            connection.protocolName = chosen
            connection.clientExtensions = clientExtensions
            connection.serverExtensions = serverExtensions
            relay?.add(connection)
            // The path first: it tells connections apart when the row is cut.
            var text = "open \(connection.path) from \(peer)"
            text += " · client ext " + (clientExtensions.isEmpty ? "none" : clientExtensions)
            text += " · server ext " + (serverExtensions.isEmpty ? "none" : serverExtensions)
            if !chosen.isEmpty { text += " · protocol " + chosen }
            text += " · upstream " + Redaction.url(upstream)
            relayNote(text, connection: number, time: time)

        case .refused(let number, let peer, let upstream, let reason, let time):
            var refused = RelayConnection(
                number: number, peer: peer, path: Self.pathAndQuery(of: upstream), phase: .refused(reason), since: time)
            refused.upstream = upstream
            relay?.add(refused)
            relayNote("refused · \(peer): \(reason)", connection: number, isError: true, time: time)

        case .message(let number, let flow, let message, let kind, let frames, let time):
            let mark: RelayMark
            switch kind {
            case .forwarded: mark = .forwarded
            case .held(let id): mark = .held(id: id)
            case .injected: mark = .injected
            }
            let recordID = appendRelayMessage(
                message, flow: flow, connection: number, mark: mark, frames: frames, time: time)
            relay?.update(number) { connection in
                if case .held = kind { connection.held += 1 } else { connection.count(flow) }
            }
            if case .held(let id) = kind {
                relay?.heldRows[HoldKey(connection: number, flow: flow, id: id)] = recordID
            }

        case .decided(let number, let flow, let id, let decision, let time):
            let key = HoldKey(connection: number, flow: flow, id: id)
            if relay?.editing == key { relay?.editing = nil }
            let row = relay?.heldRows.removeValue(forKey: key)
            relay?.update(number) { connection in
                connection.held = max(0, connection.held - 1)
                if decision != .drop { connection.count(flow) }
            }
            switch decision {
            case .forward:
                if let row { log.relayTags.setMark(.released, for: row) }
            case .drop:
                if let row { log.relayTags.setMark(.dropped, for: row) }
            case .replace(let edited):
                if let row { log.relayTags.setMark(.edited, for: row) }
                appendRelayMessage(edited, flow: flow, connection: number, mark: .replacement, time: time)
            }

        case .unsent(let number, let flow, let count, let time):
            let way = flow == .clientToServer ? "client to server" : "server to client"
            relayNote(
                "\(count) \(way) messages were not forwarded: the connection ended while they waited behind held ones",
                connection: number, isError: true, time: time)

        case .ended(let number, let side, let code, let reason, let clean, let time):
            let other = side == .client ? "server" : "client"
            let codeText = code.map { "\($0) \(CloseCode.name($0))" } ?? "no code"
            let words =
                clean
                ? "\(side.name) closed (\(codeText)\(reason.isEmpty ? "" : ": " + reason)), passed on to the \(other)"
                : "\(side.name) ended without a Close (\(reason)); \(other) closed with \(codeText)"
            relay?.update(number) { $0.phase = .ended(words) }
            relayNote("closed · " + words, connection: number, isError: !clean, time: time)
        }
        // Tags of records the bounded log dropped go with them.
        if let oldest = log.ring.first?.record.id { log.relayTags.removeBefore(oldest) }
    }

    /// The connection keys act on: the one the log shows, else the selected row's.
    package var relayFocusConnection: Int? {
        if let selected = relay?.selected { return selected }
        guard let id = log.selectedItem?.firstRecord.id, let connection = log.relayTags.tag(for: id)?.connection,
            connection > 0
        else { return nil }
        return connection
    }

    /// The held message on the selected row, if it is one.
    package var selectedHold: HoldKey? {
        guard let record = log.selectedItem?.firstRecord, let tag = log.relayTags.tag(for: record.id),
            case .held(let id) = tag.mark
        else { return nil }
        return HoldKey(connection: tag.connection, flow: record.direction == .sent ? .clientToServer : .serverToClient, id: id)
    }

    /// The detail view's line for a relay row: its connection, its leg and what became of it; for a message, how
    /// its frames on the two legs compare (`frameCount`: the frames it arrived in).
    func relayDetailLine(for record: InspectorRecord, frameCount: Int) -> String? {
        guard let tag = log.relayTags.tag(for: record.id) else { return nil }
        let connection = tag.connection > 0 ? "connection #\(tag.connection)" : "the relay"
        let way = record.direction == .sent ? "client → server" : "server → client"
        let toward = record.direction == .sent ? "server" : "client"
        let fate: String
        switch tag.mark {
        case .note: return connection
        case .forwarded: fate = "forwarded"
        case .held: fate = "held: Enter forwards, e edits, d drops"
        case .released: fate = "held, then forwarded as it was"
        case .dropped: fate = "held, then dropped: the \(toward) never got it"
        case .edited: fate = "held, then replaced by an edit (the EDIT row after it)"
        case .replacement: return "\(connection) · relay → \(toward) · the edit sent in place of a held message"
        case .injected: return "\(connection) · relay → \(toward) · injected from compose"
        }
        return "\(connection) · \(way) · \(fate) · \(Self.legs(frameCount: frameCount, whole: relay?.wholeMessages == true))"
    }

    /// How a forwarded message's frames on its two legs compare.
    static func legs(frameCount: Int, whole: Bool) -> String {
        guard frameCount > 1 else {
            return "one frame on both legs (compressed on a leg only if it agreed to deflate)"
        }
        if whole { return "arrived in \(frameCount) frames, sent on as one (--whole-messages)" }
        return "arrived in \(frameCount) frames, sent on in \(frameCount) of the same sizes"
            + " (compressed on a leg only if it agreed to deflate)"
    }

    /// Takes the held message compose was editing, if any: compose's next message replaces it, and the focus goes
    /// back to the log, where the next held message waits.
    package mutating func takeEditedHold() -> HoldKey? {
        guard let hold = relay?.editing else { return nil }
        relay?.editing = nil
        focus = .log
        return hold
    }

    /// Adds a note of connection `number` (0: the relay's own).
    package mutating func relayNote(_ text: String, connection number: Int, isError: Bool = false, time: Date = Date()) {
        log.relayTags.add(log.nextRecordID, RelayTag(connection: number, mark: .note))
        log.note(text, isError: isError, time: time)
    }

    @discardableResult
    private mutating func appendRelayMessage(
        _ message: Message, flow: RelayFlow, connection: Int, mark: RelayMark, frames: [FramePiece] = [], time: Date
    ) -> UInt64 {
        let (opcode, payload): (Opcode, [UInt8])
        switch message {
        case .text(let text): (opcode, payload) = (.text, Array(text.utf8))
        case .utf8Text(let bytes): (opcode, payload) = (.text, bytes)
        case .binary(let bytes): (opcode, payload) = (.binary, bytes)
        }
        let id = log.nextRecordID
        // A fragmented message is logged in the frames it arrived in, with their FIN, opcode and RSV1, so the
        // detail view lists them; each frame's payload is its part of the message as inflated.
        guard let sizes = FramePiece.sizes(of: frames, for: payload.count) else {
            log.relayTags.add(id, RelayTag(connection: connection, mark: mark))
            let frame = Frame(header: FrameHeader(opcode: opcode, payloadLength: UInt64(payload.count)), payload: payload)
            log.append(.frame(frame), direction: flow.direction, time: time, handBack: false)
            return id
        }
        var start = 0
        for (piece, size) in zip(frames, sizes) {
            log.relayTags.add(log.nextRecordID, RelayTag(connection: connection, mark: mark))
            let header = FrameHeader(
                fin: piece.header.fin, rsv1: piece.header.rsv1, opcode: piece.header.opcode, payloadLength: UInt64(size))
            let frame = Frame(header: header, payload: Array(payload[start..<start + size]))
            start += size
            log.append(.frame(frame), direction: flow.direction, time: time, handBack: false)
        }
        return id
    }

    /// Which relayed connection a log record belongs to and its upstream URL, for `/export`: a HAR gets one entry
    /// per connection. `nil` for the relay's own notes.
    package func relayConnection(of record: InspectorRecord) -> (number: Int, url: String)? {
        guard let relay, let number = log.relayTags.tag(for: record.id)?.connection, number > 0 else { return nil }
        let url = relay.connection(number)?.upstream ?? ""
        return (number, url.isEmpty ? relay.upstream : url)
    }

    /// `/path?query` of a URL, for the connection list.
    static func pathAndQuery(of url: String) -> String {
        guard let components = URLComponents(string: url) else { return url }
        let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        return components.percentEncodedQuery.map { path + "?" + $0 } ?? path
    }
}

extension RelayConnection {
    mutating func count(_ flow: RelayFlow) {
        if flow == .clientToServer { toServer += 1 } else { toClient += 1 }
    }
}
