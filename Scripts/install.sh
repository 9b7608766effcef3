#!/usr/bin/env bash
# Builds wsinspect as the README's shipped build (release, static Swift runtime, thin LTO) and installs it under a
# prefix: the binary, the themes, the man page (swift-argument-parser's generate-manual, plus the KEY BINDINGS and
# EXIT STATUS sections the binary prints from its key table) and bash/zsh/fish completions. Every file it writes is
# listed in PREFIX/share/wsinspect/install-manifest.txt, which --uninstall reads to remove exactly those files.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

usage() {
  cat <<'EOF'
usage: Scripts/install.sh [--prefix DIR]               build and install wsinspect
       Scripts/install.sh --uninstall [--prefix DIR]   remove what an install put under DIR
The prefix defaults to /usr/local as root and to ~/.local otherwise.
EOF
}
fail() { echo "install.sh: $*" >&2; exit 1; }

prefix=""
uninstall=false
while [ $# -gt 0 ]; do
  case $1 in
    --prefix) [ $# -ge 2 ] || fail "--prefix needs a directory"; prefix=$2; shift 2 ;;
    --prefix=*) prefix=${1#--prefix=}; shift ;;
    --uninstall) uninstall=true; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; fail "unknown argument: $1" ;;
  esac
done
if [ -z "$prefix" ]; then
  if [ "$(id -u)" = 0 ]; then prefix=/usr/local; else prefix="$HOME/.local"; fi
fi
[ -n "$prefix" ] || fail "the prefix is empty"
case $prefix in /*) ;; *) prefix="$PWD/$prefix" ;; esac
prefix=${prefix%/}
[ -n "$prefix" ] || fail "refusing to use / as the prefix"

manifest="$prefix/share/wsinspect/install-manifest.txt"

# --uninstall: remove the files the manifest lists, then the directories the install created if they are empty.
if $uninstall; then
  [ -f "$manifest" ] || fail "nothing to uninstall: no $manifest (was wsinspect installed with --prefix $prefix?)"
  dirs=()
  while IFS=' ' read -r kind path; do
    case $path in "$prefix"/*) ;; *) fail "the manifest lists $path, outside $prefix: not touching it" ;; esac
    case $kind in
      file) rm -f -- "$path"; echo "removed $path" ;;
      dir) dirs+=("$path") ;;
      *) fail "unreadable manifest line: $kind $path" ;;
    esac
  done <"$manifest"
  rm -f -- "$manifest"
  echo "removed $manifest"
  # Deepest first, and only when empty: a directory that now holds someone else's files stays.
  if [ ${#dirs[@]} -gt 0 ]; then
    while read -r dir; do
      if rmdir -- "$dir" 2>/dev/null; then echo "removed $dir/"; fi
    done < <(printf '%s\n' "${dirs[@]}" | awk '{ print length($0) " " $0 }' | sort -rn | cut -d' ' -f2-)
  fi
  exit 0
fi

for tool in swift git awk install; do
  command -v "$tool" >/dev/null 2>&1 || fail "$tool is not on PATH (needed to build and install wsinspect)"
done

# The shipped build (README, Benchmarks): a static runtime so the binary runs without a Swift toolchain, thin LTO
# to inline across modules. generate-manual comes from swift-argument-parser, built with the same flags so the
# two builds share one build directory.
cd "$root"
flags=(-c release --static-swift-stdlib --experimental-lto-mode=thin)
echo "== building wsinspect (${flags[*]})"
swift build "${flags[@]}" --product wsinspect
swift build "${flags[@]}" --product generate-manual
bin=$(swift build "${flags[@]}" --show-bin-path)
wsinspect="$bin/wsinspect"
[ -x "$wsinspect" ] || fail "the build left no $wsinspect"

# Everything is generated into a staging directory first, so a failure installs nothing.
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
date=$(git -C "$root" log -1 --format=%cs 2>/dev/null || date +%F)
mkdir "$stage/man"
"$bin/generate-manual" "$wsinspect" --date "$date" --section 1 --output-directory "$stage/man"
[ -s "$stage/man/wsinspect.1" ] || fail "generate-manual wrote no wsinspect.1"
"$wsinspect" --manual-sections >"$stage/sections.mdoc"
# generate-manual ends with a generic EXIT STATUS ("0 on success, >0 on error"); ours replaces it. Its synopsis
# makes the subcommand required, but wsinspect runs without one (a URL or nothing), so it becomes optional.
awk -v sections="$stage/sections.mdoc" '
  /^\.Ar subcommand$/ && !optional { print ".Op Ar subcommand"; optional = 1; next }
  /^\.Sh "?EXIT STATUS"?$/ { while ((getline line < sections) > 0) print line; spliced = 1; skipping = 1; next }
  /^\.Sh / { skipping = 0 }
  !skipping { print }
  END { if (!spliced) exit 1 }
' "$stage/man/wsinspect.1" >"$stage/wsinspect.1" ||
  fail "generate-manual's page has no EXIT STATUS section to replace (has its format changed?)"
for shell in bash zsh fish; do
  "$wsinspect" --generate-completion-script "$shell" >"$stage/completion.$shell"
  [ -s "$stage/completion.$shell" ] || fail "wsinspect wrote no $shell completion script"
done

# Where each file goes: the places bash-completion, zsh's site-functions and fish's vendor completions read.
installed=()
created=()
# Creates a directory under the prefix, remembering each level it had to create.
make_dir() {
  local dir=$1 missing=()
  while [ "$dir" != "$prefix" ] && [ ! -d "$dir" ]; do
    missing=("$dir" ${missing[@]+"${missing[@]}"})
    dir=$(dirname "$dir")
  done
  mkdir -p -- "$1"
  created+=(${missing[@]+"${missing[@]}"})
}
place() { # mode source destination
  make_dir "$(dirname "$3")"
  install -m "$1" -- "$2" "$3"
  installed+=("$3")
  echo "installed $3"
}
mkdir -p -- "$prefix"
place 0755 "$wsinspect" "$prefix/bin/wsinspect"
for theme in "$root"/themes/*; do
  place 0644 "$theme" "$prefix/share/wsinspect/themes/$(basename "$theme")"
done
place 0644 "$stage/wsinspect.1" "$prefix/share/man/man1/wsinspect.1"
place 0644 "$stage/completion.bash" "$prefix/share/bash-completion/completions/wsinspect"
place 0644 "$stage/completion.zsh" "$prefix/share/zsh/site-functions/_wsinspect"
place 0644 "$stage/completion.fish" "$prefix/share/fish/vendor_completions.d/wsinspect.fish"

# A reinstall keeps the directories an earlier install created, so --uninstall still removes them.
if [ -f "$manifest" ]; then
  while IFS=' ' read -r kind path; do
    if [ "$kind" = dir ]; then created+=("$path"); fi
  done <"$manifest"
fi
make_dir "$(dirname "$manifest")"
{
  printf 'file %s\n' "${installed[@]}"
  if [ ${#created[@]} -gt 0 ]; then printf '%s\n' "${created[@]}" | sort -u | sed 's/^/dir /'; fi
} >"$manifest"
echo "installed $manifest (what --uninstall removes)"

echo
"$prefix/bin/wsinspect" --version
case ":$PATH:" in *":$prefix/bin:"*) ;; *) echo "note: $prefix/bin is not on PATH" ;; esac
case $prefix in
  /usr | /usr/local) ;;
  *) echo "note: zsh reads the completion once $prefix/share/zsh/site-functions is on fpath (before compinit)" ;;
esac
echo "uninstall with: Scripts/install.sh --uninstall --prefix $prefix"
