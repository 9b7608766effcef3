import ArgumentParser
import Dispatch
import Foundation
import Inspector
import Relay
import WebSocketCore
import WebSocketServer
import WebSockets

/// `wsinspect relay --listen ADDR --upstream URL`: sits between a real client and its server, forwarding both
/// ways and printing what passes.
struct RelayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "relay",
        abstract: "Relay WebSocket clients to an upstream server and print what passes.",
        discussion: """
            Accepts WebSocket clients on --listen (wss:// with --listen-cert and --listen-key) and connects each one \
            to --upstream (plus the client's path and query, unless --exact-upstream), forwarding messages and \
            closes both ways. The client's subprotocol offer goes upstream and the upstream's choice comes back; its \
            headers go upstream except hop-by-hop and WebSocket handshake ones \
            (docs/INSPECTOR.md#relay-wsinspect-relay). -H, --origin, --proxy and the TLS flags apply to the upstream \
            connection; --no-deflate stops offering compression to it, and --no-client-deflate declines the clients' \
            own offers (each leg negotiates on its own). A message goes on in frames of the sizes it arrived in, so \
            its fragmentation is kept, unless --whole-messages. Each connection is numbered. On a terminal without --dump \
            the inspector opens: a row per forwarded message (#N C->S or S->C), C lists the connections, I \
            intercepts one (held messages: Enter forwards, e edits, d drops), and compose injects toward its server \
            or client. With --dump every forwarded message is printed as one line (#N C->S or S->C); otherwise (no \
            terminal) only connections opening and closing. Ctrl-C stops the relay, closing every connection with \
            1001.
            """)

    @Option(help: ArgumentHelp("The address to accept clients on.", valueName: "host:port"))
    var listen = "127.0.0.1:9000"

    @Option(
        name: .customLong("listen-cert"),
        help: ArgumentHelp("Listen with TLS (wss://): the PEM certificate chain clients see, leaf first.", valueName: "file"))
    var listenCertificate: String?

    @Option(name: .customLong("listen-key"), help: ArgumentHelp("The PEM private key of --listen-cert.", valueName: "file"))
    var listenKey: String?

    @Option(help: ArgumentHelp("The server to connect each client to: ws://, wss://, http:// or https:// URL.", valueName: "url"))
    var upstream: String

    @Flag(name: .customLong("exact-upstream"), help: "Connect to --upstream exactly, ignoring the client's path and query.")
    var exactUpstream = false

    @Flag(name: .customLong("no-client-deflate"), help: "Decline the clients' own permessage-deflate offers.")
    var noClientDeflate = false

    @Flag(
        name: .customLong("whole-messages"),
        help: "Send each message on in one frame instead of in frames of the sizes it arrived in.")
    var wholeMessages = false

    @Flag(help: "Print every forwarded message as one line with its connection number and direction.")
    var dump = false

    @Option(
        name: .customLong("dump-max-bytes"),
        help: ArgumentHelp("With --dump, print at most this many bytes of each payload, then ... and its full length.", valueName: "size"))
    var dumpMaxBytes = ByteSize(bytes: DumpLineFormatter.defaultMaxPayloadBytes)

    @Option(
        help: ArgumentHelp(
            "Colour theme of the inspector: \(BuiltinThemes.names.joined(separator: ", ")), or a theme file's path.",
            valueName: "name|path"))
    var theme: String?

    @Flag(name: .customLong("no-mouse"), help: "Leave the mouse to the terminal instead of clicking rows in the inspector.")
    var noMouse = false

    @OptionGroup(title: "Upstream connection")
    var connection: ConnectionFlags

    func validate() throws {
        guard ListenAddress(listen) != nil else {
            throw ValidationError("--listen must be host:port, e.g. 127.0.0.1:9000 or [::1]:9000")
        }
        guard (listenCertificate == nil) == (listenKey == nil) else {
            throw ValidationError("--listen-cert and --listen-key go together: give both to listen with wss://")
        }
        guard connection.subprotocol.isEmpty else {
            throw ValidationError("-s does not apply to relay: the client's own subprotocol offer goes upstream")
        }
        guard connection.pingInterval == nil else {
            throw ValidationError("--ping-interval does not apply to relay: pings pass between client and server")
        }
    }

    func run() throws {
        guard let address = ListenAddress(listen) else { throw UsageFailure("--listen must be host:port") }
        do {
            _ = try WebSocketStream.checkedURL(upstream)
        } catch {
            throw UsageFailure("--upstream \(Redaction.url(upstream)): \(error.message)")
        }
        let session = connection.options(url: upstream)
        let dispatcher: any Dispatcher
        do {
            dispatcher = try session.dispatcher()
        } catch {
            throw UsageFailure(error.message)
        }
        var headers = connection.header.compactMap(ConnectionFlags.splitHeader)
        if let origin = connection.origin { headers.append((name: "Origin", value: origin)) }
        let options = RelayOptions(
            listenHost: address.host, listenPort: address.port, listenTLS: try listenTLS(), upstream: upstream,
            exactUpstream: exactUpstream, extraHeaders: headers, dispatcher: dispatcher,
            upstreamDeflate: connection.noDeflate ? nil : PerMessageDeflateOffer(),
            clientDeflate: noClientDeflate ? nil : PerMessageDeflateServerPolicy(), wholeMessages: wholeMessages)
        if !dump && RelayInspector.hasTerminal {
            let loadedTheme: Theme
            do {
                loadedTheme = try ThemeLocator.load(theme)
            } catch {
                throw UsageFailure("--theme: \(error)")
            }
            try RelayInspector(options: options, listen: listen, upstream: upstream, theme: loadedTheme, mouse: !noMouse).run()
            return
        }
        let printer = RelayDumpPrinter(printsMessages: dump, maxPayloadBytes: dumpMaxBytes.bytes)
        let relay = try Self.start(options, listen: listen, observer: printer)
        // Straight to the descriptor so a script waiting for this line sees it at once.
        FileHandle.standardError.write(
            Data(
                "wsinspect: relaying \(relay.url) to \(ErrorOutput.printable(upstream)) (Ctrl-C stops it)\n".utf8))
        TerminationSignal.wait()
        try? blockingAwait { try await relay.stop() }
    }

    /// The listener's certificate and key, or `nil` without `--listen-cert`; a file that will not do is a usage
    /// failure that names it.
    private func listenTLS() throws -> ListenerTLS? {
        guard let listenCertificate, let listenKey else { return nil }
        do {
            return try ListenerTLS.load(certificateFile: listenCertificate, keyFile: listenKey)
        } catch {
            throw UsageFailure(Self.words(for: error))
        }
    }

    /// One sentence for a certificate or key that cannot be used, naming the flag and what to do.
    static func words(for error: ListenerTLSError) -> String {
        func flag(_ role: ListenerTLSError.Role) -> String { role == .certificate ? "--listen-cert" : "--listen-key" }
        func what(_ role: ListenerTLSError.Role) -> String { role == .certificate ? "certificate" : "private key" }
        switch error {
        case .unreadable(let file, let role, let reason):
            return "\(flag(role)) \(file): cannot read it (\(reason)); give a readable PEM \(what(role)) file"
        case .notPEM(let file, let role):
            return "\(flag(role)) \(file): no PEM \(what(role)) in it; give a PEM file (-----BEGIN ...)"
        case .mismatch(let certificateFile, let keyFile):
            return "--listen-key \(keyFile) is not the key of --listen-cert \(certificateFile); give the key the "
                + "certificate was issued for"
        }
    }
}

/// `host:port` for `--listen`, with an IPv6 host in brackets.
struct ListenAddress {
    let host: String
    let port: Int

    init?(_ text: String) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (0...65_535).contains(port)
        else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { return nil }
        self.host = host
        self.port = port
    }
}

extension RelayCommand {
    /// Starts the relay for the printer or the inspector, with one wording for a listen address that cannot be used.
    static func start(_ options: RelayOptions, listen: String, observer: any RelayObserver) throws -> Relay {
        do {
            return try blockingAwait { try await Relay.start(options, observer: observer) }
        } catch {
            throw RuntimeFailure("cannot listen on \(listen): \(error); pick another address with --listen")
        }
    }
}
