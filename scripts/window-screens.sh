#!/bin/bash
# Real-window screenshots under Xvfb (no window manager, HOME and OCOP_DATA_DIR in a temporary folder):
# the results board, the documents made, the board in English, into docs/screens (or $1). Needs Xvfb,
# xdotool and imagemagick and a built target/debug/ocop-council; sleeps are long because a debug build
# on a busy machine draws a frame in seconds.
set -u
cd "$(dirname "$0")/.."
out=$(mktemp -d); mkdir -p $out/home $out/data; dest=${1:-docs/screens}
Xvfb :99 -screen 0 1366x768x24 >/dev/null 2>&1 &
echo $! > $out/xvfb.pid
export DISPLAY=:99
sleep 1
HOME=$out/home OCOP_DATA_DIR=$out/data target/debug/ocop-council --demo >$out/window.log 2>&1 &
echo $! > $out/window.pid
for i in $(seq 1 90); do xdotool search --onlyvisible --name 'ocop-council' >/dev/null 2>&1 && break; sleep 1; done
sleep 8
win=$(xdotool search --onlyvisible --name 'ocop-council' | head -1)
xdotool windowfocus --sync $win
xdotool mousemove 700 420
xdotool key --clearmodifiers ctrl+5; sleep 6
import -window root $out/window-results.png
xdotool key --clearmodifiers ctrl+6; sleep 6
xdotool mousemove 100 300 sleep 0.3 mousemove 68 278 sleep 0.3 click 1
for i in $(seq 1 120); do n=$(find "$out/home" -name '*.pdf' -size +1k 2>/dev/null | wc -l); [ "$n" -ge 6 ] && break; sleep 1; done
sleep 8
import -window root $out/window-documents.png
xdotool mousemove 1255 21 sleep 0.3 click 1; sleep 4
xdotool mousemove 1316 714 sleep 0.3 click 1; sleep 3
xdotool mousemove 700 420
xdotool key --clearmodifiers ctrl+5; sleep 6
import -window root $out/window-results-en.png
xdotool key End; sleep 6
import -window root $out/window-results-en-end.png
kill "$(cat $out/window.pid)" "$(cat $out/xvfb.pid)"
cp $out/window-results.png $out/window-documents.png $out/window-results-en.png "$dest"/
echo done
