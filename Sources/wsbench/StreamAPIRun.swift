/// Runs a workload on `WebSocketStream`.
///
/// TODO(stream): `WebSocketStream` is being added on another branch. Until it lands this mode reports
/// "n/a (WebSocketStream not built)"; build with `-Xswiftc -DWSBENCH_STREAM` once the type exists, and finish the
/// loop below against its final API (async `opened` → readable of `.text`/`.binary`, writer with async `write`).
struct StreamAPIRun {
    let arguments: BenchArguments

    func run() async -> BenchResult {
        var result = BenchResult(
            client: "wsinspect-stream", workload: arguments.workload.rawValue, count: arguments.count,
            size: arguments.size)
        #if WSBENCH_STREAM
        result = await StreamWorkloads(arguments: arguments).run(into: result)
        #else
        result.error = "n/a (WebSocketStream not built)"
        #endif
        return result
    }
}
