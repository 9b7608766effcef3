import ProcessTestSupport
import Testing

/// The end-to-end suites, run one at a time: they start terminals, servers and processes, and keeping them
/// apart keeps each test's descriptors and timing its own.
@Suite("End to end", .serialized)
enum EndToEnd {}
