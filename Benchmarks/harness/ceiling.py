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
    server = subprocess.Popen(["iperf3", "-s", "-1", "-B", "127.0.0.1", "-p", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(50):  # wait for it to listen, at most 5 s
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                break
            except OSError:
                time.sleep(0.1)
        # The probe connection above consumed iperf3's one-off (-1) session on some versions; restart if so.
        if server.poll() is not None:
            server = subprocess.Popen(["iperf3", "-s", "-1", "-B", "127.0.0.1", "-p", str(port)],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(0.3)
        out = subprocess.run(["iperf3", "-c", "127.0.0.1", "-p", str(port), "-t", str(seconds), "-J"],
                             capture_output=True, text=True, timeout=seconds + 20).stdout
        report = json.loads(out)
        return report["end"]["sum_received"]["bits_per_second"] / 8 / 1e6
    except (subprocess.TimeoutExpired, json.JSONDecodeError, KeyError):
        return None
    finally:
        server.kill()
        server.wait()
