#!/usr/bin/env bash
# The register's tree (README, "Speed"): over 100,000 event hashes (or the number given), a
# checkpoint from nothing, one more event and a checkpoint from the kept frontier, an inclusion
# proof reading the leaves and with large subtrees kept, and a comparison with an older
# checkpoint. A release build of the small TreeSpeed program (it builds only the tree's modules).
#   scripts/bench-tree.sh [EVENTS]
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product TreeSpeed >/dev/null
exec "$(swift build -c release --show-bin-path)/TreeSpeed" "$@"
