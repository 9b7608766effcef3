"""What the numbers were measured on: CPU, cores, kernel, and every tool's version."""

import json
import os
import platform
import subprocess


def _first_line(argv: list[str]) -> str:
    try:
        out = subprocess.run(argv, capture_output=True, text=True, timeout=30)
        return (out.stdout or out.stderr).strip().splitlines()[0]
    except (OSError, IndexError, subprocess.TimeoutExpired):
        return "unknown"


def describe(python: str) -> dict[str, str]:
    cpu = "unknown"
    with open("/proc/cpuinfo") as info:
        for line in info:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    try:
        with open("/usr/share/nodejs/ws/package.json") as package:
            ws_version = json.load(package)["version"]
    except OSError:
        ws_version = "missing"
    return {
        "CPU": cpu,
        "cores": str(os.cpu_count()),
        "kernel": platform.release(),
        "swift": _first_line(["swift", "--version"]),
        "node": _first_line(["node", "--version"]),
        "undici": _first_line(["node", "-p", "process.versions.undici"]),
        "ws": ws_version,
        "python": _first_line([python, "--version"]),
        "websockets": _first_line([python, "-c", "import websockets; print(websockets.__version__)"]),
        "iperf3": _first_line(["iperf3", "--version"]),
    }
