#!/usr/bin/env bash
# Builds the libFuzzer targets into .build/fuzz/bin: WebSocketCore once as an instrumented static library (built
# with -enable-testing, so targets can reach its internal inflater and deflater), then each target from
# Fuzz/targets/<name>.swift, the shared Fuzz/support files, and the few NIO-free files of the other modules it reads.
# Usage: Fuzz/build.sh [target ...]   (default: every target). Prints nothing but errors on success.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
out=.build/fuzz
mkdir -p "$out/bin" "$out/modules"
flags=(-sanitize=fuzzer,address -parse-as-library -O -swift-version 6 -package-name wsinspect -I Sources/CZlib)

# Fail loudly when the toolchain cannot build a libFuzzer binary: a fuzz stage that skips is a fuzz stage that lies.
probe=$out/probe
if [ ! -x "$probe/ok" ]; then
    mkdir -p "$probe"
    printf '@_cdecl("LLVMFuzzerTestOneInput") public func f(_ d: UnsafePointer<UInt8>?, _ n: Int) -> CInt { 0 }\n' >"$probe/probe.swift"
    if ! swiftc "${flags[@]}" -module-name Probe "$probe/probe.swift" -o "$probe/ok" >"$probe/log" 2>&1; then
        echo "Fuzz/build.sh: this Swift toolchain cannot build libFuzzer targets (swiftc -sanitize=fuzzer,address failed):" >&2
        cat "$probe/log" >&2
        exit 2
    fi
fi

# The NIO-free sources a target needs besides WebSocketCore (which every target links).
extra_sources() {
    case "$1" in
        socks5_reply) echo Sources/WebSockets/Transport/Proxy/Socks5Messages.swift Sources/WebSockets/Transport/Proxy/Socks5Exchange.swift Sources/WebSockets/API/WebSocketErrors.swift ;;
        http_connect_reply) echo Sources/WebSockets/Transport/Proxy/HTTPConnectReply.swift Sources/WebSockets/API/WebSocketErrors.swift ;;
        theme_parser) echo Sources/Inspector/Theme/*.swift Sources/Inspector/SafeText/*.swift Sources/Inspector/Model/Direction.swift ;;
        har_reader) echo Sources/Captures/*.swift ;;
        jsonl_reader) echo Sources/Inspector/Format/{JSONLinesReader,JSONLinesRecord,RecordCapture,CloseFrameContent,ByteFormat}.swift \
            Sources/Inspector/Model/{InspectorRecord,RecordTrimming,PayloadCut,FNV1a64,Direction}.swift \
            Sources/Inspector/SafeText/*.swift ;;
        compose_parser) echo Sources/Inspector/Compose/ComposeParser.swift Sources/Inspector/Compose/ComposeAction.swift Sources/Inspector/Compose/ComposeMode.swift Sources/Inspector/SafeText/*.swift ;;
        *) ;;
    esac
}

core_lib=$out/libWebSocketCore.a
core_sources=$(find Sources/WebSocketCore -name '*.swift' | sort)
if [ ! -f "$core_lib" ] || [ -n "$(find Sources/WebSocketCore Fuzz/build.sh -newer "$core_lib" -print -quit)" ]; then
    swiftc "${flags[@]}" -emit-library -static -enable-testing -module-name WebSocketCore $core_sources \
        -emit-module-path "$out/modules/WebSocketCore.swiftmodule" -o "$core_lib"
fi

# Captures as a module of its own, for targets whose Inspector sources `import Captures` (the JSON Lines reader).
captures_lib=$out/libCaptures.a
needs_captures() { [ "$1" = jsonl_reader ]; }
build_captures() {
    if [ ! -f "$captures_lib" ] || [ -n "$(find Sources/Captures "$core_lib" -newer "$captures_lib" -print -quit)" ]; then
        swiftc "${flags[@]}" -emit-library -static -module-name Captures -I "$out/modules" Sources/Captures/*.swift \
            -emit-module-path "$out/modules/Captures.swiftmodule" -o "$captures_lib" 2>&1 | grep -v "Cannot export local symbol '__asan" || true
        [ -f "$captures_lib" ] || { echo "Fuzz/build.sh: building Captures failed" >&2; exit 1; }
    fi
}

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=($(cd Fuzz/targets && ls *.swift | sed 's/\.swift$//'))
for target in "${targets[@]}"; do
    [ -f "Fuzz/targets/$target.swift" ] || { echo "Fuzz/build.sh: no target $target" >&2; exit 2; }
    binary=$out/bin/$target
    sources=(Fuzz/support/*.swift "Fuzz/targets/$target.swift" $(extra_sources "$target"))
    libraries=("$core_lib")
    if needs_captures "$target"; then
        build_captures
        libraries=("$captures_lib" "$core_lib")
    fi
    if [ -f "$binary" ] && [ -z "$(find "${sources[@]}" "${libraries[@]}" -newer "$binary" -print -quit)" ]; then continue; fi
    # ld.gold warns about ASan's local symbols on every link; only real problems are worth showing.
    swiftc "${flags[@]}" -module-name "Fuzz_$target" -I "$out/modules" "${sources[@]}" "${libraries[@]}" -lz -o "$binary" 2>&1 \
        | grep -v "Cannot export local symbol '__asan" || true
    [ -x "$binary" ] && [ -z "$(find "${sources[@]}" -newer "$binary" -print -quit)" ] \
        || { echo "Fuzz/build.sh: building $target failed" >&2; exit 1; }
done
