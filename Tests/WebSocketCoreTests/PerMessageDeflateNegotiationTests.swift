import Testing
import WebSocketCore

/// RFC 7692 §7.1 negotiation, both roles: what a client accepts from a server's answer, and how the server answers
/// an offer. Every rejection must name its cause.
@Suite("permessage-deflate negotiation")
struct PerMessageDeflateNegotiationTests {
    /// Parses one response element as the handshake validator would hand it over.
    private static func element(_ text: String) throws -> ExtensionElement {
        let list = try ExtensionElement.parseList(text)
        try #require(list.count == 1)
        return list[0]
    }

    struct ClientRow: Sendable, CustomTestStringConvertible {
        var name: String
        var offer: PerMessageDeflateOffer
        var response: String
        /// The settled parameters, or `nil` when the answer must be rejected.
        var accepted: NegotiatedDeflate?
        /// A fragment the rejection message must contain.
        var rejection: String = ""
        var testDescription: String { name }
    }

    static let defaultOffer = PerMessageDeflateOffer()

    static let clientRows: [ClientRow] = [
        ClientRow(
            name: "bare answer to the default offer", offer: defaultOffer, response: "permessage-deflate",
            accepted: NegotiatedDeflate()),
        ClientRow(
            name: "server picks the client window", offer: defaultOffer,
            response: "permessage-deflate; client_max_window_bits=10",
            accepted: NegotiatedDeflate(clientMaxWindowBits: 10)),
        ClientRow(
            name: "client window 8 is accepted (the deflater uses 9)", offer: defaultOffer,
            response: "permessage-deflate; client_max_window_bits=8",
            accepted: NegotiatedDeflate(clientMaxWindowBits: 8)),
        ClientRow(
            name: "server limits its own window unasked", offer: defaultOffer,
            response: "permessage-deflate; server_max_window_bits=8",
            accepted: NegotiatedDeflate(serverMaxWindowBits: 8)),
        ClientRow(
            name: "server_no_context_takeover unasked", offer: defaultOffer,
            response: "permessage-deflate; server_no_context_takeover",
            accepted: NegotiatedDeflate(serverNoContextTakeover: true)),
        ClientRow(
            name: "client_no_context_takeover asked by the server", offer: defaultOffer,
            response: "permessage-deflate; client_no_context_takeover",
            accepted: NegotiatedDeflate(clientNoContextTakeover: true)),
        ClientRow(
            name: "offered client_no_context_takeover binds us even if not echoed",
            offer: PerMessageDeflateOffer(clientNoContextTakeover: true), response: "permessage-deflate",
            accepted: NegotiatedDeflate(clientNoContextTakeover: true)),
        ClientRow(
            name: "offered client window applies when not answered",
            offer: PerMessageDeflateOffer(clientMaxWindowBits: 11), response: "permessage-deflate",
            accepted: NegotiatedDeflate(clientMaxWindowBits: 11)),
        ClientRow(
            name: "requested server window answered smaller",
            offer: PerMessageDeflateOffer(serverMaxWindowBits: 12),
            response: "permessage-deflate; server_max_window_bits=10",
            accepted: NegotiatedDeflate(serverMaxWindowBits: 10)),
        ClientRow(
            name: "parameter names are case-insensitive", offer: defaultOffer,
            response: "permessage-deflate; Server_No_Context_Takeover",
            accepted: NegotiatedDeflate(serverNoContextTakeover: true)),
        ClientRow(
            name: "quoted window value", offer: defaultOffer,
            response: "permessage-deflate; client_max_window_bits=\"9\"",
            accepted: NegotiatedDeflate(clientMaxWindowBits: 9)),

        ClientRow(
            name: "unknown parameter", offer: defaultOffer, response: "permessage-deflate; x_foo",
            rejection: "unknown parameter x_foo"),
        ClientRow(
            name: "client_max_window_bits not offered",
            offer: PerMessageDeflateOffer(clientMaxWindowBits: nil),
            response: "permessage-deflate; client_max_window_bits=10",
            rejection: "client_max_window_bits was not offered"),
        ClientRow(
            name: "repeated parameter", offer: defaultOffer,
            response: "permessage-deflate; server_no_context_takeover; server_no_context_takeover",
            rejection: "server_no_context_takeover appears more than once"),
        ClientRow(
            name: "repeated parameter with a different case", offer: defaultOffer,
            response: "permessage-deflate; server_max_window_bits=10; SERVER_MAX_WINDOW_BITS=10",
            rejection: "appears more than once"),
        ClientRow(
            name: "window 7", offer: defaultOffer, response: "permessage-deflate; server_max_window_bits=7",
            rejection: "server_max_window_bits=7 is not a window size from 8 to 15"),
        ClientRow(
            name: "window 16", offer: defaultOffer, response: "permessage-deflate; client_max_window_bits=16",
            rejection: "client_max_window_bits=16 is not a window size from 8 to 15"),
        ClientRow(
            name: "window with a sign", offer: defaultOffer, response: "permessage-deflate; server_max_window_bits=+9",
            rejection: "server_max_window_bits=+9 is not a window size"),
        ClientRow(
            name: "window not digits", offer: defaultOffer, response: "permessage-deflate; server_max_window_bits=ten",
            rejection: "server_max_window_bits=ten is not a window size"),
        ClientRow(
            name: "window with leading zeros", offer: defaultOffer,
            response: "permessage-deflate; server_max_window_bits=010",
            rejection: "server_max_window_bits=010 is not a window size"),
        ClientRow(
            name: "window without a value", offer: defaultOffer, response: "permessage-deflate; server_max_window_bits",
            rejection: "server_max_window_bits needs a value"),
        ClientRow(
            name: "value on a flag", offer: defaultOffer,
            response: "permessage-deflate; server_no_context_takeover=1",
            rejection: "server_no_context_takeover takes no value, got \"1\""),
        ClientRow(
            name: "value on client flag", offer: defaultOffer,
            response: "permessage-deflate; client_no_context_takeover=true",
            rejection: "client_no_context_takeover takes no value"),
        ClientRow(
            name: "server window larger than requested", offer: PerMessageDeflateOffer(serverMaxWindowBits: 10),
            response: "permessage-deflate; server_max_window_bits=12",
            rejection: "server_max_window_bits=12 exceeds the offered 10"),
        ClientRow(
            name: "requested server window left out", offer: PerMessageDeflateOffer(serverMaxWindowBits: 10),
            response: "permessage-deflate", rejection: "server_max_window_bits=10 was requested but not accepted"),
        ClientRow(
            name: "client window larger than offered", offer: PerMessageDeflateOffer(clientMaxWindowBits: 10),
            response: "permessage-deflate; client_max_window_bits=11",
            rejection: "client_max_window_bits=11 exceeds the offered 10"),
        ClientRow(
            name: "requested server_no_context_takeover left out",
            offer: PerMessageDeflateOffer(serverNoContextTakeover: true), response: "permessage-deflate",
            rejection: "server_no_context_takeover was requested but not accepted"),
    ]

