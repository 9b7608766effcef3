import NIOConcurrencyHelpers
import NIOSSL

/// TLS contexts for a `wss:` target with an IP-literal host reached through a proxy.
///
/// NIOSSL checks a certificate without a server name against the channel's remote address, which inside a
/// tunnel is the proxy's, not the target's. So these contexts verify the chain but skip NIOSSL's name check,
/// and `TargetAddressVerifier` checks the target's own address instead. Built from the same `TLSOptions` as
/// `TLSContextCache`, and cached the same way.
enum TunnelTLSContexts {
    private static let cache = NIOLockedValueBox<[TLSOptions: NIOSSLContext]>([:])

    static func withoutNameCheck(_ options: TLSOptions) throws(WebSocketError) -> NIOSSLContext {
        if let cached = cache.withLockedValue({ $0[options] }) { return cached }
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = options.minimumVersion == .tls13 ? .tlsv13 : .tlsv12
        configuration.certificateVerification = options.insecure ? .none : .noHostnameVerification
        do {
            if let caFile = options.caFile {
                configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(caFile))
            }
            if let certificateFile = options.certificateFile {
                configuration.certificateChain = try NIOSSLCertificate.fromPEMFile(certificateFile).map { .certificate($0) }
            }
            if let keyFile = options.keyFile {
                configuration.privateKey = .privateKey(try NIOSSLPrivateKey(file: keyFile, format: .pem))
            }
            let context = try NIOSSLContext(configuration: configuration)
            cache.withLockedValue { $0[options] = context }
            return context
        } catch {
            throw WebSocketError(.tls, "TLS: cannot load the TLS files: \(error)")
        }
    }
}
