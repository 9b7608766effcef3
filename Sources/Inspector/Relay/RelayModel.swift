import Foundation

/// Which directions of a connection intercept holds; `I` steps through them.
package enum InterceptMode: Sendable, Hashable, CaseIterable {
    /// Nothing is held.
    case off
    /// New client-to-server messages are held.
    case clientToServer
    /// New server-to-client messages are held.
    case serverToClient
    /// New messages both ways are held.
    case both

    /// The next mode of the cycle: client→server, server→client, both, off.
    package var next: InterceptMode {
        switch self {
        case .off: return .clientToServer
        case .clientToServer: return .serverToClient
        case .serverToClient: return .both
        case .both: return .off
        }
    }

    /// Whether messages going `flow` are held.
    package func holds(_ flow: RelayFlow) -> Bool {
        switch self {
        case .off: return false
        case .clientToServer: return flow == .clientToServer
        case .serverToClient: return flow == .serverToClient
        case .both: return true
        }
    }

    /// How the status bar and the connection list write it.
    package func label(ascii: Bool) -> String {
        switch self {
        case .off: return "off"
        case .clientToServer: return ascii ? "C->S" : "C→S"
        case .serverToClient: return ascii ? "S->C" : "S→C"
        case .both: return "both"
        }
    }
}

/// One relayed connection as the connection list shows it.
package struct RelayConnection: Sendable, Hashable {
    /// Where it is in its life.
    package enum Phase: Sendable, Hashable {
        /// Both legs open.
        case open
        /// Ended; the words say by whom and how.
        case ended(String)
        /// The upstream refused it.
        case refused(String)
    }

    /// Its number, from 1 in the order clients arrived.
    package let number: Int
    /// The client's address.
    package var peer: String
    /// The path and query the client asked for.
    package var path: String
    /// The upstream URL it was connected (or refused) to, path and query included.
    package var upstream = ""
    /// Where it is in its life.
    package var phase: Phase
    /// Messages forwarded (or injected) client to server.
    package var toServer = 0
    /// Messages forwarded (or injected) server to client.
    package var toClient = 0
    /// Messages held now.
    package var held = 0
    /// What intercept holds.
    package var intercept = InterceptMode.off
    /// When it opened.
    package var since: Date
    /// The subprotocol and each leg's extensions, for the open note and the list.
    package var protocolName = ""
    package var clientExtensions = ""
    package var serverExtensions = ""

    /// Whether both legs are open.
    package var isOpen: Bool { phase == .open }
}

/// A held message, as the keys on its row name it to the relay.
package struct HoldKey: Sendable, Hashable {
    /// Its connection.
    package var connection: Int
    /// Which way it was going.
    package var flow: RelayFlow
    /// Its number within the connection and direction.
    package var id: Int
}

/// The relay's part of the inspector state: its connections, which one the log shows, intercept and inject.
/// Present only in relay mode (`InspectorState.relay`), so the client mode does no relay work at all.
package struct RelayModel: Sendable {
    /// The most connections the list keeps; past it the oldest ended ones are forgotten (their rows stay).
    package static let connectionLimit = 1_024

    /// The listen URL and the upstream, for the status bar.
    package var listenURL: String
    package var upstream: String
    /// Whether the relay sends every message on in one frame (`--whole-messages`), for the detail view.
    package var wholeMessages = false
    /// The connections, oldest first.
    package internal(set) var connections: [RelayConnection] = []
    /// The connection the log shows, or `nil` for all of them merged (`*`).
    package internal(set) var selected: Int?
    /// Where compose sends to (`Ctrl-D` switches).
    package internal(set) var injectTarget = RelayPeer.server
    /// The held message compose is editing (`e` on a HELD row): Enter in compose forwards the edit in its place.
    package internal(set) var editing: HoldKey?
    /// The log row of each held message, by its key, so a decision can change the row.
    package internal(set) var heldRows: [HoldKey: UInt64] = [:]

    /// Creates the model of a relay listening on `listenURL` for `upstream`.
    package init(listenURL: String, upstream: String) {
        self.listenURL = listenURL
        self.upstream = upstream
    }

    /// The connection numbered `number`.
    package func connection(_ number: Int) -> RelayConnection? {
        index(of: number).map { connections[$0] }
    }

    func index(of number: Int) -> Int? {
        // Numbers grow with position, so a binary search finds it.
        var low = 0
        var high = connections.count
        while low < high {
            let middle = (low + high) / 2
            if connections[middle].number < number { low = middle + 1 } else { high = middle }
        }
        return low < connections.count && connections[low].number == number ? low : nil
    }

    mutating func update(_ number: Int, _ change: (inout RelayConnection) -> Void) {
        if let index = index(of: number) { change(&connections[index]) }
    }

    mutating func add(_ connection: RelayConnection) {
        connections.append(connection)
        if connections.count > Self.connectionLimit, let oldest = connections.firstIndex(where: { !$0.isOpen }) {
            connections.remove(at: oldest)
        }
    }
}
