/// Every exit status wsinspect uses, with what it means: the help text, the man page and the code that exits all
/// read this table, so they cannot disagree.
enum ExitStatus: Int32, CaseIterable {
    /// The inspector was quit, or (`--dump`) the connection closed normally.
    case success = 0
    /// The connection failed, or wsinspect could not run.
    case failure = 1
    /// Bad flags or input from the user.
    case usage = 2
    /// (`--dump`) The connection closed with a code other than a normal close.
    case abnormalClose = 3

    /// One sentence for the man page and `--help`.
    var meaning: String {
        switch self {
        case .success:
            return "the inspector was quit, or with --dump the connection closed with 1000 or 1005."
        case .failure:
            return "with --dump, the connection failed (no handshake, 1006, an error); or wsinspect could not run "
                + "(no terminal, the embedded echo server did not start)."
        case .usage:
            return "bad flags, URL, theme or record file."
        case .abnormalClose:
            return "with --dump, the connection closed with any other close code."
        }
    }

    /// The statuses as one line of `--help`: "0: …; 1: …".
    static var summary: String {
        allCases.map { "\($0.rawValue): \($0.meaning.dropLast())" }.joined(separator: "; ") + "."
    }
}
