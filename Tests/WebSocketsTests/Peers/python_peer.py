"""A Python `websockets` server for interoperability tests.

Prints its port on the first line, then serves until killed:
  /            echo every message with its type
  /close       close at once with 4001 "python says bye"
  /ping        send a ping, then echo
Options: --deflate turns permessage-deflate on; --protocols a,b lists supported subprotocols.
"""
import asyncio
import sys

from websockets.asyncio.server import serve


async def handler(ws):
    path = ws.request.path
    if path.startswith("/close"):
        await ws.close(4001, "python says bye")
        return
    if path.startswith("/ping"):
        await ws.ping(b"py-ping")
    async for message in ws:
        await ws.send(message)


async def main():
    deflate = "--deflate" in sys.argv
    protocols = None
    if "--protocols" in sys.argv:
        protocols = sys.argv[sys.argv.index("--protocols") + 1].split(",")
    async with serve(
        handler,
        "127.0.0.1",
        0,
        compression="deflate" if deflate else None,
        subprotocols=protocols,
        max_size=64 * 1024 * 1024,
    ) as server:
        port = next(iter(server.sockets)).getsockname()[1]
        print(port, flush=True)
        await asyncio.Future()


asyncio.run(main())