    @Test("client accepts or rejects the server's answer", arguments: clientRows)
    func clientSide(_ row: ClientRow) throws {
        let element = try Self.element(row.response)
        do {
            let settled = try row.offer.negotiate(element)
            if let expected = row.accepted {
                #expect(settled == expected)
            } else {
                Issue.record("accepted \(row.response) as \(settled); expected a rejection naming \"\(row.rejection)\"")
            }
        } catch {
            guard row.accepted == nil else {
                Issue.record("rejected \(row.response): \(error)")
                return
            }
            let message = String(describing: error)
            #expect(message.contains(row.rejection), "message: \(message)")
            #expect(message.contains("permessage-deflate: "), "message: \(message)")
        }
    }

    @Test("the default offer header, and one with every parameter")
    func offerHeaders() {
        #expect(PerMessageDeflateOffer().headerValue == "permessage-deflate; client_max_window_bits")
        let full = PerMessageDeflateOffer(
            clientMaxWindowBits: 10, serverMaxWindowBits: 9, clientNoContextTakeover: true, serverNoContextTakeover: true)
        #expect(
            full.headerValue
                == "permessage-deflate; client_no_context_takeover; server_no_context_takeover; server_max_window_bits=9; client_max_window_bits=10"
        )
    }

    // MARK: Server role

    struct ServerRow: Sendable, CustomTestStringConvertible {
        var name: String
        var policy = PerMessageDeflateServerPolicy()
        var offers: String
        /// The expected response value and parameters, or `nil` when every offer must be declined.
        var response: String?
        var parameters = NegotiatedDeflate()
        var declined: String = ""
        var testDescription: String { name }
    }

    static let serverRows: [ServerRow] = [
        ServerRow(name: "bare offer", offers: "permessage-deflate", response: "permessage-deflate"),
        ServerRow(
            name: "client_max_window_bits without value, no policy", offers: "permessage-deflate; client_max_window_bits",
            response: "permessage-deflate"),
        ServerRow(
            name: "policy limits the client window when offered",
            policy: PerMessageDeflateServerPolicy(clientMaxWindowBits: 10),
            offers: "permessage-deflate; client_max_window_bits", response: "permessage-deflate; client_max_window_bits=10",
            parameters: NegotiatedDeflate(clientMaxWindowBits: 10)),
        ServerRow(
            name: "policy cannot limit a client window that was not offered",
            policy: PerMessageDeflateServerPolicy(clientMaxWindowBits: 10),
            offers: "permessage-deflate", response: "permessage-deflate"),
        ServerRow(
            name: "client offers its own smaller window", offers: "permessage-deflate; client_max_window_bits=9",
            response: "permessage-deflate", parameters: NegotiatedDeflate(clientMaxWindowBits: 9)),
        ServerRow(
            name: "server window requested", offers: "permessage-deflate; server_max_window_bits=10",
            response: "permessage-deflate; server_max_window_bits=10", parameters: NegotiatedDeflate(serverMaxWindowBits: 10)),
        ServerRow(
            name: "policy window smaller than requested",
            policy: PerMessageDeflateServerPolicy(serverMaxWindowBits: 9),
            offers: "permessage-deflate; server_max_window_bits=12",
            response: "permessage-deflate; server_max_window_bits=9", parameters: NegotiatedDeflate(serverMaxWindowBits: 9)),
        ServerRow(
            name: "policy window announced unasked", policy: PerMessageDeflateServerPolicy(serverMaxWindowBits: 11),
            offers: "permessage-deflate", response: "permessage-deflate; server_max_window_bits=11",
            parameters: NegotiatedDeflate(serverMaxWindowBits: 11)),
        ServerRow(
            name: "both no_context_takeover flags echoed",
            offers: "permessage-deflate; client_no_context_takeover; server_no_context_takeover",
            response: "permessage-deflate; server_no_context_takeover; client_no_context_takeover",
            parameters: NegotiatedDeflate(serverNoContextTakeover: true, clientNoContextTakeover: true)),
        ServerRow(
            name: "policy asks the client for no context takeover",
            policy: PerMessageDeflateServerPolicy(clientNoContextTakeover: true), offers: "permessage-deflate",
            response: "permessage-deflate; client_no_context_takeover",
            parameters: NegotiatedDeflate(clientNoContextTakeover: true)),
        ServerRow(
            name: "second offer taken when the first is malformed",
            offers: "permessage-deflate; server_max_window_bits=99, permessage-deflate; client_no_context_takeover",
            response: "permessage-deflate; client_no_context_takeover",
            parameters: NegotiatedDeflate(clientNoContextTakeover: true)),
        ServerRow(
            name: "server window 8 cannot be honoured; the fallback offer is taken",
            offers: "permessage-deflate; server_max_window_bits=8, permessage-deflate",
            response: "permessage-deflate"),

        ServerRow(
            name: "server window 8 alone is declined", offers: "permessage-deflate; server_max_window_bits=8",
            declined: "server_max_window_bits=8 cannot be honoured"),
        ServerRow(
            name: "unknown parameter declined", offers: "permessage-deflate; mystery",
            declined: "unknown parameter mystery"),
        ServerRow(
            name: "repeated parameter declined",
            offers: "permessage-deflate; client_max_window_bits; client_max_window_bits",
            declined: "client_max_window_bits appears more than once"),
        ServerRow(
            name: "window out of range declined", offers: "permessage-deflate; client_max_window_bits=16",
            declined: "client_max_window_bits=16 is not a window size from 8 to 15"),
        ServerRow(
            name: "server window without value declined", offers: "permessage-deflate; server_max_window_bits",
            declined: "server_max_window_bits needs a value in an offer"),
        ServerRow(
            name: "value on a flag declined", offers: "permessage-deflate; server_no_context_takeover=yes",
            declined: "server_no_context_takeover takes no value"),
        ServerRow(
            name: "no permessage-deflate offer at all", offers: "x-webkit-deflate-frame",
            declined: "no permessage-deflate offer"),
    ]

    @Test("server answers offers", arguments: serverRows)
    func serverSide(_ row: ServerRow) throws {
        let offers = try ExtensionElement.parseList(row.offers)
        switch row.policy.accept(offers) {
        case .success(let agreement):
            guard let response = row.response else {
                Issue.record("accepted \(row.offers) with \(agreement.responseValue); expected \"\(row.declined)\"")
                return
            }
            #expect(agreement.responseValue == response)
            #expect(agreement.parameters == row.parameters)
        case .failure(let declined):
            #expect(row.response == nil, "declined: \(declined.reason)")
            #expect(declined.reason.contains(row.declined), "reason: \(declined.reason)")
        }
    }

    @Test("every server answer to our client's offers is accepted by our client with the same parameters")
    func serverAnswersSatisfyClient() throws {
        let offers = [
            PerMessageDeflateOffer(), PerMessageDeflateOffer(clientMaxWindowBits: nil),
            PerMessageDeflateOffer(clientMaxWindowBits: 9, serverMaxWindowBits: 10),
            PerMessageDeflateOffer(clientNoContextTakeover: true, serverNoContextTakeover: true),
            PerMessageDeflateOffer(serverMaxWindowBits: 15),
        ]
        let policies = [
            PerMessageDeflateServerPolicy(), PerMessageDeflateServerPolicy(serverMaxWindowBits: 9, clientMaxWindowBits: 9),
            PerMessageDeflateServerPolicy(serverNoContextTakeover: true, clientNoContextTakeover: true),
        ]
        for offer in offers {
            for policy in policies {
                let agreement = try policy.accept(try ExtensionElement.parseList(offer.headerValue)).get()
                let settled = try offer.negotiate(try Self.element(agreement.responseValue))
                #expect(settled == agreement.parameters, "offer \(offer.headerValue), answer \(agreement.responseValue)")
            }
        }
    }
}
