/// `/bad/no-close-reply`: echoes, but never answers the client's Close and never closes TCP, so a client's
/// close timeout has something to time out on.
final class IgnoreCloseBehaviour: Behaviour {
    var answersClose: Bool { false }
}
