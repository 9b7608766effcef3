"""The report's pictures, as SVG files next to the report: the many-connections curves (log-log, one line per
client) and CPU per message per workload (bars). Drawn with matplotlib from the venv; without it, none."""

from pathlib import Path

from cpu import cpu_per_unit, unit_name
from report_cpu import OURS
from report_scale import scale_median
from scale import SCALE_CLIENTS
from workloads import WORKLOADS

CPU_CLIENTS = (OURS, "wsinspect-event-default-build", "undici", "ws", "websockets")
SCALE_PANELS = [("rss_per_conn_kib", "RSS per idle connection (KiB)"), ("conns_per_s", "setup (connections/s)"),
                ("fanin_cpu_us_per_msg", "fan-in CPU per message (µs)")]


def _pyplot():
    try:
        import matplotlib
        matplotlib.use("svg")
        import matplotlib.pyplot as pyplot
        return pyplot
    except ImportError:
        return None


def draw(records: list[dict], directory: Path, stem: str) -> list[tuple[str, str]]:
    """Writes the SVGs into `directory`; returns (caption, file name) for each one drawn."""
    pyplot = _pyplot()
    if pyplot is None:
        return []
    drawn = []
    scale = [r for r in records if r.get("workload") == "scale"]
    if scale:
        ns = sorted({r["n"] for r in scale})
        figure, axes = pyplot.subplots(1, len(SCALE_PANELS), figsize=(15, 4.5))
        for axis, (key, title) in zip(axes, SCALE_PANELS):
            for client in SCALE_CLIENTS:
                points = [(n, scale_median(scale, client, n, key)) for n in ns]
                points = [(n, v) for n, v in points if v is not None and v > 0]
                if points:
                    axis.plot(*zip(*points), marker="o", label=client)
            axis.set_xscale("log")
            axis.set_yscale("log")
            axis.set_xlabel("connections (N)")
            axis.set_title(title)
            axis.grid(True, which="both", alpha=0.3)
        axes[0].legend(fontsize="small")
        figure.tight_layout()
        name = f"{stem}-scale.svg"
        figure.savefig(directory / name)
        pyplot.close(figure)
        drawn.append(("Many connections against N (log-log; lower is better for RSS and CPU)", name))
    workloads = [w for w in WORKLOADS if not w.ours_only
                 and any(cpu_per_unit(records, w.key, c) is not None for c in CPU_CLIENTS)]
    if workloads:
        figure, axis = pyplot.subplots(figsize=(12, 4.5))
        width = 0.8 / len(CPU_CLIENTS)
        for index, client in enumerate(CPU_CLIENTS):
            values = [cpu_per_unit(records, w.key, client) or 0 for w in workloads]
            if any(values):
                axis.bar([i + index * width for i in range(len(workloads))], values, width, label=client)
        axis.set_xticks([i + 0.4 - width / 2 for i in range(len(workloads))],
                        [f"{w.title.replace(' p50', '')}\n({unit_name(w.key)})" for w in workloads], fontsize="small")
        axis.set_yscale("log")
        axis.set_ylabel("client CPU, µs (log)")
        axis.legend(fontsize="small")
        axis.grid(True, axis="y", which="both", alpha=0.3)
        figure.tight_layout()
        name = f"{stem}-cpu.svg"
        figure.savefig(directory / name)
        pyplot.close(figure)
        drawn.append(("Client CPU per message, round trip or MiB, by workload (log scale; lower is better)", name))
    return drawn
