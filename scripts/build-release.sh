#!/usr/bin/env bash
# Builds the release binary people install and the benchmarks measure, and prints its path.
#
#   scripts/build-release.sh
#
# The Swift runtime and Foundation are linked in (`--static-swift-stdlib`), so the machine it
# runs on needs no Swift; the system's C libraries (glibc, ncursesw, SQLite) are its own, linked
# as usual. Not fully static (`-static-executable`) because of two things only a dynamic glibc
# does: looking up directory accounts (sssd, Active Directory) through NSS, and loading libpq
# with dlopen the first time a register on PostgreSQL is opened (and OpenSSL's libcrypto the
# first time something is hashed). libpq's static archive could
# not be linked in instead: it needs Kerberos, LDAP and TLS archives Debian does not ship. See
# DECISIONS.md, "PostgreSQL through libpq".
#
# The flag rebuilds every module, so it has its own scratch folder (.build-release, ignored by
# git), seeded from .build when there is one so that it needs no network.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [[ ! -d .build-release && -d .build/checkouts ]]; then
    mkdir -p .build-release
    cp -R .build/checkouts .build/repositories .build/workspace-state.json .build-release/ 2>/dev/null || true
fi
# No $ORIGIN run path: the binary ships no libraries of its own, and with one the loader would
# first look for every system library in the binary's own folder (18 failed opens each, at every
# start, and a way to slip a library in beside /usr/bin). Symbols bound at load (-z now), so the
# relocation table can be read-only (full RELRO), at a cost of a few hundred C symbols at start.
flags=(-c release --static-swift-stdlib --disable-local-rpath -Xlinker -z -Xlinker now --scratch-path .build-release)
# The linker's note that Foundation's static library uses mktemp is expected; real errors show.
set +e
swift build "${flags[@]}" --product dmf-wizard 2>&1 | grep -v -e "use of \`mktemp' is dangerous" >&2
status=${PIPESTATUS[0]}
set -e
[[ $status == 0 ]] || { echo "build-release: swift build failed" >&2; exit 1; }
bin="$(swift build "${flags[@]}" --show-bin-path)/dmf-wizard"
[[ -x "$bin" ]] || { echo "build-release: no binary at $bin" >&2; exit 1; }
echo "$bin"
