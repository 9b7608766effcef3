// snippet.hide
// Built with the package (SwiftPM compiles every file in Snippets/), shown in "Proxies and TLS".
import WebSockets

// snippet.show
// snippet.http
let agent = try ProxyAgent(
    uri: "http://user:pass@127.0.0.1:3128",
    tls: TLSOptions(caFile: "ca.pem"),
    limits: ConnectionLimits(maxPayloadSize: 16 << 20, closeTimeout: .seconds(2)))
let ws = try WebSocket(url: "wss://127.0.0.1:9443/", options: WebSocketInit(dispatcher: agent))
// snippet.socks
let socks = try Socks5ProxyAgent(uri: "socks5h://127.0.0.1:1080")
let viaSocks = try WebSocket(url: "ws://chat.internal/", options: WebSocketInit(dispatcher: socks))
// snippet.environment
let fromEnvironment = try EnvHttpProxyAgent()  // http_proxy, HTTPS_PROXY, ALL_PROXY, NO_PROXY, as curl
let viaEnvironment = try WebSocket(url: "wss://example.com/", options: WebSocketInit(dispatcher: fromEnvironment))
// snippet.tls
let mutualTLS = Agent(
    tls: TLSOptions(
        caFile: "ca.pem", certificateFile: "client.pem", keyFile: "client-key.pem", serverName: "api.internal"))
let secure = try WebSocket(url: "wss://10.0.0.7:8443/", options: WebSocketInit(dispatcher: mutualTLS))
// snippet.end
