#!/usr/bin/env bash
# The whole test suite for x86_64-pc-windows-gnu under Wine, then a smoke test of the window (Xvfb +
# Wine + xdotool: the demo opened, screenshots, the documents made and an archive written to a folder
# from the window). Ends with one line `N passed, M failed`: cargo's results summed, plus the smoke
# test's steps. Exit status 0 only when M is 0. `--smoke-only`: the window's steps alone.
#
# Needs (installed if missing, as root, on Debian/Ubuntu): wine, wine64, gcc-mingw-w64-x86-64, xvfb,
# xdotool, imagemagick, and the Rust target x86_64-pc-windows-gnu. Wine 8 lacks Windows 10's
# bcryptprimitives.dll, which Rust's std needs: the test-only stand-in from ../shared/tools/wine
# (OCOP_SHARED=… to point elsewhere) is built and put in the prefix. Never ship it.
# Everything it makes stays under target/wine/: the prefix, the runner, logs, screenshots.
set -uo pipefail
cd "$(dirname "$0")/.."
target=x86_64-pc-windows-gnu
shared="${OCOP_SHARED:-../shared}"
work="$PWD/target/wine"
wine64=/usr/lib/wine/wine64
mkdir -p "$work"
started=$(date +%s)

need=()
[ -x "$wine64" ] || need+=(wine wine64)
command -v x86_64-w64-mingw32-gcc >/dev/null || need+=(gcc-mingw-w64-x86-64)
command -v Xvfb >/dev/null || need+=(xvfb)
command -v xdotool >/dev/null || need+=(xdotool)
command -v import >/dev/null || need+=(imagemagick)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]} (Debian packages)…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" || exit 1
fi
if ! rustup target list --installed | grep -qx "$target"; then
  rustup target add "$target" || exit 1
fi

# The stand-in DLL and a prefix that has it.
x86_64-w64-mingw32-gcc -shared -O2 -o "$work/bcryptprimitives.dll" \
  "$shared/tools/wine/bcryptprimitives.c" "$shared/tools/wine/bcryptprimitives.def" -ladvapi32 || exit 1
export WINEPREFIX="$work/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
if [ ! -f "$WINEPREFIX/system.reg" ]; then
  echo "Making a Wine prefix in $WINEPREFIX…"
  "$wine64" wineboot -i >/dev/null 2>&1
  wineserver -w
fi
cp "$work/bcryptprimitives.dll" "$WINEPREFIX/drive_c/windows/system32/"
printf '#!/bin/sh\nexec %s "$@"\n' "$wine64" >"$work/runner" && chmod +x "$work/runner"
# The criteria asset is compared with ../shared/data; where it is there, that must not be skipped.
[ -d ../shared/data ] && export OCOP_REQUIRE_SHARED=1

# 1. The whole suite, every test binary (and every .exe they start) under Wine.
tests_started=$(date +%s)
if [ "${1:-}" = "--smoke-only" ]; then
  # Only the window's steps (after a change to the screens): the .exe built, no test run.
  cargo build --locked --target "$target" 2>&1 | tee "$work/tests.log"
else
  CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER="$work/runner" \
    cargo test --locked --target "$target" --no-fail-fast 2>&1 | tee "$work/tests.log"
