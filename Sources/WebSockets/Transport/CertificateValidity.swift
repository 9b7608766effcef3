import Foundation
import NIOSSL

/// A certificate refused for its dates, with the dates: BoringSSL's own error says only "certificate verify
/// failed", which reads as an untrusted issuer and sends the user after the wrong fix.
struct CertificateValidityError: Error {
    /// The reason in words, e.g. "certificate for localhost expired on 2026-12-03 (its validity ended …)".
    let reason: String

    /// The dated reason for a failed verification of `certificate` (the peer's leaf), or nil when its dates are
    /// fine or `error` is not a verification failure.
    static func explain(
        _ error: any Error, certificate: NIOSSLCertificate?, name: String, now: Date = Date()
    ) -> Self? {
        guard let certificate, String(describing: error).contains("CERTIFICATE_VERIFY_FAILED") else { return nil }
        let notBefore = Date(timeIntervalSince1970: TimeInterval(certificate.notValidBefore))
        let notAfter = Date(timeIntervalSince1970: TimeInterval(certificate.notValidAfter))
        if now > notAfter {
            return Self(
                reason: "certificate for \(name) expired on \(day(notAfter)) (check the server's certificate, or the clock here)")
        }
        if now < notBefore {
            return Self(
                reason: "certificate for \(name) is not valid until \(day(notBefore)) (check the clock here, or the server's certificate)")
        }
        return nil
    }

    /// "2026-12-03 14:00 UTC".
    private static func day(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return formatter.string(from: date)
    }
}
