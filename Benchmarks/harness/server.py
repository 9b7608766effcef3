"""A server every client talks to, on 127.0.0.1 and a free port: `wsinspect serve` in release, or another
(the gorilla/websocket server of Benchmarks/servers/gorilla) that prints the same `ws://127.0.0.1:PORT` line."""

import collections
import re
import subprocess
import threading
from pathlib import Path


class BenchServer:
    def __init__(self, binaries: Path, command: list[str] | None = None, name: str = "wsinspect"):
        self.command = command or [str(binaries / "wsinspect"), "serve", "--host", "127.0.0.1", "--port", "0"]
        self.name = name  # the `server` field of every record run against it
        self.deaths: list[str] = []  # how each earlier server process ended, for the report
        self._start()

    def _start(self) -> None:
        self.process = subprocess.Popen(
            self.command,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        line = self.process.stdout.readline()
        match = re.search(r"ws://127\.0\.0\.1:(\d+)", line)
        if not match:
            self.process.kill()
            raise RuntimeError(f"the server did not start: {line.strip()!r}")
        self.url = f"ws://127.0.0.1:{match.group(1)}"
        self.pid = self.process.pid
        # Keep reading its output so a chatty server never blocks on a full pipe; the tail explains a death.
        self.last_lines: collections.deque[str] = collections.deque(maxlen=5)
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self) -> None:
        for line in self.process.stdout:
            self.last_lines.append(line.rstrip())

    def ensure_running(self) -> str | None:
        """Restarts the server if it has exited; returns what happened to it, or None while it runs."""
        status = self.process.poll()
        if status is None:
            return None
        cause = f"server pid {self.pid} exited with status {status}"
        if self.last_lines:
            cause += ": " + " | ".join(self.last_lines)
        self.deaths.append(cause)
        self._start()
        return cause

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
