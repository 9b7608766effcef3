"""A Python `websockets` server for interoperability tests.

Prints its port on the first line, then serves until killed:
  /            echo every message with its type
  /close       close at once with 4001 "python says bye"
  /ping        send a ping, then echo
Options: --deflate turns permessage-deflate on; --protocols a,b lists supported subprotocols.
permessage-deflate parameters (each implies --deflate): --server-max-window-bits N, --client-max-window-bits N,
--server-no-context-takeover, --client-no-context-takeover.
"""
import asyncio
import sys

from websockets.asyncio.server import serve
from websockets.extensions.permessage_deflate import ServerPerMessageDeflateFactory


async def handler(ws):
    path = ws.request.path
    if path.startswith("/close"):
        await ws.close(4001, "python says bye")
        return
    if path.startswith("/ping"):
        await ws.ping(b"py-ping")
    async for message in ws:
        await ws.send(message)


def option(name):
    if name not in sys.argv:
        return None
    return int(sys.argv[sys.argv.index(name) + 1])


def deflate_extensions():
    """The permessage-deflate factory the flags ask for, or None for websockets' default ("deflate")."""
    server_bits = option("--server-max-window-bits")
    client_bits = option("--client-max-window-bits")
    server_reset = "--server-no-context-takeover" in sys.argv
    client_reset = "--client-no-context-takeover" in sys.argv
    if server_bits is None and client_bits is None and not server_reset and not client_reset:
        return None
    return [
        ServerPerMessageDeflateFactory(
            server_no_context_takeover=server_reset,
            client_no_context_takeover=client_reset,
            server_max_window_bits=server_bits,
            client_max_window_bits=client_bits,
        )
    ]


async def main():
    deflate = "--deflate" in sys.argv
    extensions = deflate_extensions()
    protocols = None
    if "--protocols" in sys.argv:
        protocols = sys.argv[sys.argv.index("--protocols") + 1].split(",")
    async with serve(
        handler,
        "127.0.0.1",
        0,
        compression="deflate" if deflate and extensions is None else None,
        extensions=extensions,
        subprotocols=protocols,
        max_size=64 * 1024 * 1024,
    ) as server:
        port = next(iter(server.sockets)).getsockname()[1]
        print(port, flush=True)
        await asyncio.Future()


asyncio.run(main())
