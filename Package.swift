// swift-tools-version: 6.2
// 6.2: WebSocketStream marks its hot async paths `nonisolated(nonsending)` (SE-0461).
import PackageDescription

let package = Package(
    name: "wsinspect",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "WebSocketCore", targets: ["WebSocketCore"]),
        .library(name: "WebSockets", targets: ["WebSockets"]),
        .library(name: "WebSocketServer", targets: ["WebSocketServer"]),
        .executable(name: "wsinspect", targets: ["wsinspect"]),
        .executable(name: "autobahn-client", targets: ["AutobahnClient"]),
        // Benchmark harnesses (Benchmarks/run.sh); never run by the tests or CI.
        .executable(name: "wsbench", targets: ["wsbench"]),
        .executable(name: "wsmicro", targets: ["wsmicro"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        // `swift package generate-documentation --target WebSockets` (Scripts/test.sh builds it).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
        // The library's life-cycle logging (`Logger(label: "websockets")`), silent unless the application bootstraps.
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),  // 1.16: LogHandler.log(event:)
        // The inspector's config file (profiles), ~/.config/wsinspect/config.toml.
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // Sans-I/O RFC 6455: frames, handshake, close, UTF-8, the client state machine.
        .target(name: "WebSocketCore", dependencies: ["CZlib"]),
        // System zlib, for permessage-deflate (RFC 7692).
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
        // The public client: WHATWG-shaped API over SwiftNIO.
        .target(
            name: "WebSockets",
            dependencies: [
                "WebSocketCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The project's own NIO server: echo, flood, sink and misbehaviour on request.
        .target(
            name: "WebSocketServer",
            dependencies: [
                "WebSocketCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // Relay mode: a listener whose clients are each connected to an upstream through the library.
        .target(
            name: "Relay",
            dependencies: [
                "WebSocketCore", "WebSockets", "WebSocketServer",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "DequeModule", package: "swift-collections"),
            ]),
        // Captures as other tools exchange them (HAR) and our JSON writer: pure data, no I/O beyond reading a file.
        .target(name: "Captures", dependencies: ["WebSocketCore"]),
        // The inspector minus the terminal and the network: log model, hex dump, compose, themes, bindings, renderer
        // onto a Canvas.
        .target(name: "Inspector", dependencies: ["WebSocketCore", "WebSockets", "Captures"]),
        // The I/O the inspector asks for: connecting, keepalive, recording, turning library events into queue events.
        .target(name: "Session", dependencies: ["Inspector", "WebSockets", "WebSocketCore", "Captures", "Relay"]),
        // ncursesw as a system library (wide-character API); see Sources/CNCurses/shim.h.
        .systemLibrary(name: "CNCurses", path: "Sources/CNCurses", providers: [.apt(["libncurses-dev"])]),
        // The command line's saved settings: the config file and its profiles, and "Copy as cURL" parsing.
        .target(
            name: "CommandLineConfig",
            dependencies: [.product(name: "TOMLKit", package: "TOMLKit")]),
        // The inspector on a real terminal: ncurses canvas, key decoding, the UI loop.
        .target(name: "Terminal", dependencies: ["CNCurses", "Inspector"]),
        .executableTarget(
            name: "wsinspect",
            dependencies: [
                "WebSocketCore",
                "WebSockets",
                "WebSocketServer",
                "Terminal",
                "Inspector",
                "Session",
                "Captures",
                "CommandLineConfig",
                "Relay",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            plugins: ["BuildCommit"]
        ),
        // Writes the git commit into the wsinspect module at build time, for --version.
        .plugin(name: "BuildCommit", capability: .buildTool()),
        .executableTarget(
            name: "AutobahnClient",
            dependencies: ["WebSockets", "WebSocketCore"]
        ),
        // The benchmark client: the same workloads as the peer clients in Benchmarks/clients, over our API.
        .executableTarget(name: "wsbench", dependencies: ["WebSockets", "WebSocketCore"]),
        // Micro-benchmarks of the core's hot loops: frame parsing, masking, UTF-8 validation.
        .executableTarget(name: "wsmicro", dependencies: ["WebSocketCore"]),
        // The README's library examples, importing only WebSockets; built with the tests so they cannot rot.
        .executableTarget(name: "readme-examples", dependencies: ["WebSockets"], path: "Examples/ReadmeExamples"),
        .testTarget(name: "WebSocketCoreTests", dependencies: ["WebSocketCore", "ClientTestSupport"]),
        .testTarget(name: "CommandLineConfigTests", dependencies: ["CommandLineConfig"]),
        .testTarget(name: "CapturesTests", dependencies: ["Captures"], resources: [.copy("Fixtures")]),
        .testTarget(name: "WebSocketServerTests", dependencies: ["WebSocketServer", "WebSocketCore"]),
        .testTarget(name: "InspectorTests", dependencies: ["Inspector", "WebSocketCore", "WebSockets", "Captures"]),
        .testTarget(
            name: "SessionTests",
            dependencies: ["Session", "Inspector", "WebSocketCore", "WebSockets", "Captures", "ClientTestSupport", "Relay"]),
        .testTarget(name: "TerminalTests", dependencies: ["Terminal", "Inspector", "WebSocketCore", "WebSockets", "ClientTestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["WebSocketServer", "ProcessTestSupport"], exclude: ["Peers"]),
        // Running the wsinspect binary in tests: spawning it, draining its pipes, driving it in tmux.
        .target(name: "ProcessTestSupport", dependencies: ["WebSocketServer"], path: "Tests/ProcessTestSupport"),
        // Bounded waits, recorders and event helpers shared by the client test targets.
        .target(name: "ClientTestSupport", dependencies: ["WebSockets", "WebSocketServer"], path: "Tests/ClientTestSupport"),
        .testTarget(
            name: "ProxyTests", dependencies: ["WebSockets", "WebSocketServer", "WebSocketCore", "ClientTestSupport"],
            exclude: ["Peers"]),
        // The hostile-peer catalogue (/abuse/ routes) against the library, --dump and the TUI; its process
        // helpers are the end-to-end suite's own files, linked.
        .testTarget(
            name: "HostileTests",
            dependencies: ["WebSockets", "WebSocketServer", "WebSocketCore", "ClientTestSupport", "ProcessTestSupport"]),
        // The relay against the project's server and third-party peers (Python websockets, Node ws).
        .testTarget(
            name: "RelayTests",
            dependencies: ["Relay", "WebSockets", "WebSocketServer", "WebSocketCore", "ClientTestSupport", "ProcessTestSupport"],
            exclude: ["Peers"]),
        .testTarget(
            name: "WebSocketsTests",
            dependencies: [
                "WebSockets", "WebSocketServer", "WebSocketCore", "ClientTestSupport", "ProcessTestSupport",
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            exclude: ["Peers"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
