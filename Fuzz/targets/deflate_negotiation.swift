@testable import WebSocketCore

/// permessage-deflate negotiation (RFC 7692 §7.1) on a `Sec-WebSocket-Extensions` value: the client checking a
/// server's answer against each kind of offer, and the server choosing among a client's offers.
///
/// Properties: settled window bits are 8–15 and never above what the client offered; a flag the client
/// requested is in what it settles; the server's answer parses as one element and, negotiated by a client that
/// offered the same element, is accepted with the same parameters the server settled; and for a well-formed list
/// `parseList` reads back its own rendering.
@_cdecl("LLVMFuzzerTestOneInput")
public func deflateNegotiationFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let config = input.byte()
    let text = String(decoding: input.rest(), as: UTF8.self)
    let offers = [
        PerMessageDeflateOffer(),
        PerMessageDeflateOffer(clientMaxWindowBits: nil),
        PerMessageDeflateOffer(clientMaxWindowBits: 10, serverMaxWindowBits: 12),
        PerMessageDeflateOffer(clientMaxWindowBits: 9, clientNoContextTakeover: true, serverNoContextTakeover: true),
    ]
    let offer = offers[Int(config) % offers.count]
    guard let elements = try? ExtensionElement.parseList(text) else { return 0 }

    // parseList reads back its own rendering.
    let rendered = elements.map(render).joined(separator: ", ")
    let reread = try? ExtensionElement.parseList(rendered)
    require(reread == elements, "parseList does not read back \(rendered)")

    for element in elements {
        guard let settled = try? offer.negotiate(element) else { continue }
        require((8...15).contains(settled.serverMaxWindowBits) && (8...15).contains(settled.clientMaxWindowBits), "window bits")
        if let offered = offer.serverMaxWindowBits { require(settled.serverMaxWindowBits <= offered, "server window above offer") }
        if let offered = offer.clientMaxWindowBits, offered != 0 {
            require(settled.clientMaxWindowBits <= offered, "client window above offer")
        }
        if offer.serverNoContextTakeover { require(settled.serverNoContextTakeover, "requested server_no_context_takeover dropped") }
        if offer.clientNoContextTakeover { require(settled.clientNoContextTakeover, "client_no_context_takeover dropped") }
    }

    guard case .success(let agreement) = PerMessageDeflateServerPolicy().accept(elements) else { return 0 }
    let answer = try? ExtensionElement.parseList(agreement.responseValue)
    require(
        answer?.count == 1 && answer?.first?.name == PerMessageDeflateOffer.name, "answer \(agreement.responseValue) is not one element")
    // The client that made the accepted offer takes the answer and settles what the server settled.
    let accepted = elements.first { element in
        element.name.lowercased() == PerMessageDeflateOffer.name
            && (try? PerMessageDeflateServerPolicy().accept([element]).get()) == agreement
    }
    guard let accepted, let client = clientOffer(from: accepted), let answerElement = answer?.first else { return 0 }
    do {
        let settled = try client.negotiate(answerElement)
        let server = agreement.parameters
        require(
            settled.serverMaxWindowBits == server.serverMaxWindowBits && settled.clientMaxWindowBits == server.clientMaxWindowBits
                && settled.serverNoContextTakeover == server.serverNoContextTakeover
                && settled.clientNoContextTakeover == server.clientNoContextTakeover,
            "client and server settled differently on \(agreement.responseValue)")
    } catch {
        require(false, "our client refuses our server's answer \(agreement.responseValue) to \(accepted): \(error)")
    }
    return 0
}

/// The client offer that renders as `element`, when its parameters are ones our client can offer.
private func clientOffer(from element: ExtensionElement) -> PerMessageDeflateOffer? {
    var offer = PerMessageDeflateOffer(clientMaxWindowBits: nil)
    for (name, value) in element.parameters {
        switch name.lowercased() {
        case "client_max_window_bits": offer.clientMaxWindowBits = value.flatMap(WindowBits.parse) ?? 0
        case "server_max_window_bits": offer.serverMaxWindowBits = value.flatMap(WindowBits.parse)
        case "client_no_context_takeover": offer.clientNoContextTakeover = true
        case "server_no_context_takeover": offer.serverNoContextTakeover = true
        default: return nil
        }
    }
    return offer
}

/// `name; p1=v1; p2`, as a header carries an element.
private func render(_ element: ExtensionElement) -> String {
    var parts = [element.name]
    for (name, value) in element.parameters { parts.append(value.map { "\(name)=\($0)" } ?? name) }
    return parts.joined(separator: "; ")
}
