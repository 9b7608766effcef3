"""Many connections from one client process (issue 28): for N = 1 … 10 000 connections to `wsinspect serve`, each
driver (Benchmarks/clients/many*, `wsbench many`) opens N connections to /sink and reports the setup rate and RSS
per idle connection, sends one message on every connection ROUNDS times (broadcast), then opens N connections to
/tick and receives one 64 B message on each every 100 ms, TICKS times (fan-in: rate, CPU per message, delay)."""

import json
import resource

from clients import DEFAULT_BUILD
from measure import run_measured

SCALE_CLIENTS = ("wsinspect-event", DEFAULT_BUILD, "undici", "ws", "websockets")


def raise_file_limit() -> int:
    """Lifts this process's open-file limit (inherited by the server and every client) to the hard limit."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or hard > soft:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def scale_drivers(args) -> dict[str, list[str]]:
    here = args.root / "Benchmarks" / "clients"
    drivers = {
        "wsinspect-event": [str(args.binaries / "wsbench"), "many"],
        "undici": ["node", "--experimental-websocket", "--no-warnings", str(here / "many.js"), "undici"],
        "ws": ["node", str(here / "many.js"), "ws"],
        "websockets": [args.python, str(here / "many_websockets.py")],
    }
    if args.default_binaries:
        drivers[DEFAULT_BUILD] = [str(args.default_binaries / "wsbench"), "many"]
    return drivers


def counts(args, limit: int) -> list[int]:
    wanted = [int(n) for n in args.scale_counts.split(",") if n]
    # Each connection holds one descriptor in the client and one in the server, plus a few dozen spare.
    return [n for n in wanted if n + 64 <= limit]


def run_scale(args, server, round_index: int, timeout: float) -> list[dict]:
    from rounds import log
    limit = raise_file_limit()
    # A tenth of the scale still spans several ticks and rounds; the full workload is 100 of each (10 s of ticks).
    ticks = max(3, round(100 * min(1.0, args.scale)))
    rounds = max(5, round(100 * min(1.0, args.scale)))
    drivers = scale_drivers(args)
    keys = [k for k in SCALE_CLIENTS if k in drivers]
    records = []
    skipped = [n for n in (int(n) for n in args.scale_counts.split(",") if n) if n + 64 > limit]
    if skipped:
        log(f"  scale: open-file limit {limit} leaves out N = {skipped}")
    for n in counts(args, limit):
        shift = round_index % len(keys)
        for key in keys[shift:] + keys[:shift]:
            died = server.ensure_running()
            if died:
                log(f"  !! {died}; restarted at {server.url}")
            # Set-up, broadcast and fan-in, each bounded; generous for 10 000 connections on a busy machine.
            bound = timeout + ticks * 0.1 + 10 + n / 50
            done = run_measured([*drivers[key], server.url, str(n), str(rounds), str(ticks), "--timeout",
                                 str(bound - 5)], bound, server.pid)
            record = {"workload": "scale", "client": key, "n": n, "rounds": rounds, "ticks": ticks}
            for line in done.stdout.splitlines():
                if line.startswith("{"):
                    record.update(json.loads(line))
            record.update(client=key, workload="scale", peak_rss_mb=done.peak_rss_mb, cpu_s=done.cpu_seconds,
                          server_cpu=done.server_cpu, wall=done.wall)
            if done.timed_out:
                record["error"] = "killed at the runner's timeout"
            elif "conns_per_s" not in record and "error" not in record:
                record["error"] = f"exit {done.returncode}: {done.stderr.strip()[-300:]}"
            records.append(record)
    return records
