"""Python `websockets` (asyncio client): `python websockets_client.py WORKLOAD URL COUNT SIZE [--deflate]
[--timeout S]`; prints one JSON result line, the same keys as every client in this folder."""

import asyncio
import json
import math
import sys
import time

from websockets.asyncio.client import connect


def text_payload(size: int) -> str:
    # Byte for byte the payload of Sources/wsbench/Payloads.swift and the server's /flood pattern.
    return "".join(chr(0x20 + i % 95) for i in range(size))


def binary_payload(size: int) -> bytes:
    return bytes(i & 0xFF for i in range(size))


def percentile(ordered: list[int], fraction: float) -> int:
    rank = math.ceil(fraction * len(ordered))
    return ordered[max(0, min(len(ordered) - 1, rank - 1))]


async def run(workload: str, url: str, count: int, size: int, deflate: bool, result: dict) -> None:
    # max_size=None: the 1 MiB bulk messages sit exactly on the library's default limit.
    async with connect(url, max_size=None) as ws:
        result["extensions"] = ws.response.headers.get("Sec-WebSocket-Extensions", "")
        if deflate and "permessage-deflate" not in result["extensions"]:
            result["error"] = "deflate not negotiated"
            return
        text, binary = text_payload(size), binary_payload(size)
        samples: list[int] = []
        start = time.perf_counter_ns()
        if workload == "flood":
            received = 0
            async for message in ws:
                result["bytes"] += len(message)
                received += 1
                if received == count:
                    break
        elif workload == "rtt":
            for _ in range(count):
                sent = time.perf_counter_ns()
                await ws.send(text)
                await ws.recv()
                samples.append(time.perf_counter_ns() - sent)
        elif workload == "sink":
            for _ in range(count):
                await ws.send(text)
            await ws.recv()
        elif workload == "bulk":
            for _ in range(count):
                await ws.send(binary)
                result["bytes"] += len(await ws.recv())
        else:
            result["error"] = f"unknown workload {workload}"
            return
        seconds = (time.perf_counter_ns() - start) / 1e9
        result["seconds"] = seconds
        result["msgs_per_s"] = count / seconds
        result["mb_per_s"] = result["bytes"] / seconds / 1e6
        if samples:
            samples.sort()
            result["p50_us"] = percentile(samples, 0.5) / 1000
            result["p99_us"] = percentile(samples, 0.99) / 1000


def main() -> int:
    argv = sys.argv[1:]
    deflate = "--deflate" in argv
    timeout = 120.0
    if "--timeout" in argv:
        timeout = float(argv[argv.index("--timeout") + 1])
        del argv[argv.index("--timeout") : argv.index("--timeout") + 2]
    positional = [a for a in argv if a != "--deflate"]
    if len(positional) != 4:
        print("usage: WORKLOAD URL COUNT SIZE [--deflate] [--timeout S]", file=sys.stderr)
        return 2
    workload, url, count, size = positional[0], positional[1], int(positional[2]), int(positional[3])
    result = {"client": "websockets", "workload": workload, "count": count, "size": size, "seconds": 0, "bytes": 0}
    try:
        asyncio.run(asyncio.wait_for(run(workload, url, count, size, deflate, result), timeout))
    except TimeoutError:
        result["error"] = "timeout"
    except Exception as error:  # noqa: BLE001 - any failure becomes the result line's error
        result["error"] = f"{type(error).__name__}: {error}"
    print(json.dumps(result), flush=True)
    return 1 if "error" in result else 0


if __name__ == "__main__":
    sys.exit(main())
