import Foundation
import NIOConcurrencyHelpers
import NIOCore

/// A message the application asked to send, waiting for the event loop.
enum PendingSend: Sendable {
    case text(String)
    case bytes([UInt8])
    case data(Data)

    var byteCount: Int {
        switch self {
        case .text(let text): return text.utf8.count
        case .bytes(let bytes): return bytes.count
        case .data(let data): return data.count
        }
    }
}

/// State read and written from any thread: what the synchronous API answers from, plus the queue of sends.
struct SharedState: Sendable {
    var readyState: ReadyState = .connecting
    var bufferedAmount = 0
    var negotiatedProtocol = ""
    var negotiatedExtensions = ""
    var binaryType: BinaryType = .data
    var pendingSends: [PendingSend] = []
    /// A close the application asked for before the event loop took it: nil, or (code, reason).
    var closeRequest: (code: UInt16?, reason: String)?
}

/// What a `WebSocket` shares with its channel handler: the locked state and the event hub.
final class WebSocketShared: Sendable {
    let state: NIOLockedValueBox<SharedState>
    let hub: EventHub
    let eventLoop: any EventLoop

    init(eventLoop: any EventLoop, binaryType: BinaryType) {
        var initial = SharedState()
        initial.binaryType = binaryType
        self.state = NIOLockedValueBox(initial)
        self.hub = EventHub(eventLoop: eventLoop)
        self.eventLoop = eventLoop
    }
}
