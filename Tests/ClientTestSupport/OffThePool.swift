import Foundation
import Testing

/// Runs blocking work (starting a peer process and waiting until it listens, reading a child's output to its end)
/// on a thread of its own, and awaits it.
///
/// Every test runs in one process on Swift's cooperative pool, which has one thread per core: two on the CI
/// machine. A test that blocks a pool thread for seconds (Python starting under load, a Python client running to
/// completion) stalls every other test's tasks meanwhile. A `WebSocket` whose consumer task cannot run keeps its
/// frames unread by design, so a peer waiting for its closing handshake gives up, and an unrelated test fails.
public func offThePool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}

/// Runs a long CPU-bound check (seconds in a debug build) off the cooperative pool, then records what it found.
/// `body` appends a line per failure; Swift Testing's `#expect` cannot be used there, since a thread of its own
/// does not know which test is running. The first twenty failures are recorded, with a count of the rest.
public func checkOffThePool(
    sourceLocation: SourceLocation = #_sourceLocation, _ body: @escaping @Sendable (inout [String]) -> Void
) async throws {
    let failures = try await offThePool { () -> [String] in
        var failures: [String] = []
        body(&failures)
        return failures
    }
    for failure in failures.prefix(20) { Issue.record(Comment(rawValue: failure), sourceLocation: sourceLocation) }
    if failures.count > 20 { Issue.record("… and \(failures.count - 20) more failures", sourceLocation: sourceLocation) }
}
