"""The relay row's table (issue 27): each relayed workload's median directly and through each intermediary, with
the intermediary's figure as a ratio of the direct one."""

from relay_row import RELAYED, VIAS
from results import format_figure, median_cell
from workloads import WORKLOADS

LABELS = {"direct": "direct", "wsinspect-relay": "wsinspect relay", "mitmdump": "mitmdump", "websocat": "websocat"}


def _cell(value: float | None, direct: float | None, error: str | None, unit: str) -> str:
    if value is None:
        return f"n/a ({error})" if error else "–"
    if direct in (None, 0):
        return format_figure(value, unit)
    return f"{format_figure(value, unit)} ({value / direct:.2f}×)"


def relay_section(records: list[dict]) -> list[str]:
    """The section's lines, or none when the run had no relay row."""
    if not any(r["workload"].startswith("relay-") for r in records):
        return []
    lines = ["", "## Relay (issue 27)", "",
             "Our event client (`wsbench`) through an intermediary in front of the same server, each started for one "
             "run: the figure, and in brackets its ratio to the same client straight to the server (1.00× = no "
             "cost). Compression is off on every leg.", "",
             "| workload | " + " | ".join(LABELS[v] for v in VIAS) + " |",
             "|---|" + "---|" * len(VIAS)]
    for workload in (w for w in WORKLOADS if w.key in RELAYED):
        key = f"relay-{workload.key}"
        cells = {via: median_cell(records, key, f"via-{via}", workload.metric) for via in VIAS}
        direct = cells["direct"].value
        row = [_cell(cells[v].value, None if v == "direct" else direct, cells[v].error, workload.unit) for v in VIAS]
        lines.append(f"| {workload.title} ({workload.unit}) | " + " | ".join(row) + " |")
    return lines
