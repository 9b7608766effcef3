/// Why a request target was refused before the handshake; the client gets a plain HTTP error naming it.
enum RouteError: Error, Hashable, Sendable, CustomStringConvertible {
    /// No behaviour lives at this path (answered 404).
    case notFound(path: String)
    /// A query parameter is missing its required form or out of range (answered 400).
    case badParameter(String)

    var description: String {
        switch self {
        case .notFound(let path): return "no test behaviour at \(path)"
        case .badParameter(let why): return why
        }
    }
}
