"""The report's section on builds and servers: our event API as shipped (static stdlib, thin LTO) and as a library
user's plain `swift build -c release` builds it, against `wsinspect serve` and against a server that is not ours
(gorilla/websocket), with the peers beside them and issue 28's bulk targets for every pairing."""

from clients import DEFAULT_BUILD, PEERS
from cpu import cheapest_peer, cpu_per_unit, format_cpu
from results import best_peer, format_figure, median_cell
from targets import Verdict, at_least, at_most
from workloads import WORKLOADS

OURS = ("wsinspect-event", DEFAULT_BUILD)
LABEL = {"wsinspect-event": "CLI build", DEFAULT_BUILD: "default build"}


def _on(records: list[dict], server: str) -> list[dict]:
    return [r for r in records if r.get("server", "wsinspect") == server]


def servers_section(records: list[dict]) -> tuple[list[str], list[Verdict]]:
    servers = sorted({r.get("server", "wsinspect") for r in records}, key=lambda s: (s != "wsinspect", s))
    has_default = any(r["client"] == DEFAULT_BUILD for r in records)
    if len(servers) < 2 and not has_default:
        return [], []
    ours = [c for c in OURS if c != DEFAULT_BUILD or has_default]
    columns = [*ours, *PEERS]
    lines = ["", "## Builds and servers", "",
             "`wsinspect-event` is wsbench as the CLI ships (`--static-swift-stdlib`, thin LTO); "
             f"`{DEFAULT_BUILD}` is the same code from a plain `swift build -c release`, as an application that "
             "depends on the library builds it. `gorilla` is the Go gorilla/websocket server of "
             "Benchmarks/servers/gorilla (Debian's package), which writes its floods pre-encoded in 64 KiB batches "
             "and echoes whole messages. CPU is µs per message, per round trip or per MiB (see CPU per message).", "",
             "| workload | server | " + " | ".join(columns) + " | " + " | ".join(f"{LABEL[c]} ÷ best peer" for c in ours)
             + " | " + " | ".join(f"CPU {LABEL[c]} ÷ cheapest" for c in ours) + " |",
             "|---" * (2 + len(columns) + 2 * len(ours)) + "|"]
    verdicts: list[Verdict] = []
    for workload in WORKLOADS:
        if not workload.any_server:
            continue
        for server in servers:
            chosen = _on(records, server)
            cells = {c: median_cell(chosen, workload.key, c, workload.metric) for c in columns}
            if all(cell.value is None for cell in cells.values()):
                continue
            best = best_peer(cells, workload.higher_is_better)
            cheapest = cheapest_peer(chosen, workload.key, server)
            ratios, cpu_ratios = [], []
            for client in ours:
                value = cells[client].value
                ratio = value / best[1] if (value and best) else None
                cpu = cpu_per_unit(chosen, workload.key, client, server)
                cpu_ratio = cpu / cheapest[1] if (cpu is not None and cheapest) else None
                ratios.append("n/a" if ratio is None else f"{ratio:.2f}×")
                cpu_ratios.append("n/a" if cpu_ratio is None else f"{cpu_ratio:.2f}×")
                if workload.key == "bulk":
                    verdicts.append(at_least(f"bulk, {LABEL[client]}, {server} server", ratio, 1.3))
                    verdicts.append(at_most(f"bulk CPU per MiB, {LABEL[client]}, {server} server", cpu_ratio, 1.0,
                                            "× cheapest peer"))
            figures = [f"{format_figure(cells[c].value, workload.unit)} / "
                       f"{format_cpu(cpu_per_unit(chosen, workload.key, c, server))}" for c in columns]
            lines.append("| " + " | ".join([workload.title, server, *figures, *ratios, *cpu_ratios]) + " |")
    lines += ["", "Each cell: the figure (unit as in Medians) / CPU per message. Best peer and cheapest peer are "
              "chosen per server."]
    return lines, verdicts
