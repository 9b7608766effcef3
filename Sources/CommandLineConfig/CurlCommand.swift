import Foundation

/// A browser's "Copy as cURL" of a WebSocket upgrade request, as what `wsinspect` needs to make the same request:
/// the URL (`http` as `ws`, `https` as `wss`), the headers and cookies, and the offered subprotocols. The
/// handshake headers the client writes itself are dropped.
package struct CurlCommand: Equatable, Sendable {
    /// The `ws://` or `wss://` URL.
    package let url: String
    /// The headers to send, in the copy's order, cookies (`-b`) last as one `Cookie` header.
    package let headers: [Header]
    /// The subprotocols from `Sec-WebSocket-Protocol`, first preferred.
    package let subprotocols: [String]

    /// One request header.
    package struct Header: Equatable, Sendable {
        /// The header's name, as the copy spells it.
        package let name: String
        /// Its value.
        package let value: String

        /// A header `name: value`.
        package init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// Headers that belong to the handshake or the HTTP message, which the client writes itself (RFC 6455 4.1),
    /// plus `Accept-Encoding`, which asks for compressed HTTP bodies a 101 never has.
    package static let droppedHeaders: Set<String> = [
        "host", "upgrade", "connection", "sec-websocket-key", "sec-websocket-version", "sec-websocket-extensions",
        "sec-websocket-accept", "content-length", "transfer-encoding", "accept-encoding", "te", "keep-alive",
        // HTTP/2 pseudo-headers, which Chrome copies without their colon (`authority: …`).
        "authority", "method", "path", "scheme", "protocol", "version",
    ]

    /// Options that change nothing for a WebSocket request (output, compression of a body, globbing, HTTP version).
    private static let ignoredSwitches: Set<String> = [
        "--compressed", "-g", "--globoff", "-s", "--silent", "-v", "--verbose", "-i", "--include", "-L",
        "--location", "--http1.1", "--http2", "-N", "--no-buffer", "--raw", "-0", "--http1.0",
    ]

    /// Parses `command`, a whole `curl …` line as the browser copied it.
    package init(parsing command: String) throws(CurlParseError) {
        let words: [String]
        do {
            words = try ShellWords.split(command)
        } catch .unterminatedQuote(let quote) {
            throw CurlParseError("a \(quote) quote is never closed; paste the whole command")
        } catch {
            throw CurlParseError("it ends with a lone backslash; paste the whole command")
        }
        guard words.first == "curl" else { throw CurlParseError("it does not start with curl; paste the browser's Copy as cURL") }
        var url: String?
        var headers: [Header] = []
        var cookies: [String] = []
        var rest = words.dropFirst()
        while let word = rest.popFirst() {
            guard word.hasPrefix("-"), word.count > 1 else {
                guard url == nil else { throw CurlParseError("it has two URLs (\(url ?? "") and \(word)); keep one") }
                url = word
                continue
            }
            let (option, attached) = Self.splitOption(word)
            if Self.ignoredSwitches.contains(option) { continue }
            func value() throws(CurlParseError) -> String {
                if let attached { return attached }
                guard let next = rest.popFirst() else { throw CurlParseError("\(option) has no value; paste the whole command") }
                return next
            }
            switch option {
            case "-H", "--header":
                let text = try value()
                // `Name;` is curl's way to send a header with an empty value, and Chrome writes empty ones so.
                if text.hasSuffix(";"), !text.contains(":"), text.count > 1 {
                    headers.append(Header(name: String(text.dropLast()).trimmingCharacters(in: .whitespaces), value: ""))
                    continue
                }
                guard let colon = text.firstIndex(of: ":"), colon != text.startIndex else {
                    throw CurlParseError("the header '\(text)' is not 'Name: value'; fix or remove it")
                }
                headers.append(
                    Header(
                        name: String(text[..<colon]).trimmingCharacters(in: .whitespaces),
                        value: String(text[text.index(after: colon)...]).trimmingCharacters(in: .whitespaces)))
            case "-b", "--cookie":
                let text = try value()
                guard text.contains("=") else {
                    throw CurlParseError("-b \(text) reads cookies from a file; paste the cookies as name=value instead")
                }
                cookies.append(text)
            case "-A", "--user-agent": headers.append(Header(name: "User-Agent", value: try value()))
            case "-e", "--referer": headers.append(Header(name: "Referer", value: try value()))
            case "-X", "--request":
                let method = try value()
                guard method.uppercased() == "GET" else {
                    throw CurlParseError("it is a \(method) request, and a WebSocket opens with GET; copy the request whose status is 101")
                }
            case "-d", "--data", "--data-raw", "--data-binary", "--data-urlencode", "-F", "--form":
                throw CurlParseError(
                    "it sends a request body (\(option)), which a WebSocket upgrade has none of; copy the request whose status is 101")
            default:
                throw CurlParseError("the curl option \(option) is not understood here; remove it and try again")
            }
        }
        guard let url else { throw CurlParseError("it has no URL; paste the whole command") }
        self.url = try Self.webSocketURL(url)
        if !cookies.isEmpty { headers.append(Header(name: "Cookie", value: cookies.joined(separator: "; "))) }
        subprotocols = headers.filter { $0.name.lowercased() == "sec-websocket-protocol" }
            .flatMap { $0.value.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        self.headers = headers.filter {
            let name = $0.name.lowercased()
            return !Self.droppedHeaders.contains(name) && name != "sec-websocket-protocol" && !name.hasPrefix(":")
        }
    }

    /// `--header=value` as `("--header", "value")`, `-Hvalue` as `("-H", "value")`, anything else unchanged.
    private static func splitOption(_ word: String) -> (String, String?) {
        if word.hasPrefix("--") {
            guard let equals = word.firstIndex(of: "=") else { return (word, nil) }
            return (String(word[..<equals]), String(word[word.index(after: equals)...]))
        }
        guard word.count > 2 else { return (word, nil) }
        return (String(word.prefix(2)), String(word.dropFirst(2)))
    }

    /// `url` with `http`/`https` as `ws`/`wss`; any other scheme is an error. Chrome escapes `[ ] { }` in the URL
    /// with a backslash for curl's globbing; the backslashes go.
    private static func webSocketURL(_ copied: String) throws(CurlParseError) -> String {
        var url = copied
        for glob in ["[", "]", "{", "}"] { url = url.replacingOccurrences(of: "\\" + glob, with: glob) }
        let schemes = [("https://", "wss://"), ("http://", "ws://"), ("wss://", "wss://"), ("ws://", "ws://")]
        for (from, to) in schemes where url.lowercased().hasPrefix(from) {
            return to + url.dropFirst(from.count)
        }
        throw CurlParseError("its URL \(url) is not http, https, ws or wss; copy the WebSocket request")
    }
}

/// Why a "Copy as cURL" could not be used: one sentence, without the `--curl:` the command line puts first.
package struct CurlParseError: Error, Equatable, CustomStringConvertible {
    /// The sentence.
    package let description: String

    /// An error saying `description`.
    package init(_ description: String) { self.description = description }
}
