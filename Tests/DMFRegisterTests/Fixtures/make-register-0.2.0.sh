#!/bin/sh
# Makes register-0.2.0.sqlite: a SQLite register written by dmf-wizard 0.2.0 (the release before
# the register's columns were listed once), and what that release printed from it. The tests
# read it with the current code: it must still check intact and read the same, so a change to
# the tables, the rows or the hashed form that would break registers already in use is caught.
#
#   Tests/DMFRegisterTests/Fixtures/make-register-0.2.0.sh DMF-WIZARD-0.2.0-BINARY [POSTGRES_URL]
#
# With POSTGRES_URL (a server's address, as DMF_TEST_POSTGRES_URL gives it; needs psql and
# pg_dump) it makes the same register on PostgreSQL and keeps it as register-0.2.0.postgres.sql
# (pg_dump's plain SQL, without owners or privileges), after checking that 0.2.0 prints the same
# from both stores.
#
# It was made once with the debug build of commit abc62bd; made again by a later release it
# would differ, so it is kept as it was. Every time is fixed (SOURCE_DATE_EPOCH), so the same
# binary makes the same file.
set -eu
binary=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
export XDG_DATA_HOME="$work/data" DMF_REGISTER_URL="" TERM=dumb
postgres=${2:-}
if [ -n "$postgres" ]; then
  database=dmf_fixture_0_2_0
  psql -qAt "$postgres" -c "DROP DATABASE IF EXISTS $database" -c "CREATE DATABASE $database"
  register=$(printf '%s' "$postgres" | sed -E "s|/[^/?]*(\?.*)?\$|/$database\1|")
else
  register="$work/register.sqlite"
fi
scenarios="$root/Tests/DMFPolicyTests/Scenarios"

# The time of each step: 2026-11-29T02:14:10Z plus whole hours.
at() { SOURCE_DATE_EPOCH=$((1795918450 + $1 * 3600)); export SOURCE_DATE_EPOCH; }
dmf() { "$binary" "$@" --register "$register"; }
recorded() { sed -n 's/^Recorded in the register as \(DMF-[0-9]*-[0-9A-Z]*\)\.$/\1/p'; }

at 0
same=$(dmf fill "$scenarios/01-same-domain-copy.yaml" --output 01.md --record | recorded)
nightly=$(dmf fill "$scenarios/02-nightly-disc-quantum.yaml" --output 02.md --record | recorded)
at 1
ogd=$(dmf fill "$scenarios/03-ogd-approved-tool.yaml" --output 03.md --record | recorded)
supplier=$(dmf fill "$scenarios/05-supplier-no-nda.yaml" --output 05.md --record | recorded)
blocked=$(dmf fill "$scenarios/06-unassured-saas.yaml" --output 06.md --record | recorded)
refer=$(dmf fill "$scenarios/08-legacy-restricted.yaml" --output 08.md --record | recorded)
at 2
laptop=$(dmf fill "$scenarios/12-laptop-disposal.yaml" --output 12.md --record | recorded)
# Recorded later, as the message printed when the register was away says.
SOURCE_DATE_EPOCH=1795925650 "$binary" fill "$root/examples/ogd-share.yaml" --output example.md >/dev/null
example=DMF-20261129-2T2Z
dmf register add "$root/examples/ogd-share.yaml" --reference "$example" --document example.md

printf 'id,name\n1,A\n2,B\n' >extract.csv
mkdir send && printf 'case,outcome\n7,closed\n' >send/cases.csv
at 3
dmf register sent "$same" --by "Sam Integration" extract.csv
dmf register authorise "$nightly" --by "Iris IAO" --date 2026-11-29 --reason "nightly feed agreed"
dmf register sent "$nightly" --by "Sam Integration" extract.csv
at 4
dmf register authorise "$ogd" --by "Iris IAO" --reason "$(printf 'line one\nline two with a back\\slash and café')"
dmf register sent "$ogd" --by "Priya Caseworker" --date 30/11/2026 extract.csv
dmf register received "$ogd" --by "Rita Recipient" --date 2026-12-01 extract.csv
dmf register deleted "$ogd" --copy all --by "Rita Recipient" --date 2026-12-02
dmf register refuse "$supplier" --by "Iris IAO" --reason "no NDA with the supplier"
at 5
dmf register authorise "$laptop" --by "Iris IAO"
dmf register sent "$laptop" --by "Ash Estates" extract.csv
dmf register received "$laptop" --by "Disposal Ltd" extract.csv
dmf register deleted "$laptop" --copy sender --by "Ash Estates"
dmf register reviewed "$nightly" --by "Iris IAO" --date 2026-11-30 --next-review 2027-06-30
at 6
dmf register authorise "$example" --by "Iris IAO" --reason "for the pilot"
dmf seal "$example" send/cases.csv --by "Priya Caseworker"
dmf verify "send/$example.manifest.json" --by "Rita Recipient" >/dev/null
: "$blocked" "$refer"

# What 0.2.0 printed from it, on 2027-07-01 (so deletions and reviews have fallen due).
SOURCE_DATE_EPOCH=1814436000
export SOURCE_DATE_EPOCH
printed() {
  dmf register export --format json >"$1/register-0.2.0.export.json"
  dmf register list --format csv >"$1/register-0.2.0.list.csv"
  dmf register due --format csv >"$1/register-0.2.0.due.csv"
  dmf register check >"$1/register-0.2.0.check.txt"
}
if [ -n "$postgres" ]; then
  mkdir printed && printed printed
  for file in printed/*; do cmp "$file" "$here/$(basename "$file")"; done
  pg_dump --no-owner --no-privileges "$register" >"$here/register-0.2.0.postgres.sql"
  psql -qAt "$postgres" -c "DROP DATABASE $database"
else
  cp "$register" "$here/register-0.2.0.sqlite"
  chmod 0644 "$here/register-0.2.0.sqlite"
  printed "$here"
fi
