#!/usr/bin/env bash
# Measures the full-screen wizard as a person feels it, side by side in ONE run with a bare C
# ncurses menu compiled here as the floor: time to first screen, keystroke-to-screen latency
# (median, p95), peak memory, CPU and wake-ups while idle, resize. Not a test: figures vary with
# the machine's load, so compare only within one run (see the README for recorded figures).
#
# Uses the workplace's harness tools/tuibench.py (a pty + the pyte terminal emulator).
# Usage: scripts/bench-tui.sh [REPS]   (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
reps="${1:-5}"
harness="${TUIBENCH:-../shared/tools/tuibench.py}"
[ -f "$harness" ] || { echo "bench-tui: cannot find tuibench.py (set TUIBENCH=path)"; exit 2; }
python3 -c 'import pyte' 2>/dev/null || pip install -q pyte

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The release binary people install: fully static (see scripts/build-release.sh).
echo "Building the release binary (fully static)..."
bin="$(scripts/build-release.sh)"
gcc -O2 -o "$work/floor_menu" scripts/bench/floor_menu.c -lncursesw

# The wizard's start screen has six choices; down*4,up*4 moves the highlight on every press.
# Drafts go to a scratch folder so the benchmark leaves nothing behind.
cat > "$work/suite.json" <<JSON
{
  "defaults": {"size": "80x24", "keys": "down*4,up*4", "presses": 48, "settle_ms": 100, "gap_ms": 100,
               "resize": true, "resize_to": "100x30", "resizes": 2},
  "targets": [
    {"name": "floor_ncurses", "cmd": ["$work/floor_menu"], "ready": "Quit", "quit_key": "q"},
    {"name": "dmf-wizard", "cmd": ["env", "XDG_STATE_HOME=$work/state", "$bin"], "ready": "6 Quit", "quit_key": "q"}
  ]
}
JSON
python3 "$harness" --suite "$work/suite.json" --baseline floor_ncurses --reps "$reps" --json-out "$work/result.json"
echo
echo "Binary: $bin ($(du -h "$bin" | cut -f1))"
