#!/usr/bin/env bash
# Profiles one of our clients on one workload with valgrind's callgrind (perf's hardware counters are often missing
# in VMs), against the release server, and prints the top functions by own cost, demangled.
#   Benchmarks/profile.sh flood 'flood?count=100000&size=16&deflate=0' 100000 16
#   Benchmarks/profile.sh sink 'sink?count=50000&deflate=0' 50000 16
#   Benchmarks/profile.sh dump 'flood?count=50000&size=16&deflate=0&close=1'     (wsinspect --dump > /dev/null)
# Needs a release build (Benchmarks/run.sh makes one) and valgrind (apt). Output: Benchmarks/results/callgrind.*
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
[ $# -ge 2 ] || { sed -n '2,8p' "$0"; exit 2; }
command -v valgrind >/dev/null || { echo "profile.sh: valgrind missing (apt-get install valgrind)" >&2; exit 1; }
binaries=$(swift build -c release --show-bin-path)
mode=$1 target=$2
mkdir -p Benchmarks/results
out="Benchmarks/results/callgrind.$mode.$$"

"$binaries/wsinspect" serve --host 127.0.0.1 --port 0 > "$out.server" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do grep -q listening "$out.server" 2>/dev/null && break; sleep 0.1; done
url=$(grep -o 'ws://127.0.0.1:[0-9]*' "$out.server" | head -1)

if [ "$mode" = dump ]; then
  # stdin held open by a sleeping writer: at end of stdin --dump would close the connection itself.
  exec 3< <(sleep 600)
  holder=$!
  valgrind --tool=callgrind --callgrind-out-file="$out" "$binaries/wsinspect" --dump "$url/$target" <&3 > /dev/null || true
  kill "$holder" 2>/dev/null || true
else
  valgrind --tool=callgrind --callgrind-out-file="$out" "$binaries/wsbench" "$mode" "$url/$target" "$3" "$4" --timeout 600
fi
callgrind_annotate --inclusive=no "$out" 2>/dev/null | swift demangle --simplified | head -60
