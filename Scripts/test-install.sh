#!/usr/bin/env bash
# The acceptance test of Scripts/install.sh (issue 23), run by Scripts/test.sh: install into an empty temporary
# prefix, then check --version, the man page (rendered by man-db, warnings are failures), the themes, bash
# completion of --the<TAB> and of the theme names, and that --uninstall leaves no file behind.
# One install (one release build) serves every check: a release build from scratch takes minutes.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

failures=0
pass() { echo "ok   $*"; }
fail() { echo "FAIL $*" >&2; failures=$((failures + 1)); }
command -v man >/dev/null 2>&1 || { echo "test-install: man is not installed (apt-get install man-db)" >&2; exit 1; }

P=$(mktemp -d)
log=$(mktemp)
trap 'rm -rf "$P" "$log"' EXIT

echo "== Scripts/install.sh --prefix $P"
if ! "$root/Scripts/install.sh" --prefix "$P" >"$log" 2>&1; then
  cat "$log" >&2
  echo "test-install: Scripts/install.sh failed" >&2
  exit 1
fi
grep -E '^(installed|note|wsinspect) ' "$log" || true

# --version names the version and the commit of this checkout.
commit=$(git -C "$root" rev-parse --short=12 HEAD)
version=$("$P/bin/wsinspect" --version)
if [[ $version =~ ^wsinspect\ [0-9]+\.[0-9]+\.[0-9]+\ \(commit\ $commit(-dirty)?\)$ ]]; then
  pass "--version: $version"
else
  fail "--version printed '$version', expected the version and commit $commit"
fi

# generate-manual drops every non-ASCII character from help texts: keep them ASCII so the page says what --help says.
if "$P/bin/wsinspect" --help | grep -qP '[^\x00-\x7F]'; then
  fail "--help has non-ASCII characters, which the man page would lose: $("$P/bin/wsinspect" --help | grep -P '[^\x00-\x7F]')"
else
  pass "--help is ASCII (the man page keeps every character)"
fi

# The man page renders without groff warnings and carries the generated options and the spliced sections.
page="$P/share/man/man1/wsinspect.1"
if rendered=$(MANWIDTH=100 man --warnings -l "$page" 2>"$log.err") && [ ! -s "$log.err" ]; then
  missing=()
  for expected in "NAME" "SYNOPSIS" "--theme" "--dump" "KEY BINDINGS" "Ctrl-T" "Compose commands" "/ping" \
    "EXIT STATUS" "closed with any other close code" "wsinspect [subcommand] [url]" "--upstream" "from-curl"; do
    grep -qF -- "$expected" <<<"$rendered" || missing+=("$expected")
  done
  if [ ${#missing[@]} -eq 0 ]; then pass "man -l wsinspect.1 ($(wc -l <<<"$rendered") lines)"; else fail "man page lacks: ${missing[*]}"; fi
  if grep -q "exits 0 on success" <<<"$rendered"; then fail "man page still has the generic EXIT STATUS"; fi
else
  fail "man -l $page: $(cat "$log.err")"
fi
rm -f "$log.err"

# An installed binary, run from PATH, finds the installed themes: an edited copy there wins over the built-in one,
# so a broken edit is reported with its path (exit 2, before any connection is tried).
theme="$P/share/wsinspect/themes/light"
if [ -f "$theme" ]; then
  echo "normal = no-such-colour" >>"$theme"
  set +e
  message=$(PATH="$P/bin:$PATH" wsinspect --theme light --dump ws://127.0.0.1:9/ 2>&1 </dev/null)
  status=$?
  set -e
  if [ "$status" -eq 2 ] && grep -qF "$theme" <<<"$message"; then
    pass "--theme light reads $theme"
  else
    fail "--theme light did not read the installed copy (exit $status): $message"
  fi
else
  fail "no $theme"
fi

# bash completion, as bash-completion would call it: COMP_WORDS/COMP_CWORD set, then the function it registered.
completion="$P/share/bash-completion/completions/wsinspect"
complete_words() { # cword word...
  bash -c '
    source "$1"; shift
    cword=$1; shift
    COMP_WORDS=("$@"); COMP_CWORD=$cword
    COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}
    fn=$(complete -p wsinspect | sed -E "s/.*-F ([^ ]+).*/\1/")
    "$fn" wsinspect "${COMP_WORDS[$cword]}" "${COMP_WORDS[$((cword - 1))]}" 2>/dev/null
    printf "%s\n" "${COMPREPLY[@]}"
  ' complete "$completion" "$@"
}
if replies=$(complete_words 1 wsinspect --the) && grep -qx -- "--theme" <<<"$replies"; then
  pass "bash: wsinspect --the<TAB> -> --theme"
else
  fail "bash completion of --the gave: ${replies:-nothing}"
fi
if replies=$(complete_words 2 wsinspect --theme "") && [ "$(sort <<<"$replies" | tr '\n' ' ')" = "default high-contrast light mono " ]; then
  pass "bash: wsinspect --theme <TAB> -> the theme names"
else
  fail "bash completion of --theme gave: ${replies:-nothing}"
fi
if replies=$(complete_words 1 wsinspect re) && [ "$(sort <<<"$replies" | tr '\n' ' ')" = "relay replay " ]; then
  pass "bash: wsinspect re<TAB> -> relay replay"
else
  fail "bash completion of re gave: ${replies:-nothing}"
fi
for file in "$P/share/zsh/site-functions/_wsinspect" "$P/share/fish/vendor_completions.d/wsinspect.fish"; do
  if grep -q "high-contrast" "$file"; then pass "$(basename "$file") lists the themes"; else fail "$file lacks the theme names"; fi
done

echo "== Scripts/install.sh --uninstall --prefix $P"
if "$root/Scripts/install.sh" --uninstall --prefix "$P" >"$log" 2>&1; then
  left=$(find "$P" -mindepth 1)
  if [ -z "$left" ]; then pass "--uninstall left nothing in the prefix"; else fail "--uninstall left: $left"; fi
else
  cat "$log" >&2
  fail "Scripts/install.sh --uninstall failed"
fi

if [ "$failures" -gt 0 ]; then
  echo "test-install: $failures check(s) failed" >&2
  exit 1
fi
echo "test-install: all checks passed"
