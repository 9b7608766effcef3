"""A Python `websockets` client for the HAR interop test: sends one text and one binary message to the URL it is
given, waits for each echo, and closes normally. Prints each echo so the test can see the exchange happened."""
import asyncio
import sys

import websockets


async def main(url: str) -> None:
    async with websockets.connect(url, compression=None) as ws:
        await ws.send("héllo mitm")
        print(await ws.recv(), flush=True)
        await ws.send(b"\x00\x01\xfe\xff")
        print((await ws.recv()).hex(), flush=True)


asyncio.run(main(sys.argv[1]))
