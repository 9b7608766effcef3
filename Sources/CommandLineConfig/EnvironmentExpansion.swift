/// `${NAME}` in a config value replaced by the environment variable `NAME`, so a token can stay out of the file
/// (`Authorization = "Bearer ${TOKEN}"`). A `$` not followed by `{` is kept as it is.
package enum EnvironmentExpansion {
    /// Why a value could not be expanded, as the end of a sentence.
    package enum Failure: Error, Equatable {
        /// `${NAME}` names a variable the environment does not have.
        case unset(String)
        /// `${` without its `}`, or a name that is not `[A-Za-z_][A-Za-z0-9_]*`.
        case malformed(String)

        /// The problem and its fix, in the user's words.
        package var problem: String {
            switch self {
            case .unset(let name):
                return "the environment variable \(name) is not set; export it or change the value"
            case .malformed(let text):
                return "\(text) is not a ${NAME} reference; write ${NAME} with a letter or _ first"
            }
        }
    }

    /// `text` with every `${NAME}` replaced from `environment`.
    package static func expand(_ text: String, environment: [String: String]) throws(Failure) -> String {
        var out = ""
        var rest = Substring(text)
        while let dollar = rest.range(of: "${") {
            out += rest[..<dollar.lowerBound]
            let afterOpen = rest[dollar.upperBound...]
            guard let close = afterOpen.firstIndex(of: "}") else { throw .malformed(String(rest[dollar.lowerBound...])) }
            let name = String(afterOpen[..<close])
            guard isName(name) else { throw .malformed("${\(name)}") }
            guard let value = environment[name] else { throw .unset(name) }
            out += value
            rest = afterOpen[afterOpen.index(after: close)...]
        }
        return out + rest
    }

    private static func isName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic)
        else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && $0.properties.isAlphabetic) || ("0"..."9").contains($0) }
    }
}
