import NIOCore

/// A NIO event loop as a Swift `TaskExecutor`: a task that prefers it runs its jobs on the loop's thread.
///
/// For a connection's async API this removes the thread hops around every await: a `write` that completes on the
/// loop, or a message that wakes a reader there, resumes the task on the same thread instead of waking a thread of
/// the cooperative pool (on a VM each such wake-up is an inter-processor interrupt).
final class EventLoopTaskExecutor: TaskExecutor {
    private let eventLoop: any EventLoop

    init(eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
