#!/usr/bin/env bash
# Benchmarks side by side with undici, Node ws and Python websockets (issue 6). One command, one table:
#   Benchmarks/run.sh                 full run: ROUNDS rounds (default 3) at scale 1, writes BENCHMARKS.md
#   Benchmarks/run.sh --quick         the same at a tenth of the message counts, for a busy or slow machine
# Options: --rounds N, --scale X, --only flood16,rtt,tui,tui-search,micro,ceiling,…, --output FILE, --no-install,
# --no-build, --report-only Benchmarks/results/run-….jsonl (rebuild the tables from a raw file; runs nothing).
# Environment: ROUNDS, SCALE.
# Installs what it needs (apt: nodejs, node-ws, time, iperf3, tmux; the project venv via Scripts/bootstrap.sh),
# builds the release binaries, then runs Benchmarks/harness/run.py. Loopback only; every run has a timeout.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
rounds="${ROUNDS:-3}"
scale="${SCALE:-1}"
only=""
output="$root/BENCHMARKS.md"
install=1
build=1
report_only=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) scale=0.1 ;;
    --rounds) rounds="$2"; shift ;;
    --scale) scale="$2"; shift ;;
    --only) only="$2"; shift ;;
    --output) output="$2"; shift ;;
    --no-install) install=0 ;;
    --no-build) build=0 ;;
    --report-only) report_only=(--report-only "$2"); install=0; build=0; shift ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

if [ "$install" = 1 ]; then
  need=()
  command -v node >/dev/null 2>&1 || need+=(nodejs)
  [ -f /usr/share/nodejs/ws/package.json ] || need+=(node-ws)
  [ -x /usr/bin/time ] || need+=(time)
  command -v iperf3 >/dev/null 2>&1 || need+=(iperf3)
  command -v tmux >/dev/null 2>&1 || need+=(tmux)
  if [ ${#need[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "run.sh: installing ${need[*]} with apt-get" >&2
      apt-get update -qq >/dev/null
      # iperf3's package asks whether to start a daemon; the answer is no.
      echo "iperf3 iperf3/start_daemon boolean false" | debconf-set-selections 2>/dev/null || true
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
    else
      echo "run.sh: missing ${need[*]}; install them with: sudo apt-get install ${need[*]}" >&2
      exit 1
    fi
  fi
  # The project venv (.venv) with Python websockets, made the same way the tests make it.
  "$root/Scripts/bootstrap.sh" >&2
fi
venv="${WSINSPECT_VENV:-$root/.venv}"
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || { echo "run.sh: undici's WebSocket needs Node 20 or later (found $(node --version))" >&2; exit 1; }

cd "$root"
# The Swift runtime is linked statically, the way a Swift command-line tool is shipped on Linux: calls into it are
# direct rather than through the PLT, and its thread-local lookups (exclusivity checks, every retain's slow path)
# skip __tls_get_addr. rtt p50 fell 46 → 43 µs with client and server so built (PROFILE.md).
# Thin LTO lets the optimizer inline across modules, NIO's small accessors into our handler's paths above all:
# 6% fewer instructions per round trip, rtt p50 −1.2 µs, flood 16 B +5% (PROFILE.md). It is SwiftPM's
# experimental flag, and the first build takes about twice as long.
release=(-c release --static-swift-stdlib --experimental-lto-mode=thin)
if [ "$build" = 1 ]; then
  for product in wsinspect wsbench wsmicro; do
    swift build "${release[@]}" --product "$product" >&2
  done
fi
binaries=$(swift build "${release[@]}" --show-bin-path)

exec "$venv/bin/python" "$root/Benchmarks/harness/run.py" --root "$root" --binaries "$binaries" \
  --python "$venv/bin/python" --build "swift build ${release[*]}" --rounds "$rounds" --scale "$scale" --only "$only" --output "$output" \
  "${report_only[@]}"
