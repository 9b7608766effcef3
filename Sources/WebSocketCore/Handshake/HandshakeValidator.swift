/// Why the server's handshake response was refused; each case names the header or status and what was wrong.
public enum HandshakeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The response head could not be parsed.
    case malformedResponse(String)
    /// A 3xx status: WebSocket clients do not follow redirects.
    case redirect(statusLine: String, location: String?)
    /// Any status other than 101 or a redirect.
    case unexpectedStatus(statusLine: String)
    /// A required header is missing.
    case missingHeader(name: String, expected: String)
    /// A header has the wrong value.
    case wrongHeader(name: String, expected: String, got: String)
    /// The server chose a subprotocol that was not offered, or none although some were offered.
    case protocolNotOffered(got: String, offered: [String])
    /// The server sent a protocol header although none was offered.
    case unexpectedProtocol(got: String)
    /// The server named an extension that was not offered, or broke its negotiation rules.
    case extensionRejected(String)

    /// What was wrong with the answer, as error messages quote it.
    public var description: String {
        switch self {
        case .malformedResponse(let why):
            return "handshake: malformed response: \(why)"
        case .redirect(let line, let location):
            return "handshake: server answered a redirect (\(line))" + (location.map { " to \($0)" } ?? "")
                + "; WebSocket clients do not follow redirects"
        case .unexpectedStatus(let line):
            return "handshake: expected status 101, got \"\(line)\""
        case .missingHeader(let name, let expected):
            return "handshake: \(name) header missing (expected \(expected))"
        case .wrongHeader(let name, let expected, let got):
            return "handshake: \(name) mismatch (expected \(expected), got \(got))"
        case .protocolNotOffered(let got, let offered):
            let offer = offered.joined(separator: ", ")
            return got.isEmpty
                ? "handshake: Sec-WebSocket-Protocol missing, but \(offer) was offered"
                : "handshake: Sec-WebSocket-Protocol \"\(got)\" was not offered (offered: \(offer))"
        case .unexpectedProtocol(let got):
            return "handshake: Sec-WebSocket-Protocol \"\(got)\" sent, but no subprotocol was offered"
        case .extensionRejected(let why):
            return "handshake: \(why)"
        }
    }
}

/// What the handshake settled.
public struct NegotiatedHandshake: Sendable, Hashable {
    /// The status line of the 101 response.
    public var statusLine: String
    /// The chosen subprotocol, or "".
    public var `protocol`: String
    /// The `Sec-WebSocket-Extensions` value as the server sent it, or "".
    public var extensions: String
    /// The extensions, parsed.
    public var extensionList: [ExtensionElement]
}

/// One element of a `Sec-WebSocket-Extensions` header: a name and its parameters.
public struct ExtensionElement: Sendable, Hashable {
    /// The extension token, e.g. `permessage-deflate`.
    public var name: String
    /// Parameters in order; a flag parameter has a `nil` value.
    public var parameters: [(name: String, value: String?)] {
        get { storage.map { ($0.name, $0.value) } }
        set { storage = newValue.map { Parameter(name: $0.name, value: $0.value) } }
    }
    private var storage: [Parameter]
    private struct Parameter: Hashable, Sendable {
        var name: String
        var value: String?
    }

    /// Creates an element.
    public init(name: String, parameters: [(name: String, value: String?)] = []) {
        self.name = name
        self.storage = parameters.map { Parameter(name: $0.name, value: $0.value) }
    }

    /// Parses a header value such as `permessage-deflate; client_max_window_bits=10, x-foo`.
    /// Quoted parameter values are unquoted; a malformed element is an error.
    public static func parseList(_ value: String) throws(HandshakeError) -> [ExtensionElement] {
        var elements: [ExtensionElement] = []
        for rawElement in value.split(separator: ",", omittingEmptySubsequences: false) {
            let parts = rawElement.split(separator: ";", omittingEmptySubsequences: false).map { $0.trimmingHTTPWhitespace() }
            guard let name = parts.first, HTTPToken.isValid(name) else {
                throw .extensionRejected("Sec-WebSocket-Extensions element \"\(rawElement.trimmingHTTPWhitespace())\" is malformed")
            }
            var element = ExtensionElement(name: name)
            for part in parts.dropFirst() {
                let pieces = part.split(separator: "=", maxSplits: 1).map { $0.trimmingHTTPWhitespace() }
                guard let parameterName = pieces.first, HTTPToken.isValid(parameterName) else {
                    throw .extensionRejected("extension \(name) has a malformed parameter \"\(part)\"")
                }
                var parameterValue: String? = nil
                if pieces.count == 2 {
                    var v = pieces[1]
                    if v.count >= 2 && v.hasPrefix("\"") && v.hasSuffix("\"") { v = String(v.dropFirst().dropLast()) }
                    guard HTTPToken.isValid(v) else {
                        throw .extensionRejected("extension \(name) parameter \(parameterName) has a malformed value \"\(pieces[1])\"")
                    }
                    parameterValue = v
                }
                element.parameters.append((parameterName, parameterValue))
            }
            elements.append(element)
        }
        return elements
    }
}

