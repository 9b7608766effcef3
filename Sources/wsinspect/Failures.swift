/// A problem with what the user asked for (a flag, URL, theme or record file): one line on stderr, exit status 2.
struct UsageFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A problem at run time (no terminal, no server): one line on stderr, exit status 1.
struct RuntimeFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
