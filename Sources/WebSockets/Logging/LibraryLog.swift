import Logging

/// The library's `swift-log` logger: connection life-cycle at `debug`, each proxy and TLS hop at `trace`.
///
/// A new `Logger` is made where it is needed rather than kept in a static, because swift-log hands a logger the
/// handler bootstrapped at its creation: an application that bootstraps after loading this module still gets
/// our lines. Without a bootstrap swift-log logs at `info` and up, so nothing of ours is printed by default.
/// Messages never carry credentials: URLs go through `Redaction.url`, and no header value is logged.
enum LibraryLog {
    /// The label applications filter on.
    static let label = "websockets"

    /// A logger with the handler the application has bootstrapped.
    static func make() -> Logger { Logger(label: label) }
}
