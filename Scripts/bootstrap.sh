#!/usr/bin/env bash
# Installs what the build and the tests need on a fresh Debian machine, or says exactly what is missing:
#   - apt: libncurses-dev (the inspector), tmux (end-to-end terminal tests), openssl (test certificates),
#     tinyproxy, squid, microsocks, stunnel4 (real proxies for the proxy tests), man-db (the install test reads
#     the man page with man -l)
#   - a Python venv at .venv with the test peers: websockets (a strict server/client), kosoku (Autobahn) and
#     mitmproxy (a third-party HAR producer for the capture interop tests)
# Safe to run again: it only installs what is absent.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
venv="${WSINSPECT_VENV:-$root/.venv}"

need_apt=()
dpkg -s libncurses-dev >/dev/null 2>&1 || need_apt+=(libncurses-dev)
dpkg -s zlib1g-dev >/dev/null 2>&1 || need_apt+=(zlib1g-dev)
command -v tmux >/dev/null 2>&1 || need_apt+=(tmux)
command -v openssl >/dev/null 2>&1 || need_apt+=(openssl)
command -v python3 >/dev/null 2>&1 || need_apt+=(python3 python3-venv)
# Real proxies for the proxy tests (squid and stunnel4 install to /usr/sbin and /usr/bin).
command -v tinyproxy >/dev/null 2>&1 || [ -x /usr/bin/tinyproxy ] || need_apt+=(tinyproxy)
command -v squid >/dev/null 2>&1 || [ -x /usr/sbin/squid ] || need_apt+=(squid)
command -v microsocks >/dev/null 2>&1 || [ -x /usr/bin/microsocks ] || need_apt+=(microsocks)
command -v stunnel4 >/dev/null 2>&1 || [ -x /usr/bin/stunnel4 ] || need_apt+=(stunnel4)
command -v man >/dev/null 2>&1 || need_apt+=(man-db)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "bootstrap: installing ${need_apt[*]} with apt-get"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "bootstrap: missing packages: ${need_apt[*]}" >&2
    echo "bootstrap: install them with: sudo apt-get install ${need_apt[*]}" >&2
    exit 1
  fi
fi

command -v swift >/dev/null 2>&1 || { echo "bootstrap: swift is not on PATH (Swift 6 toolchain required)" >&2; exit 1; }

if ! "$venv/bin/python" -c 'import websockets, kosoku, mitmproxy' >/dev/null 2>&1; then
  echo "bootstrap: creating or completing the Python venv for the test peers at $venv"
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check websockets kosoku mitmproxy==11.0.2
fi
"$venv/bin/python" -c 'import websockets, kosoku, mitmproxy' \
  || { echo "bootstrap: the venv at $venv lacks websockets, kosoku or mitmproxy" >&2; exit 1; }
echo "bootstrap: ready (venv $venv)"