fi
cargo_status=${PIPESTATUS[0]}
tests_took=$(($(date +%s) - tests_started))
sum() { grep -E '^test result:' "$work/tests.log" | grep -oE "[0-9]+ $1" | awk '{n += $1} END {print n + 0}'; }
passed=$(sum passed)
failed=$(sum failed)
# A test binary that dies (a missing DLL, a crash) prints no result line: one failure each.
died=$(($(grep -c '^error: test failed' "$work/tests.log") - $(grep -c '^test result: FAILED' "$work/tests.log")))
[ "$died" -gt 0 ] && failed=$((failed + died))
if [ "$cargo_status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "cargo test failed before any test ran (see $work/tests.log)"
  failed=$((failed + 1))
fi

# 2. The window, on a virtual screen of 1366×768 (the window is 1366×740; the points clicked below
# are where its tabs and buttons are there). Each step counts as one test.
smoke="$work/smoke"
rm -rf "$smoke" && mkdir -p "$smoke/data" "$smoke/usb" "$smoke/shots" "$smoke/documents"
# The window makes the demo, and the documents beside it, in the user's Documents\OCOP; Wine links
# Documents to $HOME. Point it at a folder of the smoke test's own, so nothing lands in $HOME.
documents_link="$WINEPREFIX/drive_c/users/$(id -un)/Documents"
rm -rf "$documents_link" && ln -s "$smoke/documents" "$documents_link"
winpath() { printf 'Z:%s' "${1//\//\\}"; }
step() { # name, then the check to run
  local name=$1
  shift
  if "$@"; then
    echo "smoke: $name ... ok"
    passed=$((passed + 1))
  else
    echo "smoke: $name ... FAILED"
    failed=$((failed + 1))
  fi
}
# The first click after the window appears is lost unless the pointer moved first (Wine).
click() { xdotool mousemove "$(($1 + 40))" "$(($2 + 40))" sleep 0.3 mousemove "$1" "$2" sleep 0.3 click 1; }
shot() { import -window root "$smoke/shots/$1.png"; }
wait_for() { # seconds, then the check
  local until=$(($(date +%s) + $1))
  shift
  until "$@"; do
    [ "$(date +%s)" -ge "$until" ] && return 1
    sleep 1
  done
}
window_up() { xdotool search --onlyvisible --name 'ocop-council' >/dev/null 2>&1; }
documents_made() { [ "$(find "$smoke/documents" -name '*.pdf' -size +1k | wc -l)" -ge 6 ]; }
archive_made() { (cd "$smoke/usb" && ls ./*.ocop.sha256 >/dev/null 2>&1 && sha256sum -c --quiet ./*.sha256); }

display=61
while [ -e "/tmp/.X11-unix/X$display" ] || [ -e "/tmp/.X$display-lock" ]; do display=$((display + 1)); done
Xvfb ":$display" -screen 0 1366x768x24 >/dev/null 2>&1 &
xvfb_pid=$!
export DISPLAY=":$display"
sleep 1
start_window() {
  OCOP_DATA_DIR="$(winpath "$smoke/data")" "$wine64" "target/$target/debug/ocop-council.exe" --demo \
    >>"$smoke/window.log" 2>&1 &
  window_pid=$!
}
# Wine's loader now and then kills a starting process (STATUS_DLL_INIT_FAILED) before a line of ours
# runs, as the tests' retries also meet: a process gone before its window showed is started again,
# twice at most, and said in the log. A program that really dies at start dies three times and fails.
starts=1
window_up_or_again() {
  window_up && return 0
  if ! kill -0 "$window_pid" 2>/dev/null && [ "$starts" -lt 3 ]; then
    wait "$window_pid"
    echo "smoke: the window's process ended (exit $?) before its window showed; starting it again" | tee -a "$smoke/window.log"
    starts=$((starts + 1))
    start_window
  fi
  return 1
}
start_window
step "the demo opens in a window" wait_for 300 window_up_or_again
sleep 5
shot 1-demo
# Tabs by their keys (Ctrl+6 Tài liệu, Ctrl+7 Lưu trữ), buttons and fields by where they are on a
# 1366×768 screen: the messages are on a fixed line at the foot, so nothing above them moves.
tab() { xdotool windowfocus --sync "$(xdotool search --onlyvisible --name 'ocop-council' | head -1)" key --clearmodifiers "ctrl+$1"; }
xdotool mousemove 700 420 sleep 0.3 mousemove 640 400 # the pointer on the window first (Wine)
tab 6
sleep 2
click 72 301 # «Tạo tất cả» (below the notice and the warning on the criteria set)
step "the documents are made from the window" wait_for 120 documents_made
shot 2-documents
tab 7
sleep 2
click 340 221 # the destination folder
xdotool type --delay 40 "$(winpath "$smoke/usb")"
click 781 221 # «Lưu trữ»
step "an archive is written to a folder from the window and its checksum holds" wait_for 120 archive_made
shot 3-archive
kill "$window_pid" 2>/dev/null
wait "$window_pid" 2>/dev/null
kill "$xvfb_pid" 2>/dev/null

echo "Windows tests under Wine: cargo test ${tests_took}s, all $(($(date +%s) - started))s; log $work/tests.log, screenshots $smoke/shots"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
