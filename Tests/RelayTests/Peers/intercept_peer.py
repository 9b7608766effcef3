"""Python `websockets` peers for the relay inspector's tmux tests: each writes what it received to a file as it
arrives, so the test checks the far side, never the relay's own account.

  server LOG_FILE
      Prints its port, then serves until killed. Appends one JSON line per message received: {"path", "text"}.
      Echoes nothing, so the client only receives what the relay injects.
  client URL GO_FILE LOG_FILE MESSAGE...
      Connects, waits (at most 60 s) until GO_FILE exists, sends each MESSAGE as text, then appends one JSON line
      per message received, {"text"}, until the connection ends or 60 s pass.
"""
import asyncio
import json
import os
import sys

from websockets.asyncio.client import connect
from websockets.asyncio.server import serve
from websockets.exceptions import ConnectionClosed


def append(path, entry):
    with open(path, "a") as file:
        file.write(json.dumps(entry) + "\n")


async def run_server(log_file):
    async def handler(ws):
        try:
            async for message in ws:
                text = message if isinstance(message, str) else message.hex()
                append(log_file, {"path": ws.request.path, "text": text})
        except ConnectionClosed:
            pass

    async with serve(handler, "127.0.0.1", 0, compression=None) as server:
        print(server.sockets[0].getsockname()[1], flush=True)
        await asyncio.Future()


async def run_client(url, go_file, log_file, messages):
    async with connect(url, compression=None) as ws:
        for _ in range(1200):
            if os.path.exists(go_file):
                break
            await asyncio.sleep(0.05)
        for message in messages:
            await ws.send(message)

        async def receive():
            try:
                async for message in ws:
                    append(log_file, {"text": message if isinstance(message, str) else message.hex()})
            except ConnectionClosed:
                pass

        try:
            await asyncio.wait_for(receive(), 60)
        except asyncio.TimeoutError:
            pass


def main():
    if sys.argv[1] == "server":
        asyncio.run(run_server(sys.argv[2]))
    else:
        asyncio.run(run_client(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]))


if __name__ == "__main__":
    main()
