#!/usr/bin/env bash
# Runs the whole Autobahn TestSuite client suite against the `WebSocket` client and fails unless every case in
# sections 1-10 is OK (INFORMATIONAL allowed) and every case in sections 12-13 (permessage-deflate) is OK.
#   Conformance/autobahn.sh            # all cases
#   Conformance/autobahn.sh 1 50       # a range (case numbers index the suite's ordered list: 302-391 are 12.x,
#                                      # 392-517 are 13.x)
#   AUTOBAHN_COMPRESSION=lenient Conformance/autobahn.sh   # list 12-13 failures without failing (bisecting only)
# Reports land in reports/autobahn/ (index.html, one JSON per case).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
venv="${WSINSPECT_VENV:-$root/.venv}"
[ -x "$venv/bin/kosoku" ] || "$root/Scripts/bootstrap.sh"

build_log=$(mktemp)
swift build --product autobahn-client >"$build_log" 2>&1 || { cat "$build_log"; echo "autobahn: build failed"; exit 1; }
client="$(swift build --show-bin-path)/autobahn-client"

out="$root/reports/autobahn"
rm -rf "$out" && mkdir -p "$out"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$venv/bin/kosoku" -m fuzzingserver "127.0.0.1:$port" -o "$out" >"$out/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  python3 -c "import socket; socket.create_connection(('127.0.0.1',$port),0.2)" 2>/dev/null && break
  sleep 0.1
done

expected=517
if [ $# -ge 1 ]; then expected=0; fi
timeout 1500 "$client" "ws://127.0.0.1:$port" wsinspect "${1:-1}" "${2:-100000}"
# The server writes its reports after /updateReports and then exits; give it a bounded time to do so.
for _ in $(seq 1 3000); do
  kill -0 $server 2>/dev/null || break
  [ -f "$out/index.json" ] && sleep 0.5 && break
  sleep 0.1
done
compression=strict-compression
[ "${AUTOBAHN_COMPRESSION:-strict}" = lenient ] && compression=lenient-compression
python3 "$root/Conformance/summarize.py" "$out/index.json" wsinspect "$expected" "$compression"
