import ClientTestSupport
import ProcessTestSupport
import Testing
import WebSocketServer
import WebSockets

extension Hostile {
    /// Each abuse against the library client: it ends by itself (the deadline only detects a hang), its memory
    /// stays bounded, and the close code and error sentence name the cause.
    @Suite("Library client", .serialized)
    struct LibraryAbuseTests {
        @Test("the library client survives", arguments: Abuse.all)
        func survives(_ abuse: Abuse) async throws {
            try await withServer { server in
                let outcome = try await playClient(
                    server.url + "/abuse/" + abuse.route, limits: abuse.limits, closeAfter: abuse.closeAfter)
                let close = try #require(outcome.close, "no close event")
                switch abuse.ending {
                case .failed(let code, let says):
                    #expect(outcome.opened)
                    #expect(close.code == code && !close.wasClean, "close \(close.code) \(close.reason), clean \(close.wasClean)")
                    let error = outcome.error ?? close.reason
                    #expect(error.contains(says), "error: \(outcome.error ?? "none"), close reason: \(close.reason)")
                    Self.expectPlainWords(error)
                case .refused(let says):
                    #expect(!outcome.opened)
                    #expect(close.code == 1006 && !close.wasClean)
                    let error = try #require(outcome.error, "no error event")
                    #expect(error.contains(says), "error: \(error)")
                    Self.expectPlainWords(error)
                case .clean(let code):
                    #expect(outcome.opened)
                    #expect(outcome.error == nil, "error: \(outcome.error ?? "")")
                    #expect(close.code == code && close.wasClean, "close \(close.code) \(close.reason), clean \(close.wasClean)")
                }
                if let messages = abuse.messages { #expect(outcome.messageCount == messages) }
                #expect(outcome.peakGrowthMiB <= abuse.clientMiB, "peak memory rose \(outcome.peakGrowthMiB) MiB")
                print(
                    "\(abuse.route): close \(close.code) clean \(close.wasClean), \(outcome.messageCount) messages, "
                        + "peak +\(outcome.peakGrowthMiB) MiB (bound \(abuse.clientMiB)), error: \(outcome.error ?? "none")")
            }
        }

        @Test("a message sent whole after interleaved control frames is the message, and every ping was answered")
        func interleavedMessageIsWhole() async throws {
            try await withServer { server in
                let outcome = try await playClient(server.url + "/abuse/interleaved-control?fragments=4")
                #expect(outcome.texts == ["frag0frag1frag2frag3"])
                #expect(outcome.pongCount == 5)
            }
        }

        @Test("a trickled handshake and message still work")
        func trickleWorks() async throws {
            try await withServer { server in
                let outcome = try await playClient(server.url + "/abuse/trickle")
                #expect(outcome.texts == ["slow but whole"])
                #expect(outcome.close?.reason == "trickle done")
            }
        }

        /// No Swift type name, no build path, no bare errno in what a person reads.
        static func expectPlainWords(_ text: String) {
            for leak in ["NIO", "Error(", "BoringSSL", ".swift", "/.build/", "errno", "Optional("] {
                #expect(!text.contains(leak), "\(leak) in \(text)")
            }
        }
    }
}
