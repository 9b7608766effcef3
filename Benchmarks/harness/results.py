"""Reducing the raw runs to medians, and ratios of ours to the best peer."""

import statistics
from dataclasses import dataclass

from clients import PEERS


@dataclass
class Cell:
    value: float | None  # the median, None when no run succeeded
    runs: int  # successful runs
    error: str | None  # the first error seen, when no run succeeded


def median_cell(records: list[dict], workload: str, client: str, metric: str) -> Cell:
    chosen = [r for r in records if r["workload"] == workload and r["client"] == client]
    values = [r[metric] for r in chosen if "error" not in r and r.get(metric) is not None]
    if values:
        return Cell(statistics.median(values), len(values), None)
    errors = [r.get("error", "no figure") for r in chosen]
    return Cell(None, 0, errors[0] if errors else None)


def best_peer(cells: dict[str, Cell], higher_is_better: bool) -> tuple[str, float] | None:
    figures = [(name, cells[name].value) for name in PEERS if name in cells and cells[name].value is not None]
    if not figures:
        return None
    pick = max if higher_is_better else min
    return pick(figures, key=lambda item: item[1])


def format_figure(value: float | None, unit: str) -> str:
    if value is None:
        return "n/a"
    if unit == "msg/s":
        return f"{value / 1e6:.2f} M" if value >= 1e6 else f"{value / 1e3:.0f} k"
    if unit == "µs":
        return f"{value:.1f}"
    if unit == "MB/s":
        return f"{value:.0f}"
    if unit == "MB":
        return f"{value:.1f}"
    return f"{value:.3g}"
