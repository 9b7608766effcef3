import WebSocketCore

/// Bytes an abuse sends that are too many to hold: made a chunk at a time, from a few counters.
enum LazyFrames: Sendable, Hashable {
    /// One message of `size` payload bytes (`a`) in fragments of `fragment` bytes: 300 MiB in one frame, or
    /// 1-byte continuations without end.
    case message(size: UInt64, fragment: UInt64, opcode: Opcode)
    /// `count` pings with 125-byte payloads.
    case pings(count: UInt64)
    /// A 101 status line, then header lines up to `bytes` in all, and never the blank line that ends a head.
    case endlessHead(bytes: UInt64)

    /// A generator for one connection.
    func generator() -> LazyFrameGenerator { LazyFrameGenerator(self) }
}

/// Makes the bytes of a `LazyFrames` in chunks of at most `chunkSize`, holding only counters between chunks.
struct LazyFrameGenerator {
    /// The most bytes one chunk holds.
    static let chunkSize = 64 * 1024

    private let kind: LazyFrames
    /// Payload bytes, pings or head bytes made so far.
    private var made: UInt64 = 0
    /// Payload bytes still due in the current fragment (`.message` only).
    private var fragmentLeft: UInt64 = 0

    init(_ kind: LazyFrames) { self.kind = kind }

    /// The next chunk, or nil when everything has been made.
    mutating func next() -> [UInt8]? {
        var chunk: [UInt8] = []
        chunk.reserveCapacity(Self.chunkSize)
        switch kind {
        case .message(let size, let fragment, let opcode):
            while chunk.count < Self.chunkSize && (made < size || fragmentLeft > 0) {
                if fragmentLeft == 0 {
                    // A header goes in only where it fits whole, so no chunk passes its size.
                    guard chunk.count + FrameHeader.largestEncodedSize <= Self.chunkSize else { break }
                    let length = min(fragment, size - made)
                    let header = FrameHeader(
                        fin: made + length == size, opcode: made == 0 ? opcode : .continuation, payloadLength: length)
                    chunk += header.encoded
                    fragmentLeft = length
                    made += length
                }
                let count = Int(min(fragmentLeft, UInt64(max(0, Self.chunkSize - chunk.count))))
                chunk += repeatElement(UInt8(ascii: "a"), count: count)
                fragmentLeft -= UInt64(count)
            }
        case .pings(let count):
            let payload = [UInt8](repeating: UInt8(ascii: "p"), count: 125)
            let ping = FrameEncoder.encode(FrameHeader(opcode: .ping, payloadLength: 125), payload: payload)
            while chunk.count + ping.count <= Self.chunkSize && made < count {
                chunk += ping
                made += 1
            }
        case .endlessHead(let bytes):
            if made == 0 { chunk += Array("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n".utf8) }
            let line = Array("X-Endless: \(String(repeating: "a", count: 1000))\r\n".utf8)
            while chunk.count + line.count <= Self.chunkSize && made + UInt64(chunk.count) < bytes {
                chunk += line
            }
            made += UInt64(chunk.count)
        }
        return chunk.isEmpty ? nil : chunk
    }
}

/// Writes a `LazyFrames` while the client takes it: at most `maxInFlight` chunks written and not yet on the
/// socket, each next one on a fresh turn of the event loop, and nothing more once the connection has closed.
final class LazyStreamBehaviour: Behaviour {
    /// Chunks written but not yet on the socket.
    static let maxInFlight = 4

    private var generator: LazyFrameGenerator
    private let reads: Bool
    private let closeReason: String?
    private var inFlight = 0
    private var done = false

    /// Creates the behaviour; `readsFromClient: false` for a peer that never reads what the client sends, and
    /// `closeWhenDone` to end with a Close 1000 with that reason once everything is written.
    init(_ frames: LazyFrames, readsFromClient: Bool = true, closeWhenDone: String? = nil) {
        generator = frames.generator()
        reads = readsFromClient
        closeReason = closeWhenDone
    }

    var readsFromClient: Bool { reads }

    /// What the client sends is answered by the core (pongs, Close) but otherwise ignored.
    func received(_ message: Message, on session: ServerSession) {}

    func start(_ session: ServerSession) { resume(session) }

    func resume(_ session: ServerSession) {
        while !done && inFlight < Self.maxInFlight && session.isWritable && session.isActive && !session.isDropped {
            guard let chunk = generator.next() else {
                done = true
                if let closeReason {
                    session.close(code: CloseCode.normalClosure, reason: closeReason)
                    session.flush()
                }
                return
            }
            inFlight += 1
            session.writeAndFlush(session.allocator.buffer(bytes: chunk)) { [weak self] in
                guard let self else { return }
                self.inFlight -= 1
                session.onNextTurn { [weak self] in self?.resume(session) }
            }
        }
    }
}
