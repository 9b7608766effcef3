/// Runs a workload on `WebSocketStream`.
struct StreamAPIRun {
    let arguments: BenchArguments

    func run() async -> BenchResult {
        let result = BenchResult(
            client: arguments.api == .stream ? "wsinspect-stream" : "wsinspect-stream-on-loop", workload: arguments.workload.rawValue, count: arguments.count,
            size: arguments.size)
        return await StreamWorkloads(arguments: arguments).run(into: result)
    }
}
