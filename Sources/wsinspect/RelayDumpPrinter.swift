import Foundation
import Inspector
import Relay
import WebSocketCore

/// What `wsinspect relay` prints on stdout: a line per connection opening, refused or closing, and with `--dump` a
/// line per forwarded message, each with the connection number and direction. Peer bytes are escaped.
///
/// Lines are written at once under a lock, on the thread that reported them; a slow stdout therefore slows the
/// relay, which then reads less from its peers instead of holding lines in memory.
final class RelayDumpPrinter: RelayObserver {
    private let printsMessages: Bool
    private let maxPayloadBytes: Int
    private let clock = ClockFormat()
    private let lock = NSLock()

    init(printsMessages: Bool, maxPayloadBytes: Int) {
        self.printsMessages = printsMessages
        self.maxPayloadBytes = maxPayloadBytes
    }

    func relay(_ event: RelayEvent) {
        guard let line = line(for: event) else { return }
        let text = "\(clock.string(from: Date())) \(line)\n"
        lock.withLock { FileHandle.standardOutput.write(Data(text.utf8)) }
    }

    /// The line for `event` without the time, or `nil` for a message without `--dump`.
    func line(for event: RelayEvent) -> String? {
        switch event {
        case .opened(let number, let peer, let upstream, let chosen, let clientExtensions, let serverExtensions):
            return "#\(number) OPEN   \(SafeText.escape(peer)) -> \(ErrorOutput.printable(upstream))"
                + " protocol=\(SafeText.escape(chosen.isEmpty ? "-" : chosen))"
                + " client-ext=\(SafeText.escape(clientExtensions.isEmpty ? "-" : clientExtensions))"
                + " server-ext=\(SafeText.escape(serverExtensions.isEmpty ? "-" : serverExtensions))"
        case .refused(let number, let peer, _, let reason):
            return "#\(number) REFUSED \(SafeText.escape(peer)): closed with 1014 \(ErrorOutput.printable(reason))"
        case .forwarded(let number, let direction, let message, _):
            guard printsMessages else { return nil }
            return "#\(number) \(arrow(direction)) \(payload(message))"
        case .released(let number, let direction, _, .replace(let message)):
            guard printsMessages else { return nil }
            return "#\(number) \(arrow(direction)) \(payload(message))"
        case .injected(let number, let direction, let message):
            guard printsMessages else { return nil }
            return "#\(number) \(direction == .clientToServer ? "->S " : "->C ") \(payload(message))"
        case .unsent(let number, let direction, let count):
            return "#\(number) \(arrow(direction)) UNSENT \(count) messages waiting behind held ones: the connection ended"
        case .held, .released:
            // Only the inspector intercepts: without it nothing is held, so these never come here.
            return nil
        case .closed(let number, let side, let code, let reason):
            let arrow = arrow(side == .client ? .clientToServer : .serverToClient)
            let codeText = code.map { "\($0) \(CloseCode.name($0))" } ?? "(no code)"
            return "#\(number) \(arrow) CLOSE  \(codeText) \(SafeText.escape(reason))"
        case .ended(let number, let side, let code, let reason):
            let towards = side == .client ? "server" : "client"
            return "#\(number) END    \(side == .client ? "client" : "server") ended; \(towards) closed with \(code) "
                + SafeText.escape(reason)
        }
    }

    private func arrow(_ direction: RelayDirection) -> String {
        direction == .clientToServer ? "C->S" : "S->C"
    }

    private func payload(_ message: Message) -> String {
        let (kind, bytes): (String, [UInt8])
        switch message {
        case .text(let text): (kind, bytes) = ("TEXT  ", Array(text.utf8))
        case .utf8Text(let utf8): (kind, bytes) = ("TEXT  ", utf8)
        case .binary(let binary): (kind, bytes) = ("BINARY", binary)
        }
        let shown = bytes.prefix(maxPayloadBytes)
        let body =
            kind == "BINARY"
            ? shown.map { String($0, radix: 16).leftPadded(to: 2) }.joined()
            : SafeText.escape(shown)
        let cut = shown.count < bytes.count ? " ... (\(bytes.count) B)" : ""
        let size = String(bytes.count).leftPadded(to: 8, with: " ")
        return "\(kind) \(size)  \(body)\(cut)"
    }
}

extension String {
    /// The string padded on the left to `width` characters.
    fileprivate func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
