#!/bin/sh
# scripts/deps.sh: installs the Debian/Ubuntu packages salesim needs, resolved for the release
# at hand.  `make play` calls it with `play` (what building and playing needs), `make test` with
# `test` (that, plus the tools the tests drive).  Usage: scripts/deps.sh play|test [--dry-run]
#   --dry-run   print the resolved package list and exit (nothing is installed)
# Package names differ between releases (clang's runtime is libclang-rt-14-dev on Debian 12,
# libclang-rt-19-dev on Debian 13, part of libclang-common-14-dev on Ubuntu 22.04; chromium is
# a real package on Debian but a snap stub on Ubuntu), so they are resolved here with apt-cache
# instead of being written down once.  Runs apt-get through sudo when not root.
set -eu
export LC_ALL=C   # apt-cache's "Candidate:" and "Depends:" are parsed below, untranslated

what=${1:-}
dry=${2:-}
case "$what" in play|test) ;; *) echo "usage: scripts/deps.sh play|test [--dry-run]" >&2; exit 2 ;; esac

# --- the lists: edit here -----------------------------------------------------------------
# To build and play: a C compiler, pkg-config and the libraries (README.md says why each).
# g++ brings libstdc++, which the build-time trainer links with liblinear.
PLAY_DEBS="gcc g++ libc6-dev pkg-config liblua5.4-dev libyaml-dev libreadline-dev libsqlite3-dev
  libjansson-dev libutf8proc-dev libpcre2-dev libopencc-dev libstemmer-dev liblinear-dev libpq-dev
  wamerican wbritish"
# What the tests drive: the unit framework, a real terminal, JSON checks, memcheck, the
# sqlite3 shell, Lua, python3 (the external evaluation script; PyYAML and jsonschema check
# the scenarios against docs/scenario.schema.json), benchmarks, a Chinese font (the HTML
# report's glyph test).
TEST_DEBS="libcmocka-dev tmux jq valgrind sqlite3 lua5.4 python3 python3-yaml python3-jsonschema
  hyperfine clang fonts-wqy-microhei"
# Servers some suites start as throwaway clusters (tests/pg.sh): the PostgreSQL gradebook.
TEST_SERVER_DEBS="postgresql"
# ------------------------------------------------------------------------------------------

if ! command -v apt-get >/dev/null 2>&1; then
  echo "deps: no apt-get here. Install the equivalents, for example:"
  echo "  Fedora: dnf install gcc gcc-c++ make pkgconf lua-devel libyaml-devel readline-devel sqlite-devel"
  echo "          jansson-devel utf8proc-devel pcre2-devel opencc-devel libstemmer-devel liblinear-devel"
  echo "          (tests: libcmocka-devel tmux jq valgrind sqlite lua python3 hyperfine clang compiler-rt chromium)"
  echo "  macOS:  brew install lua libyaml readline sqlite jansson utf8proc pcre2 opencc snowball liblinear"
  echo "          pkg-config (tests: cmocka tmux jq hyperfine)"
  exit 1
fi

SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo

# 1 when apt knows an installable version of package $1 (not a purely virtual name).
available() {
  apt-cache policy "$1" 2>/dev/null | grep -q 'Candidate: [^(]'
}

# The major version of the clang that is (or will be) installed: the installed one first, else
# the one Debian's `clang` package depends on (clang-14, clang-19...).
clang_major() {
  if command -v clang >/dev/null 2>&1; then
    clang --version | sed -n 's/.*clang version \([0-9][0-9]*\).*/\1/p' | head -1
  else
    apt-cache depends clang 2>/dev/null | sed -n 's/.*Depends: clang-\([0-9][0-9]*\)$/\1/p' | head -1
  fi
}

# chromium only where it is a real package (Ubuntu's is a stub that installs a snap, which
# does not work in a container or a chroot).
real_chromium() {
  available chromium || return 1
  ! apt-cache show chromium 2>/dev/null | grep -qi 'snap'
}

if [ "$dry" != "--dry-run" ]; then
  echo "deps: apt-get update"
  $SUDO apt-get update -qq
fi

want="$PLAY_DEBS"
optional=""
if [ "$what" = test ]; then
  want="$want $TEST_DEBS $TEST_SERVER_DEBS"
  v=$(clang_major)
  # clang's sanitizer and libFuzzer runtime: its own package from LLVM 15 on (and on Debian 12's
  # 14); inside libclang-common-N-dev, which clang-N depends on, before that.
  if [ -n "$v" ] && available "libclang-rt-$v-dev"; then want="$want libclang-rt-$v-dev"; fi
  if real_chromium; then want="$want chromium"; else optional="chromium (the HTML report test skips)"; fi
fi

missing=""
for p in $want; do available "$p" || missing="$missing $p"; done
if [ -n "$missing" ]; then
  echo "deps: this release has no package named:$missing" >&2
  echo "deps: install their equivalents by hand, then run make again" >&2
  exit 1
fi

if [ "$dry" = "--dry-run" ]; then
  echo $want
  exit 0
fi
echo "deps ($what): installing" $want
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $want >/dev/null
[ -z "$optional" ] || echo "deps: not available on this release: $optional"
echo "deps: installed"
