import Foundation
import NIOSSL

/// A certificate refused for its dates (with the dates) or for being self-signed: BoringSSL's own error says only
/// "certificate verify failed", which reads as an untrusted issuer and sends the user after the wrong fix.
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
        if let der = try? certificate.toDERBytes(), let names = issuerAndSubject(der), names.issuer.elementsEqual(names.subject) {
            return Self(reason: "certificate for \(name) is self-signed and not trusted (give that certificate as the CA to trust it)")
        }
        return nil
    }

    /// The DER bytes of a certificate's issuer and subject names (RFC 5280 §4.1: TBSCertificate's 4th and 6th
    /// fields, after an optional explicit version), or nil if the bytes do not have that shape.
    static func issuerAndSubject(_ der: [UInt8]) -> (issuer: ArraySlice<UInt8>, subject: ArraySlice<UInt8>)? {
        guard let certificate = element(der, at: 0), let tbs = element(der, at: certificate.content.lowerBound)
        else { return nil }
        var fields: [Range<Int>] = []
        var index = tbs.content.lowerBound
        while index < tbs.content.upperBound, fields.count < 7, let field = element(der, at: index) {
            // The explicit version ([0], tag 0xA0) comes first when present; it is not one of the counted fields.
            if !(index == tbs.content.lowerBound && der[index] == 0xA0) { fields.append(index..<field.end) }
            index = field.end
        }
        // serial, signature, issuer, validity, subject
        guard fields.count >= 5 else { return nil }
        return (der[fields[2]], der[fields[4]])
    }

    /// One DER element at `index`: where its content lies and where it ends.
    private static func element(_ der: [UInt8], at index: Int) -> (content: Range<Int>, end: Int)? {
        guard index + 2 <= der.count else { return nil }
        var length = Int(der[index + 1])
        var start = index + 2
        if length & 0x80 != 0 {
            let count = length & 0x7F
            guard (1...3).contains(count), start + count <= der.count else { return nil }
            length = der[start..<start + count].reduce(0) { $0 << 8 | Int($1) }
            start += count
        }
        guard start + length <= der.count else { return nil }
        return (start..<start + length, start + length)
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
