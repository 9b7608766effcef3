"""The issue's targets (issue 6), checked against one run's medians. Each says which way is better."""

from dataclasses import dataclass


@dataclass
class Verdict:
    target: str
    measured: str
    met: bool | None  # None when a figure is missing

    @property
    def label(self) -> str:
        return "n/a" if self.met is None else ("met" if self.met else "**missed**")


def at_least(name: str, ratio: float | None, goal: float, what: str = "× best peer") -> Verdict:
    if ratio is None:
        return Verdict(f"{name} ≥ {goal:g}{what}", "n/a", None)
    return Verdict(f"{name} ≥ {goal:g}{what}", f"{ratio:.2f}{what}", ratio >= goal)


def at_most(name: str, ratio: float | None, goal: float, what: str = "× best peer") -> Verdict:
    if ratio is None:
        return Verdict(f"{name} ≤ {goal:g}{what}", "n/a", None)
    return Verdict(f"{name} ≤ {goal:g}{what}", f"{ratio:.2f}{what}", ratio <= goal)
