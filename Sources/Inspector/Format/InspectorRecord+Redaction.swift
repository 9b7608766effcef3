import WebSockets

extension InspectorRecord {
    /// The record with its credentials hidden (the library's one redaction rule: `Authorization`,
    /// `Proxy-Authorization`, `Cookie` and `Set-Cookie` values, a SOCKS5 username/password message, and URL
    /// passwords in notes), or `nil` when it holds none. Frames are never changed.
    ///
    /// The log keeps the exact bytes; this is what leaves for the screen, `--dump` and `--record`.
    package func redacted() -> InspectorRecord? {
        let hidden: Kind
        switch kind {
        case .frame:
            return nil
        case .handshakeRequest(let bytes):
            guard let shown = Redaction.wireMessage(bytes) else { return nil }
            hidden = .handshakeRequest(shown)
        case .handshakeResponse(let bytes):
            guard let shown = Redaction.wireMessage(bytes) else { return nil }
            hidden = .handshakeResponse(shown)
        case .note(let text, let isError):
            let shown = Redaction.urls(in: text)
            guard shown != text else { return nil }
            hidden = .note(shown, isError: isError)
        }
        return InspectorRecord(id: id, time: time, direction: direction, kind: hidden)
    }

    /// The record as a screen shows it: with credentials hidden, unless `showsSecrets` (`--show-secrets`).
    package func shown(showsSecrets: Bool) -> InspectorRecord {
        showsSecrets ? self : (redacted() ?? self)
    }
}
