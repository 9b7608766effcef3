import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Reads one pipe to its end on a thread of its own, with blocking reads, handing each piece to `append`.
///
/// Not `FileHandle.readabilityHandler`: that puts a libdispatch read source on the pipe, and on Linux tearing such
/// sources down while other tests set theirs up corrupts libdispatch's epoll bookkeeping. The test process then
/// dies with SIGSEGV in `_dispatch_event_loop_drain` (swift-corelibs-libdispatch#949; seen here once in four full
/// runs). A blocking read never registers the descriptor with libdispatch.
package final class PipeDrain: Sendable {
    private struct State {
        package var keepsReading = true
        package var finished = false
    }

    private let state = Mutex(State())

    package init(_ handle: FileHandle, into append: @escaping @Sendable (Data) -> Void) {
        let thread = Thread { [self] in
            var buffer = [UInt8](repeating: 0, count: 64 << 10)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(handle.fileDescriptor, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                guard count > 0, state.withLock({ $0.keepsReading }) else { break }
                append(Data(buffer[..<count]))
            }
            // Closed here, on the reading thread, so the descriptor is never closed under a blocked read.
            if !state.withLock({ $0.keepsReading }) { try? handle.close() }
            state.withLock { $0.finished = true }
        }
        thread.start()
    }

    /// Stops keeping what arrives, as a reader that goes away does: the pipe is closed after the next read, so
    /// the writer's next write fails with EPIPE.
    package func stop() { state.withLock { $0.keepsReading = false } }

    /// Whether the pipe reached its end (or was closed after `stop()`).
    package var isFinished: Bool { state.withLock { $0.finished } }
}
