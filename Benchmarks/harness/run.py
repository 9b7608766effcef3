"""Benchmarks/run.sh's engine: runs every client on every workload, alternating clients, ROUNDS times, against one
server; then the ceiling, the inspector and the micro-benchmarks; writes BENCHMARKS.md and the raw runs."""

import argparse
import json
import sys
import time
from pathlib import Path

from capture import open_har
from ceiling import tcp_ceiling_mb_per_s
from clients import all_clients
from inspector import dump_flood, tui_flood
from machine import describe
from measure import run_measured
from micro import run_micro
from report import build
from server import BenchServer
from workloads import WORKLOADS


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--root", type=Path, required=True)
    parser.add_argument("--binaries", type=Path, required=True)
    parser.add_argument("--python", required=True, help="the venv's python, with websockets")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--scale", type=float, default=1.0, help="multiplies every message count")
    parser.add_argument("--only", default="",
                        help="comma-separated workload keys (and/or tui, open-har, micro, ceiling)")
    parser.add_argument("--output", type=Path, required=True)
    parser.add_argument("--build", default="swift build -c release", help="how the binaries were built, for the report")
    parser.add_argument("--report-only", type=Path, default=None,
                        help="rebuild the report from a raw runs file (Benchmarks/results/run-*.jsonl); runs nothing")
    return parser.parse_args()


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def run_client(client, workload, base_url: str, scale: float, server_pid: int, timeout: float) -> dict:
    count = workload.scaled_count(scale)
    argv = [*client.argv, workload.mode, workload.url(base_url, scale), str(count), str(workload.size),
            "--timeout", str(timeout - 5)]
    if workload.deflate:
        argv.append("--deflate")
    done = run_measured(argv, timeout, server_pid)
    record = {"client": client.key, "count": count}
    for line in done.stdout.splitlines():
        if line.startswith("{"):
            record.update(json.loads(line))
    record.update(client=client.key, workload=workload.key, peak_rss_mb=done.peak_rss_mb,
                  server_cpu=done.server_cpu, wall=done.wall)
    if done.timed_out:
        record["error"] = "killed at the runner's timeout"
    elif "seconds" not in record and "error" not in record:
        record["error"] = f"exit {done.returncode}: {done.stderr.strip()[-300:]}"
    return record


def write_report(args: argparse.Namespace, records: list[dict], ceilings: list[float], micro: list[dict],
                 raw_path: Path, load: str, deaths: list[str]) -> None:
    settings = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "rounds": str(args.rounds),
                "scale": f"{args.scale} (message counts × scale)",
                "build": args.build,
                "raw runs": str(raw_path.relative_to(args.root) if raw_path.is_relative_to(args.root) else raw_path),
                "load average (1, 5, 15 min) before → after": load,
                "server restarts": "; ".join(deaths) if deaths else "none"}
    notes_path = args.root / "Benchmarks" / "PROFILE.md"
    notes = notes_path.read_text() if notes_path.exists() else ""
    markdown = build(records, ceilings, micro, describe(args.python), settings, notes)
    args.output.write_text(markdown)
    print(markdown)


def report_only(args: argparse.Namespace) -> int:
    """Rebuilds the tables from a raw file: its run records, its `ceiling`, `micro` and `load` lines."""
    records, micro, ceilings, load, deaths = [], [], [], "n/a", []
    for line in args.report_only.read_text().splitlines():
        entry = json.loads(line)
        if "settings" in entry:
            args.rounds, args.scale = entry["settings"]["rounds"], entry["settings"]["scale"]
            args.build = entry["settings"].get("build", "swift build -c release")
        elif "ceiling_mb_per_s" in entry:
            ceilings.append(entry["ceiling_mb_per_s"])
        elif "micro" in entry:
            micro.append(entry)
        elif "load" in entry:
            load = entry["load"]
        elif "server_death" in entry:
            deaths.append(entry["server_death"])
        else:
            records.append(entry)
    write_report(args, records, ceilings, micro, args.report_only.resolve(), load, deaths)
    return 0


def load_average() -> str:
    with open("/proc/loadavg") as loadavg:
        return " ".join(loadavg.read().split()[:3])


