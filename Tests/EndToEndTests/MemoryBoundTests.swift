import Foundation
import ProcessTestSupport
import Testing

extension EndToEnd {
    /// Issue 26 §2: a server whose compressed messages inflate to tens of MiB each must not grow the inspector's
    /// memory past its budget, nor `--dump`'s output past its per-message limit.
    @Suite("Memory under compressed floods", .serialized)
    struct MemoryBoundTests {
        /// Binary messages of 20 MiB (a repeating 256-byte pattern), sent compressed with permessage-deflate:
        /// about 100 KiB each on the wire.
        static let messageSize = 20 << 20
        static let messageCount = 12
        /// The budget given to the inspector; the old inspector kept every message whole (240 MiB here).
        static let budgetMiB = 16
        /// What the process may use besides the log: the program itself (about 35 MB in a debug build) and the
        /// message being inflated, hashed and cut (a few times its size while in flight).
        static let marginMiB = 128

        @Test("the TUI stays within --log-memory plus a fixed margin, and the detail view of a cut record scrolls")
        func tuiStaysWithinBudget() async throws {
            try await withServer { server in
                try await withTmux("memory", cols: 160, rows: 40) { tmux in
                    let url = server.url + "/flood?count=\(Self.messageCount)&size=\(Self.messageSize)&type=binary&deflate=1"
                    try tmux.type(try inspectorCommand(["--log-memory", "\(Self.budgetMiB)M", "--max-record-bytes", "4M", url]))
                    try tmux.press("Enter")
                    var screen = try await tmux.waitFor("every message counted", timeout: 60) {
                        $0.screenLines.first?.contains("← \(Self.messageCount) fr") == true
                    }
                    let pid = try #require(try Self.inspectorPID(shell: tmux.display("#{pane_pid}")), "no wsinspect process")
                    let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
                    let peak = try #require(Self.kibibytes("VmHWM", in: status))
                    let now = try #require(Self.kibibytes("VmRSS", in: status))
                    print(
                        "wsinspect RSS after \(Self.messageCount) × \(Self.messageSize >> 20) MiB inflated: "
                            + "now \(now >> 10) MiB, peak \(peak >> 10) MiB (budget \(Self.budgetMiB) MiB + margin \(Self.marginMiB) MiB)")
                    #expect(peak < (Self.budgetMiB + Self.marginMiB) << 10, "peak RSS \(peak) KiB")
                    // The status bar says records went to stay within the budget.
                    #expect(screen.screenLines.first?.contains("for memory, limit 16.0 MiB") == true, "\(screen)")

                    // Open the newest record (the log has focus and follows it) and scroll: each key shows at once.
                    try tmux.press("Enter")
                    screen = try await tmux.waitFor("the detail view") { $0.contains("first 4.0 MiB kept") }
                    #expect(screen.contains("payload 20.0 MiB (20971520 bytes), first 4.0 MiB kept · FNV-1a "))
                    for _ in 0..<3 {
                        let before = try tmux.capture()
                        try tmux.press("PageDown")
                        try await tmux.waitFor("the page to move") { $0 != before }
                    }
                    try tmux.press("Escape")
                    try await tmux.waitFor("the log again") { $0.contains("Log ") }
                    try tmux.press("q")
                    try await tmux.waitFor("the exit") { $0.contains("EXIT=0") }
                }
            }
        }

