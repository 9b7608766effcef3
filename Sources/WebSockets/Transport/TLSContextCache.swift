import NIOConcurrencyHelpers
import NIOSSL

/// Builds NIOSSL contexts from `TLSOptions`, once per distinct set of options: loading a trust store costs
/// milliseconds, and reconnecting clients would pay it every time.
enum TLSContextCache {
    private static let cache = NIOLockedValueBox<[TLSOptions: NIOSSLContext]>([:])

    /// The context for `options`, or a `WebSocketError` naming the file that could not be loaded.
    static func context(for options: TLSOptions) throws(WebSocketError) -> NIOSSLContext {
        if let cached = cache.withLockedValue({ $0[options] }) { return cached }
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = options.minimumVersion == .tls13 ? .tlsv13 : .tlsv12
        // NIOSSL's name check would accept the socket's remote address, which behind a proxy is the proxy's: the
        // chain is verified here, the name by `TLSIdentityVerifier` (see `TLSIdentity`).
        configuration.certificateVerification = options.insecure ? .none : .noHostnameVerification
        do {
            if let caFile = options.caFile {
                configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(caFile))
            }
        } catch {
            throw WebSocketError(.tls, "TLS: cannot load CA bundle \(options.caFile ?? ""): \(error)")
        }
        do {
            if let certificateFile = options.certificateFile {
                configuration.certificateChain = try NIOSSLCertificate.fromPEMFile(certificateFile).map { .certificate($0) }
            }
        } catch {
            throw WebSocketError(.tls, "TLS: cannot load client certificate \(options.certificateFile ?? ""): \(error)")
        }
        do {
            if let keyFile = options.keyFile {
                configuration.privateKey = .privateKey(try NIOSSLPrivateKey(file: keyFile, format: .pem))
            }
        } catch {
            throw WebSocketError(.tls, "TLS: cannot load private key \(options.keyFile ?? ""): \(error)")
        }
        let context: NIOSSLContext
        do {
            context = try NIOSSLContext(configuration: configuration)
        } catch {
            throw WebSocketError(.tls, "TLS: invalid configuration: \(error)")
        }
        cache.withLockedValue { $0[options] = context }
        return context
    }
}
