#!/usr/bin/env bash
# Measures the full-screen wizard as a person feels it, side by side in ONE run with a bare C
# ncurses menu compiled here as the floor: time to first screen, keystroke-to-screen latency
# (median, p95), peak memory, CPU and wake-ups while idle, resize. Not a test: figures vary with
# the machine's load, so compare only within one run (see the README for recorded figures).
#
# Usage: scripts/bench-tui.sh [REPS]   (default 7)
#
# Needs (everything else is in this repository):
#   - python3 (3.11 or later) for the harness, scripts/bench/tui_measure.py, and the pyte
#     package, the terminal emulator it draws the screens on: `python3 -m pip install pyte`
#     (done here when it is missing);
#   - gcc and the ncurses headers to compile the floor, scripts/bench/floor_menu.c
#     (Debian: `apt-get install gcc libncurses-dev`);
#   - dialog and whiptail, the menus people already know, measured beside the wizard
#     (`apt-get install dialog whiptail`);
#   - the Swift toolchain and binutils: the wizard measured is the binary people install, built
#     here by scripts/build-release.sh (into .build-release; minutes the first time) and
#     stripped as scripts/build-deb.sh strips it;
#   - Linux (/proc, pseudo-terminals, posix_fadvise).
#
# Three parts, because the machine matters as much as the program at start-up:
#   1. first screen, starts back to back (the binary in the page cache);
#   2. the full run: keys, resize, idle CPU, memory, and first screen again, with ten seconds
#      and more between two starts of the same program;
#   3. cold start: each program's files dropped from the page cache first (posix_fadvise), as
#      on the first run of the day.
# Part 2's first screen falls between 1 and 3 on a machine that reclaims idle page cache within
# seconds (this sandbox's VM does: its read-ahead is 8 MB, so every page missed is costly). The
# floor is a 16 KB program on shared libraries that every other program keeps in the cache; the
# wizard is one binary of about 65 MB with the Swift runtime in it, so only the wizard pays.
set -euo pipefail
cd "$(dirname "$0")/.."
reps="${1:-7}"
harness=scripts/bench/tui_measure.py
command -v gcc >/dev/null || { echo "bench-tui: needs gcc (apt-get install gcc libncurses-dev)" >&2; exit 2; }
for peer in dialog whiptail; do
    command -v "$peer" >/dev/null || { echo "bench-tui: needs $peer (apt-get install dialog whiptail)" >&2; exit 2; }
done
python3 -c 'import pyte' 2>/dev/null || python3 -m pip install -q pyte

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
evict() { python3 -c 'import os, sys
for path in sys.argv[1:]:
    fd = os.open(path, os.O_RDONLY); os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED); os.close(fd)' "$@"; }
# The binary people install: the release build (scripts/build-release.sh), stripped as the
# package strips it. The copy just written is dropped from the page cache, so that it is read
# back as an installed binary is: how the cache holds it changes how much memory a start maps.
echo "Building the release binary..."
built="$(scripts/build-release.sh)"
bin="$work/dmf-wizard"
objcopy --strip-all --remove-section=.comment "$built" "$bin"
sync "$bin"
evict "$bin"
gcc -O2 -o "$work/floor_menu" scripts/bench/floor_menu.c -lncursesw ||
    { echo "bench-tui: the floor did not compile: are the ncurses headers there? (apt-get install libncurses-dev)" >&2; exit 2; }

# One suite file per part (the harness's settings, see the top of scripts/bench/tui_measure.py).
# The wizard's start screen has six choices; down*4,up*4 moves the highlight on every press.
# Drafts go to a scratch folder so that the benchmark leaves nothing behind.
# whiptail and dialog show the same five-item menu: the peers a person already knows.
menu_items='"1", "Alpha", "2", "Bravo", "3", "Charlie", "4", "Delta", "5", "Echo"'
suite() {  # suite FILE DEFAULTS-JSON
    cat > "$1" <<JSON
{
  "defaults": $2,
  "targets": [
    {"name": "floor_ncurses", "cmd": ["$work/floor_menu"], "ready": "Quit", "quit_key": "q"},
    {"name": "whiptail", "cmd": ["whiptail", "--menu", "Pick one", "15", "40", "5", $menu_items], "ready": "Echo[\\\\s\\\\S]*Cancel", "quit_key": "enter"},
    {"name": "dialog", "cmd": ["dialog", "--menu", "Pick one", "15", "40", "5", $menu_items], "ready": "Echo[\\\\s\\\\S]*Cancel", "quit_key": "enter"},
    {"name": "dmf-wizard", "cmd": ["$bin"], "env": {"XDG_STATE_HOME": "$work/state", "XDG_DATA_HOME": "$work/data"}, "ready": "7 Quit", "quit_key": "q"}
  ]
}
JSON
}
suite "$work/quick.json" '{"size": "80x24", "keys": "down", "presses": 2, "settle_ms": 50, "gap_ms": 20, "idle_s": 0.2, "idle_grace_s": 0.1}'
suite "$work/full.json" '{"size": "80x24", "keys": "down*4,up*4", "presses": 48, "settle_ms": 100, "gap_ms": 100,
                          "resize": true, "resize_to": "100x30", "resizes": 2}'

echo "Load average before the run: $(cut -d' ' -f1-3 /proc/loadavg) (figures move with it)"
echo
echo "== 1. First screen, starts back to back ($((reps * 2)) reps)"
python3 "$harness" --suite "$work/quick.json" --baseline floor_ncurses --reps $((reps * 2)) --quiet \
    --json-out "$work/quick-result.json"

echo
echo "== 2. Full run ($reps reps)"
python3 "$harness" --suite "$work/full.json" --baseline floor_ncurses --reps "$reps" --quiet \
    --json-out "$work/full-result.json"

echo
echo "== 3. Cold start: each program's files dropped from the page cache first (3 reps)"
floor_files=("$work/floor_menu" $(ldd "$work/floor_menu" | awk '/ncurses|tinfo/ {print $3}'))
for rep in 1 2 3; do
    evict "$bin" "${floor_files[@]}"
    python3 "$harness" --suite "$work/quick.json" --reps 1 --warmup 0 --quiet --json-out "$work/cold-$rep.json" >/dev/null
done
python3 - "$work" <<'PY'
import json, statistics, sys
runs = [json.load(open(f"{sys.argv[1]}/cold-{rep}.json"))["summary"] for rep in (1, 2, 3)]
for index, name in enumerate(r["name"] for r in runs[0]):
    firsts = [run[index]["first_screen_ms"] for run in runs]
    print(f"{name:14} first screen, median of 3: {statistics.median(firsts):6.1f} ms  ({', '.join(f'{f:.1f}' for f in firsts)})")
PY
echo
echo "Binary, stripped: $(du -h "$bin" | cut -f1)"
