import ArgumentParser
import CommandLineConfig
import Inspector
import Session
import WebSockets

/// The flags that say how to connect: handshake headers, subprotocols, TLS and timeouts.
struct ConnectionFlags: ParsableArguments {
    @Option(
        name: [.customShort("H"), .long],
        help: ArgumentHelp(
            "Add a handshake header, e.g. -H 'Authorization: Bearer x' (repeatable).", valueName: "Name: value"))
    var header: [String] = []

    @Option(
        name: [.customShort("s"), .long],
        help: ArgumentHelp(
            "Offer a subprotocol (repeatable; the first is preferred).", valueName: "name"))
    var subprotocol: [String] = []

    @Option(help: ArgumentHelp("Send this Origin header.", valueName: "origin"))
    var origin: String?

    @Flag(name: [.customShort("k"), .long], help: "Do not verify the server's TLS certificate (debugging only).")
    var insecure = false

    @Option(help: ArgumentHelp("Trust the CA certificates in this PEM file instead of the system's.", valueName: "file"))
    var cacert: String?

    @Option(help: ArgumentHelp("Present this PEM client certificate (needs --key).", valueName: "file"))
    var cert: String?

    @Option(help: ArgumentHelp("The PEM private key for --cert.", valueName: "file"))
    var key: String?

    @Option(
        name: .customLong("connect-timeout"),
        help: ArgumentHelp(
            "Give up when the whole opening (TCP, TLS, proxy and WebSocket handshake) takes longer than this many "
                + "seconds (default 30).", valueName: "seconds"))
    var connectTimeout: Double?

    @Option(
        name: .customLong("ping-interval"),
        help: ArgumentHelp(
            "Send a keepalive ping this often; the status bar shows its round-trip time.", valueName: "seconds"))
    var pingInterval: Double?

    @Option(
        help: ArgumentHelp(
            "Connect through this proxy: http://, https://, socks5:// or socks5h:// (user:password@ allowed).",
            valueName: "url"))
    var proxy: String?

    @Flag(name: .customLong("no-proxy"), help: "Connect directly, ignoring http_proxy, HTTPS_PROXY and ALL_PROXY.")
    var noProxy = false

    @Option(
        name: .customLong("proxy-header"),
        help: ArgumentHelp(
            "Add a header to the proxy's CONNECT request (repeatable).", valueName: "Name: value"))
    var proxyHeader: [String] = []

    @Option(
        name: .customLong("proxy-cacert"),
        help: ArgumentHelp(
            "Trust the CA certificates in this PEM file for an https:// proxy's own certificate (--cacert is for the server only, as in curl).",
            valueName: "file"))
    var proxyCacert: String?

    @Flag(name: .customLong("proxy-insecure"), help: "Do not verify an https:// proxy's TLS certificate (debugging only).")
    var proxyInsecure = false

    @Flag(name: .customLong("no-deflate"), help: "Do not offer permessage-deflate compression.")
    var noDeflate = false

    mutating func validate() throws {
        for value in proxyHeader where Self.splitHeader(value) == nil {
            throw ValidationError("--proxy-header '\(Self.printable(value))' is not 'Name: value'")
        }
        if proxy != nil && noProxy { throw ValidationError("--proxy and --no-proxy cannot be used together") }
        if let proxy {
            do {
                _ = try ProxyServer(uri: proxy)
            } catch {
                throw ValidationError("--proxy: \(Self.printable(error.message))")
            }
        }
        for value in header where Self.splitHeader(value) == nil {
            throw ValidationError("--header '\(Self.printable(value))' is not 'Name: value'")
        }
        if !PairedFlagChecks.deferred {
            if cert != nil && key == nil { throw ValidationError("--cert needs --key") }
            if key != nil && cert == nil { throw ValidationError("--key needs --cert") }
        }
        if let connectTimeout, !(connectTimeout > 0 && connectTimeout <= 86_400) {
            throw ValidationError("--connect-timeout must be between 0 and 86400 seconds")
        }
        if let pingInterval, !(pingInterval >= 0.05 && pingInterval <= 86_400) {
            throw ValidationError("--ping-interval must be between 0.05 and 86400 seconds")
        }
    }

    /// The session options for `url`.
    func options(url: String) -> SessionOptions {
        var headers = header.compactMap(Self.splitHeader)
        if let origin { headers.append((name: "Origin", value: origin)) }
        return SessionOptions(
            url: url, protocols: subprotocol, headers: headers,
            tls: TLSOptions(caFile: cacert, certificateFile: cert, keyFile: key, insecure: insecure),
            connectTimeout: connectTimeout.map { .milliseconds(Int64(($0 * 1000).rounded())) },
            pingInterval: pingInterval.map { .milliseconds(Int64(($0 * 1000).rounded())) },
            proxy: proxy, noProxy: noProxy, proxyHeaders: proxyHeader.compactMap(Self.splitHeader),
            proxyTLS: TLSOptions(caFile: proxyCacert, insecure: proxyInsecure), deflate: !noDeflate)
    }

    /// Takes the headers and subprotocols of a browser's copied request: typed `-H` headers replace copied ones
    /// of the same name, and typed `-s` subprotocols replace the copied ones.
    mutating func adopt(_ request: CurlCommand) {
        let typed = Set(header.compactMap { Self.splitHeader($0)?.name.lowercased() })
        header =
            request.headers.filter { !typed.contains($0.name.lowercased()) }.map { "\($0.name): \($0.value)" }
            + header
        if subprotocol.isEmpty { subprotocol = request.subprotocols }
    }

    /// `Name: value` split at the first colon, both trimmed; `nil` without a colon or with an empty name.
    static func splitHeader(_ text: String) -> (name: String, value: String)? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let name = text[..<colon].trimmingCharacters(in: .whitespaces)
        let value = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        return name.isEmpty ? nil : (name, value)
    }

    /// User input echoed in an error line, escaped so a pasted control character cannot act on the terminal.
    static func printable(_ text: String) -> String { SafeText.escape(text) }
}
