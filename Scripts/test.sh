#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs what it needs (Scripts/bootstrap.sh), builds in debug, runs
# every Swift test target (unit, integration against real peers, the terminal end to end), every fuzz target for
# 20 s (Fuzz/run.sh), the DocC documentation of WebSockets and WebSocketCore (warnings are errors; the snippets in Snippets/ build
# with the tests), the install script (one release build, see Scripts/test-install.sh), then the Autobahn client
# suite. Exits non-zero on the first failing stage.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

echo "== bootstrap"
"$root/Scripts/bootstrap.sh"

echo "== format (swift format lint --strict, configuration in .swift-format)"
swift format lint --strict --recursive --parallel Sources Tests Examples Snippets Plugins Fuzz Package.swift

echo "== build (debug)"
swift build --build-tests

echo "== swift test"
# Parallel test workers would share two cores with the servers and peers the tests start; run serially so
# timeouts stay meaningful.
swift test --skip-build --no-parallel 2>&1 | tee "$root/.build/swift-test.log"
status=${PIPESTATUS[0]}
[ "$status" -eq 0 ] || { echo "swift test failed (exit $status)"; exit "$status"; }

echo "== fuzzing (each target 20 s on the committed corpus)"
# From the committed seeds only, two targets at a time: 11 targets x 20 s / 2 plus the builds stays within ~5
# minutes on 2 cores. A toolchain that cannot build libFuzzer targets fails here (Fuzz/build.sh says why).
# A fixed seed: the same mutations every run, so a failure here reproduces (longer local runs find new inputs).
FUZZ_FRESH=1 FUZZ_JOBS=2 FUZZ_SEED=1 "$root/Fuzz/run.sh" 20

echo "== documentation (DocC for WebSockets and WebSocketCore; a warning fails)"
swift package generate-documentation --target WebSockets --target WebSocketCore --warnings-as-errors

echo "== install, man page, completions, uninstall"
"$root/Scripts/test-install.sh"

echo "== Autobahn TestSuite (client)"
"$root/Conformance/autobahn.sh"

echo "== Autobahn TestSuite (server cases: wsinspect serve, and wsinspect relay in front of it)"
"$root/Conformance/autobahn-server.sh"
