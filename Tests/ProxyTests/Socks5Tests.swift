import Testing
import WebSockets

extension RealPeerTests {
    /// SOCKS5 through microsocks, with and without username/password, for socks5:// (local DNS) and socks5h://
    /// (proxy-side DNS).
    @Suite("microsocks")
    struct Socks5Tests {
        /// The address type and address bytes of the CONNECT request on the tap.
        private func connectRequest(_ outcome: Outcome) -> [UInt8]? {
            outcome.proxyBytes.first { $0.0 == .sent && $0.1.count > 4 && $0.1[0] == 5 && $0.1[1] == 1 && $0.1[2] == 0 }?.1
        }

        @Test func socks5ResolvesLocally() async throws {
            let directory = try TemporaryDirectory()
            try await withEchoServer { server in
                let socks = try await Microsocks(directory: directory)
                defer { socks.stop() }
                let outcome = try await echo(
                    "ws://localhost:\(server.port)/", through: try Socks5ProxyAgent(uri: "socks5://127.0.0.1:\(socks.port)"))
                expectEcho(outcome)
                #expect(outcome.route == "via SOCKS5 proxy 127.0.0.1:\(socks.port)")
                // "localhost" was resolved here: the request carries IPv4 127.0.0.1 (address type 1).
                let request = connectRequest(outcome)
                #expect(request.map { Array($0[3...7]) } == [1, 127, 0, 0, 1])
                #expect(outcome.proxyBytes.first?.1 == [5, 1, 0])
            }
        }

        @Test func socks5hSendsTheName() async throws {
            let directory = try TemporaryDirectory()
            try await withEchoServer { server in
                let socks = try await Microsocks(directory: directory)
                defer { socks.stop() }
                let outcome = try await echo(
                    "ws://localhost:\(server.port)/", through: try Socks5ProxyAgent(uri: "socks5h://127.0.0.1:\(socks.port)"))
                expectEcho(outcome)
                #expect(outcome.route == "via SOCKS5 proxy 127.0.0.1:\(socks.port) (proxy resolves names)")
                let request = connectRequest(outcome)
                #expect(request.map { Array($0[3...4]) } == [3, 9])
                #expect(request.map { Array($0[5..<14]) } == Array("localhost".utf8))
            }
        }

        @Test(arguments: ["socks5", "socks5h"])
        func usernamePassword(scheme: String) async throws {
            let directory = try TemporaryDirectory()
            try await withEchoServer { server in
                let socks = try await Microsocks(credentials: ("carol", "pa55"), directory: directory)
                defer { socks.stop() }
                let url = "ws://localhost:\(server.port)/"
                let good = try await echo(url, through: try Socks5ProxyAgent(uri: "\(scheme)://carol:pa55@127.0.0.1:\(socks.port)"))
                expectEcho(good)
                #expect(good.proxyBytes.first?.1 == [5, 2, 0, 2])
                #expect(good.proxyBytes.contains { $0.0 == .sent && $0.1 == [1, 5] + Array("carol".utf8) + [4] + Array("pa55".utf8) })

                let wrong = try await echo(url, through: try Socks5ProxyAgent(uri: "\(scheme)://carol:nope@127.0.0.1:\(socks.port)"))
                expectFailure(
                    wrong, cause: .proxy,
                    containing: ["SOCKS5 proxy 127.0.0.1:\(socks.port) rejected the username and password"])

                let none = try await echo(url, through: try Socks5ProxyAgent(uri: "\(scheme)://127.0.0.1:\(socks.port)"))
                expectFailure(
                    none, cause: .proxy,
                    containing: ["SOCKS5 proxy 127.0.0.1:\(socks.port) accepts none of the offered authentication methods"])
            }
        }

        @Test func destinationRefused() async throws {
            let directory = try TemporaryDirectory()
            let socks = try await Microsocks(directory: directory)
            defer { socks.stop() }
            let closedPort = try Ports.free()
            let outcome = try await echo(
                "ws://127.0.0.1:\(closedPort)/", through: try Socks5ProxyAgent(uri: "socks5://127.0.0.1:\(socks.port)"))
            expectFailure(
                outcome, cause: .proxy,
                containing: ["SOCKS5 proxy 127.0.0.1:\(socks.port): connection refused by destination host (reply 0x05)"])
        }

        @Test func wssThroughSocks5() async throws {
            let directory = try TemporaryDirectory()
            let certificates = try await TestCertificates.make(in: directory)
            let target = try await TLSEchoServer(certificates: certificates, directory: directory)
            defer { target.stop() }
            let socks = try await Microsocks(credentials: ("dave", "x"), directory: directory)
            defer { socks.stop() }
            let agent = try Socks5ProxyAgent(
                uri: "socks5h://dave:x@127.0.0.1:\(socks.port)", tls: TLSOptions(caFile: certificates.caFile))
            expectEcho(try await echo("wss://localhost:\(target.port)/", through: agent))
        }

        @Test func httpProxyAgentPointedAtASocksProxy() async throws {
            let directory = try TemporaryDirectory()
            let socks = try await Microsocks(directory: directory)
            defer { socks.stop() }
            let outcome = try await echo(
                "ws://127.0.0.1:9/", through: try ProxyAgent(uri: "http://127.0.0.1:\(socks.port)"))
            expectFailure(
                outcome, cause: .proxy, containing: ["proxy 127.0.0.1:\(socks.port) closed the connection without answering CONNECT"])
        }
    }
}
