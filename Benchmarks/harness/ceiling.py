"""The physical ceiling: raw TCP throughput between two processes over loopback (iperf3, one stream)."""

import json
import shutil
import socket
import subprocess
import time


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def tcp_ceiling_mb_per_s(seconds: float) -> float | None:
    """MB/s (10^6 bytes) received by an iperf3 client→server stream on 127.0.0.1, or None without iperf3."""
    if not shutil.which("iperf3"):
        return None
    port = free_port()
    # No readiness probe: a bare connect counts as a (failed) test to iperf3. Wait briefly, retry the client.
    server = subprocess.Popen(["iperf3", "-s", "-B", "127.0.0.1", "-p", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(5):
            time.sleep(0.5)
            try:
                out = subprocess.run(["iperf3", "-c", "127.0.0.1", "-p", str(port), "-t", str(seconds), "-J"],
                                     capture_output=True, text=True, timeout=seconds + 20).stdout
                return json.loads(out)["end"]["sum_received"]["bits_per_second"] / 8 / 1e6
            except (subprocess.TimeoutExpired, json.JSONDecodeError, KeyError):
                continue
        return None
    finally:
        server.kill()
        server.wait()
