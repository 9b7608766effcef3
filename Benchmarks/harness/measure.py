"""Running one command bounded in time, with its peak RSS and CPU time (GNU time -v) and the server's CPU use
meanwhile."""

import os
import subprocess
import tempfile
import time
from dataclasses import dataclass

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """utime + stime of every thread of `pid`, from /proc/PID/stat."""
    with open(f"/proc/{pid}/stat") as stat:
        # The command name may contain spaces; the fields after its closing parenthesis are fixed.
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


@dataclass
class Completed:
    stdout: str
    stderr: str
    returncode: int
    wall: float  # seconds, the process's whole life
    peak_rss_mb: float | None
    cpu_seconds: float | None  # the command's own CPU time, user + system, all threads (GNU time -v)
    server_cpu: float | None  # server CPU seconds ÷ wall, 1.0 = one core busy
    timed_out: bool


def run_measured(argv: list[str], timeout: float, server_pid: int | None, stdin=subprocess.DEVNULL,
                 stdout=subprocess.PIPE) -> Completed:
    """Runs `argv` under /usr/bin/time -v; kills it after `timeout` seconds."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        command = ["/usr/bin/time", "-v", "-o", report.name, *argv]
        before = cpu_seconds(server_pid) if server_pid else None
        started = time.monotonic()
        process = subprocess.Popen(command, stdin=stdin, stdout=stdout, stderr=subprocess.PIPE, text=True)
        timed_out = False
        try:
            out, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            process.kill()
            out, err = process.communicate()
        wall = time.monotonic() - started
        try:
            share = (cpu_seconds(server_pid) - before) / wall if server_pid else None
        except OSError:  # the server died during the run; the runner restarts it and says so
            share = None
        rss, cpu = None, None
        for line in report.read().splitlines():
            if "Maximum resident set size" in line:
                rss = int(line.rsplit(":", 1)[1]) / 1024
            elif "User time (seconds)" in line or "System time (seconds)" in line:
                cpu = (cpu or 0.0) + float(line.rsplit(":", 1)[1])
        return Completed(out or "", err or "", process.returncode, wall, rss, cpu, share, timed_out)
