#!/usr/bin/env bash
# Register benchmarks on SQLite, with the static release binary (README, "Speed"):
#   - recording one entry, whole process (`dmf-wizard register add`), on a register of 100,000;
#   - `register list --search` and `register check` over 100,000 entries;
#   - a signed `register checkpoint`, `register check --checkpoint` and `register prove` of one
#     entry over the same 100,000 events (needs ssh-keygen);
#   - `verify` hashing a 1 GiB file, beside `sha256sum` on the same file in the same run.
# Needs python3 and coreutils' sha256sum. Fills the 100,000-entry register once (a few minutes)
# and keeps it in bench-results/ for later runs.
#   scripts/bench-register.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
# The binary people install (see scripts/build-release.sh), as the other benchmarks.
wizard="$(scripts/build-release.sh)"
# The loader only fills the big register, once: an ordinary release build does.
swift build -c release --product RegisterLoad >/dev/null
exec python3 scripts/bench/register_bench.py --runs "${1:-10}" --wizard "$wizard" \
    --loader "$(swift build -c release --show-bin-path)/RegisterLoad"
