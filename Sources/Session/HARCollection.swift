import Captures
import Foundation
import WebSocketCore
import WebSockets

/// The state behind ``HARCollector``'s lock: connections by generation, messages being reassembled, and what
/// the bounds left out. A value type, so a snapshot is one copy under the lock.
struct HARCollection: Sendable {
    /// A connection being built, and the message each direction is in the middle of (fragments can interleave
    /// with the other direction's).
    struct Building: Sendable {
        var connection: CapturedConnection
        var sentPartial: CapturedMessage?
        var receivedPartial: CapturedMessage?
        /// A message whose first fragment was left out has all its fragments left out.
        var sentDropping = false
        var receivedDropping = false
    }

    var connections: [Int: Building] = [:]
    var order: [Int] = []
    var messages = 0
    var bytes = 0
    /// Set once a bound is reached: the flag that set it.
    var fullFlag: String?
    var droppedMessages = 0
    var droppedBytes = 0
    var droppedConnections = 0

    /// Adds a connection; returns the sentence to report when this reached a bound.
    mutating func start(generation: Int, url: String, time: Date, limits: HARCollector.Limits) -> String? {
        guard fullFlag == nil else {
            droppedConnections += 1
            return nil
        }
        let wsURL =
            url.hasPrefix("http://")
            ? "ws://" + url.dropFirst(7)
            : url.hasPrefix("https://") ? "wss://" + url.dropFirst(8) : url
        connections[generation] = Building(
            connection: CapturedConnection(
                url: wsURL, startedAt: time, status: 0, statusText: ""))
        order.append(generation)
        return nil
    }

    /// Adds bytes that crossed the wire; returns the sentence to report when this reached a bound.
    mutating func add(
        _ record: WireRecord, generation: Int, limits: HARCollector.Limits, keepsControlFrames: Bool
    ) -> String? {
        // Taken out of the dictionary while it changes, so its message array has one owner and grows in place:
        // a copy left in the dictionary made every append copy the whole array (a flood went quadratic).
        guard var building = connections.removeValue(forKey: generation) else { return nil }
        defer { connections[generation] = building }
        switch record.content {
        case .proxy:
            return nil
        case .handshakeRequest(let head):
            guard let parsed = HTTPHead(head) else { return nil }
            bytes += head.count
            building.connection.httpVersion = parsed.startLine[2].isEmpty ? "HTTP/1.1" : parsed.startLine[2]
            building.connection.requestHeaders = parsed.headers
            building.connection.startedAt = record.time
            return nil
        case .handshakeResponse(let head):
            guard let parsed = HTTPHead(head) else { return nil }
            bytes += head.count
            building.connection.status = Int(parsed.startLine[1]) ?? 0
            building.connection.statusText = parsed.startLine[2]
            building.connection.responseHeaders = parsed.headers
            return nil
        case .frame(let frame):
            return add(frame, record.direction, record.time, to: &building, limits, keepsControlFrames)
        }
    }

    private mutating func add(
        _ frame: Frame, _ direction: WireRecord.Direction, _ time: Date, to building: inout Building,
        _ limits: HARCollector.Limits, _ keepsControlFrames: Bool
    ) -> String? {
        let opcode = frame.header.opcode
        let payload = frame.inflatedPayload ?? frame.payload
        let capturedDirection: CapturedMessage.Direction = direction == .sent ? .sent : .received
        if opcode.isControl {
            if opcode == .close && building.connection.close == nil {
                building.connection.close = Self.close(frame.payload, time: time)
            }
            guard keepsControlFrames else { return nil }
            let message = CapturedMessage(direction: capturedDirection, time: time, opcode: opcode.rawValue, payload: payload)
            return keep(message, in: &building, limits)
        }
        // A data frame starts a message; a continuation frame extends the one in progress in its direction.
        var partial: CapturedMessage?
        var dropping: Bool
        if opcode == .continuation {
            partial = direction == .sent ? building.sentPartial : building.receivedPartial
            dropping = direction == .sent ? building.sentDropping : building.receivedDropping
            partial?.payload += payload
        } else {
            partial = CapturedMessage(direction: capturedDirection, time: time, opcode: opcode.rawValue, payload: payload)
            dropping = fullFlag != nil
        }
        var report: String?
        var leftOutNow = payload.count
        if !dropping, let current = partial, let flag = overflow(adding: current.payload.count, limits) {
            // Past a bound: this message (its earlier fragments too) and every later one are left out.
            report = markFull(flag, limits)
            dropping = true
            leftOutNow = current.payload.count
        }
        if dropping {
            droppedBytes += leftOutNow
            if frame.header.fin { droppedMessages += 1 }
            partial = nil
        }
        if frame.header.fin, var whole = partial {
            // Stamped when complete, as Chrome stamps a message: messages are listed in the order they completed,
            // so their times never go backwards even when fragments of the two directions interleave.
            whole.time = time
            messages += 1
            bytes += whole.payload.count
            building.connection.messages.append(whole)
            partial = nil
        }
        if direction == .sent {
            building.sentPartial = partial
            building.sentDropping = dropping && !frame.header.fin
        } else {
            building.receivedPartial = partial
            building.receivedDropping = dropping && !frame.header.fin
        }
        return report
    }

    private mutating func keep(_ message: CapturedMessage, in building: inout Building, _ limits: HARCollector.Limits) -> String? {
        var report: String?
        if fullFlag == nil, let flag = overflow(adding: message.payload.count, limits) { report = markFull(flag, limits) }
        guard fullFlag == nil else {
            droppedMessages += 1
            droppedBytes += message.payload.count
            return report
        }
        messages += 1
        bytes += message.payload.count
        building.connection.messages.append(message)
        return nil
    }

    /// The flag whose bound one more message of `size` bytes would pass, if any.
    private func overflow(adding size: Int, _ limits: HARCollector.Limits) -> String? {
        if messages + 1 > limits.maxMessages { return limits.flagNames.messages }
        if bytes + size > limits.maxBytes { return limits.flagNames.bytes }
        return nil
    }

    private mutating func markFull(_ flag: String, _ limits: HARCollector.Limits) -> String {
        fullFlag = flag
        let bound = flag == limits.flagNames.messages ? "\(limits.maxMessages) messages" : "\(limits.maxBytes) bytes"
        return "HAR: \(flag) (\(bound)) reached after \(messages) messages; later messages are left out of the HAR "
            + "file (raise \(flag) to keep more)"
    }

    /// What the bounds left out, as the HAR's `comment` and the exit message say it.
    func leftOutSentence(limits: HARCollector.Limits) -> String? {
        guard let flag = fullFlag else { return nil }
        let bound = flag == limits.flagNames.messages ? "\(limits.maxMessages) messages" : "\(limits.maxBytes) bytes"
        var sentence =
            "incomplete: \(flag) (\(bound)) was reached; this file holds the first \(messages) messages, "
            + "and \(droppedMessages) later messages (\(droppedBytes) payload bytes) were left out"
        if droppedConnections > 0 { sentence += ", with \(droppedConnections) later connections" }
        return sentence + " (raise \(flag) to keep more)"
    }

    /// A close frame's code and reason (RFC 6455 §5.5.1: two bytes of code, then UTF-8).
    static func close(_ payload: [UInt8], time: Date) -> CapturedClose {
        guard payload.count >= 2 else { return CapturedClose(code: nil, reason: "", time: time) }
        let code = UInt16(payload[0]) << 8 | UInt16(payload[1])
        return CapturedClose(code: code, reason: String(decoding: payload[2...], as: UTF8.self), time: time)
    }
}
