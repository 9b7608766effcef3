"""CPU cost per message: the client process's CPU time (user + system, every thread; measure.py) less what
the same client spends starting, connecting and exiting, divided by the messages of the run.

The start-up cost is measured once per client, server and round as a one-message echo (`startup` records); its
median is subtracted from every run of that client against that server, the way dump_flood subtracts a
1-message run's wall time."""

import statistics

from clients import PEERS

STARTUP = "startup"
MIB = 1 << 20


def _server(record: dict) -> str:
    return record.get("server", "wsinspect")


def startup_cpu(records: list[dict], client: str, server: str) -> float | None:
    """Median CPU seconds of the client's one-message runs against `server`."""
    values = [r["cpu_s"] for r in records if r["workload"] == STARTUP and r["client"] == client
              and _server(r) == server and "error" not in r and r.get("cpu_s") is not None]
    return statistics.median(values) if values else None


def units(record: dict) -> float:
    """What one cost is counted per: messages (flood, sink), round trips (rtt), MiB echoed (bulk)."""
    if record.get("workload", "").endswith("bulk"):
        return max(1e-9, record["count"] * record.get("size", MIB) / MIB)
    return max(1, record["count"])


def cpu_per_unit(records: list[dict], workload: str, client: str, server: str = "wsinspect") -> float | None:
    """Median over the rounds of the client's CPU µs per unit, start-up subtracted (never below zero)."""
    base = startup_cpu(records, client, server) or 0.0
    values = []
    for r in records:
        if r["workload"] != workload or r["client"] != client or _server(r) != server:
            continue
        if "error" in r or r.get("cpu_s") is None:
            continue
        values.append(max(0.0, r["cpu_s"] - base) / units(r) * 1e6)
    return statistics.median(values) if values else None


def cheapest_peer(records: list[dict], workload: str, server: str = "wsinspect") -> tuple[str, float] | None:
    figures = [(p, cpu_per_unit(records, workload, p, server)) for p in PEERS]
    figures = [(p, v) for p, v in figures if v]
    return min(figures, key=lambda item: item[1]) if figures else None


def unit_name(workload: str) -> str:
    return "µs/MiB" if workload.endswith("bulk") else ("µs/round trip" if workload == "rtt" else "µs/msg")


def format_cpu(value: float | None) -> str:
    if value is None:
        return "n/a"
    return f"{value:.0f}" if value >= 100 else f"{value:.2f}" if value < 10 else f"{value:.1f}"
