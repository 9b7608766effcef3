import Foundation
import Inspector
import Session
import Terminal
import WebSockets

/// `--dump`: prints every frame as one escaped line on stdout, sends each stdin line as a text message, and when
/// stdin ends closes with 1000. Notes (connected, closed, errors) go to stderr, escaped too.
///
/// It runs the same session and event queue as the inspector, with a `poll()` on stdin and the queue instead of
/// a screen. Frames and handshake lines are printed from the wire tap on the connection's thread (see
/// ``DumpPrinter``); only close frames, which move the connection's state, also go through the queue. With
/// `--record`, every record goes through the queue and the model instead, since the recording numbers them.
struct DumpRunner {
    let session: InspectorSession
    let queue: WakeableQueue
    /// Prints frames and notes; internal so `replay` (ReplayRunner) can drive its own loop with it.
    let printer: DumpPrinter

    /// Creates the runner and starts printing the session's records; create it before connecting, so the first
    /// notes are printed too. Each payload is printed up to `maxPayloadBytes` (`nil`: whole); credentials are
    /// hidden unless `showsSecrets`.
    init(session: InspectorSession, queue: WakeableQueue, recording: Bool, maxPayloadBytes: Int?, showsSecrets: Bool) {
        self.session = session
        self.queue = queue
        let printer = DumpPrinter(maxPayloadBytes: maxPayloadBytes, showsSecrets: showsSecrets, onPending: { queue.nudge() })
        self.printer = printer
        // Frames and handshake lines come from the tap unless the recording needs every record numbered.
        let fromTap = !recording
        if fromTap {
            session.wireObserver = { wire in
                printer.print(wire)
                return wire.isCloseFrame
            }
        }
        session.observer = { record in
            let isNote: Bool
            if case .note = record.kind { isNote = true } else { isNote = false }
            if isNote || !fromTap { printer.print(record) }
        }
    }

    /// Runs until the connection closes for good (with `--reconnect`, until the user closes or the attempts run
    /// out); returns the exit status (see the command's help).
    func run(_ initial: InspectorState) -> ExitStatus {
        defer { printer.flush() }
        var state = initial
        var input = LineSplitter()
        var stdinOpen = true
        var outgoing: [String] = []
        var closeRequested = false
        var opened = false
        var descriptors = [
            pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
            pollfd(fd: queue.wakeDescriptor, events: Int16(POLLIN), revents: 0),
        ]
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            // Lines printed from the tap go out once they have waited a moment for company; sleep no longer.
            let outputWait = printer.flushWhenDue() ?? 1_000
            // `… | head`: once stdout's reader is gone, close normally and leave, as a pipeline expects.
            if printer.isStdoutClosed {
                session.note("stdout was closed: closing the connection", in: &state)
                session.finish()
                return .success
            }
            descriptors[0].fd = stdinOpen ? STDIN_FILENO : -1
            descriptors[0].revents = 0
            descriptors[1].revents = 0
            _ = poll(&descriptors, 2, queue.pollTimeout(idle: outputWait))

            if stdinOpen && descriptors[0].revents != 0 {
                let count = read(STDIN_FILENO, &buffer, buffer.count)
                if count > 0 {
                    outgoing += input.feed(buffer[..<count])
                } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                    stdinOpen = false
                    if let last = input.finish() { outgoing.append(last) }
                }
            }

            var taken = queue.takeAll()
            defer { queue.recycle(&taken) }
            while let event = taken.next() {
                guard case .session(let sessionEvent) = event else {
                    // A signal (only watched with --har) ends the session as the end of stdin does: a normal
                    // close, so the HAR holds the whole exchange; a second one, or one before OPEN, leaves at once.
                    if !stdinOpen || session.readyState != .open {
                        session.finish()
                        return .failure
                    }
                    stdinOpen = false
                    continue
                }
                session.apply(sessionEvent, to: &state)
                switch sessionEvent {
                case .opened: opened = true
                // With --reconnect an end the user did not ask for is followed by another connection, not an exit.
                case .closed(let generation, let code, _, _, _)
                where generation == session.generation && session.schedule.pending == nil:
                    return Self.exitStatus(code: code, opened: opened)
                default: break
                }
            }

            if session.readyState == .open {
                for line in outgoing { _ = session.perform(.sendText(line), state: &state) }
                outgoing.removeAll()
                if !stdinOpen && !closeRequested {
                    closeRequested = true
                    _ = session.perform(.close(code: 1000, reason: ""), state: &state)
                }
            }
        }
    }

    /// Success for a normal close (1000, or 1005 when the server's Close had no code); failure when the connection
    /// failed or ended without a closing handshake; abnormal close for any other close code.
    static func exitStatus(code: UInt16, opened: Bool) -> ExitStatus {
        switch code {
        case 1000, 1005: return opened ? .success : .failure
        case 1006: return .failure
        default: return opened ? .abnormalClose : .failure
        }
    }
}

/// Splits stdin bytes into lines (LF or CRLF), keeping a partial last line until more arrives.
struct LineSplitter {
    private var pending: [UInt8] = []

    /// The complete lines in `bytes` (plus what was pending).
    mutating func feed(_ bytes: ArraySlice<UInt8>) -> [String] {
        var lines: [String] = []
        for byte in bytes {
            if byte == 0x0A {
                if pending.last == 0x0D { pending.removeLast() }
                lines.append(String(decoding: pending, as: UTF8.self))
                pending.removeAll(keepingCapacity: true)
            } else {
                pending.append(byte)
            }
        }
        return lines
    }

    /// The unterminated last line, if any.
    mutating func finish() -> String? {
        defer { pending = [] }
        return pending.isEmpty ? nil : String(decoding: pending, as: UTF8.self)
    }
}
