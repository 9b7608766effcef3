"""The inspector's search under load: the TUI in tmux keeps 100 000 records of 4 KiB, then `/` searches them all
for a pattern found nowhere, while keys are typed into the compose box and their echoes timed."""

import subprocess
import time
from pathlib import Path

from inspector import KEY_SAMPLES, key_echo_latency, record_key_samples

# What the search looks for: in no flood payload, so every kept record is read to its end.
PATTERN = "no-such-payload-q7"


def tui_search(binaries: Path, base_url: str, count: int, size: int, timeout: float) -> dict:
    """Fills the log with `count` flood messages of `size` bytes (the log memory and capacity raised so all are kept), starts a
    search over them, moves to the compose box (Tab) and types a key at a time while the log title says
    `searching`; the search time runs from its Enter to `pattern not found` on screen. Key echoes are timed as in
    the TUI flood (tmux's round trip included), then again once the search is over, for the floor."""
    session = f"wsbench-search-{int(time.time() * 1000)}"
    url = f"{base_url}/flood?count={count}&size={size}&type=text&deflate=0"
    result = {"client": "wsinspect-tui", "count": count, "size": size}
    memory = max(256, (count * size * 2) >> 20)
    # Room for the handshake and notes beside the flood: at the default capacity (100 000) the first would drop.
    capacity = count + 1000
    command = f"{binaries / 'wsinspect'} --log-memory {memory}M --log-capacity {capacity} '{url}'"

    def screen() -> str:
        return subprocess.run(["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True).stdout

    def wait_for(text: str, limit: float) -> float | None:
        start = time.monotonic()
        while time.monotonic() - start < limit:
            if text in screen():
                return time.monotonic()
            time.sleep(0.01)
        return None

    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "200", "-y", "50", command], check=True)
    try:
        if wait_for(f"← {count} fr", timeout) is None:
            result["error"] = f"timeout: the flood of {count} never showed in full"
            return result
        if "dropped" in screen().splitlines()[0]:
            result["error"] = "the log dropped records: the search would not cover them all"
            return result
        subprocess.run(["tmux", "send-keys", "-t", session, "/"], check=True)
        subprocess.run(["tmux", "send-keys", "-t", session, "-l", PATTERN], check=True)
        started = time.monotonic()
        subprocess.run(["tmux", "send-keys", "-t", session, "Enter", "Tab"], check=True)
        busy: list[float | None] = []
        # The keys go to the UI loop one after another: wait until the search has shown itself, unless it is
        # already over.
        start = time.monotonic()
        while time.monotonic() - start < 2 and not any(t in screen() for t in ("searching /", "pattern not found")):
            time.sleep(0.005)
        while len(busy) < KEY_SAMPLES and "searching /" in screen():
            busy.append(key_echo_latency(session, "Z", "Z" * (len(busy) + 1)))
        ended = wait_for("pattern not found", timeout)
        if ended is None:
            result["error"] = "timeout: the search never ended"
            return result
        result["seconds"] = ended - started
        result["mb_per_s"] = count * size / 1e6 / result["seconds"]
        if len(busy) < KEY_SAMPLES:
            result["note"] = f"the search ended after {len(busy)} key echoes"
        record_key_samples(result, "key_latency_ms", busy)
        typed = "Z" * len(busy)
        idle = [key_echo_latency(session, "X", typed + "X" * (i + 1)) for i in range(KEY_SAMPLES)]
        record_key_samples(result, "key_latency_idle_ms", idle)
        return result
    finally:
        subprocess.run(["tmux", "send-keys", "-t", session, "C-c"], capture_output=True)
        time.sleep(0.2)
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
