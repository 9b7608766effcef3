import NIOCore

/// Sent down each open connection's pipeline when the server stops: the handler sends Close 1001 and closes TCP.
struct ServerStopping: Sendable {}

/// The open connections of one server, so that `stop()` can end them.
///
/// The table is bound to one event loop (`NIOLoopBoundBox`), so every access is serialised by hopping onto that
/// loop instead of by a lock.
final class ConnectionRegistry: Sendable {
    private struct Table: Sendable {
        var channels: [ObjectIdentifier: any Channel] = [:]
        var isStopped = false
    }

    private let table: NIOLoopBoundBox<Table>

    /// Creates an empty registry living on `eventLoop`.
    init(eventLoop: any EventLoop) {
        table = .makeBoxSendingValue(Table(), eventLoop: eventLoop)
    }

    /// Tracks `channel` until it closes; a channel accepted after `stopAll()` is closed at once.
    func add(_ channel: any Channel) {
        let id = ObjectIdentifier(channel)
        let table = self.table
        table.eventLoop.execute {
            if table.value.isStopped {
                channel.close(promise: nil)
            } else {
                table.value.channels[id] = channel
            }
        }
        // Enqueued on the same loop after the insertion above, so removal can never precede it.
        channel.closeFuture.whenComplete { _ in
            table.eventLoop.execute { table.value.channels[id] = nil }
        }
    }

    /// Asks every open connection to close and waits until all have.
    func stopAll() async {
        let table = self.table
        let channels =
            (try? await table.eventLoop.submit { () -> [any Channel] in
                table.value.isStopped = true
                return Array(table.value.channels.values)
            }.get()) ?? []
        for channel in channels {
            channel.pipeline.fireUserInboundEventTriggered(ServerStopping())
        }
        for channel in channels {
            try? await channel.closeFuture.get()
        }
    }
}
