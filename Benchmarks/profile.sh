#!/usr/bin/env bash
# Profiles one of our clients on one workload against the release server and prints the top functions by own
# cost, demangled: with `perf record -e cpu-clock` (a software event, so it works in VMs without hardware
# counters), else valgrind's callgrind on a copy without DWARF (valgrind 3.19 cannot read Swift 6's DWARF 5).
#   Benchmarks/profile.sh flood 'flood?count=100000&size=16&deflate=0' 100000 16
#   Benchmarks/profile.sh sink 'sink?count=50000&deflate=0' 50000 16
#   Benchmarks/profile.sh dump 'flood?count=50000&size=16&deflate=0&close=1'     (wsinspect --dump > /dev/null)
# Needs a release build (Benchmarks/run.sh makes one) and perf or valgrind (apt). Output: Benchmarks/results/profile.*
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
[ $# -ge 2 ] || { sed -n '2,8p' "$0"; exit 2; }
binaries=$(swift build -c release --show-bin-path)
mode=$1 target=$2
mkdir -p Benchmarks/results
out="Benchmarks/results/profile.$mode.$$"
if perf record -q -e cpu-clock -o /dev/null true >/dev/null 2>&1; then
  profiler=(perf record -q -e cpu-clock -F 4999 -o "$out")
elif command -v valgrind >/dev/null; then
  mkdir -p "$out.bin"
  for tool in wsbench wsinspect; do strip --strip-debug -o "$out.bin/$tool" "$binaries/$tool"; done
  binaries="$out.bin"
  profiler=(valgrind --tool=callgrind --callgrind-out-file="$out")
else
  echo "profile.sh: neither perf nor valgrind works here (apt-get install linux-perf valgrind)" >&2
  exit 1
fi

"$binaries/wsinspect" serve --host 127.0.0.1 --port 0 > "$out.server" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do grep -q listening "$out.server" 2>/dev/null && break; sleep 0.1; done
url=$(grep -o 'ws://127.0.0.1:[0-9]*' "$out.server" | head -1)

if [ "$mode" = dump ]; then
  # stdin held open by a sleeping writer: at end of stdin --dump would close the connection itself.
  exec 3< <(sleep 600)
  holder=$!
  "${profiler[@]}" "$binaries/wsinspect" --dump "$url/$target" <&3 > /dev/null || true
  kill "$holder" 2>/dev/null || true
else
  "${profiler[@]}" "$binaries/wsbench" "$mode" "$url/$target" "$3" "$4" --timeout 600
fi
if [ "${profiler[0]}" = perf ]; then
  perf report -i "$out" --stdio --no-children --sort symbol 2>/dev/null | grep -v '^#' | grep -v '^$' \
    | swift demangle --simplified | head -45
else
  callgrind_annotate --inclusive=no "$out" 2>/dev/null | swift demangle --simplified | head -60
fi
