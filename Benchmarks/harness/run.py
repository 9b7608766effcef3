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
from machine import describe
from micro import run_micro
from plots import draw
from report import build
from relay_row import run_relay_row
from rounds import run_round, run_tui, run_tui_search
from scale import run_scale
from server import BenchServer
from rounds import log


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--root", type=Path, required=True)
    parser.add_argument("--binaries", type=Path, required=True)
    parser.add_argument("--python", required=True, help="the venv's python, with websockets")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--scale", type=float, default=1.0, help="multiplies every message count")
    parser.add_argument("--only", default="",
                        help="comma-separated workload keys (and/or tui, tui-search, open-har, relay, scale, micro, "
                             "ceiling)")
    parser.add_argument("--output", type=Path, required=True)
    parser.add_argument("--gorilla", type=Path, default=None,
                        help="the gorilla/websocket server binary: the plain workloads also run against it")
    parser.add_argument("--default-binaries", type=Path, default=None,
                        help="a plain `swift build -c release` bin path: its wsbench joins as one more client")
    parser.add_argument("--scale-counts", default="1,10,100,1000,10000",
                        help="the connection counts of the many-connections workloads")
    parser.add_argument("--build", default="swift build -c release", help="how the binaries were built, for the report")
    parser.add_argument("--report-only", type=Path, default=None,
                        help="rebuild the report from a raw runs file (Benchmarks/results/run-*.jsonl); runs nothing")
    return parser.parse_args()


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
    # The pictures go next to the report, named after it, so a scratch report never overwrites BENCHMARKS.md's.
    primary = [r for r in records if r.get("server", "wsinspect") == "wsinspect"]
    plots = draw(primary, args.output.parent, args.output.stem.lower())
    markdown = build(records, ceilings, micro, describe(args.python), settings, notes, plots)
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
    others = [BenchServer(args.binaries, [str(args.gorilla), "--port", "0"], "gorilla")] if args.gorilla else []
    log(f"server {server.url} (pid {server.pid}); rounds {args.rounds}, scale {args.scale}")
    clients = all_clients(args.root, args.binaries, args.python, args.default_binaries)
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
            f"{k} {record[k]:.4g}" for k in ("n", "msgs_per_s", "mb_per_s", "p50_us", "p99_us", "conns_per_s",
                                             "rss_per_conn_kib", "broadcast_msgs_per_s", "fanin_cpu_us_per_msg",
                                             "fanin_p99_ms", "lost", "seconds", "cpu_s", "relay_cpu")
            if isinstance(record.get(k), (int, float)))
        rss = record.get("peak_rss_mb")
        log(f"  {record['workload']:<14} {record['client']:<17} {record.get('server', 'wsinspect'):<9} {figure}"
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
            for target in [server, *others]:
                run_round(args, target, clients, round_index, wanted, timeout, keep)
            if wanted("relay"):
                run_relay_row(args, server, round_index, timeout, keep)
            if wanted("tui"):
                run_tui(args, server, timeout, keep)
            if wanted("tui-search"):
                run_tui_search(args, server, timeout, keep)
            if wanted("scale"):
                for record in run_scale(args, server, round_index, timeout):
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
        deaths = [death for target in [server, *others] for death in target.deaths]
        for death in deaths:
            raw.write(json.dumps({"server_death": death}) + "\n")
    finally:
        for target in [server, *others]:
            target.stop()
        raw.close()

    write_report(args, records, ceilings, micro, raw_path, load, deaths)
    return 0


if __name__ == "__main__":
    sys.exit(main())
