import Foundation

/// Runs a program to its end, at most `seconds`, and returns its exit status with its stdout and stderr together
/// (a tool's error goes to stderr, and a failing test should show it).
package func programOutput(_ program: String, _ arguments: [String], seconds: Int = 60) async throws
    -> (status: Int32, text: String)
{
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let drained = Task.detached { pipe.fileHandleForReading.readDataToEndOfFile() }
    for _ in 0..<(seconds * 10) where process.isRunning { try await Task.sleep(for: .milliseconds(100)) }
    if process.isRunning {
        process.terminate()
        throw E2EError("\(program) did not finish within \(seconds) s")
    }
    return (process.terminationStatus, String(decoding: await drained.value, as: UTF8.self))
}
