import Foundation
import Inspector
import WebSocketCore
import WebSockets

/// `--dump`'s output: frame lines on stdout, everything else (handshake lines, notes) on stderr, both escaped.
///
/// Frames and handshake lines are printed on the connection's thread, straight from the wire tap, and notes on the
/// UI thread; one lock keeps the two in order. Printing from the tap is what keeps `--dump` ahead of a flood: a
/// record no longer crosses threads, and the UI thread no longer touches every message. When stdout is a slow
/// pipe, the connection's thread waits in `write(2)` and TCP pushes back on the server, so memory stays bounded.
///
/// `@unchecked Sendable` is safe: the buffers are used only while `lock` is held; the formatter and the
/// `onPending` closure are immutable.
final class DumpPrinter: @unchecked Sendable {
    private let lock = NSLock()
    private let formatter: DumpLineFormatter
    private let standardOutput = BufferedOutput(descriptor: STDOUT_FILENO)
    private let standardError = BufferedOutput(descriptor: STDERR_FILENO)
    /// Called (outside the lock) when stdout's buffer stops being empty, so the UI thread comes to flush it
    /// (nothing printed may wait in the buffer while traffic is quiet), and when stdout's reader goes away.
    private let onPending: @Sendable () -> Void
    /// When stdout's buffer stopped being empty (monotonic nanoseconds), if it is not empty now.
    private var pendingSince: UInt64?
    /// How long printed lines may wait for more to share their `write(2)`. Under a flood the tap's thread fills and
    /// writes whole 64 KiB chunks far sooner; this only bounds the delay of the last lines before a quiet spell.
    static let flushDelayNanoseconds: UInt64 = 2_000_000

    /// Creates a printer: each payload up to `maxPayloadBytes` (`nil`: whole); handshake lines and notes hide
    /// credentials unless `showsSecrets`.
    init(maxPayloadBytes: Int?, showsSecrets: Bool, onPending: @escaping @Sendable () -> Void) {
        formatter = DumpLineFormatter(maxPayloadBytes: maxPayloadBytes, showsSecrets: showsSecrets)
        self.onPending = onPending
    }

    /// Prints a record: a frame on stdout, anything else on stderr after the frames before it.
    func print(_ record: InspectorRecord) {
        if case .frame(let frame, let inflated) = record.kind {
            printFrame(frame, inflated: inflated, direction: record.direction, time: record.time)
            return
        }
        lock.lock()
        // A note explains the frames before it, so those are written first.
        flushLocked()
        standardError.writeLine { formatter.append(record, to: &$0) }
        standardError.flush()
        lock.unlock()
    }

    /// Prints what crossed the wire, as the log would record it (the line has no record number).
    func print(_ wire: WireRecord) {
        if case .frame(let frame) = wire.content {
            printFrame(frame, inflated: frame.inflatedPayload, direction: wire.logDirection, time: wire.time)
        } else {
            print(InspectorRecord(id: 0, time: wire.time, direction: wire.logDirection, kind: (copy wire).intoRecordKind()))
        }
    }

    private func printFrame(_ frame: Frame, inflated: [UInt8]?, direction: Direction, time: Date) {
        lock.lock()
        let wasClosed = standardOutput.isClosed
        standardOutput.writeLine { formatter.appendFrame(frame, inflated: inflated, direction: direction, time: time, to: &$0) }
        // The reader of stdout just went away: wake the UI thread, which ends the session.
        var mustWake = !wasClosed && standardOutput.isClosed
        if standardOutput.isEmpty {
            pendingSince = nil  // a whole chunk went out
        } else if pendingSince == nil {
            pendingSince = DispatchTime.now().uptimeNanoseconds
            mustWake = true
        }
        lock.unlock()
        if mustWake { onPending() }
    }

    /// Whether stdout's reader went away, so there is no one left to print for.
    var isStdoutClosed: Bool {
        lock.lock()
        defer { lock.unlock() }
        return standardOutput.isClosed
    }

    /// Writes out everything printed so far.
    func flush() {
        lock.lock()
        flushLocked()
        standardError.flush()
        lock.unlock()
    }

    /// Writes out stdout's buffer once its oldest line has waited ``flushDelayNanoseconds``. Returns how many
    /// milliseconds the caller may sleep before asking again, or `nil` when nothing is waiting.
    func flushWhenDue() -> Int32? {
        lock.lock()
        defer { lock.unlock() }
        guard let since = pendingSince else { return nil }
        let waited = DispatchTime.now().uptimeNanoseconds &- since
        if waited >= Self.flushDelayNanoseconds {
            flushLocked()
            return nil
        }
        return Int32((Self.flushDelayNanoseconds - waited + 999_999) / 1_000_000)
    }

    private func flushLocked() {
        standardOutput.flush()
        pendingSince = nil
    }
}
