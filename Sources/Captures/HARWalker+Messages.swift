import Foundation
import WebSocketCore

/// The `_webSocketMessages` and `_webSocketClose` of an entry: the part of a HAR that holds nearly all of its bytes.
extension HARWalker {
    mutating func messages(_ path: String, into messages: inout [CapturedMessage]) throws(CaptureError) {
        try begin(path, .array)
        var first = true
        var index = 0
        while try element(path + "[\(index)]", &first) {
            messages.append(try message(path, index))
            index += 1
        }
    }

    /// One `_webSocketMessages` element. Paths are built only for an error: a capture holds a million of these.
    mutating func message(_ list: String, _ index: Int) throws(CaptureError) -> CapturedMessage {
        func path(_ field: String = "") -> String { list + "[\(index)]" + field }
        guard try kind(path()) == .object else { throw fail(path(), "not an object") }
        try begin(path(), .object)
        var direction: CapturedMessage.Direction?
        var time: Double?
        var opcode: UInt8?
        var data: JSONScanner.Token?
        var first = true
        while let key = try self.key(path(), &first) {
            if scanner.token(key, is: "type") {
                guard try kind(path(".type")) == .string else { throw fail(path(".type"), "not a string") }
                let token = try step(path(".type")) { scanner throws(JSONSyntaxError) in try scanner.stringToken() }
                if scanner.token(token, is: "send") {
                    direction = .sent
                } else if scanner.token(token, is: "receive") {
                    direction = .received
                } else {
                    throw fail(path(".type"), "\(JSONObjectWriter.quote(scanner.string(token))) is neither \"send\" nor \"receive\"")
                }
            } else if scanner.token(key, is: "time") {
                guard try kind(path(".time")) == .number else { throw fail(path(".time"), "not a number") }
                let seconds = try number(path(".time"))
                guard CaptureTime.range.contains(seconds) else { throw fail(path(".time"), CaptureTime.problem(seconds)) }
                time = seconds
            } else if scanner.token(key, is: "opcode") {
                guard try kind(path(".opcode")) == .number else { throw fail(path(".opcode"), "not a number") }
                let value = try number(path(".opcode"))
                guard let exact = UInt8(exactly: value), exact <= 0x0F else {
                    throw fail(path(".opcode"), "\(value) is not a WebSocket opcode (0–15)")
                }
                opcode = exact
            } else if scanner.token(key, is: "data") {
                guard try kind(path(".data")) == .string else { throw fail(path(".data"), "not a string") }
                data = try step(path(".data")) { scanner throws(JSONSyntaxError) in try scanner.stringToken() }
            } else {
                try skip(path())
            }
        }
        guard let direction else { throw fail(path(".type"), "missing") }
        guard let time else { throw fail(path(".time"), "missing") }
        guard let opcode else { throw fail(path(".opcode"), "missing") }
        guard let data else { throw fail(path(".data"), "missing") }
        let payload: [UInt8]
        if opcode == 1 {
            payload = scanner.bytes(data)
        } else {
            guard let bytes = scanner.withBytes(data, Base64Decoding.decode) else {
                throw fail(path(".data"), "not valid base64")
            }
            payload = bytes
        }
        return CapturedMessage(direction: direction, time: Date(timeIntervalSince1970: time), opcode: opcode, payload: payload)
    }

    /// An entry's `_webSocketClose` (HTTP Toolkit's field), `nil` when it is wrong (a problem for a WebSocket entry).
    mutating func close(_ path: String, _ state: inout HAREntryState) throws(CaptureError) -> CapturedClose? {
        try begin(path, .object)
        var code: UInt16?
        var reason = ""
        var time: Double?
        var timestamp: Double?
        var wrong = false
        var first = true
        while let key = try self.key(path, &first) {
            if scanner.token(key, is: "code") {
                let field = path + ".code"
                if try null(field) { continue }
                guard try kind(field) == .number else {
                    try skip(field)
                    try state.problem(fail(field, "not a number"))
                    wrong = true
                    continue
                }
                let number = try self.number(field)
                guard let exact = UInt16(exactly: number) else {
                    try state.problem(fail(field, "\(number) is not a close code"))
                    wrong = true
                    continue
                }
                code = exact
            } else if scanner.token(key, is: "reason") {
                let field = path + ".reason"
                if try null(field) { continue }
                guard try kind(field) == .string else {
                    try skip(field)
                    try state.problem(fail(field, "not a string"))
                    wrong = true
                    continue
                }
                reason = try string(field)
            } else if scanner.token(key, is: "time") || scanner.token(key, is: "timestamp") {
                let isTime = scanner.token(key, is: "time")
                let field = path + (isTime ? ".time" : ".timestamp")
                guard try kind(field) == .number else {
                    try skip(field)
                    try state.problem(fail(field, "not a number"))
                    wrong = true
                    continue
                }
                let value = try number(field)
                guard CaptureTime.range.contains(value) else {
                    try state.problem(fail(field, CaptureTime.problem(value)))
                    wrong = true
                    continue
                }
                if isTime { time = value } else { timestamp = value }
            } else {
                try skip(path)
            }
        }
        if wrong { return nil }
        return CapturedClose(code: code, reason: reason, time: Date(timeIntervalSince1970: time ?? timestamp ?? 0))
    }
}
