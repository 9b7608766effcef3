import Captures
import Foundation
import WebSocketCore

/// Reads the `--record` format (``JSONLinesRecord``) back into log records, as `wsinspect open FILE.jsonl` shows
/// them: frames with their header bits, mask key and length encoding, compressed and inflated payloads, handshake
/// bytes, notes, and what the log cut.
///
/// Each line is one JSON object; blank lines are passed over. Fields the writer derives from others (`text`,
/// `opcodeName`, `inflatedText`, `closeCode`, `closeReason`, a frame's `wire`) are not read: a frame's wire bytes
/// are rebuilt from its header and payload, which is what the writer wrote. Unknown fields are ignored, so a later
/// version's files still open. Anything else that is wrong is an error naming the file, the line and the field.
///
/// Record ids are kept when they increase line by line; a file with two sessions appended (`--record` appends)
/// starts again at 1, and is then numbered afresh from 1.
package enum JSONLinesReader {
    /// What a JSON Lines file held.
    package struct Result: Sendable {
        /// The records, in file order.
        package var records: [InspectorRecord]
        /// Whether the ids did not increase, so the records were numbered afresh.
        package var renumbered: Bool
    }

    /// Reads the file at `path`.
    package static func read(path: String) throws(CaptureError) -> Result {
        try parse(CaptureError.contents(of: path), file: path)
    }

    /// Parses JSON Lines text; `file` names it in errors.
    package static func parse(_ data: Data, file: String) throws(CaptureError) -> Result {
        let outcome = data.withUnsafeBytes { raw in
            Swift.Result { () throws(CaptureError) -> Result in try parse(raw, file: file) }
        }
        return try outcome.get()
    }

    private static func parse(_ raw: UnsafeRawBufferPointer, file: String) throws(CaptureError) -> Result {
        var records: [InspectorRecord] = []
        var increasing = true
        var lineNumber = 0
        var start = 0
        while start < raw.count {
            lineNumber += 1
            var end = start
            while end < raw.count && raw[end] != 0x0A { end += 1 }
            let next = end + 1
            if end > start && raw[end - 1] == 0x0D { end -= 1 }
            let line = UnsafeRawBufferPointer(rebasing: raw[start..<end])
            start = next
            var reader = LineReader(scanner: JSONScanner(line), file: file, line: lineNumber)
            if reader.scanner.atEnd() { continue }
            let record = try reader.record(fallbackID: UInt64(records.count + 1))
            if let last = records.last, record.id <= last.id { increasing = false }
            records.append(record)
        }
        guard !increasing else { return Result(records: records, renumbered: false) }
        let renumbered = records.enumerated().map { index, record in
            InspectorRecord(id: UInt64(index + 1), time: record.time, direction: record.direction, kind: record.kind, trim: record.trim)
        }
        return Result(records: renumbered, renumbered: true)
    }

    /// The fields of one line, as read.
    private struct Fields {
        var id: Double?
        var unixTime: Double?
        var time: String?
        var direction: String?
        var type: String?
        var opcode: Double?
        var fin: Bool?
        var rsv1 = false
        var rsv2 = false
        var rsv3 = false
        var masked: Bool?
        var maskKey: String?
        var length: Double?
        var lengthEncoding: String?
        var payload: [UInt8]?
        var inflated: [UInt8]?
        var wire: [UInt8]?
        var text: String?
        var error = false
        var payloadCut: PayloadCut?
        var inflatedCut: PayloadCut?
    }

    /// Reads one line's object.
    private struct LineReader {
        var scanner: JSONScanner
        let file: String
        let line: Int

        func fail(_ field: String?, _ problem: String) -> CaptureError {
            CaptureError(file: file, line: line, path: field, problem: problem)
        }

        mutating func step<T>(_ field: String?, _ body: (inout JSONScanner) throws(JSONSyntaxError) -> T) throws(CaptureError) -> T {
            do {
                return try body(&scanner)
            } catch {
                throw fail(field, "not valid JSON at column \(error.offset + 1): \(error.problem)")
            }
        }

        mutating func kind(_ field: String?) throws(CaptureError) -> JSONScanner.Kind {
            try step(field) { scanner throws(JSONSyntaxError) in try scanner.kind() }
        }

        mutating func expect(_ wanted: JSONScanner.Kind, _ field: String) throws(CaptureError) {
            let found = try kind(field)
            guard found == wanted else {
                let name: String
                switch wanted {
                case .string: name = "a string"
                case .number: name = "a number"
                case .bool: name = "true or false"
                case .object: name = "an object"
                case .array: name = "an array"
                case .null: name = "null"
                }
                throw fail(field, "not \(name)")
            }
        }

        mutating func string(_ field: String) throws(CaptureError) -> String {
            try expect(.string, field)
            let token = try step(field) { scanner throws(JSONSyntaxError) in try scanner.stringToken() }
            return scanner.string(token)
        }

        mutating func number(_ field: String) throws(CaptureError) -> Double {
            try expect(.number, field)
            return try step(field) { scanner throws(JSONSyntaxError) in try scanner.number() }
        }

        mutating func bool(_ field: String) throws(CaptureError) -> Bool {
            try expect(.bool, field)
            return try step(field) { scanner throws(JSONSyntaxError) in try scanner.bool() }
        }

        mutating func base64(_ field: String) throws(CaptureError) -> [UInt8] {
            try expect(.string, field)
            let token = try step(field) { scanner throws(JSONSyntaxError) in try scanner.stringToken() }
            guard let bytes = scanner.withBytes(token, Base64Decoding.decode) else { throw fail(field, "not valid base64") }
            return bytes
        }

        mutating func skip(_ field: String?) throws(CaptureError) {
            try step(field) { scanner throws(JSONSyntaxError) in try scanner.skipValue() }
        }

        mutating func record(fallbackID: UInt64) throws(CaptureError) -> InspectorRecord {
            guard try kind(nil) == .object else { throw fail(nil, "not a JSON object (is this a JSON Lines record file?)") }
            try step(nil) { scanner throws(JSONSyntaxError) in try scanner.beginObject() }
            var fields = Fields()
            var first = true
            while let key = try step(nil, { scanner throws(JSONSyntaxError) in try scanner.nextKey(&first) }) {
                let name = scanner.string(key)
                switch name {
                case "id": fields.id = try number(name)
                case "unixTime": fields.unixTime = try number(name)
                case "time": fields.time = try string(name)
                case "direction": fields.direction = try string(name)
                case "type": fields.type = try string(name)
                case "opcode": fields.opcode = try number(name)
                case "fin": fields.fin = try bool(name)
                case "rsv1": fields.rsv1 = try bool(name)
                case "rsv2": fields.rsv2 = try bool(name)
                case "rsv3": fields.rsv3 = try bool(name)
                case "masked": fields.masked = try bool(name)
                case "maskKey": fields.maskKey = try string(name)
                case "length": fields.length = try number(name)
                case "lengthEncoding": fields.lengthEncoding = try string(name)
                case "payload": fields.payload = try base64(name)
                case "inflated": fields.inflated = try base64(name)
                case "wire": fields.wire = try base64(name)
                case "text": fields.text = try string(name)
                case "error": fields.error = try bool(name)
                case "cut": try cut(into: &fields)
                default: try skip(name)
                }
            }
            guard scanner.atEnd() else {
                throw fail(nil, "not valid JSON at column \(scanner.position + 1): text after the object (one record per line)")
            }
            return try make(fields, fallbackID: fallbackID)
        }

        mutating func cut(into fields: inout Fields) throws(CaptureError) {
            try expect(.object, "cut")
            try step("cut") { scanner throws(JSONSyntaxError) in try scanner.beginObject() }
            var first = true
            while let key = try step("cut", { scanner throws(JSONSyntaxError) in try scanner.nextKey(&first) }) {
                let name = "cut." + scanner.string(key)
                switch name {
                case "cut.payload": fields.payloadCut = try payloadCut(name)
                case "cut.inflated": fields.inflatedCut = try payloadCut(name)
                default: try skip(name)
                }
            }
        }

        mutating func payloadCut(_ field: String) throws(CaptureError) -> PayloadCut {
            try expect(.object, field)
            try step(field) { scanner throws(JSONSyntaxError) in try scanner.beginObject() }
            var length: Int?
            var kept: Int?
            var hash: UInt64?
            var first = true
            while let key = try step(field, { scanner throws(JSONSyntaxError) in try scanner.nextKey(&first) }) {
                let name = field + "." + scanner.string(key)
                switch name {
                case field + ".length": length = try count(name)
                case field + ".kept": kept = try count(name)
                case field + ".fnv1a64":
                    let text = try string(name)
                    guard text.utf8.count == 16, let value = UInt64(text, radix: 16) else {
                        throw fail(name, "\(JSONObjectWriter.quote(text)) is not 16 hex digits")
                    }
                    hash = value
                default: try skip(name)
                }
            }
            guard let length else { throw fail(field + ".length", "missing") }
            guard let kept else { throw fail(field + ".kept", "missing") }
            guard let hash else { throw fail(field + ".fnv1a64", "missing") }
            guard kept < length else { throw fail(field, "kept (\(kept)) is not below length (\(length))") }
            return PayloadCut(fullCount: length, keptCount: kept, hash: hash)
        }

        /// A byte count: a whole number from 0 to 2^53.
        mutating func count(_ field: String) throws(CaptureError) -> Int {
            let value = try number(field)
            guard let exact = Int(exactly: value), (0...(1 << 53)).contains(exact) else {
                throw fail(field, "\(value) is not a byte count")
            }
            return exact
        }

        func make(_ fields: Fields, fallbackID: UInt64) throws(CaptureError) -> InspectorRecord {
            var id = fallbackID
            if let value = fields.id {
                guard let exact = UInt64(exactly: value), exact >= 1, exact <= 1 << 53 else {
                    throw fail("id", "\(value) is not a record id (a whole number from 1)")
                }
                id = exact
            }
            let time: Date
            if let seconds = fields.unixTime {
                guard CaptureTime.range.contains(seconds) else { throw fail("unixTime", CaptureTime.problem(seconds)) }
                time = Date(timeIntervalSince1970: seconds)
            } else if let text = fields.time {
                guard let parsed = ISOTime.parse(text) else {
                    throw fail("time", "\(JSONObjectWriter.quote(text)) is not an ISO 8601 time")
                }
                time = parsed
            } else {
                throw fail("unixTime", "missing")
            }
            guard let directionText = fields.direction else { throw fail("direction", "missing") }
            guard let direction = Direction(rawValue: directionText) else {
                throw fail("direction", "\(JSONObjectWriter.quote(directionText)) is not sent, received or local")
            }
            guard let type = fields.type else { throw fail("type", "missing") }
            let kind: InspectorRecord.Kind
            var trim: RecordTrim?
            switch type {
            case "frame":
                guard direction != .local else { throw fail("direction", "a frame is sent or received, not local") }
                (kind, trim) = try frame(fields)
            case "handshake-request", "handshake-response":
                guard direction != .local else { throw fail("direction", "a handshake is sent or received, not local") }
                let bytes: [UInt8]
                if let wire = fields.wire {
                    bytes = wire
                } else if let text = fields.text {
                    bytes = Array(text.utf8)
                } else {
                    throw fail("wire", "missing")
                }
                if let cut = fields.payloadCut {
                    guard bytes.count == cut.keptCount else {
                        throw fail("wire", "\(bytes.count) bytes, but cut.payload.kept says \(cut.keptCount)")
                    }
                    trim = RecordTrim(payload: cut)
                }
                let full = fields.payloadCut?.fullCount ?? bytes.count
                if let length = fields.length, length != Double(full) {
                    throw fail("length", "\(length) does not match the \(full) bytes of the head")
                }
                kind = type == "handshake-request" ? .handshakeRequest(bytes) : .handshakeResponse(bytes)
            case "note":
                guard let text = fields.text else { throw fail("text", "missing") }
                kind = .note(text, isError: fields.error)
            default:
                throw fail("type", "\(JSONObjectWriter.quote(type)) is not frame, handshake-request, handshake-response or note")
            }
            return InspectorRecord(id: id, time: time, direction: direction, kind: kind, trim: trim)
        }

        func frame(_ fields: Fields) throws(CaptureError) -> (InspectorRecord.Kind, RecordTrim?) {
            guard let opcodeValue = fields.opcode else { throw fail("opcode", "missing") }
            guard let opcode = UInt8(exactly: opcodeValue), opcode <= 0x0F else {
                throw fail("opcode", "\(opcodeValue) is not a WebSocket opcode (0–15)")
            }
            guard let fin = fields.fin else { throw fail("fin", "missing") }
            guard let masked = fields.masked else { throw fail("masked", "missing") }
            var maskingKey: MaskingKey?
            if masked {
                guard let text = fields.maskKey else { throw fail("maskKey", "missing (the frame is masked)") }
                guard text.utf8.count == 8, let value = UInt32(text, radix: 16) else {
                    throw fail("maskKey", "\(JSONObjectWriter.quote(text)) is not 8 hex digits")
                }
                maskingKey = MaskingKey(networkOrder: value)
            } else if fields.maskKey != nil {
                throw fail("maskKey", "given for a frame that is not masked")
            }
            guard let lengthValue = fields.length else { throw fail("length", "missing") }
            guard let length = UInt64(exactly: lengthValue), length <= 1 << 53 else {
                throw fail("length", "\(lengthValue) is not a payload length")
            }
            var encoding = PayloadLengthEncoding.minimal(for: length)
            if let text = fields.lengthEncoding {
                guard let named = PayloadLengthEncoding(rawValue: text) else {
                    throw fail("lengthEncoding", "\(JSONObjectWriter.quote(text)) is not 7-bit, 16-bit or 64-bit")
                }
                let fits =
                    switch named {
                    case .sevenBit: length <= 125
                    case .sixteenBit: length <= 0xFFFF
                    case .sixtyFourBit: true
                    }
                guard fits else { throw fail("lengthEncoding", "\(text) cannot hold a length of \(length)") }
                encoding = named
            }
            guard let payload = fields.payload else { throw fail("payload", "missing") }
            if let cut = fields.payloadCut {
                guard payload.count == cut.keptCount, UInt64(cut.fullCount) == length else {
                    throw fail("cut.payload", "does not match the payload (\(payload.count) bytes) and length (\(length))")
                }
            } else if UInt64(payload.count) != length {
                throw fail("payload", "\(payload.count) bytes, but length says \(length)")
            }
            if let cut = fields.inflatedCut {
                guard let inflated = fields.inflated else { throw fail("inflated", "missing (cut.inflated is given)") }
                guard inflated.count == cut.keptCount else {
                    throw fail("cut.inflated", "kept says \(cut.keptCount), but inflated is \(inflated.count) bytes")
                }
            }
            let header = FrameHeader(
                fin: fin, rsv1: fields.rsv1, rsv2: fields.rsv2, rsv3: fields.rsv3, opcode: Opcode(rawValue: opcode),
                maskingKey: maskingKey, payloadLength: length, lengthEncoding: encoding)
            let frame = Frame(header: header, payload: payload, inflatedPayload: fields.inflated)
            let trim =
                fields.payloadCut == nil && fields.inflatedCut == nil
                ? nil : RecordTrim(payload: fields.payloadCut, inflated: fields.inflatedCut)
            return (.frame(frame, inflated: fields.inflated), trim)
        }
    }
}
