/// `/` and `/echo`: every message comes back with its opcode; pings and Close are answered by the core.
final class EchoBehaviour: Behaviour {
    var echoesWhileArriving: Bool { true }
}
