import Foundation
import WebSocketCore

/// Whether an entry has shown itself to be a WebSocket connection yet, and the first problem found in it before
/// it had: reported only if it turns out to be one.
struct HAREntryState {
    var isWebSocket = false
    var deferred: CaptureError?

    mutating func problem(_ error: CaptureError) throws(CaptureError) {
        if isWebSocket { throw error }
        if deferred == nil { deferred = error }
    }

    mutating func becameWebSocket() throws(CaptureError) {
        isWebSocket = true
        if let deferred { throw deferred }
    }
}

/// What an entry's `request` or `response` said.
struct HARHead {
    var url: String?
    var status: Int?
    var httpVersion: String?
    var statusText: String?
    var headers: [CapturedHeader] = []
}

/// Walks the document, naming the path of whatever is wrong.
struct HARWalker {
    var scanner: JSONScanner
    let file: String

    func fail(_ path: String, _ problem: String) -> CaptureError {
        CaptureError(file: file, path: path.isEmpty ? nil : path, problem: problem)
    }

    /// Runs a scanner step; a syntax error becomes a capture error at `path`, with its line and column.
    mutating func step<T>(
        _ path: @autoclosure () -> String, _ body: (inout JSONScanner) throws(JSONSyntaxError) -> T
    ) throws(CaptureError) -> T {
        do {
            return try body(&scanner)
        } catch {
            let (line, column) = scanner.lineAndColumn(of: error.offset)
            throw fail(path(), "not valid JSON at line \(line), column \(column): \(error.problem)")
        }
    }

    mutating func kind(_ path: @autoclosure () -> String) throws(CaptureError) -> JSONScanner.Kind {
        try step(path()) { scanner throws(JSONSyntaxError) in try scanner.kind() }
    }

    mutating func skip(_ path: @autoclosure () -> String) throws(CaptureError) {
        try step(path()) { scanner throws(JSONSyntaxError) in try scanner.skipValue() }
    }

    mutating func key(_ path: @autoclosure () -> String, _ first: inout Bool) throws(CaptureError) -> JSONScanner.Token? {
        try step(path()) { scanner throws(JSONSyntaxError) in try scanner.nextKey(&first) }
    }

    mutating func element(_ path: @autoclosure () -> String, _ first: inout Bool) throws(CaptureError) -> Bool {
        try step(path()) { scanner throws(JSONSyntaxError) in try scanner.nextElement(&first) }
    }

    mutating func string(_ path: @autoclosure () -> String) throws(CaptureError) -> String {
        let token = try step(path()) { scanner throws(JSONSyntaxError) in try scanner.stringToken() }
        return scanner.string(token)
    }

    mutating func number(_ path: @autoclosure () -> String) throws(CaptureError) -> Double {
        try step(path()) { scanner throws(JSONSyntaxError) in try scanner.number() }
    }

    mutating func begin(_ path: @autoclosure () -> String, _ kind: JSONScanner.Kind) throws(CaptureError) {
        try step(path()) { scanner throws(JSONSyntaxError) in
            if kind == .object { try scanner.beginObject() } else { try scanner.beginArray() }
        }
    }

    /// Consumes `null` if it is next.
    mutating func null(_ path: @autoclosure () -> String) throws(CaptureError) -> Bool {
        try step(path()) { scanner throws(JSONSyntaxError) in try scanner.null() }
    }

    mutating func document() throws(CaptureError) -> HARReader.Result {
        let notJSON = fail("", "is not JSON (is it a HAR file?)")
        guard let rootKind = try? scanner.kind() else { throw notJSON }
        guard rootKind == .object else {
            guard (try? scanner.skipValue()) != nil, scanner.atEnd() else { throw notJSON }
            throw fail("", "not an object")
        }
        try begin("", .object)
        var first = true
        var result: HARReader.Result?
        while let key = try self.key("", &first) {
            if scanner.token(key, is: "log") { result = try log() } else { try skip("") }
        }
        if !scanner.atEnd() {
            let (line, column) = scanner.lineAndColumn(of: scanner.position)
            throw fail("", "not valid JSON at line \(line), column \(column): text after the end of the document")
        }
        guard let result else { throw fail("log", "missing") }
        return result
    }

    mutating func log() throws(CaptureError) -> HARReader.Result {
        guard try kind("log") == .object else { throw fail("log", "not an object") }
        try begin("log", .object)
        var first = true
        var connections: [CapturedConnection]?
        var skipped = 0
        var comment: String?
        while let key = try self.key("log", &first) {
            if scanner.token(key, is: "entries") {
                guard try kind("log.entries") == .array else { throw fail("log.entries", "not an array") }
                connections = try entries(skipped: &skipped)
            } else if scanner.token(key, is: "comment"), try kind("log.comment") == .string {
                comment = try string("log.comment")
            } else {
                try skip("log")
            }
        }
        guard let connections else { throw fail("log.entries", "missing") }
        return HARReader.Result(capture: Capture(connections: connections, comment: comment), skippedEntries: skipped)
    }

    mutating func entries(skipped: inout Int) throws(CaptureError) -> [CapturedConnection] {
        try begin("log.entries", .array)
        var first = true
        var index = 0
        var connections: [CapturedConnection] = []
        while try element("log.entries[\(index)]", &first) {
            let path = "log.entries[\(index)]"
            guard try kind(path) == .object else { throw fail(path, "not an object") }
            if let connection = try entry(path) { connections.append(connection) } else { skipped += 1 }
            index += 1
        }
        return connections
    }

