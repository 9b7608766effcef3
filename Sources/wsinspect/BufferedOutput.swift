import Foundation

/// Lines for one file descriptor, written in 64 KiB chunks rather than one `write(2)` per line: under a flood a
/// syscall per line, not formatting, was what capped `--dump`.
///
/// Not thread-safe: ``DumpPrinter`` guards it with a lock. `flush()` must run before the program idles or exits,
/// so nothing printed waits in the buffer.
final class BufferedOutput {
    private let descriptor: Int32
    private var bytes: [UInt8] = []
    private let chunkSize = 1 << 16

    /// Creates a buffer for `descriptor`.
    init(descriptor: Int32) {
        self.descriptor = descriptor
        bytes.reserveCapacity(chunkSize + 4096)
    }

    /// Whether nothing waits to be written.
    var isEmpty: Bool { bytes.isEmpty }

    /// Whether the reader went away (`EPIPE`, e.g. `wsinspect --dump … | head`); later lines are dropped.
    private(set) var isClosed = false

    /// Appends the line `build` writes (straight into the buffer, no intermediate string) and a newline, writing
    /// out once a chunk is full.
    func writeLine(_ build: (inout [UInt8]) -> Void) {
        guard !isClosed else { return }
        build(&bytes)
        bytes.append(0x0A)
        if bytes.count >= chunkSize { flush() }
    }

    /// Writes everything buffered, retrying short writes and interrupted calls; drops the data if the descriptor
    /// is gone (a closed pipe must not wedge the inspector).
    func flush() {
        var offset = 0
        bytes.withUnsafeBytes { raw in
            while offset < raw.count {
                let written = write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0 && errno == EINTR {
                    continue
                } else {
                    if written < 0 && errno == EPIPE { isClosed = true }
                    break
                }
            }
        }
        bytes.removeAll(keepingCapacity: true)
    }
}
