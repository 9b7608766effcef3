import Foundation
import ProcessTestSupport
import Testing

extension EndToEnd {
    /// Messages built from flags, environment variables and URLs: control characters reach the terminal as
    /// inert placeholders, passwords as `***`, and the message still names the problem (exit status 2, one line).
    @Suite("Error messages are escaped and redacted", .serialized)
    struct MessageEscapingTests {
        /// A case: the arguments, extra environment, and words the message must contain.
        struct Case: Sendable, CustomTestStringConvertible {
            let arguments: [String]
            var environment: [String: String] = [:]
            let mentions: [String]
            var testDescription: String { arguments.joined(separator: " ").debugDescription }
        }

        /// No proxy from the test's own environment may change what these runs report.
        private static let noProxies = [
            "http_proxy": "", "HTTP_PROXY": "", "https_proxy": "", "HTTPS_PROXY": "", "all_proxy": "", "ALL_PROXY": "",
        ]

        private func run(_ testCase: Case) async throws -> CommandRun {
            let run = try CommandRun(testCase.arguments, environment: Self.noProxies.merging(testCase.environment) { $1 })
            run.closeInput()
            let status = try await run.waitForExit()
            #expect(status == 2, "status \(status), stderr: \(run.stderr)")
            #expect(
                run.stderr.hasPrefix("wsinspect: ") && run.stderr.split(separator: "\n").count == 1,
                "stderr: \(run.stderr.debugDescription)")
            for word in testCase.mentions {
                #expect(run.stderr.contains(word), "stderr does not name \(word): \(run.stderr)")
            }
            return run
        }

        @Test(
            "control characters from flags, the environment and the URL come out escaped",
            arguments: [
                Case(arguments: ["-s", "a\u{1B}]0;PWNED\u{07}", "ws://127.0.0.1:1/"], mentions: ["subprotocol", "␛]0;PWNED␇"]),
                Case(arguments: ["-H", "X\u{1B}[2J: v", "ws://127.0.0.1:1/"], mentions: ["header", "X␛[2J"]),
                Case(
                    arguments: ["wss://127.0.0.1:1/"], environment: ["HTTPS_PROXY": "http://ev\u{1B}]0;PWNED\u{07}il:1"],
                    mentions: ["HTTPS_PROXY", "␛]0;PWNED␇"]),
                Case(arguments: ["ws://127.0.0.1:1/a\r\nX-Evil: 1#frag"], mentions: ["fragment", "␍␊X-Evil"]),
                Case(arguments: ["--origin", "o\r\nX-Evil: 1", "ws://127.0.0.1:1/"], mentions: ["Origin"]),
                Case(arguments: ["--log-capacity", "\u{1B}[2J"], mentions: ["--log-capacity", "␛[2J"]),
                Case(arguments: ["--bogus\u{1B}[2J"], mentions: ["␛[2J"]),
            ])
        func controlCharacters(_ testCase: Case) async throws {
            let run = try await run(testCase)
            for (name, bytes) in [("stdout", [UInt8](run.stdoutBytes)), ("stderr", Array(run.stderr.utf8))] {
                #expect(!bytes.contains(0x1B), "a raw ESC reached \(name)")
                #expect(!bytes.contains(0x07), "a raw BEL reached \(name)")
                #expect(!bytes.contains(0x0D), "a raw CR reached \(name)")
            }
        }

        @Test(
            "a proxy password holding / ? or # is hidden when the proxy URL is refused",
            arguments: [
                Case(
                    arguments: ["--proxy", "http://bob:Tr0ub4dor/x@proxy.corp:3128", "ws://127.0.0.1:1/"],
                    mentions: ["--proxy", "bob:***@proxy.corp:3128", "not a valid URL"]),
                Case(
                    arguments: ["--proxy", "http://bob:Tr0ub?4#dor@proxy.corp:3128", "ws://127.0.0.1:1/"],
                    mentions: ["--proxy", "bob:***@proxy.corp:3128"]),
                Case(
                    arguments: ["ws://127.0.0.1:1/"], environment: ["http_proxy": "http://bob:Tr0ub4dor/x@proxy.corp:3128"],
                    mentions: ["http_proxy", "bob:***@proxy.corp:3128"]),
                Case(arguments: ["ws://alice:Tr0ub4dor@127.0.0.1:1/#fragment"], mentions: ["fragment", "alice:***@"]),
            ])
        func proxyPasswordHidden(_ testCase: Case) async throws {
            let run = try await run(testCase)
            #expect(!run.stderr.contains("Tr0ub"), "stderr: \(run.stderr)")
        }
    }
}
