"""The inspector as a client: `wsinspect --dump URL > /dev/null`, and the TUI under tmux counting a flood."""

import os
import re
import subprocess
import tempfile
import time
from pathlib import Path

from measure import cpu_seconds, peak_rss_mb, quit_tmux_session, run_measured


def dump_flood(binaries: Path, url: str, count: int, server_pid: int, timeout: float) -> dict:
    """Floods `count` messages into --dump (stdout to /dev/null). --dump prints no figure of its own, so the rate
    is count ÷ the process's wall time minus that of a 1-message run (start-up, handshake and close)."""
    def once(n: int):
        target = re.sub(r"count=\d+", f"count={n}", url) + "&close=1"
        # stdin stays open (a pipe nobody writes, whose write end we hold until it exits): at end of stdin
        # --dump would close the connection itself.
        read_end, write_end = os.pipe()
        try:
            return run_measured([str(binaries / "wsinspect"), "--dump", target], timeout, server_pid,
                                stdin=read_end, stdout=subprocess.DEVNULL)
        finally:
            os.close(read_end)
            os.close(write_end)
    baseline = once(1)
    run = once(count)
    result = {"client": "wsinspect-dump", "count": count, "peak_rss_mb": run.peak_rss_mb,
              "server_cpu": run.server_cpu, "wall": run.wall}
    if run.timed_out or run.returncode != 0:
        result["error"] = f"exit {run.returncode}{' (timeout)' if run.timed_out else ''}: {run.stderr.strip()[-200:]}"
        return result
    seconds = max(1e-6, run.wall - baseline.wall)
    result["seconds"] = seconds
    result["msgs_per_s"] = count / seconds
    return result


def tui_flood(binaries: Path, url: str, count: int, server_pid: int, timeout: float, probe_keys: bool = False) -> dict:
    """Starts the TUI in a detached tmux session on a flood of `count` messages, polls its status bar until it
    reads `← count fr`, then quits with Ctrl-C (the one
    quit key bound whatever pane has the focus). Time runs from launch; peak RSS from GNU time around the TUI.
    With `probe_keys`, it also types keys mid-flood and after it and records their echo times; the typing and the
    tmux processes that watch for the echoes take CPU from the flood, so a timed run does not probe."""
    session = f"wsbench-tui-{int(time.time() * 1000)}"
    result = {"client": "wsinspect-tui", "count": count}
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        # --compose: the key-echo probe types into the compose box (the log has the focus by default).
        command = f"/usr/bin/time -v -o {report.name} {binaries / 'wsinspect'} --compose '{url}'"
        server_before = cpu_seconds(server_pid)
        started = time.monotonic()
        subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "200", "-y", "50", command], check=True)
        pattern = re.compile(r"← (\d+) fr")
        seen = 0
        busy: list[float | None] = []
        try:
            while time.monotonic() - started < timeout:
                screen = subprocess.run(["tmux", "capture-pane", "-p", "-t", session], capture_output=True,
                                        text=True).stdout
                match = pattern.search(screen)
                if match:
                    seen = int(match.group(1))
                    if seen >= count:
                        if probe_keys:
                            # The same key echo with the flood over: tmux's own round trip plus an idle inspector's
                            # answer, the floor the mid-flood figure is read against.
                            typed = "Z" * len(busy)
                            idle = [key_echo_latency(session, "X", typed + "X" * (i + 1)) for i in range(KEY_SAMPLES)]
                            record_key_samples(result, "key_latency_idle_ms", idle)
                        break
                    # Key echoes through tmux vary by a factor of two from one to the next on this 2-core machine
                    # under a flood, so one echo per run decided the verdict by chance: a few are taken, in the
                    # middle three fifths of the flood, and their median reported.
                    if probe_keys and count // 5 <= seen < count * 4 // 5 and len(busy) < KEY_SAMPLES:
                        busy.append(key_echo_latency(session, "Z", "Z" * (len(busy) + 1)))
                time.sleep(0.02)
            if probe_keys:
                record_key_samples(result, "key_latency_ms", busy)
            elapsed = time.monotonic() - started
            try:
                result["server_cpu"] = (cpu_seconds(server_pid) - server_before) / elapsed
            except OSError:  # the server died meanwhile
                pass
            if seen >= count:
                result["seconds"] = elapsed
                result["msgs_per_s"] = count / elapsed
            else:
                result["error"] = f"timeout: status bar at {seen} of {count}"
            quit_tmux_session(session, "C-c", 100)
        finally:
            subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
        time.sleep(0.1)
        rss = peak_rss_mb(report.read())
        if rss is not None:
            result["peak_rss_mb"] = rss
    return result


# Key echoes measured mid-flood, and again idle, in each TUI run.
KEY_SAMPLES = 5


def record_key_samples(result: dict, name: str, samples: list[float | None]) -> None:
    """Stores the samples under `name`_samples and their median under `name`; an echo that never showed within
    its two seconds counts as two seconds, so a lost key cannot improve the median."""
    if not samples:
        return
    values = sorted(2000.0 if v is None else v for v in samples)
    result[name + "_samples"] = [round(v, 2) for v in values]
    result[name] = values[len(values) // 2]


def key_echo_latency(session: str, key: str, shown: str) -> float | None:
    """Types `key` into the compose box (focused at start by --compose) and returns the milliseconds until the
    compose line reads `shown`. tmux's own round trip (a send-keys and capture-pane process each) is included, so
    this is an upper bound; the idle figure measures that floor."""
    sent = time.monotonic()
    subprocess.run(["tmux", "send-keys", "-t", session, "-l", key], capture_output=True)
    while time.monotonic() - sent < 2:
        screen = subprocess.run(["tmux", "capture-pane", "-p", "-t", session], capture_output=True,
                                text=True).stdout.splitlines()
        if screen and shown in screen[-1]:
            return (time.monotonic() - sent) * 1000
    return None