/// Checks a server's handshake response against the request (RFC 6455 §4.2.2, §4.1 steps 1–6).
public enum HandshakeValidator {
    /// Validates `head` for a request that sent `key`, offered `protocols`, and offered extensions named
    /// `offeredExtensions`. Extension parameters are checked by the extension itself after this.
    public static func validate(
        _ head: HTTPHead, key: String, offeredProtocols: [String], offeredExtensions: Set<String>
    ) throws(HandshakeError) -> NegotiatedHandshake {
        let statusLine = head.startLine
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let status = Int(parts[1]), parts[1].count == 3 else {
            throw .malformedResponse("status line \"\(statusLine)\" is not HTTP/1.x")
        }
        if (300...399).contains(status) {
            throw .redirect(statusLine: statusLine, location: head.headers["location"])
        }
        guard status == 101 else { throw .unexpectedStatus(statusLine: statusLine) }

        guard let upgrade = head.headers["upgrade"] else {
            throw .missingHeader(name: "Upgrade", expected: "websocket")
        }
        guard upgrade.lowercased() == "websocket" else {
            throw .wrongHeader(name: "Upgrade", expected: "websocket", got: upgrade)
        }
        let connectionTokens = head.headers.listElements(for: "connection").map { $0.lowercased() }
        guard head.headers.contains("connection") else {
            throw .missingHeader(name: "Connection", expected: "a list containing upgrade")
        }
        guard connectionTokens.contains("upgrade") else {
            throw .wrongHeader(
                name: "Connection", expected: "a list containing upgrade",
                got: head.headers.values(for: "connection").joined(separator: ", "))
        }
        let expectedAccept = AcceptKey.accept(for: key)
        guard let accept = head.headers["sec-websocket-accept"] else {
            throw .missingHeader(name: "Sec-WebSocket-Accept", expected: expectedAccept)
        }
        // Two values, one of them right, are refused too: the field must appear once (RFC 6455 §11.3.3), and a
        // client reading only the first would let the second (what a proxy or cache may read) go unchecked.
        let accepts = head.headers.values(for: "sec-websocket-accept")
        guard accepts.count == 1 else {
            throw .wrongHeader(
                name: "Sec-WebSocket-Accept", expected: "one value, \(expectedAccept)", got: accepts.joined(separator: ", "))
        }
        guard accept == expectedAccept else {
            throw .wrongHeader(name: "Sec-WebSocket-Accept", expected: expectedAccept, got: accept)
        }

        let extensionValues = head.headers.values(for: "sec-websocket-extensions")
        let extensionHeader = extensionValues.joined(separator: ", ")
        var extensionList: [ExtensionElement] = []
        if !extensionValues.isEmpty {
            extensionList = try ExtensionElement.parseList(extensionHeader)
            var seen = Set<String>()
            for element in extensionList {
                guard offeredExtensions.contains(element.name.lowercased()) else {
                    throw .extensionRejected("server accepted extension \(element.name), which was not offered")
                }
                guard seen.insert(element.name.lowercased()).inserted else {
                    throw .extensionRejected("server accepted extension \(element.name) more than once")
                }
            }
        }

        let protocolValues = head.headers.values(for: "sec-websocket-protocol")
        let chosen = protocolValues.joined(separator: ", ")
        if offeredProtocols.isEmpty {
            if !protocolValues.isEmpty { throw .unexpectedProtocol(got: chosen) }
        } else {
            // The server must pick exactly one of the offered protocols, byte for byte.
            guard protocolValues.count == 1, offeredProtocols.contains(chosen) else {
                throw .protocolNotOffered(got: chosen, offered: offeredProtocols)
            }
        }
        return NegotiatedHandshake(
            statusLine: statusLine, protocol: chosen, extensions: extensionHeader, extensionList: extensionList)
    }
}
