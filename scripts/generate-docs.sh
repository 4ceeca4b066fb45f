#!/usr/bin/env bash
# Regenerates the man page (docs/man/dmf-wizard.1) and the shell completions
# (docs/completions/) from the command definitions, with swift-argument-parser's generators.
# Run after changing a command, option or help text; a test checks the completions are current.
#
#   scripts/generate-docs.sh
#
# The man page comes from the package's generate-manual plugin, which builds the tool in release
# mode first (a few minutes on 2 cores the first time).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
swift build --product dmf-wizard >&2
bin="$(swift build --show-bin-path)/dmf-wizard"
for shell in bash zsh fish; do
    "$bin" --generate-completion-script "$shell" > "docs/completions/dmf-wizard.$shell"
done
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
swift package --allow-writing-to-package-directory generate-manual --output-directory "$out" >&2
cp "$out/dmf-wizard.1" docs/man/dmf-wizard.1
echo "docs/man/dmf-wizard.1 and docs/completions/ regenerated"
