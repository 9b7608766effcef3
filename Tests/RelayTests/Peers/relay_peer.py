"""Python `websockets` peers for the relay tests: the far side checks what arrived, so the relay's own code never
produces the expected values.

  server REPORT_FILE [--protocols a,b] [--deflate]
      Prints its port, then serves until killed. Every connection echoes each message; when it ends, one JSON line
      is appended to REPORT_FILE: path, a few request headers, the subprotocol, each message received
      (type, length, sha256, how many frames it arrived in and their sizes in bytes) and the close code and reason
      it received. A message that arrived in several frames is echoed in frames of the same contents.
      Path /server-closes: sends "closing soon", then closes with 4001 "python server says bye".
      Path /slow: reads one message every 2 ms instead of echoing (a slow reader), counting them in order.
  client URL [--protocols a,b] [--deflate] [--cookie VALUE] [--ca PEM_FILE]
      Connects, sends the standard messages (text, binary, 0 B, 1 MiB, fragmented text, binary and a compressible
      20 KiB binary, then a 200-byte text), checks each
      echo is identical, then closes with 4000 "python client says bye". Prints one JSON line: the subprotocol,
      the echo checks, the sizes of the frames each echo arrived in, and the close code and reason the client
      received. /server-closes is also understood: the
      client then only waits for the server's close. With --ca, a wss:// URL is verified against that CA only.
  client-abort URL
      Connects, sends "before abort", reads its echo, then drops TCP without a Close. Prints {"echo": ...}.
"""
import asyncio
import hashlib
import json
import ssl
import sys

from websockets.asyncio.client import connect
from websockets.asyncio.server import serve
from websockets.exceptions import ConnectionClosed


def standard_messages():
    """The messages every relay test sends, as (name, payload, fragments or None)."""
    mebibyte = bytes((i * 7 + 3) % 256 for i in range(1 << 20))
    return [
        ("text", "héllo, relay ✓", None),
        ("binary", bytes(range(256)), None),
        ("empty-text", "", None),
        ("empty-binary", b"", None),
        ("mebibyte", mebibyte, None),
        ("fragmented-text", "frag" + "ment" + "ed ☃", ["frag", "ment", "ed ☃"]),
        ("fragmented-binary", b"\x00\x01\x02\x03\x04\x05", [b"\x00\x01", b"\x02\x03", b"\x04\x05"]),
        # Above any compression threshold and compressible: a leg that agreed to deflate compresses it frame by frame.
        ("fragmented-large", b"".join(large_fragments()), large_fragments()),
        # After it, compressed with context takeover: a compressor left in a bad state by the fragments shows here.
        ("after-fragments", "after the fragments " * 10, None),
    ]


def large_fragments():
    return [b"A" * 100, bytes(i % 7 for i in range(20000)), b"xyz" * 100]


def describe(message):
    data = message.encode() if isinstance(message, str) else message
    return {"type": "text" if isinstance(message, str) else "binary", "length": len(data),
            "sha256": hashlib.sha256(data).hexdigest()}


async def receive_frames(ws):
    """The next message as the list of its frames' payloads, as they arrived (websockets yields one per frame)."""
    return [fragment async for fragment in ws.recv_streaming()]


def frame_sizes(fragments):
    """Each frame's payload size in bytes (a text frame's str as UTF-8; the tests split only between characters)."""
    return [len(f.encode()) if isinstance(f, str) else len(f) for f in fragments]


def join(fragments):
    return "".join(fragments) if fragments and isinstance(fragments[0], str) else b"".join(fragments)


def option(name, default=None):
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


async def run_server(report_file):
    protocols = option("--protocols")

    async def handler(ws):
        path = ws.request.path
        received = []
        entry = {"path": path, "subprotocol": ws.subprotocol,
                 "cookie": ws.request.headers.get("Cookie"),
                 "origin": ws.request.headers.get("Origin"),
                 "x-extra": ws.request.headers.get("X-Extra"),
                 "extensions": ws.response.headers.get("Sec-WebSocket-Extensions"),
                 "messages": received}
        try:
            if path.startswith("/server-closes"):
                await ws.send("closing soon")
                await ws.close(4001, "python server says bye")
            elif path.startswith("/slow"):
                async for message in ws:
                    received.append(describe(message))
                    await asyncio.sleep(0.002)
            else:
                while True:
                    fragments = await receive_frames(ws)
                    message = join(fragments)
                    received.append({**describe(message), "frames": len(fragments),
                                     "frame_sizes": frame_sizes(fragments)})
                    # websockets sends an iterable as one fragment each, then an empty final frame.
                    await ws.send(fragments[:-1] if len(fragments) > 1 and not fragments[-1] else
                                  fragments if len(fragments) > 1 else message)
        except ConnectionClosed:
            pass
        await ws.wait_closed()
        rcvd = ws.protocol.close_rcvd
        entry["close_code"] = rcvd.code if rcvd else None
        entry["close_reason"] = rcvd.reason if rcvd else None
        with open(report_file, "a") as f:
            f.write(json.dumps(entry) + "\n")

    async with serve(handler, "127.0.0.1", 0, subprotocols=protocols.split(",") if protocols else None,
                     compression="deflate" if "--deflate" in sys.argv else None,
                     max_size=64 * 1024 * 1024, ping_interval=None) as server:
        print(next(iter(server.sockets)).getsockname()[1], flush=True)
        await asyncio.Future()


async def run_client(url):
    protocols = option("--protocols")
    cookie = option("--cookie")
    headers = {"Cookie": cookie} if cookie else None
    ca = option("--ca")
    tls = ssl.create_default_context(cafile=ca) if ca else None
    result = {"echoes": {}, "echo_frames": {}}
    async with connect(url, ssl=tls, subprotocols=protocols.split(",") if protocols else None, additional_headers=headers,
                       compression="deflate" if "--deflate" in sys.argv else None,
                       max_size=64 * 1024 * 1024, ping_interval=None) as ws:
        result["subprotocol"] = ws.subprotocol
        result["extensions"] = ws.response.headers.get("Sec-WebSocket-Extensions")
        if "/server-closes" in url:
            try:
                result["first"] = await ws.recv()
                await ws.recv()
            except ConnectionClosed:
                pass
        else:
            for name, payload, fragments in standard_messages():
                await ws.send(fragments if fragments is not None else payload)
                fragments = await receive_frames(ws)
                result["echoes"][name] = join(fragments) == payload
                result["echo_frames"][name] = frame_sizes(fragments)
            await ws.close(4000, "python client says bye")
        rcvd = ws.protocol.close_rcvd
        result["close_code"] = rcvd.code if rcvd else None
        result["close_reason"] = rcvd.reason if rcvd else None
    print(json.dumps(result), flush=True)


async def run_aborting_client(url):
    async with connect(url, compression=None, ping_interval=None) as ws:
        await ws.send("before abort")
        echo = await ws.recv()
        ws.transport.abort()
    print(json.dumps({"echo": echo}), flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "server":
        asyncio.run(run_server(sys.argv[2]))
    elif sys.argv[1] == "client":
        asyncio.run(run_client(sys.argv[2]))
    elif sys.argv[1] == "client-abort":
        asyncio.run(run_aborting_client(sys.argv[2]))
    elif sys.argv[1] == "expected":
        # The descriptions of the standard messages, computed here and never by the code under test.
        print(json.dumps([describe(payload) for _, payload, _ in standard_messages()]))
