"""Running one command bounded in time, with its peak RSS (GNU time -v), its CPU time and the server's CPU use
meanwhile."""

import os
import resource
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
    cpu_seconds: float | None  # the command's CPU time, user + system, all threads (see run_measured)
    server_cpu: float | None  # server CPU seconds ÷ wall, 1.0 = one core busy
    timed_out: bool


def run_measured(argv: list[str], timeout: float, server_pid: int | None, stdin=subprocess.DEVNULL,
                 stdout=subprocess.PIPE) -> Completed:
    """Runs `argv` under /usr/bin/time -v; kills it after `timeout` seconds."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        command = ["/usr/bin/time", "-v", "-o", report.name, *argv]
        before = cpu_seconds(server_pid) if server_pid else None
        # The children's usage as the kernel accounts it (microseconds, where GNU time prints 10 ms): runs are one
        # at a time, so the difference is this command's, GNU time's own few hundred microseconds included.
        children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
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
        children_after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (children_after.ru_utime + children_after.ru_stime
               - children_before.ru_utime - children_before.ru_stime)
        rss = peak_rss_mb(report.read())
        return Completed(out or "", err or "", process.returncode, wall, rss, cpu, share, timed_out)


def peak_rss_mb(report: str) -> float | None:
    """The peak RSS in MB from a GNU `time -v` report, or None when it holds none."""
    for line in report.splitlines():
        if "Maximum resident set size" in line:
            return int(line.rsplit(":", 1)[1]) / 1024
    return None


def quit_tmux_session(session: str, key: str, tries: int) -> None:
    """Types `key` (the program's quit key) into `session` and waits up to `tries` × 50 ms for the session to end,
    so the program exits by itself and GNU time around it writes its report."""
    subprocess.run(["tmux", "send-keys", "-t", session, key], capture_output=True)
    for _ in range(tries):
        if subprocess.run(["tmux", "has-session", "-t", session], capture_output=True).returncode != 0:
            return
        time.sleep(0.05)
