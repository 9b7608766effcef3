/// A parsed HTTP/1.1 message head: the start line and the header fields.
public struct HTTPHead: Sendable, Hashable {
    /// The first line, e.g. `HTTP/1.1 101 Switching Protocols` or `GET /chat HTTP/1.1`.
    public var startLine: String
    /// The header fields.
    public var headers: HTTPHeaders
    /// The head exactly as received, up to and including the blank line.
    public var rawBytes: [UInt8]
}

/// Why an HTTP head could not be read.
public struct HTTPHeadError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was wrong.
    public let message: String
    /// The message.
    public var description: String { message }
}

/// Collects bytes until a full HTTP/1.1 head has arrived, then splits it into lines.
///
/// Bytes after the head (the first WebSocket frames, if a peer sent them at once) are kept as `leftover`.
public struct HTTPHeadParser: Sendable {
    /// The largest head accepted; a peer that sends more without a blank line is refused.
    public let maxHeadSize: Int
    private var buffer: [UInt8] = []
    private var searchFrom = 0

    /// Creates a parser.
    public init(maxHeadSize: Int = 16 * 1024) { self.maxHeadSize = maxHeadSize }

    /// Bytes that followed the head, once a head has been returned.
    public private(set) var leftover: [UInt8] = []

    /// Adds bytes; returns the head once it is complete.
    public mutating func append<Bytes: Sequence>(_ bytes: Bytes) throws(HTTPHeadError) -> HTTPHead? where Bytes.Element == UInt8 {
        buffer.append(contentsOf: bytes)
        var i = max(searchFrom, 3)
        while i < buffer.count {
            if buffer[i] == 0x0A && buffer[i - 1] == 0x0D && buffer[i - 2] == 0x0A && buffer[i - 3] == 0x0D {
                let headEnd = i + 1
                // One read can carry a whole oversized head, blank line included: the limit holds for it too.
                guard headEnd <= maxHeadSize else { throw Self.tooLong(maxHeadSize) }
                let raw = Array(buffer[..<headEnd])
                leftover = Array(buffer[headEnd...])
                return try Self.split(raw)
            }
            i += 1
        }
        searchFrom = buffer.count
        if buffer.count > maxHeadSize { throw Self.tooLong(maxHeadSize) }
        return nil
    }

    private static func tooLong(_ limit: Int) -> HTTPHeadError {
        let size = limit % 1024 == 0 ? "\(limit / 1024) KiB" : "\(limit) bytes"
        return HTTPHeadError(message: "HTTP head longer than \(size); refusing to read more of it")
    }

    static func split(_ raw: [UInt8]) throws(HTTPHeadError) -> HTTPHead {
        // The head ends with CRLF CRLF; split on CRLF and drop the two empty tail lines.
        var lines: [String] = []
        var start = 0
        var index = 0
        while index + 1 < raw.count {
            if raw[index] == 0x0D && raw[index + 1] == 0x0A {
                let lineBytes = raw[start..<index]
                guard UTF8Validator.isValid(lineBytes) else {
                    throw HTTPHeadError(message: "HTTP head contains bytes that are not UTF-8")
                }
                lines.append(String(decoding: lineBytes, as: UTF8.self))
                index += 2
                start = index
            } else {
                index += 1
            }
        }
        while lines.last == "" { lines.removeLast() }
        guard let startLine = lines.first, !startLine.isEmpty else {
            throw HTTPHeadError(message: "empty HTTP start line")
        }
        var headers = HTTPHeaders()
        for line in lines.dropFirst() {
            if line.first == " " || line.first == "\t" {
                throw HTTPHeadError(message: "obsolete folded header line: \(line)")
            }
            guard let colon = line.firstIndex(of: ":") else {
                throw HTTPHeadError(message: "header line without a colon: \(line)")
            }
            let name = String(line[..<colon])
            guard HTTPToken.isValid(name) else {
                throw HTTPHeadError(message: "header name is not a token: \(name)")
            }
            headers.add(name: name, value: line[line.index(after: colon)...].trimmingHTTPWhitespace())
        }
        return HTTPHead(startLine: startLine, headers: headers, rawBytes: raw)
    }
}
