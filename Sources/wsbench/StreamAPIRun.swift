/// Runs a workload on `WebSocketStream`.
struct StreamAPIRun {
    let arguments: BenchArguments

    func run() async -> BenchResult {
        let client = arguments.api == .stream ? "wsinspect-stream" : "wsinspect-stream-on-loop"
        let result = BenchResult(
            client: client, workload: arguments.workload.rawValue, count: arguments.count, size: arguments.size)
        return await StreamWorkloads(arguments: arguments).run(into: result)
    }
}
