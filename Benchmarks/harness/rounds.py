"""One round against one server: every eligible client on every workload, alternating who goes first; and the
inspector's TUI flood."""

import json
import sys

from clients import ANY_SERVER
from tui_search import tui_search
from inspector import dump_flood, tui_flood
from measure import run_measured
from workloads import STARTUP, WORKLOADS


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def run_client(client, workload, server, scale: float, timeout: float) -> dict:
    count = workload.scaled_count(scale)
    argv = [*client.argv, workload.mode, workload.url(server.url, scale), str(count), str(workload.size),
            "--timeout", str(timeout - 5)]
    if workload.deflate:
        argv.append("--deflate")
    done = run_measured(argv, timeout, server.pid)
    record = {"client": client.key, "count": count}
    for line in done.stdout.splitlines():
        if line.startswith("{"):
            record.update(json.loads(line))
    record.update(client=client.key, workload=workload.key, server=server.name, peak_rss_mb=done.peak_rss_mb,
                  server_cpu=done.server_cpu, wall=done.wall, cpu_s=done.cpu_seconds)
    if done.timed_out:
        record["error"] = "killed at the runner's timeout"
    elif "seconds" not in record and "error" not in record:
        record["error"] = f"exit {done.returncode}: {done.stderr.strip()[-300:]}"
    return record


def _restart_if_dead(server) -> None:
    died = server.ensure_running()
    if died:
        log(f"  !! {died}; restarted at {server.url}")


def run_round(args, server, clients, round_index: int, wanted, timeout: float, keep) -> None:
    ours = server.name == "wsinspect"
    if not ours:
        clients = [c for c in clients if c.key in ANY_SERVER]
    # Each client's start-up CPU against this server, subtracted from its runs' CPU time (cpu.py).
    if any(wanted(w.key) for w in WORKLOADS):
        for client in clients:
            if "flood" in client.modes:
                _restart_if_dead(server)
                keep(run_client(client, STARTUP, server, 1.0, timeout))
    for workload in WORKLOADS:
        if not wanted(workload.key) or not (ours or workload.any_server):
            continue
        eligible = [c for c in clients if workload.mode in c.modes and (c.ours or not workload.ours_only)]
        if workload.ours_only:
            eligible = [c for c in eligible if c.key == "wsinspect-event"]
        # The inspector's --dump joins the plain 16-byte flood as one more client.
        jobs = [("client", c) for c in eligible]
        if workload.key == "flood16" and ours:
            jobs.append(("dump", None))
        # Alternate: each round starts with a different client, so none always runs first or last.
        shift = round_index % len(jobs)
        for kind, client in jobs[shift:] + jobs[:shift]:
            _restart_if_dead(server)
            if kind == "dump":
                record = dump_flood(args.binaries, workload.url(server.url, args.scale),
                                    workload.scaled_count(args.scale), server.pid, timeout)
                record["workload"] = workload.key
            else:
                record = run_client(client, workload, server, args.scale, timeout)
            keep(record)


def run_tui(args, server, timeout: float, keep) -> None:
    _restart_if_dead(server)
    flood = next(w for w in WORKLOADS if w.key == "flood16")
    url, count = flood.url(server.url, args.scale), flood.scaled_count(args.scale)
    record = tui_flood(args.binaries, url, count, server.pid, timeout)
    # Key echoes come from a second flood, so typing and watching for them does not slow the timed one.
    probe = tui_flood(args.binaries, url, count, server.pid, timeout, probe_keys=True)
    record.update({k: v for k, v in probe.items() if k.startswith("key_latency")})
    if "error" in probe and "error" not in record:
        record["error"] = "key probe: " + probe["error"]
    record["workload"] = "tui-flood"
    keep(record)


def run_tui_search(args, server, timeout: float, keep) -> None:
    """100 000 kept records of 4 KiB searched in the TUI, with key echoes timed meanwhile (issue 21); fewer in a
    quick run."""
    _restart_if_dead(server)
    record = tui_search(args.binaries, server.url, max(1000, int(100_000 * args.scale)), 4096, timeout)
    record["workload"] = "tui-search"
    keep(record)
