"""The one server every client talks to: `wsinspect serve` in release, on 127.0.0.1 and a free port."""

import re
import subprocess
from pathlib import Path


class BenchServer:
    def __init__(self, binaries: Path):
        self.process = subprocess.Popen(
            [str(binaries / "wsinspect"), "serve", "--host", "127.0.0.1", "--port", "0"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        line = self.process.stdout.readline()
        match = re.search(r"ws://127\.0\.0\.1:(\d+)", line)
        if not match:
            self.process.kill()
            raise RuntimeError(f"the server did not start: {line.strip()!r}")
        self.url = f"ws://127.0.0.1:{match.group(1)}"
        self.pid = self.process.pid

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
