#!/usr/bin/env bash
# Builds the Debian package staff install with one command, and prints its path:
#
#   scripts/build-deb.sh [--binary PATH] [FOLDER]        (FOLDER defaults to out/)
#   sudo apt install ./out/dmf-wizard_0.3.0_amd64.deb
#
# The binary is the release build from scripts/build-release.sh (or PATH, already built),
# stripped. Its debug symbols go beside the package as dmf-wizard_VERSION_ARCH.debug, for
# reading crash reports; the installed binary names that file (a GNU debuglink), so gdb finds
# it when it is put next to the binary or in /usr/lib/debug.
#
# The package's version is what the binary's --version prints first (AppInfo.version, the one
# place it is written), and must be the newest entry of packaging/changelog. Depends is worked
# out by dpkg-shlibdeps from the libraries the binary links, plus the three it loads itself, which
# dpkg-shlibdeps cannot see: libpq5, when a register is on PostgreSQL, libssl3 (OpenSSL's
# libcrypto), when something is hashed, named as this system names it (newer releases call it
# libssl3t64), and libsodium23, when an Ed25519 signature is checked. Needs dpkg-dev and binutils.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
umask 022

bin=""
if [[ "${1:-}" == --binary ]]; then
    bin="${2:?build-deb: --binary needs a path}"
    shift 2
fi
out="${1:-out}"
command -v dpkg-shlibdeps >/dev/null || { echo "build-deb: needs dpkg-shlibdeps (apt-get install dpkg-dev)" >&2; exit 1; }
command -v objcopy >/dev/null || { echo "build-deb: needs objcopy (apt-get install binutils)" >&2; exit 1; }
[[ -n "$bin" ]] || bin="$(scripts/build-release.sh)"

version="$("$bin" --version | cut -d' ' -f1)"
logged="$(dpkg-parsechangelog -l packaging/changelog -S Version)"
if [[ "$version" != "$logged" ]]; then
    echo "build-deb: the binary is version $version but packaging/changelog's newest entry is $logged;" \
        "add an entry for $version" >&2
    exit 1
fi
arch="$(dpkg --print-architecture)"
name="dmf-wizard_${version}_${arch}"
# Every file in the package carries the changelog's date, so the same sources make the same package.
SOURCE_DATE_EPOCH="$(dpkg-parsechangelog -l packaging/changelog -S Timestamp)"
export SOURCE_DATE_EPOCH

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
root="$stage/$name"
mkdir -p "$out"

# The program, stripped, naming its separate debug symbols.
install -d "$root/usr/bin"
objcopy --only-keep-debug "$bin" "$stage/$name.debug"
objcopy --strip-all --remove-section=.comment --add-gnu-debuglink="$stage/$name.debug" "$bin" "$root/usr/bin/dmf-wizard"
chmod 0755 "$root/usr/bin/dmf-wizard"

# Where the binary looks for its assets: <executable dir>/../share/dmf-wizard/assets.
install -d "$root/usr/share/dmf-wizard"
cp -R assets "$root/usr/share/dmf-wizard/assets"

install -d "$root/usr/share/man/man1"
gzip -9n < docs/man/dmf-wizard.1 > "$root/usr/share/man/man1/dmf-wizard.1.gz"

# bash sources its completions, so the file's #! line means nothing there.
install -d "$root/usr/share/bash-completion/completions"
sed '1{/^#!/d}' docs/completions/dmf-wizard.bash > "$root/usr/share/bash-completion/completions/dmf-wizard"
install -D -m 0644 docs/completions/dmf-wizard.zsh "$root/usr/share/zsh/vendor-completions/_dmf-wizard"
install -D -m 0644 docs/completions/dmf-wizard.fish "$root/usr/share/fish/vendor_completions.d/dmf-wizard.fish"

doc="$root/usr/share/doc/dmf-wizard"
install -D -m 0644 packaging/copyright "$doc/copyright"
gzip -9n < packaging/changelog > "$doc/changelog.gz"
install -D -m 0644 examples/*.yaml -t "$doc/examples"
install -D -m 0644 packaging/lintian-overrides "$root/usr/share/lintian/overrides/dmf-wizard"

find "$root" -type d -exec chmod 0755 {} +
find "$root" -type f ! -path "$root/usr/bin/*" -exec chmod 0644 {} +

# The libraries the binary links, as package names with the versions their symbols need (the
# three it loads with dlopen are added by hand below).
install -d "$root/DEBIAN" "$stage/debian"
printf 'Source: dmf-wizard\n\nPackage: dmf-wizard\nArchitecture: any\n' > "$stage/debian/control"
linked="$(cd "$stage" && dpkg-shlibdeps -O "$root/usr/bin/dmf-wizard" | sed -n 's/^shlibs:Depends=//p')"
[[ -n "$linked" ]] || { echo "build-deb: dpkg-shlibdeps found no libraries" >&2; exit 1; }
# Packed relative relocations (scripts/build-release.sh) need the loader of glibc 2.36 or later;
# the binary names that requirement (GLIBC_ABI_DT_RELR), but dpkg-shlibdeps does not count it.
if readelf -V "$root/usr/bin/dmf-wizard" | grep -q GLIBC_ABI_DT_RELR; then
    needed="$(sed -nE 's/.*libc6 \(>= ([^)]+)\).*/\1/p' <<< "$linked")"
    if [[ -z "$needed" ]]; then
        linked="libc6 (>= 2.36), $linked"
    elif dpkg --compare-versions "$needed" lt 2.36; then
        linked="${linked/libc6 (>= $needed)/libc6 (>= 2.36)}"
    fi
fi
# The package that holds libcrypto.so.3 here: libssl3, or libssl3t64 where it was renamed.
libssl="$(dpkg-query -S '*/libcrypto.so.3' 2>/dev/null | sed -n "s/^\([^:]*\):$arch: .*/\1/p" | head -1)"
[[ -n "$libssl" ]] || { echo "build-deb: no package holds libcrypto.so.3 (apt-get install libssl-dev)" >&2; exit 1; }

(cd "$root" && find usr -type f -print0 | sort -z | xargs -0 md5sum) > "$root/DEBIAN/md5sums"
chmod 0644 "$root/DEBIAN/md5sums"
size="$(du -sk --apparent-size "$root/usr" | cut -f1)"
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@INSTALLED_SIZE@/$size/" \
    -e "s/@DEPENDS@/$linked, libpq5, $libssl, libsodium23/" packaging/control > "$root/DEBIAN/control"

dpkg-deb --build --root-owner-group "$root" "$out/$name.deb" >/dev/null
mv "$stage/$name.debug" "$out/$name.debug"
echo "$out/$name.deb"
