"""A Python `websockets` client that checks the project's server's permessage-deflate, for interop tests.

Usage: python_deflate_client.py ws://127.0.0.1:PORT
Runs each scenario below against the server and prints one line per scenario, "<name> ok <detail>" or
"<name> FAIL <why>", then exits; the whole run is bounded by a timeout.
"""
import asyncio
import sys

from websockets.asyncio.client import connect
from websockets.extensions.permessage_deflate import ClientPerMessageDeflateFactory


async def echo(base, name, **options):
    async with connect(base + "/echo", max_size=None, **options) as ws:
        negotiated = ws.response.headers.get("Sec-WebSocket-Extensions", "")
        for index in range(5):
            text = ("python says %d; " % index) * 200
            await ws.send(text)
            if await ws.recv() != text:
                return f"{name} FAIL text echo {index} differs"
            data = bytes(range(256)) * 40 + bytes([index])
            await ws.send(data)
            if await ws.recv() != data:
                return f"{name} FAIL binary echo {index} differs"
    return f"{name} ok {negotiated}"


async def flood(base):
    async with connect(base + "/flood?count=40&size=5000&type=binary&close=1", max_size=None, compression="deflate") as ws:
        expected = bytes(index % 256 for index in range(5000))
        count = 0
        async for message in ws:
            if message != expected:
                return f"flood FAIL message {count} differs"
            count += 1
    return f"flood ok {count}"


async def bomb(base):
    size = 10 << 20
    async with connect(base + f"/bomb?size={size}", max_size=None, compression="deflate") as ws:
        message = await ws.recv()
        if len(message) != size or message.count(0) != size:
            return f"bomb FAIL got {len(message)} bytes"
    return f"bomb ok {size}"


async def main(base):
    small = ClientPerMessageDeflateFactory(
        server_max_window_bits=9, client_max_window_bits=10,
        server_no_context_takeover=True, client_no_context_takeover=True)
    scenarios = [
        echo(base, "default", compression="deflate"),
        echo(base, "small-windows", compression=None, extensions=[small]),
        flood(base),
        bomb(base),
    ]
    for scenario in scenarios:
        try:
            print(await asyncio.wait_for(scenario, 30), flush=True)
        except Exception as error:  # report, do not hide: the Swift test fails on any FAIL line
            print(f"scenario FAIL {type(error).__name__}: {error}", flush=True)


asyncio.run(main(sys.argv[1]))
