#!/usr/bin/env bash
# Signature speed (README, "Speed"): 100,000 Ed25519 signatures checked natively, and one
# signature made by ssh-keygen, alone and through dmf-wizard's signer, in the same run. A
# release build of the small SignatureSpeed program (it builds only the signature modules).
# Needs ssh-keygen (openssh-client).
#   scripts/bench-signatures.sh
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product SignatureSpeed >/dev/null
exec "$(swift build -c release --show-bin-path)/SignatureSpeed"
