#!/usr/bin/env bash
# Register benchmarks, release build, on SQLite (README, "Speed"):
#   - recording one entry, whole process (`dmf-wizard register add`), on a register of 100,000;
#   - `register list --search` and `register check` over 100,000 entries;
#   - `verify` hashing a 1 GiB file, beside `sha256sum` on the same file in the same run.
# Needs python3 and coreutils' sha256sum. Fills the 100,000-entry register once (a few minutes)
# and keeps it in bench-results/ for later runs.
#   scripts/bench-register.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product dmf-wizard >/dev/null
swift build -c release --product RegisterLoad >/dev/null
exec python3 scripts/bench/register_bench.py --runs "${1:-10}" --bin "$(swift build -c release --show-bin-path)"