    /// One entry: its connection, or `nil` when it is not a WebSocket connection.
    mutating func entry(_ path: String) throws(CaptureError) -> CapturedConnection? {
        try begin(path, .object)
        var state = HAREntryState()
        var request: HARHead?
        var response: HARHead?
        var started: Date?
        var messages: [CapturedMessage] = []
        var close: CapturedClose?
        var first = true
        while let key = try self.key(path, &first) {
            if scanner.token(key, is: "_resourceType") {
                if try kind(path + "._resourceType") == .string {
                    if try string(path + "._resourceType").lowercased() == "websocket" { try state.becameWebSocket() }
                } else {
                    try skip(path + "._resourceType")
                }
            } else if scanner.token(key, is: "request") {
                request = try head(path + ".request", isRequest: true, &state)
            } else if scanner.token(key, is: "response") {
                response = try head(path + ".response", isRequest: false, &state)
            } else if scanner.token(key, is: "startedDateTime") {
                let field = path + ".startedDateTime"
                if try kind(field) == .string {
                    let text = try string(field)
                    if let date = ISOTime.parse(text) {
                        started = date
                    } else {
                        try state.problem(fail(field, "\(JSONObjectWriter.quote(text)) is not an ISO 8601 time"))
                    }
                } else {
                    try skip(field)
                    try state.problem(fail(field, "not a string"))
                }
            } else if scanner.token(key, is: "_webSocketMessages") {
                try state.becameWebSocket()
                let field = path + "._webSocketMessages"
                guard try kind(field) == .array else { throw fail(field, "not an array") }
                try self.messages(field, into: &messages)
            } else if scanner.token(key, is: "_webSocketClose") {
                let field = path + "._webSocketClose"
                if try null(field) { continue }
                if try kind(field) == .object {
                    close = try self.close(field, &state)
                } else {
                    try skip(field)
                    try state.problem(fail(field, "not an object"))
                }
            } else {
                try skip(path)
            }
        }
        guard state.isWebSocket else { return nil }
        guard let request else { throw fail(path + ".request", "missing") }
        guard let response else { throw fail(path + ".response", "missing") }
        guard let started else { throw fail(path + ".startedDateTime", "missing") }
        guard let url = request.url else { throw fail(path + ".request.url", "missing") }
        guard let status = response.status else { throw fail(path + ".response.status", "missing") }
        return CapturedConnection(
            url: url, startedAt: started, httpVersion: request.httpVersion ?? "HTTP/1.1", requestHeaders: request.headers,
            status: status, statusText: response.statusText ?? "", responseHeaders: response.headers,
            messages: messages, close: close)
    }

    /// An entry's `request` or `response`.
    mutating func head(_ path: String, isRequest: Bool, _ state: inout HAREntryState) throws(CaptureError) -> HARHead? {
        guard try kind(path) == .object else {
            try skip(path)
            try state.problem(fail(path, "not an object"))
            return nil
        }
        try begin(path, .object)
        var head = HARHead()
        var first = true
        while let key = try self.key(path, &first) {
            if isRequest && scanner.token(key, is: "url") {
                let field = path + ".url"
                if try kind(field) == .string {
                    head.url = try string(field)
                } else {
                    try skip(field)
                    try state.problem(fail(field, "not a string"))
                }
            } else if !isRequest && scanner.token(key, is: "status") {
                let field = path + ".status"
                if try kind(field) == .number {
                    // A whole number from 0 to 999 (`Int(Double)` would trap on 1e300).
                    let number = try self.number(field)
                    if let status = Int(exactly: number), (0...999).contains(status) {
                        head.status = status
                    } else {
                        try state.problem(fail(field, "\(number) is not an HTTP status"))
                    }
                } else {
                    try skip(field)
                    try state.problem(fail(field, "not a number"))
                }
            } else if scanner.token(key, is: "httpVersion"), try kind(path + ".httpVersion") == .string {
                head.httpVersion = try string(path + ".httpVersion")
            } else if !isRequest && scanner.token(key, is: "statusText"), try kind(path + ".statusText") == .string {
                head.statusText = try string(path + ".statusText")
            } else if scanner.token(key, is: "headers") {
                head.headers = try headers(path + ".headers", &state)
            } else {
                try skip(path)
            }
        }
        return head
    }

    mutating func headers(_ path: String, _ state: inout HAREntryState) throws(CaptureError) -> [CapturedHeader] {
        if try null(path) { return [] }
        guard try kind(path) == .array else {
            try skip(path)
            try state.problem(fail(path, "not an array"))
            return []
        }
        try begin(path, .array)
        var headers: [CapturedHeader] = []
        var first = true
        var index = 0
        while try element(path, &first) {
            let element = path + "[\(index)]"
            index += 1
            guard try kind(element) == .object else {
                try skip(element)
                try state.problem(fail(element, "not an object"))
                continue
            }
            try begin(element, .object)
            var name: String?
            var value: String?
            var firstMember = true
            while let key = try self.key(element, &firstMember) {
                let isName = scanner.token(key, is: "name")
                guard isName || scanner.token(key, is: "value") else {
                    try skip(element)
                    continue
                }
                let field = element + (isName ? ".name" : ".value")
                guard try kind(field) == .string else {
                    try skip(field)
                    try state.problem(fail(field, "not a string"))
                    continue
                }
                if isName { name = try string(field) } else { value = try string(field) }
            }
            guard let name else {
                try state.problem(fail(element + ".name", "missing"))
                continue
            }
            guard let value else {
                try state.problem(fail(element + ".value", "missing"))
                continue
            }
            headers.append(CapturedHeader(name: name, value: value))
        }
        return headers
    }
}
