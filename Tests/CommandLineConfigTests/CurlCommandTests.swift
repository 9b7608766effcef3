import CommandLineConfig
import Testing

/// "Copy as cURL" of a WebSocket upgrade request, in the shapes Chrome and Firefox write.
///
/// The strings follow each browser's generator, which is where the format's rules come from:
/// - Chrome DevTools, `front_end/panels/network/NetworkLogView.ts` (`generateCurlCommand`, bash variant): the URL
///   first with `[ ] { }` backslash-escaped for curl's globbing, then one `-H 'Name: value'` per header (an empty
///   value as `-H 'Name;'`), joined by ` \`, a newline and two spaces; newer versions put cookies in `-b '…'`.
///   Its `escapeStringPosix` writes a value holding a control character, `!` or `'` as `$'…'` with `\\ \' \n \r`
///   and `\uXXXX` for the rest.
/// - Firefox DevTools, `devtools/client/shared/curl.js` (`Curl.generateCommand`, POSIX variant): one line joined by
///   single spaces, `-H` and its value as two words, `Host` left out, `Accept-Encoding` written as `--compressed`
///   where the header was, cookies as a `Cookie` header. Its `escapeStringPosix` writes `$'…'` with `\\ \' \n \r`,
///   code points under 256 as `\xHH` and the others as `\uXXXX` (WebKit's copy of it also writes `!` as `\041`).
/// They were written from those generators and the headers these browsers send on a WebSocket upgrade, not pasted
/// from a browser on this machine (it has none); the key and user agent values are the browsers' own shapes.
@Suite("Copy as cURL")
struct CurlCommandTests {
    static let chrome = #"""
        curl 'wss://chat.example.test/socket?room=42&tags=\[a,b\]' \
          -H 'Upgrade: websocket' \
          -H 'Origin: https://chat.example.test' \
          -H 'Cache-Control: no-cache' \
          -H 'Accept-Language: en-GB,en-US;q=0.9,en;q=0.8' \
          -H 'Pragma: no-cache' \
          -H 'X-Empty;' \
          -b 'session=3f9a1c; theme=dark' \
          -H 'Connection: Upgrade' \
          -H 'Sec-WebSocket-Key: 3qVXsLzsxSCGXcTVwmkK1A==' \
          -H 'User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36' \
          -H 'Sec-WebSocket-Version: 13' \
          -H 'Sec-WebSocket-Protocol: chat.v2, chat.v1' \
          -H 'Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits' \
          -H $'X-Note: it\'s late\u0021'
        """#

    static let firefox = #"""
        curl 'https://chat.example.test/socket?room=42' -H 'User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0' -H 'Accept: */*' -H 'Accept-Language: en-US,en;q=0.5' --compressed -H 'Sec-WebSocket-Version: 13' -H 'Origin: https://chat.example.test' -H 'Sec-WebSocket-Protocol: chat.v2' -H 'Sec-WebSocket-Extensions: permessage-deflate' -H 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==' -H 'Connection: keep-alive, Upgrade' -H 'Cookie: sid=abc123; lang=fr' -H 'Sec-Fetch-Dest: empty' -H 'Sec-Fetch-Mode: websocket' -H 'Sec-Fetch-Site: same-origin' -H 'Pragma: no-cache' -H 'Cache-Control: no-cache' -H 'Upgrade: websocket' -H $'X-Name: Ren\xe9e \u4e16!'
        """#

    private func header(_ request: CurlCommand, _ name: String) -> String? {
        request.headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    @Test("Chrome: URL, headers, -b cookies and $'…' kept; the handshake headers dropped")
    func chrome() throws {
        let request = try CurlCommand(parsing: Self.chrome)
        #expect(request.url == "wss://chat.example.test/socket?room=42&tags=[a,b]")
        #expect(
            request.headers.map(\.name) == [
                "Origin", "Cache-Control", "Accept-Language", "Pragma", "X-Empty", "User-Agent", "X-Note", "Cookie",
            ])
        #expect(header(request, "X-Empty") == "")
        #expect(header(request, "Cookie") == "session=3f9a1c; theme=dark")
        #expect(header(request, "X-Note") == "it's late!")
        #expect(request.subprotocols == ["chat.v2", "chat.v1"])
    }

    @Test("Firefox: https becomes wss, Cookie as a header, \\x and \\u escapes decoded")
    func firefox() throws {
        let request = try CurlCommand(parsing: Self.firefox)
        #expect(request.url == "wss://chat.example.test/socket?room=42")
        for dropped in [
            "Sec-WebSocket-Key", "Sec-WebSocket-Version", "Sec-WebSocket-Extensions", "Connection",
            "Upgrade", "Sec-WebSocket-Protocol",
        ] {
            #expect(header(request, dropped) == nil, "\(dropped) kept")
        }
        #expect(header(request, "Cookie") == "sid=abc123; lang=fr")
        #expect(header(request, "Sec-Fetch-Mode") == "websocket")
        #expect(header(request, "X-Name") == "Renée 世!")
        #expect(request.subprotocols == ["chat.v2"])
    }

    @Test("http becomes ws; --header=, -X GET, double quotes and -A are understood")
    func otherSpellings() throws {
        let request = try CurlCommand(parsing: #"curl -X GET "http://127.0.0.1:8765/echo" --header="X-A: \"q\"" -A 'agent/1'"#)
        #expect(request.url == "ws://127.0.0.1:8765/echo")
        #expect(header(request, "X-A") == "\"q\"")
        #expect(header(request, "User-Agent") == "agent/1")
    }

    @Test(
        "each parse error is one sentence that says what to do",
        arguments: [
            ("wget 'wss://a.test/'", "it does not start with curl; paste the browser's Copy as cURL"),
            ("curl 'wss://a.test/", "a ' quote is never closed; paste the whole command"),
            ("curl -H 'X: 1'", "it has no URL; paste the whole command"),
            ("curl 'wss://a.test/' -X POST", "it is a POST request, and a WebSocket opens with GET; copy the request whose status is 101"),
            (
                "curl 'wss://a.test/' --data-raw 'x'",
                "it sends a request body (--data-raw), which a WebSocket upgrade has none of; copy the request whose status is 101"
            ),
            ("curl 'ftp://a.test/'", "its URL ftp://a.test/ is not http, https, ws or wss; copy the WebSocket request"),
            ("curl 'wss://a.test/' -b cookies.txt", "-b cookies.txt reads cookies from a file; paste the cookies as name=value instead"),
            ("curl 'wss://a.test/' --unix-socket /x", "the curl option --unix-socket is not understood here; remove it and try again"),
            ("curl 'wss://a.test/' -H 'NoColon'", "the header 'NoColon' is not 'Name: value'; fix or remove it"),
        ])
    func errors(command: String, message: String) {
        #expect(throws: CurlParseError(message)) { try CurlCommand(parsing: command) }
    }
}