        @Test("a 100 MiB record kept whole opens and scrolls one screen at a time")
        func hugeRecordDetailViewScrolls() async throws {
            try await withServer { server in
                try await withTmux("huge-detail", cols: 120, rows: 40) { tmux in
                    // One binary message of 100 MiB in one frame, sent compressed.
                    let url = server.url + "/flood?count=1&size=\(100 << 20)&type=binary&deflate=1"
                    // The server compresses the 100 MiB before it answers the upgrade, which a debug build on a
                    // busy machine can take longer than the default 30 s handshake timeout to do.
                    try tmux.type(
                        try inspectorCommand(["--connect-timeout", "120", "--log-memory", "256M", "--max-record-bytes", "128M", url]))
                    try tmux.press("Enter")
                    try await tmux.waitFor("the message", timeout: 180) {
                        $0.screenLines.first?.contains("← 1 fr ") == true && $0.contains("← BINARY")
                    }
                    // Open it: the old view built the whole hex dump (7.5 GB and 40 s for this record) on every redraw.
                    try tmux.press("Enter")
                    let opened = try await tmux.waitFor("the detail view") { $0.contains("─ Record #") && $0.contains("104857600") }
                    #expect(!opened.contains("kept"), "the record should be whole: \(opened)")
                    for key in ["PageDown", "PageDown", "j", "PageUp"] {
                        let before = try tmux.capture()
                        try tmux.press(key)
                        try await tmux.waitFor("\(key) to move the view") { $0 != before }
                    }
                    try tmux.press("Escape")
                    try tmux.press("q")
                    try await tmux.waitFor("the exit") { $0.contains("EXIT=0") }
                }
            }
        }

        @Test("--dump prints at most --dump-max-bytes of each message, with an ellipsis and the full length")
        func dumpIsBounded() async throws {
            try await withServer { server in
                let url = server.url + "/flood?count=3&size=\(Self.messageSize)&type=binary&deflate=1&close=1"
                let run = try CommandRun(["--dump", url])
                run.closeInput()
                #expect(try await run.waitForExit(timeout: 60) == 0, "stderr: \(run.stderr)")
                let binary = run.stdout.split(separator: "\n").filter { $0.contains("← BINARY") }
                #expect(binary.count == 3)
                // 64 KiB as hex is 192 KiB a line; the old dump printed 60 MiB a line.
                #expect(binary.allSatisfy { $0.hasSuffix("… (20971520 bytes)") && $0.utf8.count < 200_000 })
                #expect(run.stdoutBytes.count < 3 * 200_000 + 1_000)
            }
        }

        @Test("--dump-full prints every byte")
        func dumpFullPrintsEverything() async throws {
            try await withServer { server in
                let url = server.url + "/flood?count=1&size=100000&type=binary&close=1"
                let cut = try CommandRun(["--dump", "--dump-max-bytes", "1K", url])
                let full = try CommandRun(["--dump", "--dump-full", url])
                cut.closeInput()
                full.closeInput()
                #expect(try await cut.waitForExit(timeout: 30) == 0)
                #expect(try await full.waitForExit(timeout: 30) == 0)
                let cutLine = try #require(cut.stdout.split(separator: "\n").first { $0.contains("← BINARY") })
                let fullLine = try #require(full.stdout.split(separator: "\n").first { $0.contains("← BINARY") })
                #expect(cutLine.hasSuffix(" … (100000 bytes)") && cutLine.utf8.count < 4_000)
                // After the length column and two spaces, one hex pair per byte.
                let hex = try #require(fullLine.components(separatedBy: " 100000  ").last)
                #expect(hex.split(separator: " ").count == 100_000 && !fullLine.contains("…"))
            }
        }

        /// The wsinspect process started by the pane's shell.
        static func inspectorPID(shell: String) throws -> Int? {
            let entries = try FileManager.default.contentsOfDirectory(atPath: "/proc")
            for entry in entries {
                guard let pid = Int(entry),
                    let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                    let close = stat.lastIndex(of: ")")
                else { continue }
                let name = stat[stat.index(after: stat.firstIndex(of: "(")!)..<close]
                let fields = stat[stat.index(close, offsetBy: 2)...].split(separator: " ")
                if name == "wsinspect" && fields.count > 1 && String(fields[1]) == shell { return pid }
            }
            return nil
        }

        /// A `Name:   1234 kB` field of /proc/PID/status, in KiB.
        static func kibibytes(_ name: String, in status: String) -> Int? {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(name + ":") }) else { return nil }
            return Int(line.split(separator: " ").dropFirst().first.map(String.init) ?? "")
                ?? line.split(whereSeparator: { $0 == " " || $0 == "\t" }).compactMap { Int($0) }.first
        }
    }
}