def main() -> int:
    args = parse_arguments()
    if args.report_only:
        return report_only(args)
    load_before = load_average()
    only = {item for item in args.only.split(",") if item}
    wanted = lambda key: not only or key in only  # noqa: E731
    # Generous but finite: every run is bounded even on a slow, busy machine.
    timeout = 30 + 90 * args.scale
    server = BenchServer(args.binaries)
    log(f"server {server.url} (pid {server.pid}); rounds {args.rounds}, scale {args.scale}")
    clients = all_clients(args.root, args.binaries, args.python)
    records: list[dict] = []
    raw_path = args.root / "Benchmarks" / "results" / time.strftime("run-%Y%m%d-%H%M%S.jsonl")
    raw_path.parent.mkdir(exist_ok=True)
    raw = raw_path.open("w")
    raw.write(json.dumps({"settings": {"rounds": args.rounds, "scale": args.scale, "build": args.build}}) + "\n")

    def keep(record: dict) -> None:
        records.append(record)
        raw.write(json.dumps(record) + "\n")
        raw.flush()
        figure = record.get("error") or ", ".join(
            f"{k} {record[k]:.4g}" for k in ("msgs_per_s", "mb_per_s", "p50_us", "p99_us", "seconds") if k in record)
        rss = record.get("peak_rss_mb")
        log(f"  {record['workload']:<14} {record['client']:<17} {figure}"
            + (f"  rss {rss:.0f} MB" if rss else "")
            + (f"  server {record['server_cpu'] * 100:.0f}%" if record.get("server_cpu") is not None else ""))

    try:
        # The ceiling swings run to run (1.6-3.8 GB/s seen here), so it is measured once per round, like every
        # client, and read as the median.
        ceilings: list[float] = []
        for round_index in range(args.rounds):
            log(f"round {round_index + 1} of {args.rounds}")
            ceiling = tcp_ceiling_mb_per_s(3 if args.scale >= 0.5 else 1) if wanted("ceiling") else None
            if ceiling:
                ceilings.append(ceiling)
                log(f"  TCP ceiling {ceiling:.0f} MB/s")
                raw.write(json.dumps({"ceiling_mb_per_s": ceiling, "round": round_index + 1}) + "\n")
            for workload in WORKLOADS:
                if not wanted(workload.key):
                    continue
                eligible = [c for c in clients if workload.mode in c.modes and (c.ours or not workload.ours_only)]
                if workload.ours_only:
                    eligible = [c for c in eligible if c.key == "wsinspect-event"]
                # The inspector's --dump joins the plain 16-byte flood as one more client.
                jobs = [("client", c) for c in eligible]
                if workload.key == "flood16":
                    jobs.append(("dump", None))
                # Alternate: each round starts with a different client, so none always runs first or last.
                shift = round_index % len(jobs)
                for kind, client in jobs[shift:] + jobs[:shift]:
                    died = server.ensure_running()
                    if died:
                        log(f"  !! {died}; restarted at {server.url}")
                    if kind == "dump":
                        record = dump_flood(args.binaries, workload.url(server.url, args.scale),
                                            workload.scaled_count(args.scale), server.pid, timeout)
                        record["workload"] = workload.key
                    else:
                        record = run_client(client, workload, server.url, args.scale, server.pid, timeout)
                    keep(record)
            if wanted("tui"):
                died = server.ensure_running()
                if died:
                    log(f"  !! {died}; restarted at {server.url}")
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
            if wanted("open-har"):
                # No server involved: the TUI and --dump open a 200 MB, 1 M-message HAR made for the run.
                keep(open_har(args.binaries, args.scale, timeout))
        micro = run_micro(args.binaries, 0.3 if args.scale >= 0.5 else 0.1) if wanted("micro") else []
        for entry in micro:
            log(f"  micro {entry['micro']:<22} {entry['gb_per_s']:.2f} GB/s")
            raw.write(json.dumps(entry) + "\n")
        load = f"{load_before} → {load_average()}"
        raw.write(json.dumps({"load": load}) + "\n")
        for death in server.deaths:
            raw.write(json.dumps({"server_death": death}) + "\n")
    finally:
        server.stop()
        raw.close()

    write_report(args, records, ceilings, micro, raw_path, load, server.deaths)
    return 0


if __name__ == "__main__":
    sys.exit(main())
