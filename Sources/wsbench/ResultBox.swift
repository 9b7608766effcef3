/// Carries the stream run's result from its task back to the main thread.
///
/// `@unchecked Sendable` is safe: the task writes `result` once and then signals a semaphore; the main thread reads
/// it only after that semaphore's wait returns, so the write happens-before the read.
final class ResultBox: @unchecked Sendable {
    var result: BenchResult?
}
