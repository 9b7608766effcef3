#!/usr/bin/env python3
"""Writes the seed corpora under Fuzz/corpus/<target>/: a few real inputs per target (frames from RFC 6455 §5.7,
real handshake heads, RFC 7692 streams, proxy answers, themes, compose lines), each prefixed with the choice bytes
its target reads first (see the target's file). Run it again after changing a target's input layout."""
import os, struct, zlib, shutil

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")

def write(target, name, data):
    folder = os.path.join(root, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)

def frame(opcode, payload, fin=True, rsv1=False, key=None):
    first = (0x80 if fin else 0) | (0x40 if rsv1 else 0) | opcode
    mask = 0x80 if key else 0
    n = len(payload)
    if n <= 125: head = bytes([first, mask | n])
    elif n <= 0xFFFF: head = bytes([first, mask | 126]) + struct.pack(">H", n)
    else: head = bytes([first, mask | 127]) + struct.pack(">Q", n)
    if key:
        head += key
        payload = bytes(b ^ key[i % 4] for i, b in enumerate(payload))
    return head + payload

def deflate(data):
    c = zlib.compressobj(1, zlib.DEFLATED, -15)
    out = c.compress(data) + c.flush(zlib.Z_SYNC_FLUSH)
    return out[:-4] if out.endswith(b"\x00\x00\xff\xff") else out

KEY = bytes([0x37, 0xFA, 0x21, 0x3D])
no_cuts = b"\x00"

# frame_parser: config (bit0 server role, bit1 RSV1 allowed, bits2-3 limit), 2 bytes lend mask, then the stream.
fp = {
    "hello": (0, frame(1, b"Hello")),
    "fragments-and-ping": (0, frame(1, b"Hel", fin=False) + frame(9, b"") + frame(0, b"lo")),
    "close-1000": (0, frame(8, struct.pack(">H", 1000) + b"bye")),
    "binary-256": (0, frame(2, bytes(range(256)))),
    "masked-hello-server": (1, frame(1, b"Hello", key=KEY) + frame(10, b"pong", key=KEY)),
    "compressed-rsv1": (2, frame(1, deflate(b"Hello"), rsv1=True)),
    # Only the start of a frame over the 32 KiB direct-collection threshold: inputs stay under -max_len (4096).
    "large-40000-start": (12, frame(2, bytes(40000))[:1000]),
    "too-big-for-125": (8, frame(2, bytes(200))),
}
for name, (config, stream) in fp.items():
    write("frame_parser", name, bytes([config, 0x55, 0x55]) + stream)

# connection: config (bit0 server, bit1 deflate, bit2 no context takeover, bits3-4 limit, bit5 three fragments max,
# bit6 capture wire bytes, bit7 text as bytes), cut count and cuts, then the stream.
cn = {
    "echo-text": (0x40, frame(1, b"Hello") + frame(9, b"hi") + frame(8, struct.pack(">H", 1000))),
    "fragmented-utf8": (0x40, frame(1, "κό".encode(), fin=False) + frame(0, "σμε".encode())),
    "deflate-two-messages": (0x42, frame(1, deflate(b"Hello Hello Hello"), rsv1=True) + frame(2, deflate(bytes(300)), rsv1=True)),
    "deflate-bomb": (0x4A, frame(2, deflate(bytes(200000)), rsv1=True)),
    "server-masked": (0x41, frame(1, b"Hello", key=KEY) + frame(8, b"", key=KEY)),
    "bad-utf8-last-byte": (0x40, frame(1, b"ok", fin=False) + frame(0, b"\xce")),
    "close-bad-code": (0x40, frame(8, struct.pack(">H", 1005))),
}
for name, (config, stream) in cn.items():
    write("connection", name, bytes([config]) + no_cuts + stream)

# http_head: config (bits0-1 head limit, bit2 offer protocols, bit3 offer deflate), cut count and cuts, the bytes.
accept = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="
hh = {
    "101-plain": (0, f"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n\x81\x02hi"),
    "101-deflate-chat": (12, f"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: keep-alive, Upgrade\r\nSec-WebSocket-Accept: {accept}\r\nSec-WebSocket-Protocol: chat\r\nSec-WebSocket-Extensions: permessage-deflate; server_max_window_bits=10; client_max_window_bits=12\r\n\r\n"),
    "302": (0, "HTTP/1.1 302 Found\r\nLocation: wss://example.com/\r\nContent-Length: 0\r\n\r\n"),
    "request": (0, "GET /chat HTTP/1.1\r\nHost: example.com\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: chat, superchat\r\nSec-WebSocket-Extensions: permessage-deflate; client_max_window_bits, permessage-deflate; server_no_context_takeover\r\n\r\n"),
}
for name, (config, text) in hh.items():
    write("http_head", name, bytes([config]) + no_cuts + text.encode())

