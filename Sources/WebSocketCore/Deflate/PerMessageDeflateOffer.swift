/// What a client offers for permessage-deflate (RFC 7692), and how it compresses once it is negotiated.
public struct PerMessageDeflateOffer: Sendable, Hashable {
    /// `client_max_window_bits`: `nil` leaves it out, `0` offers it without a value (the server may then pick
    /// one), 8–15 offers that limit.
    public var clientMaxWindowBits: Int?
    /// `server_max_window_bits`: `nil` leaves it out; 8–15 asks the server for at most that window.
    public var serverMaxWindowBits: Int?
    /// `client_no_context_takeover`: we reset our compressor after every message.
    public var clientNoContextTakeover: Bool
    /// `server_no_context_takeover`: the server must reset its compressor after every message.
    public var serverNoContextTakeover: Bool
    /// Messages shorter than this are sent uncompressed: compressing a few bytes only adds overhead.
    public var compressionThreshold: Int
    /// zlib compression level, 1 (fast) … 9 (small). The default is 1: an inspector and a client that must keep
    /// up with floods gain more from speed than from the last few percent of ratio.
    public var compressionLevel: Int

    /// The default offer, as undici's: `permessage-deflate; client_max_window_bits`.
    public init(
        clientMaxWindowBits: Int? = 0, serverMaxWindowBits: Int? = nil, clientNoContextTakeover: Bool = false,
        serverNoContextTakeover: Bool = false, compressionThreshold: Int = 64, compressionLevel: Int = 1
    ) {
        self.clientMaxWindowBits = clientMaxWindowBits
        self.serverMaxWindowBits = serverMaxWindowBits
        self.clientNoContextTakeover = clientNoContextTakeover
        self.serverNoContextTakeover = serverNoContextTakeover
        self.compressionThreshold = compressionThreshold
        self.compressionLevel = compressionLevel
    }

    /// The extension name.
    public static let name = "permessage-deflate"

    /// The `Sec-WebSocket-Extensions` element for this offer.
    public var headerValue: String {
        var parts = [Self.name]
        if clientNoContextTakeover { parts.append("client_no_context_takeover") }
        if serverNoContextTakeover { parts.append("server_no_context_takeover") }
        if let bits = serverMaxWindowBits { parts.append("server_max_window_bits=\(bits)") }
        if let bits = clientMaxWindowBits { parts.append(bits == 0 ? "client_max_window_bits" : "client_max_window_bits=\(bits)") }
        return parts.joined(separator: "; ")
    }

    /// Checks the server's answer (RFC 7692 §7.1) and returns the settled parameters, or why the answer is
    /// unacceptable: a parameter not offered or unknown, a repeated parameter, a value on a flag, window bits
    /// outside 8–15 or not plain digits, a window larger than offered, or a requested flag left out.
    public func negotiate(_ element: ExtensionElement) throws(HandshakeError) -> NegotiatedDeflate {
        func reject(_ why: String) -> HandshakeError { .extensionRejected("permessage-deflate: \(why)") }
        let answer: DeflateParameters
        switch DeflateParameters.read(
            element.parameters, valueRequired: ["server_max_window_bits", "client_max_window_bits"],
            context: "in a response")
        {
        case .success(let read): answer = read
        case .failure(let problem): throw reject(problem.reason)
        }
        var result = NegotiatedDeflate(
            serverMaxWindowBits: 15, clientMaxWindowBits: 15, serverNoContextTakeover: answer.serverNoContextTakeover,
            clientNoContextTakeover: clientNoContextTakeover || answer.clientNoContextTakeover,
            compressionThreshold: compressionThreshold, compressionLevel: compressionLevel)
        if case .bits(let bits) = answer.serverMaxWindowBits {
            if let offered = serverMaxWindowBits, bits > offered {
                throw reject("server_max_window_bits=\(bits) exceeds the offered \(offered)")
            }
            result.serverMaxWindowBits = bits
        }
        if case .bits(let bits) = answer.clientMaxWindowBits {
            guard let offered = clientMaxWindowBits else { throw reject("client_max_window_bits was not offered") }
            if offered != 0 && bits > offered {
                throw reject("client_max_window_bits=\(bits) exceeds the offered \(offered)")
            }
            result.clientMaxWindowBits = bits
        }
        if serverNoContextTakeover && !result.serverNoContextTakeover {
            throw reject("server_no_context_takeover was requested but not accepted")
        }
        if let offered = serverMaxWindowBits, answer.serverMaxWindowBits == .absent {
            throw reject("server_max_window_bits=\(offered) was requested but not accepted")
        }
        if let offered = clientMaxWindowBits, offered != 0, answer.clientMaxWindowBits == .absent {
            result.clientMaxWindowBits = offered
        }
        return result
    }
}

/// The permessage-deflate parameters both sides settled on.
public struct NegotiatedDeflate: Sendable, Hashable {
    /// The largest window the server compresses with.
    public var serverMaxWindowBits: Int
    /// The largest window the client compresses with.
    public var clientMaxWindowBits: Int
    /// The server resets its compressor after each message.
    public var serverNoContextTakeover: Bool
    /// The client resets its compressor after each message.
    public var clientNoContextTakeover: Bool
    /// Messages shorter than this are sent uncompressed.
    public var compressionThreshold: Int
    /// zlib level for what we compress.
    public var compressionLevel: Int

    /// Creates settled parameters.
    public init(
        serverMaxWindowBits: Int = 15, clientMaxWindowBits: Int = 15, serverNoContextTakeover: Bool = false,
        clientNoContextTakeover: Bool = false, compressionThreshold: Int = 64, compressionLevel: Int = 1
    ) {
        self.serverMaxWindowBits = serverMaxWindowBits
        self.clientMaxWindowBits = clientMaxWindowBits
        self.serverNoContextTakeover = serverNoContextTakeover
        self.clientNoContextTakeover = clientNoContextTakeover
        self.compressionThreshold = compressionThreshold
        self.compressionLevel = compressionLevel
    }
}
