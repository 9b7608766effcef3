import Dispatch
import Foundation

/// Runs async work from synchronous code and waits for it. The command runs synchronously because the UI loop
/// blocks in `poll()` on the main thread, which must not be one of Swift concurrency's few pool threads.
func blockingAwait<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    Task {
        do { box.set(.success(try await work())) } catch { box.set(.failure(error)) }
        done.signal()
    }
    done.wait()
    return try box.get()
}

/// Carries a result from the task to the waiting thread.
///
/// `@unchecked Sendable` is safe: `result` is written once by the task before it signals the semaphore, and read
/// by the waiting thread only after the semaphore wait returns, which orders the two accesses; `lock` makes the
/// hand-over explicit anyway.
private final class ResultBox<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<T, any Error>?

    func set(_ value: Result<T, any Error>) {
        lock.lock()
        result = value
        lock.unlock()
    }

    func get() throws -> T {
        lock.lock()
        defer { lock.unlock() }
        guard let result else { fatalError("blockingAwait: result read before the task finished") }
        return try result.get()
    }
}
