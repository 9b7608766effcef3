import Foundation
import NIOConcurrencyHelpers
import NIOCore

/// A message the application asked to send, waiting for the event loop.
enum PendingSend: Sendable {
    case text(String)
    case bytes([UInt8])
    case data(Data)
    /// A text or binary message sent in frames of these sizes (the relay keeping another leg's fragmentation).
    case fragments(Opcode, [UInt8], frameSizes: [Int])

    var byteCount: Int {
        switch self {
        case .text(let text): return text.utf8.count
        case .bytes(let bytes): return bytes.count
        case .data(let data): return data.count
        case .fragments(_, let bytes, _): return bytes.count
        }
    }
}

/// A message waiting for the event loop, with the promise (if any) of a caller waiting until it reaches the socket.
struct QueuedSend: Sendable {
    /// The message.
    var message: PendingSend
    /// Completed once the frame was handed to the socket; failed if the connection ends first.
    var written: EventLoopPromise<Void>?
}

/// State read and written from any thread: what the synchronous API answers from, plus the queue of sends.
struct SharedState: Sendable {
    var readyState: ReadyState = .connecting
    var bufferedAmount = 0
    var negotiatedProtocol = ""
    var negotiatedExtensions = ""
    var binaryType: BinaryType = .data
    var pendingSends: [QueuedSend] = []
    /// Whether a message the application sent never reached the socket because the connection ended first.
    var lostSends = false
    /// A close the application asked for before the event loop took it: nil, or (code, reason).
    var closeRequest: (code: UInt16?, reason: String)?
}

/// What a client API object shares with its channel handler: the locked state and where events go.
final class WebSocketShared: Sendable {
    let state: NIOLockedValueBox<SharedState>
    let sink: any EventSink
    let eventLoop: any EventLoop

    init(eventLoop: any EventLoop, binaryType: BinaryType, sink: any EventSink) {
        var initial = SharedState()
        initial.binaryType = binaryType
        self.state = NIOLockedValueBox(initial)
        self.sink = sink
        self.eventLoop = eventLoop
    }
}
