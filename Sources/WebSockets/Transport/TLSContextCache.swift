import Foundation
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
            throw WebSocketError(.tls, "TLS: cannot load CA bundle \(options.caFile ?? ""): \(fileProblem(options.caFile))")
        }
        do {
            if let certificateFile = options.certificateFile {
                configuration.certificateChain = try NIOSSLCertificate.fromPEMFile(certificateFile).map { .certificate($0) }
            }
        } catch {
            throw WebSocketError(
                .tls, "TLS: cannot load client certificate \(options.certificateFile ?? ""): \(fileProblem(options.certificateFile))")
        }
        do {
            if let keyFile = options.keyFile {
                configuration.privateKey = .privateKey(try NIOSSLPrivateKey(file: keyFile, format: .pem))
            }
        } catch {
            throw WebSocketError(.tls, "TLS: cannot load private key \(options.keyFile ?? ""): \(fileProblem(options.keyFile))")
        }
        let context: NIOSSLContext
        do {
            context = try NIOSSLContext(configuration: configuration)
        } catch {
            throw WebSocketError(.tls, "TLS: the certificate and key cannot be used together (does the key belong to the certificate?)")
        }
        cache.withLockedValue { $0[options] = context }
        return context
    }

    /// Why a PEM file could not be loaded, without NIOSSL's type names: missing, unreadable, or not PEM.
    private static func fileProblem(_ path: String?) -> String {
        guard let path else { return "no file given" }
        if !FileManager.default.fileExists(atPath: path) { return "no such file" }
        if !FileManager.default.isReadableFile(atPath: path) { return "not readable (check its permissions)" }
        return "not a PEM file this client can read"
    }
}
