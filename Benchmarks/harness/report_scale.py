"""The report's many-connections section: a table per measure (rows N, columns clients), issue 28's targets at
the largest N measured, and the plots drawn by plots.py."""

import statistics

from clients import PEERS
from scale import SCALE_CLIENTS
from targets import Verdict, at_least, at_most

# (record key, title, unit, higher is better)
MEASURES = [
    ("conns_per_s", "setup: connections opened per second (TCP + handshake)", "conn/s", True),
    ("rss_per_conn_kib", "RSS per open idle connection (VmRSS after set-up minus before, ÷ N)", "KiB", False),
    ("broadcast_msgs_per_s", "broadcast: one 16 B message on every connection, ROUNDS rounds", "msg/s", True),
    ("fanin_msgs_per_s", "fan-in: 64 B messages delivered per second (one per connection every 100 ms)", "msg/s", True),
    ("fanin_cpu_us_per_msg", "fan-in: client CPU per message delivered", "µs", False),
    ("fanin_p99_ms", "fan-in: p99 delivery delay (server send time in the payload)", "ms", False),
    ("lost", "fan-in: ticks not delivered within 5 s of the last one due", "msgs", False),
    ("server_cpu", "server CPU ÷ wall over the whole driver run (100% = one core)", "%", False),
]


def scale_median(records: list[dict], client: str, n: int, key: str) -> float | None:
    values = [r[key] for r in records if r.get("workload") == "scale" and r["client"] == client and r["n"] == n
              and r.get(key) is not None and ("error" not in r or key in ("server_cpu",))]
    return statistics.median(values) if values else None


def _text(value: float | None, unit: str) -> str:
    if value is None:
        return "n/a"
    if unit == "%":
        return f"{value * 100:.0f}%"
    if unit in ("msg/s", "conn/s"):
        return f"{value / 1e3:.1f} k" if value >= 1e4 else f"{value:.0f}"
    return f"{value:.3g}"


def _peer_best(records, n, key, higher) -> tuple[str, float] | None:
    figures = [(p, scale_median(records, p, n, key)) for p in PEERS]
    figures = [(p, v) for p, v in figures if v is not None and v > 0]
    if not figures:
        return None
    return (max if higher else min)(figures, key=lambda item: item[1])


def scale_section(records: list[dict]) -> tuple[list[str], list[Verdict]]:
    chosen = [r for r in records if r.get("workload") == "scale"]
    if not chosen:
        return [], []
    ns = sorted({r["n"] for r in chosen})
    clients = [c for c in SCALE_CLIENTS if any(r["client"] == c for r in chosen)]
    ticks, rounds = chosen[0].get("ticks"), chosen[0].get("rounds")
    lines = ["", "## Many connections", "",
             f"One client process, N connections to `wsinspect serve` on loopback, opened 100 at a time; ROUNDS = "
             f"{rounds}, TICKS = {ticks}. Medians over the rounds. Fan-in CPU and rate are measured from the moment "
             "every /tick connection is open to the last tick (or 5 s past the last one due).", ""]
    failures = [f"N = {r['n']} / {r['client']}: {r['error']}" for r in chosen if "error" in r]
    for key, title, unit, higher in MEASURES:
        lines += [f"**{title}** ({unit})", "", "| N | " + " | ".join(clients) + " | ours ÷ best peer |",
                  "|---" * (len(clients) + 2) + "|"]
        for n in ns:
            ours = scale_median(chosen, "wsinspect-event", n, key)
            best = _peer_best(chosen, n, key, higher) if key not in ("lost", "server_cpu") else None
            ratio = f"{ours / best[1]:.2f}× (vs {best[0]})" if (ours is not None and best) else "–"
            lines.append("| " + " | ".join([f"{n:,}".replace(",", " ")] + [_text(scale_median(chosen, c, n, key), unit)
                                                                           for c in clients] + [ratio]) + " |")
        lines.append("")
    verdicts = []
    measured = [n for n in ns if scale_median(chosen, "wsinspect-event", n, "conns_per_s") is not None]
    top = max(measured) if measured else None
    for key, goal, higher, name in (("rss_per_conn_kib", 0.5, False, "RSS per idle connection"),
                                    ("conns_per_s", 1.5, True, "setup rate"),
                                    ("fanin_cpu_us_per_msg", 0.5, False, "fan-in CPU per message")):
        label = f"{name} at N = {top}"
        ours = scale_median(chosen, "wsinspect-event", top, key) if top else None
        best = _peer_best(chosen, top, key, higher) if top else None
        ratio = ours / best[1] if (ours is not None and best) else None
        verdicts.append(at_least(label, ratio, goal) if higher else at_most(label, ratio, goal))
    lost = scale_median(chosen, "wsinspect-event", 10_000, "lost")
    verdicts.append(Verdict("nothing lost at 10 000 connections", "n/a" if lost is None else f"{lost:.0f} lost",
                            None if lost is None else lost == 0))
    if failures:
        lines += ["Failed scale runs:", ""] + [f"- {f}" for f in failures] + [""]
    return lines, verdicts
