import Foundation
import NIOSSL

/// A listener's TLS identity: a certificate chain and its private key, read from PEM files, so the listener
/// speaks `wss://` (relay mode's `--listen-cert` and `--listen-key`).
package struct ListenerTLS: Sendable {
    let context: NIOSSLContext

    /// Reads the chain (leaf first) from `certificateFile` and the key from `keyFile`, and checks that the key
    /// belongs to the leaf, so a wrong pair fails here and not at every client's handshake.
    package static func load(certificateFile: String, keyFile: String) throws(ListenerTLSError) -> ListenerTLS {
        let certificateBytes = try read(certificateFile, as: .certificate)
        let keyBytes = try read(keyFile, as: .privateKey)
        guard let chain = try? NIOSSLCertificate.fromPEMBytes(certificateBytes), !chain.isEmpty else {
            throw .notPEM(file: certificateFile, role: .certificate)
        }
        guard let key = try? NIOSSLPrivateKey(bytes: keyBytes, format: .pem) else {
            throw .notPEM(file: keyFile, role: .privateKey)
        }
        let configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        // BoringSSL refuses a key whose public half is not the leaf's when the context is made.
        guard let context = try? NIOSSLContext(configuration: configuration) else {
            throw .mismatch(certificateFile: certificateFile, keyFile: keyFile)
        }
        return ListenerTLS(context: context)
    }

    private static func read(_ file: String, as role: ListenerTLSError.Role) throws(ListenerTLSError) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) else {
            throw .unreadable(file: file, role: role, reason: "it does not exist")
        }
        guard !isDirectory.boolValue else { throw .unreadable(file: file, role: role, reason: "it is a directory") }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw .unreadable(file: file, role: role, reason: "permission denied")
        }
        return Array(data)
    }
}

/// Why a listener's certificate or key could not be used.
package enum ListenerTLSError: Error, Hashable, Sendable {
    /// Which file of the pair.
    package enum Role: Sendable, Hashable {
        /// The certificate chain.
        case certificate
        /// The private key.
        case privateKey
    }

    /// The file could not be read, for this reason ("it does not exist").
    case unreadable(file: String, role: Role, reason: String)
    /// The file holds no PEM certificate (or no PEM private key).
    case notPEM(file: String, role: Role)
    /// The key is not the one the certificate was issued for.
    case mismatch(certificateFile: String, keyFile: String)
}
