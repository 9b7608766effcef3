import WebSocketCore

/// Copy and save: `y` puts the selected payload on the terminal's clipboard (text as UTF-8, binary as hex), `Y`
/// puts its base64 there, `w` writes its exact bytes to a file after asking for the path.
extension InspectorState {
    /// The most the clipboard is given: OSC 52 through tmux and ssh is not meant for more, and `w` is.
    package static let clipboardLimit = 100_000

    /// `y` (`base64` false) or `Y`: the clipboard effect for the selected message, or a note saying why not.
    mutating func copySelected(base64: Bool) -> [InspectorEffect] {
        guard let payload = exportablePayload(for: base64 ? "Y" : "y") else { return [] }
        let text: String
        switch payload {
        case .text(let string) where !base64: text = string
        case .binary(let bytes) where !base64: text = ByteFormat.hex(bytes)
        case .text(let string): text = Base64.encode(Array(string.utf8))
        case .binary(let bytes): text = Base64.encode(bytes)
        }
        let size = text.utf8.count
        guard size <= Self.clipboardLimit else {
            log.note(
                "not copied: that is \(size) bytes, over the clipboard's 100 KB; w writes the payload to a file",
                isError: true)
            return []
        }
        log.note("copied \(size) bytes to the clipboard (\(base64 ? "base64" : payload.isText ? "text" : "hex"))")
        return [.copyToClipboard(text)]
    }

    /// `w`: the path prompt, holding a default name after the record and the content.
    mutating func startSave() {
        guard let item = log.selectedItem, let payload = exportablePayload(for: "w") else { return }
        let name = "./ws-\(item.firstRecord.id).\(payload.fileExtension)"
        prompt = Prompt(.savePath(payload.bytes), text: name)
    }

    /// The performer found the file already there: ask before replacing it.
    package mutating func askToOverwrite(path: String, bytes: [UInt8]) {
        prompt = Prompt(.confirmOverwrite(path: path, bytes: bytes))
    }

    /// Enter in the save prompts.
    mutating func applySavePrompt(_ kind: Prompt.Kind, text: String) -> [InspectorEffect] {
        switch kind {
        case .savePath(let bytes):
            guard !text.isEmpty else {
                prompt?.error = "type a path"
                return []
            }
            prompt = nil
            return [.saveFile(path: text, bytes: bytes, overwrite: false)]
        case .confirmOverwrite(let path, let bytes):
            prompt = nil
            guard text.lowercased() == "y" || text.lowercased() == "yes" else {
                log.note("not saved: \(path) was left as it was")
                return []
            }
            return [.saveFile(path: path, bytes: bytes, overwrite: true)]
        case .filter, .search, .replayURL:
            return []
        }
    }

    private mutating func exportablePayload(for key: String) -> ResendPayload? {
        guard let item = log.selectedItem else { return nil }
        switch ResendPayload.of(item) {
        case .success(let payload): return payload
        case .failure(let refusal):
            log.note("\(key): \(refusal)", isError: true)
            return nil
        }
    }
}

extension ResendPayload {
    /// Whether it is a text message.
    var isText: Bool {
        if case .text = self { return true }
        return false
    }

    /// The exact payload bytes.
    var bytes: [UInt8] {
        switch self {
        case .text(let text): return Array(text.utf8)
        case .binary(let bytes): return bytes
        }
    }

    /// `json` for text that looks like a JSON object or array, `txt` for other text, `bin` for binary.
    var fileExtension: String {
        guard case .text(let text) = self else { return "bin" }
        let start = text.first { !$0.isWhitespace }
        return start == "{" || start == "[" ? "json" : "txt"
    }
}
