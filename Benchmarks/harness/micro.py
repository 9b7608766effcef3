"""The micro-benchmarks (wsmicro): GB/s of masking, UTF-8 validation and frame parsing."""

import json
import subprocess
from pathlib import Path


def run_micro(binaries: Path, seconds_per_repetition: float) -> list[dict]:
    out = subprocess.run([str(binaries / "wsmicro"), str(seconds_per_repetition)], capture_output=True, text=True,
                         timeout=300).stdout
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]
