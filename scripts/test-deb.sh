#!/usr/bin/env bash
# Installs a package made by scripts/build-deb.sh, uses it as a member of staff would, checks
# lintian's verdict, then removes it and checks nothing is left behind. Run as root (CI is):
#
#   scripts/test-deb.sh out/dmf-wizard_0.3.0_amd64.deb
#
# Needs apt-get, man-db, bash-completion and lintian (.ci/run installs them).
set -euo pipefail
deb="$(realpath "${1:?usage: scripts/test-deb.sh PACKAGE.deb}")"
[[ "$(id -u)" == 0 ]] || { echo "test-deb: run as root: it installs and removes the package" >&2; exit 1; }
user=dmf-deb-test
fail() { echo "test-deb: $*" >&2; exit 1; }

# Errors and warnings fail; the one override the package carries (packaging/lintian-overrides)
# is explained in DECISIONS.md ("A Debian package").
lintian --allow-root --fail-on error,warning "$deb"

DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" >/dev/null
mapfile -t installed < <(dpkg -L dmf-wizard | grep dmf-wizard)
trap 'userdel -r "$user" 2>/dev/null || true' EXIT
id "$user" >/dev/null 2>&1 || useradd --create-home --shell /bin/bash "$user"
home="$(getent passwd "$user" | cut -d: -f6)"
# As that person, from /, with nothing set but what a login sets.
as_staff() { (cd / && runuser -u "$user" -- env -i HOME="$home" PATH=/usr/bin:/bin LANG=C.UTF-8 "$@"); }

# Output is read whole before it is checked: grep -q would stop reading early.
version="$(as_staff dmf-wizard --version)"
[[ "$version" == "$(dpkg-deb -f "$deb" Version) "* ]] || fail "--version printed '$version', not the package's version"
form="$(as_staff dmf-wizard fill /usr/share/doc/dmf-wizard/examples/ogd-share.yaml)"
[[ "$form" == *"Verdict: PROCEED WITH CONDITIONS"* ]] || fail "fill of the packaged example printed no verdict"
as_staff dmf-wizard fill /usr/share/doc/dmf-wizard/examples/ogd-share.yaml --output-dir "$home/forms" --record >/dev/null \
    || fail "fill --record into the person's own register failed"
[[ -s "$home/.local/share/dmf-wizard/register.sqlite" ]] || fail "no register in the person's data folder"
[[ "$(as_staff dmf-wizard register check)" == *intact* ]] || fail "register check did not say intact"
# The training cases come from /usr/share/dmf-wizard/assets with no variable set.
[[ "$(as_staff dmf-wizard train --list)" == *01-team-folder* ]] || fail "train --list found no cases"
# PostgreSQL's client library is loaded only for a register on PostgreSQL, OpenSSL's libcrypto
# only when something is hashed, libsodium only when an Ed25519 signature is checked; all three
# are in Depends, since the binary does not link them.
linked="$(ldd /usr/bin/dmf-wizard)"
[[ "$linked" == *libpq* ]] && fail "the binary links libpq at start"
[[ "$linked" == *libcrypto* ]] && fail "the binary links libcrypto at start"
[[ "$linked" == *libsodium* ]] && fail "the binary links libsodium at start"
depends="$(dpkg-deb -f "$deb" Depends)"
[[ "$depends" == *libpq5* && "$depends" == *libssl3* && "$depends" == *libsodium23* ]] \
    || fail "Depends lacks libpq5, libssl3 or libsodium23: $depends"

man -w dmf-wizard >/dev/null || fail "man -w dmf-wizard finds no manual page"
words="$(bash -c 'source /usr/share/bash-completion/bash_completion
    _completion_loader dmf-wizard
    COMP_WORDS=(dmf-wizard re); COMP_CWORD=1; COMP_LINE="dmf-wizard re"; COMP_POINT=${#COMP_LINE}
    "$(complete -p dmf-wizard | sed -E "s/.*-F ([^ ]+) .*/\1/")" dmf-wizard re dmf-wizard
    echo "${COMPREPLY[*]}"')"
[[ "$words" == *register* && "$words" == *resume* ]] || fail "bash completion of 're' gave '$words'"

DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq dmf-wizard >/dev/null
for path in "${installed[@]}"; do
    [[ -e "$path" ]] && fail "left behind after removal: $path"
done
dpkg -s dmf-wizard >/dev/null 2>&1 && fail "dpkg still knows the package"
echo "test-deb: installed, used, and removed cleanly: $(basename "$deb")"
