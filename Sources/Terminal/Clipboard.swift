import Foundation

/// The terminal's clipboard, through OSC 52 (`ESC ] 52 ; c ; base64 BEL`): it works through tmux (with
/// `set-clipboard on`) and over ssh, where no local clipboard tool could. Only base64 reaches the terminal, so
/// whatever the payload holds, no byte of it is ever interpreted there.
enum Clipboard {
    /// Asks the terminal to put `text` on its clipboard; it says nothing back, so success cannot be known.
    static func copy(_ text: String) {
        let sequence = Array("\u{1B}]52;c;\(Data(text.utf8).base64EncodedString())\u{07}".utf8)
        var offset = 0
        while offset < sequence.count {
            let written = sequence.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress! + offset, sequence.count - offset) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            offset += written
        }
    }
}
