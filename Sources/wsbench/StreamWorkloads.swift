import WebSockets

/// The workloads over `WebSocketStream`: reads through the readable's iterator, writes awaited one at a time; with
/// `--api stream-on-loop`, from a task that prefers the stream's `taskExecutor`.
struct StreamWorkloads {
    let arguments: BenchArguments

    func run(into result: BenchResult) async -> BenchResult {
        var result = result
        do {
            let stream = try WebSocketStream(url: arguments.url)
            if arguments.api == .streamOnConnectionThread {
                return await withTaskExecutorPreference(stream.taskExecutor) { await measure(stream, into: result) }
            }
            return await measure(stream, into: result)
        } catch {
            result.error = "\(error)"
        }
        return result
    }

    private func measure(_ stream: WebSocketStream, into result: BenchResult) async -> BenchResult {
        var result = result
        do {
            let opened = try await stream.opened
            result.extensions = opened.extensions
            if arguments.requireDeflate && !opened.extensions.contains("permessage-deflate") {
                result.error = "deflate not negotiated"
                return result
            }
            let writer = opened.writable
            let text = Payloads.text(size: arguments.size)
            let binary = Payloads.binary(size: arguments.size)
            var iterator = opened.readable.makeAsyncIterator()
            let start = nowNanoseconds()
            switch arguments.workload {
            case .flood:
                var received = 0
                while received < arguments.count, let message = try await iterator.next() {
                    switch message {
                    case .text(let string): result.bytes += string.utf8.count
                    case .binary(let bytes): result.bytes += bytes.count
                    }
                    received += 1
                }
            case .rtt:
                for _ in 0..<arguments.count {
                    let sent = nowNanoseconds()
                    try await writer.write(text)
                    _ = try await iterator.next()
                    result.samples.append(nowNanoseconds() &- sent)
                }
            case .sink:
                for _ in 0..<arguments.count { try await writer.write(text) }
                _ = try await iterator.next()
            case .bulk:
                for _ in 0..<arguments.count {
                    try await writer.write(binary)
                    if case .binary(let bytes) = try await iterator.next() { result.bytes += bytes.count }
                }
            }
            result.seconds = Double(nowNanoseconds() &- start) / 1e9
            try? stream.close()
        } catch {
            result.error = "\(error)"
        }
        return result
    }
}
