import Foundation
import NIOCore

extension TestServer {
    /// Why listening failed, in the system's words ("Address already in use"), without the call name and errno
    /// number NIO puts in its error: `serve` and `relay` show it to the user.
    package static func listenFailureWords(_ error: any Error) -> String {
        guard let error = error as? IOError else { return "\(error)" }
        return String(cString: strerror(error.errnoCode))
    }
}
