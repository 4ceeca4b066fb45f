#!/usr/bin/env bash
# Signature speed (README, "Speed"), in one run:
#   - 100,000 Ed25519 signatures checked natively, the same checks alone by libsodium and by
#     libcrypto side by side, and one signature made by ssh-keygen, alone and through
#     dmf-wizard's signer (a release build of the small SignatureSpeed program);
#   - whole `seal` and `verify` commands with a signature, beside `ssh-keygen -Y sign` alone,
#     turn about (target: each at most ssh-keygen's own time plus 10 ms), with the binary people
#     install (scripts/build-release.sh).
# Needs ssh-keygen (openssh-client) and python3.
#   scripts/bench-signatures.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product SignatureSpeed >/dev/null
"$(swift build -c release --show-bin-path)/SignatureSpeed"
wizard="$(scripts/build-release.sh)"
exec python3 scripts/bench/signature_bench.py --runs "${1:-20}" --wizard "$wizard"
