import Foundation

// wsbench: one benchmark run on our client, one JSON result line on stdout (Benchmarks/run.sh drives it).
// Exit status: 0 with a figure, 1 when the run failed (the line carries "error"), 2 for a bad command line.

// `wsbench many ...`: the many-connections workload, with its own arguments and result line.
if CommandLine.arguments.dropFirst().first == "many" {
    guard let many = ManyConnectionsRun(Array(CommandLine.arguments.dropFirst(2))) else {
        FileHandle.standardError.write(Data("usage: wsbench many BASE_URL N ROUNDS TICKS [--timeout S]\n".utf8))
        exit(2)
    }
    let line = many.run()
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
    exit(line.contains("\"error\"") ? 1 : 0)
}

let parsed = BenchArguments.parse(Array(CommandLine.arguments.dropFirst()))
guard case .success(let arguments) = parsed else {
    if case .failure(let failure) = parsed { FileHandle.standardError.write(Data((failure.message + "\n").utf8)) }
    exit(2)
}

let result: BenchResult
switch arguments.api {
case .event:
    result = EventAPIRun(arguments: arguments).run()
case .blockingSocket, .spinningSocket:
    result = BlockingSocketRun(arguments: arguments, spinning: arguments.api == .spinningSocket).run()
case .stream, .streamOnConnectionThread:
    let box = ResultBox()
    let finished = DispatchSemaphore(value: 0)
    // Detached: a plain Task would inherit the main actor, which the wait below blocks.
    Task.detached {
        box.result = await StreamAPIRun(arguments: arguments).run()
        finished.signal()
    }
    finished.wait()
    result = box.result!
}
// Unbuffered, so the line is out before exit() below.
FileHandle.standardOutput.write(Data((result.line() + "\n").utf8))
// exit() rather than returning: the NIO event loop threads would otherwise keep the process alive.
exit(result.error == nil ? 0 : 1)
