/// A permessage-deflate parameter list (RFC 7692 §7), checked for what both roles reject alike: a repeated or
/// unknown parameter, a value on a flag, and window bits that are not plain digits from 8 to 15. What a role then
/// requires of the values (an offer may send `client_max_window_bits` bare, a response may not) is its own.
struct DeflateParameters {
    /// A window-bits parameter as it appeared.
    enum Window: Equatable {
        case absent
        case withoutValue
        case bits(Int)
    }

    var serverNoContextTakeover = false
    var clientNoContextTakeover = false
    var serverMaxWindowBits = Window.absent
    var clientMaxWindowBits = Window.absent

    /// Reads `parameters` in order and stops at the first problem, returned as a reason. `valueRequired` names the
    /// window parameters that may not appear bare, with the words that end that reason ("in a response").
    static func read(
        _ parameters: [(name: String, value: String?)], valueRequired: Set<String>, context: String
    ) -> Result<DeflateParameters, DeflateParameterProblem> {
        var result = DeflateParameters()
        var seen = Set<String>()
        for (name, value) in parameters {
            let key = name.lowercased()
            guard seen.insert(key).inserted else { return .failure(.init("parameter \(name) appears more than once")) }
            switch key {
            case "server_no_context_takeover", "client_no_context_takeover":
                if let value { return .failure(.init("\(name) takes no value, got \"\(value)\"")) }
                if key == "server_no_context_takeover" {
                    result.serverNoContextTakeover = true
                } else {
                    result.clientNoContextTakeover = true
                }
            case "server_max_window_bits", "client_max_window_bits":
                var window = Window.withoutValue
                if let value {
                    guard let bits = WindowBits.parse(value) else {
                        return .failure(.init("\(name)=\(value) is not a window size from 8 to 15"))
                    }
                    window = .bits(bits)
                } else if valueRequired.contains(key) {
                    return .failure(.init("\(name) needs a value \(context)"))
                }
                if key == "server_max_window_bits" {
                    result.serverMaxWindowBits = window
                } else {
                    result.clientMaxWindowBits = window
                }
            default:
                return .failure(.init("unknown parameter \(name)"))
            }
        }
        return .success(result)
    }
}

/// Why a parameter list was refused.
struct DeflateParameterProblem: Error {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}

/// The window-size syntax of RFC 7692 §7.1.2: plain decimal digits, 8 to 15.
enum WindowBits {
    /// The value, or `nil` when it is not 1–2 plain digits from 8 to 15 (no sign, no spaces).
    static func parse(_ text: String) -> Int? {
        guard !text.isEmpty, text.utf8.count <= 2, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            let bits = Int(text), (8...15).contains(bits)
        else { return nil }
        return bits
    }
}
