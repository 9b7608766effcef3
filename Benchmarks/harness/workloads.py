"""The workloads: what each run asks of the server and the client, at full scale, and how a figure is read.

Every client gets the same URL, count and size; only `scale` (quick runs) changes the counts, for all alike."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Workload:
    key: str  # row name in the tables
    title: str  # human label
    mode: str  # the client's WORKLOAD argument: flood, rtt, sink, bulk
    count: int  # messages at scale 1
    size: int  # payload bytes
    path: str  # request target, with {count} and {size} filled in
    metric: str  # the result-line field the table shows
    unit: str
    higher_is_better: bool = True
    deflate: bool = False  # permessage-deflate must be negotiated
    ours_only: bool = False  # a figure only our event client is asked for (the RSS check)
    any_server: bool = True  # also run against the servers that are not ours (the plain workloads)

    def scaled_count(self, scale: float) -> int:
        return max(1, int(self.count * scale))

    def url(self, base: str, scale: float) -> str:
        return base + self.path.format(count=self.scaled_count(scale), size=self.size)


# `deflate=0` switches permessage-deflate off on the server for the plain workloads (it is on by default for /echo
# and /flood there), so every client runs uncompressed whatever it offers; the deflate rows leave it on.
WORKLOADS = [
    Workload("flood16", "flood 16 B", "flood", 1_000_000, 16,
             "/flood?count={count}&size={size}&type=text&deflate=0", "msgs_per_s", "msg/s"),
    Workload("flood4k", "flood 4 KiB", "flood", 200_000, 4096,
             "/flood?count={count}&size={size}&type=text&deflate=0", "msgs_per_s", "msg/s"),
    Workload("rtt", "rtt 16 B p50", "rtt", 20_000, 16, "/echo?deflate=0", "p50_us", "µs", higher_is_better=False),
    Workload("sink", "sink 16 B", "sink", 500_000, 16, "/sink?count={count}&deflate=0", "msgs_per_s", "msg/s"),
    Workload("bulk", "bulk 1 MiB echo", "bulk", 1_000, 1 << 20, "/echo?deflate=0", "mb_per_s", "MB/s"),
    Workload("deflate-flood", "deflate flood 4 KiB", "flood", 50_000, 4096,
             "/flood?count={count}&size={size}&type=text", "msgs_per_s", "msg/s", deflate=True, any_server=False),
    Workload("deflate-bulk", "deflate bulk 1 MiB echo", "bulk", 200, 1 << 20, "/echo", "mb_per_s", "MB/s",
             deflate=True, any_server=False),
    Workload("flood16-4M", "flood 16 B × 4 M (peak RSS)", "flood", 4_000_000, 16,
             "/flood?count={count}&size={size}&type=text&deflate=0", "msgs_per_s", "msg/s", ours_only=True, any_server=False),
]

# One echo per client, server and round: what starting, connecting and exiting cost in CPU, subtracted from every
# run's CPU time (cpu.py). Not a row of the tables.
STARTUP = Workload("startup", "start-up (one echo)", "rtt", 1, 16, "/echo?deflate=0", "p50_us", "µs",
                   higher_is_better=False)

# The rtt row also reports p99 from the same runs.
RTT_P99 = "p99_us"
