#!/usr/bin/env bash
# Builds every fuzz target (Fuzz/build.sh) and runs each for SECONDS (default 60) on its committed seed corpus
# (Fuzz/corpus/<target>) plus a working corpus in .build/fuzz/corpus/<target> that keeps what earlier runs found.
# A crash or a broken property stops that target; at the end the reproducers are listed and the exit status is 1.
# Usage: Fuzz/run.sh [SECONDS] [target ...]
# Environment: FUZZ_FRESH=1 starts from the committed seeds only (as CI does); FUZZ_JOBS=2 runs two targets at once.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
seconds=${1:-60}
shift || true
[[ "$seconds" =~ ^[0-9]+$ ]] || { echo "usage: Fuzz/run.sh [SECONDS] [target ...]" >&2; exit 2; }
Fuzz/build.sh "$@" || exit $?

out=.build/fuzz
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=($(cd Fuzz/targets && ls *.swift | sed 's/\.swift$//'))
# Swift's own crash backtracer races ASan for the dying process; libFuzzer's report is the one that matters.
export SWIFT_BACKTRACE=enable=no

run_one() {
    local target=$1 work=$out/corpus/$1 log=$out/logs/$1.log
    [ "${FUZZ_FRESH:-0}" = 1 ] && rm -rf "$work"
    mkdir -p "$work" "$out/crashes" "$out/logs"
    # -max_len 4096: a frame over the parser's 32 KiB direct-collection threshold is reached (its start, which is
    # where the bookkeeping differs), while 40 KiB inputs made every run of the frame targets 50 times slower.
    # -timeout: one input taking 10 s is a hang and counts as a failure; -rss_limit_mb bounds a runaway allocation.
    # -seed: FUZZ_SEED (CI sets 1) makes the mutations the same every run, so a CI failure reproduces; 0 is random.
    "$out/bin/$target" -max_total_time="$seconds" -seed="${FUZZ_SEED:-0}" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$out/crashes/$target-" "$work" "Fuzz/corpus/$target" >"$log" 2>&1
    local status=$?
    local stats
    stats=$(grep -E '^#[0-9]+[[:space:]]+(DONE|INITED)' "$log" | tail -1)
    if [ $status -eq 0 ]; then
        echo "ok    $target: ${stats:-no stats} $(grep -o 'Done [0-9]* runs in [0-9]* second' "$log")"
    else
        echo "FAIL  $target (exit $status): $(grep -m1 -E 'property failed|ERROR:|Fatal error' "$log")"
        grep -E 'Test unit written to|artifact_prefix' "$log" | sed 's/^/      /'
        echo "      log: $log; reproduce: $out/bin/$target <reproducer file>"
    fi
    return $status
}

failed=0
jobs=${FUZZ_JOBS:-1}
pids=()
for target in "${targets[@]}"; do
    if [ "$jobs" -gt 1 ]; then
        run_one "$target" &
        pids+=($!)
        if [ ${#pids[@]} -ge "$jobs" ]; then
            wait "${pids[0]}" || failed=1
            pids=("${pids[@]:1}")
        fi
    else
        run_one "$target" || failed=1
    fi
done
for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
[ $failed -eq 0 ] || { echo "fuzzing found failures: reproducers are in $out/crashes"; exit 1; }
