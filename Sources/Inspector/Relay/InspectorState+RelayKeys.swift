/// Relay mode's keys: the connection list, intercept, decisions on held rows, and the inject target.
extension InspectorState {
    /// Carries out a relay action; outside relay mode they do nothing.
    mutating func performRelay(_ action: InspectorAction) -> [InspectorEffect] {
        guard let model = relay else { return [] }
        switch action {
        case .showConnections:
            let cursor = model.selected.flatMap(model.index(of:)) ?? max(0, model.connections.count - 1)
            overlay = .connections(cursor: cursor)
        case .showAllConnections:
            showConnection(nil)
        case .chooseConnection:
            if case .connections(let cursor) = overlay, cursor < model.connections.count {
                showConnection(model.connections[cursor].number)
            }
        case .cycleIntercept:
            guard let number = relayFocusConnection, let connection = model.connection(number) else {
                log.note("I: no connection selected (C lists them)", isError: true)
                return []
            }
            let mode = connection.intercept.next
            relay?.update(number) { $0.intercept = mode }
            return [.relay(.setIntercept(connection: number, mode: mode))]
        case .forwardHeld:
            guard let hold = selectedHold else { return perform(.openDetail) }
            return [.relay(.decide(hold, .forward))]
        case .dropHeld:
            guard let hold = selectedHold else { return [] }
            return [.relay(.decide(hold, .drop))]
        case .editHeld:
            let hold = selectedHold
            editSelected()
            // Only once the payload is in compose: Enter there then replaces the held message.
            if focus == .compose { relay?.editing = hold }
        case .forwardAllHeld:
            guard let number = relayFocusConnection else {
                return model.connections.filter { $0.held > 0 }.map { .relay(.forwardAll(connection: $0.number)) }
            }
            return [.relay(.forwardAll(connection: number))]
        case .cycleInjectTarget:
            relay?.injectTarget = model.injectTarget == .server ? .client : .server
        default:
            break
        }
        return []
    }

    /// Shows connection `number`'s rows only, or all of them (`nil`), and closes the list.
    private mutating func showConnection(_ number: Int?) {
        relay?.selected = number
        var filter = log.filter
        filter.connection = number
        log.setFilter(filter)
        if case .connections = overlay { overlay = nil }
    }

    /// Moves the connection list's cursor by `delta`.
    mutating func moveConnectionCursor(by delta: Int) {
        guard case .connections(let cursor) = overlay, let count = relay?.connections.count, count > 0 else { return }
        overlay = .connections(cursor: max(0, min(count - 1, cursor + delta)))
    }
}
