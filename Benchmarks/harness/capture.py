"""Opening a large capture (issue 22): a 200 MB HAR with 1 M WebSocket messages, made here, opened by the TUI under
tmux until its status bar shows every message, and by `open --dump` into /dev/null; wall time and peak RSS each."""

import base64
import json
import random
import re
import subprocess
import tempfile
import time
from pathlib import Path

from measure import peak_rss_mb, quit_tmux_session, run_measured

# At scale 1: a million messages in about 200 MB (ten connections; nine text messages in ten, one binary).
MESSAGES = 1_000_000
TARGET_BYTES = 200_000_000


def make_har(path: Path, messages: int, target_bytes: int) -> None:
    """Writes a HAR in Chrome's shape: JSON text messages with escaped quotes, and base64 binary ones."""
    rnd = random.Random(22)
    connections = 10
    per = max(1, messages // connections)
    size = max(8, target_bytes // max(1, messages) - 60)
    binary = base64.b64encode(bytes(rnd.getrandbits(8) for _ in range(size * 3 // 4))).decode()
    with path.open("w", encoding="utf-8") as f:
        f.write('{"log":{"version":"1.2","creator":{"name":"bench","version":"1"},"pages":[],"entries":[')
        for c in range(connections):
            f.write("," if c else "")
            f.write('{"startedDateTime":"2026-12-04T10:%02d:00.000Z","time":1.0,"_resourceType":"websocket",' % c)
            f.write('"request":{"method":"GET","url":"ws://127.0.0.1:8765/echo","httpVersion":"HTTP/1.1",'
                    '"headers":[{"name":"Host","value":"127.0.0.1:8765"}]},')
            f.write('"response":{"status":101,"statusText":"Switching Protocols","httpVersion":"HTTP/1.1","headers":[]},')
            f.write('"_webSocketMessages":[')
            start = 1796378400.0 + c * 1000
            for i in range(per):
                kind = "send" if i % 2 == 0 else "receive"
                if i % 10 == 9:
                    op, data = 2, binary
                else:
                    op, data = 1, ('{"seq":%d,"note":"q\\"%s"}' % (i, "x" * size))[:size]
                f.write("%s{\"type\":\"%s\",\"time\":%.6f,\"opcode\":%d,\"data\":%s}"
                        % ("," if i else "", kind, start + i * 0.0005, op, json.dumps(data)))
            f.write("]}")
        f.write("]}}\n")


def open_har(binaries: Path, scale: float, timeout: float) -> dict:
    """Makes the file, then times the TUI until `· N messages` is on its status bar (launch included, then `q`),
    and `open --dump > /dev/null` (read, then every line formatted)."""
    messages = max(1000, int(MESSAGES * scale))
    result = {"client": "wsinspect-open", "workload": "open-har", "count": messages}
    with tempfile.TemporaryDirectory(prefix="wsbench-har-") as folder:
        har = Path(folder) / "big.har"
        make_har(har, messages, int(TARGET_BYTES * scale))
        result["file_mb"] = har.stat().st_size / 1e6
        shown = f"{messages:,}".replace(",", " ") + " messages"
        session = f"wsbench-open-{int(time.time() * 1000)}"
        report = Path(folder) / "time.txt"
        command = f"/usr/bin/time -v -o {report} {binaries / 'wsinspect'} open {har}"
        started = time.monotonic()
        subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "200", "-y", "50", command], check=True)
        try:
            while time.monotonic() - started < timeout:
                screen = subprocess.run(["tmux", "capture-pane", "-p", "-t", session], capture_output=True,
                                        text=True).stdout
                if "CAPTURE" in screen and shown in screen and re.search(r"[←→] (TEXT|BINARY)", screen):
                    result["seconds"] = time.monotonic() - started
                    break
                time.sleep(0.02)
            else:
                result["error"] = "timeout: the capture never showed"
            quit_tmux_session(session, "q", 200)
        finally:
            subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
        time.sleep(0.1)
        rss = peak_rss_mb(report.read_text()) if report.exists() else None
        if rss is not None:
            result["peak_rss_mb"] = rss
        dump = run_measured([str(binaries / "wsinspect"), "open", str(har), "--dump"], timeout, None,
                            stdout=subprocess.DEVNULL)
        if dump.returncode == 0 and not dump.timed_out:
            result["dump_seconds"] = dump.wall
            result["dump_peak_rss_mb"] = dump.peak_rss_mb
    return result
