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
# How it is linked is chosen for what every start pays (DECISIONS.md, "Where the first screen's
# time goes"); scripts/startup-order.sh remakes the start-up order file named below.
#
# The flags rebuild every module, so it has its own scratch folder (.build-release, ignored by
# git), seeded from .build when there is one so that it needs no network.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [[ ! -d .build-release && -d .build/checkouts ]]; then
    mkdir -p .build-release
    cp -R .build/checkouts .build/repositories .build/workspace-state.json .build-release/ 2>/dev/null || true
fi

# libstdc++ linked in (the Swift runtime is C++): the loader otherwise looks up 1,700 of its
# symbols at every start. The folder holds only the static archive, so `-lstdc++` finds it
# before the shared library. libstdc++-dev, which the Swift toolchain needs, ships it.
static_cxx=.build-release/static-libstdc++
archive="$(clang -print-file-name=libstdc++.a 2>/dev/null || true)"
[[ "$archive" == /* && -f "$archive" ]] ||
    { echo "build-release: no libstdc++.a (apt-get install libstdc++-12-dev)" >&2; exit 1; }
mkdir -p "$static_cxx"
ln -sf "$archive" "$static_cxx/libstdc++.a"

# SwiftPM does not know the order file is an input: a copy named by its content changes the link
# command, and so relinks, whenever the list changes.
order=".build-release/startup-order-$(sha256sum scripts/startup-order.txt | cut -c1-16).txt"
[[ -f "$order" ]] || cp scripts/startup-order.txt "$order"

flags=(-c release --static-swift-stdlib --disable-local-rpath --scratch-path .build-release
    # Every function and datum in its own section, so the linker can drop what nothing uses and
    # place the start-up code together.
    -Xswiftc -Xfrontend -Xswiftc -function-sections -Xcc -ffunction-sections -Xcc -fdata-sections
    # No merging of identical functions: it leaves nameless thunks that an order file cannot
    # name, each a page fault of its own at start; the code is no larger without it.
    -Xswiftc -Xfrontend -Xswiftc -disable-llvm-merge-functions-pass
    # The toolchain's lld: it packs relative relocations and orders sections by symbol.
    -Xswiftc -use-ld=lld
    -Xswiftc -L"$PWD/$static_cxx" -Xswiftc -Xclang-linker -Xswiftc -static-libgcc
    # No $ORIGIN run path: the binary ships no libraries of its own, and with one the loader
    # would first look for every system library in the binary's own folder (18 failed opens
    # each, at every start, and a way to slip a library in beside /usr/bin).
    # Symbols bound at load (-z now), so the relocation table can be read-only (full RELRO).
    -Xlinker -z -Xlinker now
    # Relative relocations packed (DT_RELR, glibc 2.36): 2.2 MB of table become 18 KB, which
    # the loader no longer reads at every start.
    -Xlinker -z -Xlinker pack-relative-relocs
    # The toolchain exports every symbol of the program's own modules (for backtraces by name);
    # the installed binary is stripped anyway, exported symbols cannot be dropped as unused,
    # and the 15,000 of them made 1.2 MB of symbol tables that every start read.
    -Xlinker --no-export-dynamic
    # The code a start runs and the read-only data it reads, next to each other
    # (scripts/startup-order.txt): the pages a start touches are then few, and so are its page
    # faults and its resident memory.
    -Xlinker --symbol-ordering-file="$PWD/$order" -Xlinker --no-warn-symbol-ordering)
# The compiler skips code generation when a module's code is unchanged, even if the code
# generation flags changed (such as -function-sections), so objects built with other flags go.
# (The order file is the linker's alone.)
stamp=.build-release/flags
wanted="${flags[*]/--symbol-ordering-file=*/}"
if [[ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]]; then
    rm -rf .build-release/x86_64-unknown-linux-gnu .build-release/release
    printf '%s' "$wanted" > "$stamp"
fi
# The linker's note that Foundation's static library uses mktemp is expected; real errors show.
set +e
swift build "${flags[@]}" --product dmf-wizard 2>&1 | grep -v -e "use of \`mktemp' is dangerous" >&2
status=${PIPESTATUS[0]}
set -e
[[ $status == 0 ]] || { echo "build-release: swift build failed" >&2; exit 1; }
bin="$(swift build "${flags[@]}" --show-bin-path)/dmf-wizard"
[[ -x "$bin" ]] || { echo "build-release: no binary at $bin" >&2; exit 1; }
echo "$bin"
