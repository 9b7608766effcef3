"""The CPU section of the report: CPU µs per message beside the throughput, ours ÷ the cheapest peer, and issue
28's CPU targets as verdicts."""

from cpu import cheapest_peer, cpu_per_unit, format_cpu, startup_cpu, unit_name
from results import best_peer, median_cell
from targets import Verdict, at_most
from workloads import WORKLOADS

# Issue 28's CPU targets for the event API: ours ÷ the cheapest peer, at most.
CPU_TARGETS = {"rtt": 0.6, "flood16": 0.5, "sink": 0.5}
OURS = "wsinspect-event"


def cpu_ratio(records: list[dict], workload: str, client: str = OURS, server: str = "wsinspect"):
    """(ours, cheapest peer name, its figure, ratio), with None where a figure is missing."""
    ours = cpu_per_unit(records, workload, client, server)
    peer = cheapest_peer(records, workload, server)
    ratio = ours / peer[1] if (ours is not None and peer) else None
    return ours, (peer[0] if peer else None), (peer[1] if peer else None), ratio


def _rtt_overhead(records: list[dict], columns: list[str]) -> Verdict:
    """The rtt p50 above the no-library floor: ours against the best peer's."""
    floor = median_cell(records, "rtt", "rtt-floor", "p50_us").value
    cells = {c: median_cell(records, "rtt", c, "p50_us") for c in columns}
    best = best_peer(cells, False)
    ours = cells[OURS].value if OURS in cells else None
    name = "rtt p50 above the no-library floor ≤ the best peer's"
    if floor is None or best is None or ours is None:
        return Verdict(name, "n/a", None)
    ours_over, peer_over = ours - floor, best[1] - floor
    return Verdict(name, f"{ours_over:.1f} µs vs {best[0]} {peer_over:.1f} µs", ours_over <= peer_over)


def cpu_section(records: list[dict], columns: list[str]) -> tuple[list[str], list[Verdict]]:
    shown = [c for c in columns if any(r["client"] == c and r.get("cpu_s") is not None for r in records)]
    lines = ["", "## CPU per message", "",
             "The client process's CPU time (user + system, all threads, from the kernel's accounting of the runner's "
             "children, in microseconds), less the median CPU of the "
             "same client's one-message echo against the same server (start-up, runtime, connect, handshake and "
             "exit), divided by the messages of the run: µs per message for flood and sink, per round trip for rtt, "
             "per MiB echoed for bulk. What remains includes the client's share of the close and any idle polling. "
             "`ours ÷ cheapest` divides the event API's figure by the cheapest peer's: below 1 is cheaper.", "",
             "| workload | unit | " + " | ".join(shown) + " | ours ÷ cheapest peer | target |",
             "|---" * (len(shown) + 4) + "|"]
    verdicts: list[Verdict] = []
    for workload in WORKLOADS:
        if workload.ours_only:
            continue
        figures = [cpu_per_unit(records, workload.key, c) for c in shown]
        if not any(f is not None for f in figures):
            continue
        ours, peer, _, ratio = cpu_ratio(records, workload.key)
        goal = CPU_TARGETS.get(workload.key)
        ratio_text = "n/a" if ratio is None else f"{ratio:.2f}× (vs {peer})"
        lines.append("| " + " | ".join([workload.title.replace(" p50", ""), unit_name(workload.key)]
                                       + [format_cpu(f) for f in figures] + [ratio_text, f"≤ {goal}×" if goal else "–"])
                     + " |")
        if goal is not None:
            verdicts.append(at_most(f"CPU per {unit_name(workload.key)[3:]}, {workload.title.replace(' p50', '')}: "
                                    "event API", ratio, goal, "× cheapest peer"))
    starts = [f"{c} {startup_cpu(records, c, 'wsinspect') * 1e3:.0f} ms" for c in shown
              if startup_cpu(records, c, "wsinspect") is not None]
    if starts:
        lines += ["", "Start-up CPU subtracted (median one-message echo): " + ", ".join(starts) + "."]
    verdicts.append(_rtt_overhead(records, columns))
    return lines, verdicts