# utf8_validator: cut count and cuts, then the bytes.
for name, data in {
    "ascii": b"Hello, world! " * 3,
    "kosme": "κόσμε Hello-µ@ßöäüàá-UTF-8!! 𝄞 €".encode(),
    "surrogate": b"\xce\xba\xe1\xbd\xb9\xcf\x83\xce\xbc\xce\xb5\xed\xa0\x80edited",
    "above-10ffff": b"abc\xf4\x90\x80\x80",
    "overlong": b"\xc0\xaf\xe0\x80\xaf",
    "truncated": b"euro \xe2\x82",
}.items():
    write("utf8_validator", name, no_cuts + data)

# inflater: config (bits0-2 cap, bit3 compress first, bits4-7 repeat), window bits, level, cuts, message.
write("inflater", "raw-hello", bytes([4, 7, 0]) + no_cuts + deflate(b"Hello"))
write("inflater", "raw-bomb", bytes([2, 7, 0]) + no_cuts + deflate(bytes(100000)))
write("inflater", "roundtrip-text", bytes([0x0D, 7, 5]) + no_cuts + b"The quick brown fox jumps over the lazy dog")
write("inflater", "roundtrip-repeat-over-cap", bytes([0x3B, 1, 9]) + no_cuts + b"abcdefgh")

# deflate_negotiation: config (which offer the client made), then a Sec-WebSocket-Extensions value.
for config, text in enumerate([
    "permessage-deflate",
    "permessage-deflate; client_max_window_bits=10; server_max_window_bits=12",
    "permessage-deflate; server_no_context_takeover; client_no_context_takeover",
    'permessage-deflate; client_max_window_bits="9", x-webkit-deflate-frame',
    "permessage-deflate; client_max_window_bits, permessage-deflate",
]):
    write("deflate_negotiation", f"ext-{config}", bytes([config]) + text.encode())

# socks5_reply: config (bit0 credentials, bits1-2 target address type), cuts, then what the proxy answers.
write("socks5_reply", "no-auth-ipv4", bytes([0]) + no_cuts + b"\x05\x00" + b"\x05\x00\x00\x01\x7f\x00\x00\x01\x1f\x90" + b"\x81\x02hi")
write("socks5_reply", "password-domain", bytes([1]) + no_cuts + b"\x05\x02" + b"\x01\x00" + b"\x05\x00\x00\x03\x09localhost\x1f\x90")
write("socks5_reply", "refused", bytes([0]) + no_cuts + b"\x05\x00\x05\x05")
write("socks5_reply", "ipv6-reply", bytes([0]) + no_cuts + b"\x05\x00\x05\x00\x00\x04" + bytes(16) + b"\x00\x50")
write("socks5_reply", "http-answer", bytes([0]) + no_cuts + b"HTTP/1.1 400 Bad Request\r\n\r\n")

# http_connect_reply: config (bit0 credentials sent), cuts, then the proxy's answer.
write("http_connect_reply", "200", bytes([0]) + no_cuts + b"HTTP/1.1 200 Connection established\r\n\r\n\x81\x00")
write("http_connect_reply", "407", bytes([1]) + no_cuts + b'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="proxy"\r\n\r\n')
write("http_connect_reply", "403-squid", bytes([0]) + no_cuts + b"HTTP/1.0 403 Forbidden\r\nX-Squid-Error: ERR_ACCESS_DENIED 0\r\n\r\n")

# theme_parser: the theme file's text.
themes = os.path.join(os.path.dirname(root), "..", "themes")
for name in sorted(os.listdir(themes)):
    with open(os.path.join(themes, name), "rb") as f:
        write("theme_parser", name, f.read())
write("theme_parser", "small", b"# comment\nstatus-bar = color255 | bright-white | white on color24 | blue, bold\nselection = reverse\n")

# compose_parser: mode (0 text, 1 hex, 2 base64), then the line.
for name, (mode, line) in {
    "hex": (1, "0x81 05 48656c6c6f"), "base64": (2, "SGVsbG8="), "text": (0, "hello"),
    "close": (0, "/close 4000 bye"), "ping": (0, "/ping are you there"), "mode": (0, "/mode hex"), "slash": (0, "//etc"),
}.items():
    write("compose_parser", name, bytes([mode]) + line.encode())

