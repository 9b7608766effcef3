/// How a server answers a client's permessage-deflate offers (RFC 7692 §7.1, server role).
///
/// The server takes the first offer it can honour, in the client's order, and answers with the parameters both
/// sides then use. An offer that is malformed (unknown or repeated parameter, bad window bits, a value on a flag)
/// or that asks for what zlib cannot do is declined, and the next one is tried; no acceptable offer means no
/// compression, which RFC 7692 allows.
public struct PerMessageDeflateServerPolicy: Sendable, Hashable {
    /// The largest window the server compresses with, 9–15; smaller saves memory per connection. Answered as
    /// `server_max_window_bits` when below 15 or when the client asked for a limit.
    public var serverMaxWindowBits: Int
    /// Asks the client to compress with at most this window (9–15), sent as `client_max_window_bits` when the
    /// client offered that parameter (RFC 7692 §7.1.2.2: only then may the server send it); `nil` asks nothing.
    public var clientMaxWindowBits: Int?
    /// The server resets its compressor after every message, and says so with `server_no_context_takeover`.
    public var serverNoContextTakeover: Bool
    /// Asks the client to reset its compressor after every message (`client_no_context_takeover`).
    public var clientNoContextTakeover: Bool
    /// Messages shorter than this are sent uncompressed.
    public var compressionThreshold: Int
    /// zlib level for what the server compresses, 1–9.
    public var compressionLevel: Int

    /// Creates a policy; the default accepts any well-formed offer with a 15-bit window and context takeover.
    public init(
        serverMaxWindowBits: Int = 15, clientMaxWindowBits: Int? = nil, serverNoContextTakeover: Bool = false,
        clientNoContextTakeover: Bool = false, compressionThreshold: Int = 64, compressionLevel: Int = 1
    ) {
        precondition((9...15).contains(serverMaxWindowBits), "serverMaxWindowBits must be 9–15 (zlib cannot do 8)")
        precondition(clientMaxWindowBits.map { (9...15).contains($0) } ?? true, "clientMaxWindowBits must be 9–15")
        self.serverMaxWindowBits = serverMaxWindowBits
        self.clientMaxWindowBits = clientMaxWindowBits
        self.serverNoContextTakeover = serverNoContextTakeover
        self.clientNoContextTakeover = clientNoContextTakeover
        self.compressionThreshold = compressionThreshold
        self.compressionLevel = compressionLevel
    }

    /// What the server agreed to: the `Sec-WebSocket-Extensions` value for the 101 response and the parameters
    /// for the server-role connection.
    public struct Agreement: Sendable, Hashable {
        /// The response element, e.g. `permessage-deflate; server_max_window_bits=10`.
        public var responseValue: String
        /// The settled parameters.
        public var parameters: NegotiatedDeflate
    }

    /// Accepts the first acceptable permessage-deflate offer among `offers` (other extensions are skipped), or
    /// fails with the reason each offer was declined.
    public func accept(_ offers: [ExtensionElement]) -> Result<Agreement, DeflateOfferDeclined> {
        var reasons: [String] = []
        for offer in offers where offer.name.lowercased() == PerMessageDeflateOffer.name {
            switch accept(offer: offer) {
            case .success(let agreement): return .success(agreement)
            case .failure(let declined): reasons.append(declined.reason)
            }
        }
        return .failure(DeflateOfferDeclined(reason: reasons.isEmpty ? "no permessage-deflate offer" : reasons.joined(separator: "; ")))
    }

    /// Checks one offer and answers it, or says why it is declined.
    public func accept(offer: ExtensionElement) -> Result<Agreement, DeflateOfferDeclined> {
        func decline(_ why: String) -> Result<Agreement, DeflateOfferDeclined> {
            .failure(DeflateOfferDeclined(reason: "permessage-deflate offer \"\(Self.describe(offer))\" declined: \(why)"))
        }
        let offered: DeflateParameters
        switch DeflateParameters.read(offer.parameters, valueRequired: ["server_max_window_bits"], context: "in an offer") {
        case .success(let read): offered = read
        case .failure(let problem): return decline(problem.reason)
        }
        var requestedServerBits: Int?
        if case .bits(let bits) = offered.serverMaxWindowBits {
            // zlib cannot compress raw deflate with a 256-byte window; using 512 would break a peer that
            // inflates with exactly 256, so the honest answer is no.
            if bits == 8 { return decline("server_max_window_bits=8 cannot be honoured (zlib's smallest raw-deflate window is 9)") }
            requestedServerBits = bits
        }
        let offeredClientBits: Int??  // nil: absent; .some(nil): offered without a value
        switch offered.clientMaxWindowBits {
        case .absent: offeredClientBits = nil
        case .withoutValue: offeredClientBits = .some(nil)
        case .bits(let bits): offeredClientBits = .some(bits)
        }
        let serverReset = serverNoContextTakeover || offered.serverNoContextTakeover
        let clientReset = clientNoContextTakeover || offered.clientNoContextTakeover
        let serverBits = min(serverMaxWindowBits, requestedServerBits ?? 15)
        var clientBits = 15
        var answerClientBits: Int?
        if let offered = offeredClientBits {
            let limit = offered ?? 15
            clientBits = min(limit, clientMaxWindowBits ?? limit)
            if let wanted = clientMaxWindowBits, wanted < limit { answerClientBits = wanted }
        }
        var response = [PerMessageDeflateOffer.name]
        if serverReset { response.append("server_no_context_takeover") }
        if clientReset { response.append("client_no_context_takeover") }
        if requestedServerBits != nil || serverBits < 15 { response.append("server_max_window_bits=\(serverBits)") }
        if let answerClientBits { response.append("client_max_window_bits=\(answerClientBits)") }
        let parameters = NegotiatedDeflate(
            serverMaxWindowBits: serverBits, clientMaxWindowBits: clientBits, serverNoContextTakeover: serverReset,
            clientNoContextTakeover: clientReset, compressionThreshold: compressionThreshold,
            compressionLevel: compressionLevel)
        return .success(Agreement(responseValue: response.joined(separator: "; "), parameters: parameters))
    }

    private static func describe(_ offer: ExtensionElement) -> String {
        let parameters = offer.parameters.map { parameter in
            parameter.value.map { "\(parameter.name)=\($0)" } ?? parameter.name
        }
        return ([offer.name] + parameters).joined(separator: "; ")
    }
}

/// Why a server declined every permessage-deflate offer; the connection then goes on uncompressed.
public struct DeflateOfferDeclined: Error, Sendable, Hashable, CustomStringConvertible {
    /// The reasons, one per declined offer.
    public let reason: String
    /// The reasons, as text.
    public var description: String { reason }
}
