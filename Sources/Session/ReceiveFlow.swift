import Foundation
import Inspector
import WebSockets

/// Lets the UI side push back on the live connection: paused while the UI thread is behind, so a flood waits in
/// the server's TCP buffers instead of in the inspector's memory.
///
/// Any thread may call it (the UI queue pauses from NIO threads and resumes from the UI thread), and a pause
/// carries over to the next connection made by `/reconnect`.
///
/// `@unchecked Sendable` is safe: both stored properties are read and written only while `lock` is held.
package final class ReceiveFlow: @unchecked Sendable {
    private let lock = NSLock()
    private var socket: WebSocket?
    private var paused = false

    /// Creates a flow that is not paused.
    package init() {}

    /// Makes `socket` the connection to control, paused if the flow is.
    func attach(_ socket: WebSocket) {
        lock.withLock {
            self.socket = socket
            if paused { socket.pause() }
        }
    }

    /// Stops receiving until `resume()`.
    package func pause() {
        lock.withLock {
            paused = true
            socket?.pause()
        }
    }

    /// Receives again.
    package func resume() {
        lock.withLock {
            paused = false
            socket?.resume()
        }
    }
}
