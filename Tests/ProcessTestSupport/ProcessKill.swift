import Foundation

#if canImport(Glibc)
import Glibc
#endif

extension Process {
    /// Ends a peer process for good: SIGKILL, then a reap bounded to two seconds. Not `terminate()`: a child of
    /// the test runner inherits its thread's blocked signals, so SIGTERM can wait forever and leave the peer
    /// running after the tests; and a peer has nothing to save.
    package func killAndReap() {
        guard isRunning else { return }
        let pid = processIdentifier
        kill(pid, SIGKILL)
        let deadline = Date().addingTimeInterval(2)
        while isRunning && Date() < deadline { usleep(10_000) }
    }
}