# jsonl_reader: the text of a --record file (JSON Lines, keys in the writer's order): a session's handshake,
# a masked text frame, a fragmented message with a ping between, a compressed frame with its inflated payload,
# a close, notes, a record the log cut, a second session appended (ids starting again), and lines a reader refuses.
import base64 as _b64, json as _json

def _line(fields):
    return _json.dumps(fields, ensure_ascii=False, separators=(",", ":")) + "\n"

def _frame(id, t, direction, opcode, payload, fin=True, rsv1=False, key=None, inflated=None, cut=None, length=None):
    names = {0: "CONT", 1: "TEXT", 2: "BINARY", 8: "CLOSE", 9: "PING", 10: "PONG"}
    n = length if length is not None else len(payload)
    encoding = "7-bit" if n <= 125 else "16-bit" if n <= 0xFFFF else "64-bit"
    f = {"id": id, "time": "2026-12-04T10:00:00.000Z", "unixTime": 1796378400 + t, "direction": direction, "type": "frame",
         "opcode": opcode, "opcodeName": names.get(opcode, "?"), "fin": fin, "rsv1": rsv1, "rsv2": False, "rsv3": False,
         "masked": key is not None}
    if key: f["maskKey"] = key.hex()
    f.update(length=n, lengthEncoding=encoding, payload=_b64.b64encode(payload).decode())
    try: f["text"] = payload.decode()
    except UnicodeDecodeError: pass
    if inflated is not None: f["inflated"] = _b64.b64encode(inflated).decode()
    whole = frame(opcode, payload, fin, rsv1, key) if length is None else b""
    f["wire"] = _b64.b64encode(whole).decode()
    if cut: f["cut"] = {"payload": {"length": cut[0], "kept": len(payload), "fnv1a64": cut[1]}}
    return _line(f)

def _note(id, t, text, error=False):
    return _line({"id": id, "time": "2026-12-04T10:00:00.000Z", "unixTime": 1796378400 + t, "direction": "local",
                  "type": "note", "error": error, "text": text})

def _head(id, t, direction, text):
    kind = "handshake-request" if direction == "sent" else "handshake-response"
    return _line({"id": id, "unixTime": 1796378400 + t, "direction": direction, "type": kind, "length": len(text),
                  "text": text, "wire": _b64.b64encode(text.encode()).decode()})

_session = (_note(1, 0.0, "connecting to ws://127.0.0.1:8765/echo")
    + _head(2, 0.001, "sent", "GET /echo HTTP/1.1\r\nHost: 127.0.0.1:8765\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
    + _head(3, 0.002, "received", "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n")
    + _frame(4, 0.01, "sent", 1, "héllo".encode(), key=KEY)
    + _frame(5, 0.02, "received", 1, b"Hel", fin=False)
    + _frame(6, 0.021, "received", 9, b"")
    + _frame(7, 0.03, "received", 0, b"lo")
    + _frame(8, 0.04, "received", 1, deflate(b"Hello"), rsv1=True, inflated=b"Hello")
    + _frame(9, 0.05, "sent", 8, struct.pack(">H", 1000) + b"bye", key=KEY)
    + _note(10, 0.06, "closed: we sent 1000 · server answered 1000 (clean)"))
write("jsonl_reader", "session.jsonl", _session.encode())
_short = _note(1, 0.0, "connecting to ws://h/") + _frame(2, 0.01, "sent", 2, b"\x00\x01", key=KEY) + _frame(3, 0.02, "received", 10, b"")
write("jsonl_reader", "appended.jsonl", (_short + _short).encode())
write("jsonl_reader", "cut.jsonl", _frame(1, 0.0, "received", 2, bytes(16), cut=(70000, "cbf29ce484222325"), length=70000).encode())
write("jsonl_reader", "binary-16bit.jsonl", _frame(1, 0.0, "received", 2, bytes(range(200))).encode())
write("jsonl_reader", "crlf-and-blank.jsonl", (_note(1, 0, "a") + "\n" + _note(2, 1, "b", True)).replace("\n", "\r\n").encode())
write("jsonl_reader", "bad-base64.jsonl", _frame(1, 0.0, "sent", 2, b"ab").replace('"payload":"YWI="', '"payload":"!!"').encode())
write("jsonl_reader", "cut-off.jsonl", _session.encode()[:300])
