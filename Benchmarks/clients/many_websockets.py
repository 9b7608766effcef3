"""Many connections from one Python process with `websockets` (asyncio):
`python many_websockets.py BASE_URL N ROUNDS TICKS [--timeout S]` prints one JSON line, the keys of every driver of
this workload (Benchmarks/harness/scale.py): setup and broadcast on N connections to /sink, then fan-in on N
connections to /tick."""

import asyncio
import json
import re
import resource
import sys
import time

from websockets.asyncio.client import connect

# Connections being opened at once: enough to keep the server busy, few enough for its listen backlog.
OPENING = 100


def rss_kib() -> int:
    with open("/proc/self/status") as status:
        return int(re.search(r"VmRSS:\s+(\d+)", status.read()).group(1))


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def open_all(url: str, n: int) -> list:
    gate = asyncio.Semaphore(OPENING)

    async def one():
        async with gate:
            return await connect(url, max_size=None)
    return await asyncio.gather(*(one() for _ in range(n)))


async def run(base: str, n: int, rounds: int, ticks: int, result: dict) -> None:
    result["phase"] = "setup"
    before = rss_kib()
    start = time.perf_counter()
    sinks = await open_all(f"{base}/sink?count={rounds}&deflate=0", n)
    result["setup_s"] = time.perf_counter() - start
    result["conns_per_s"] = n / result["setup_s"]
    await asyncio.sleep(0.2)
    result["rss_per_conn_kib"] = (rss_kib() - before) / n

    result["phase"] = "broadcast"
    payload = "x" * 16
    start = time.perf_counter()
    for _ in range(rounds):
        for ws in sinks:
            await ws.send(payload)
    await asyncio.gather(*(ws.recv() for ws in sinks))
    result["broadcast_msgs_per_s"] = n * rounds / (time.perf_counter() - start)
    await asyncio.gather(*(ws.close() for ws in sinks))

    result["phase"] = "fan-in"
    delays: list[int] = []

    async def drain(ws) -> None:
        for _ in range(ticks):
            message = await ws.recv()
            delays.append(time.monotonic_ns() - int(message[:20]))

    tickers = await open_all(f"{base}/tick?count={ticks}&interval=100&size=64&deflate=0", n)
    cpu_start, start = cpu_seconds(), time.perf_counter()
    # Ticks still missing a few seconds after the last was due are counted as lost.
    await asyncio.wait([asyncio.ensure_future(drain(ws)) for ws in tickers], timeout=ticks * 0.1 + 5)
    window = time.perf_counter() - start
    received = len(delays)
    result["fanin_msgs_per_s"] = received / window
    result["fanin_cpu_us_per_msg"] = (cpu_seconds() - cpu_start) * 1e6 / max(1, received)
    delays.sort()
    if delays:
        result["fanin_p50_ms"] = delays[len(delays) // 2] / 1e6
        result["fanin_p99_ms"] = delays[min(len(delays) - 1, -(-len(delays) * 99 // 100) - 1)] / 1e6
    result["lost"] = n * ticks - received
    del result["phase"]


def main() -> int:
    argv = sys.argv[1:]
    timeout = float(argv[argv.index("--timeout") + 1]) if "--timeout" in argv else 120.0
    base, n, rounds, ticks = argv[0], int(argv[1]), int(argv[2]), int(argv[3])
    result = {"client": "websockets", "n": n, "rounds": rounds, "ticks": ticks}
    try:
        asyncio.run(asyncio.wait_for(run(base, n, rounds, ticks, result), timeout))
    except TimeoutError:
        result["error"] = f"timeout in {result.get('phase')}"
    except Exception as error:  # noqa: BLE001 - any failure becomes the result line's error
        result["error"] = f"{type(error).__name__}: {error}"
    print(json.dumps(result), flush=True)
    return 1 if "error" in result else 0


if __name__ == "__main__":
    sys.exit(main())
