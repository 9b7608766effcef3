/// `/stall`: upgrades, then never reads from the client again, so whatever the client sends backs up in TCP
/// and in the client's own queue. Tests use it for writes that cannot complete and closes with unsent data.
final class StallBehaviour: Behaviour {
    var readsFromClient: Bool { false }
}
