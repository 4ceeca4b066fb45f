#!/usr/bin/env bash
# Benchmarks `dmf-wizard fill` and the policy engine. Not a test: prints a table to read.
#
#   scripts/bench-fill.sh [--runs N] [--no-static] [--exhaustive] [--full-stride K]
#
# 1. Builds release (`swift build -c release`) and, unless --no-static, the release binary of
#    scripts/build-release.sh, with the Swift runtime linked in (in .build-release; the first
#    build compiles everything, a minute or two on 2 cores), stripped as the package installs it.
# 2. Times `fill` per answers file over N runs (default 30) after one warm-up, including process
#    start: wall time of spawning the binary until it exits, output to /dev/null. Median and p95.
#    `--version` is timed too, as the floor for starting the binary at all.
# 3. Compiles scripts/bench-engine.swift with `swiftc -O` against the release DMFPolicy module and
#    object files, and times PolicyEngine.evaluate over every combination of the choice answers
#    (see that file for the spaces). No network; needs swift, python3 and a C toolchain only.
#
# Targets: fill <= 20 ms including process start; every combination < 2 s. The decision table
# (`dmf-wizard table`, every combination that changes the outcome; see DECISIONS.md) is timed
# as a whole command. The brute-force spaces below are far larger than the table and show the
# engine's raw rate. Figures measured here are in the README.
set -euo pipefail

runs=30
static=1
full_stride=997
exhaustive=0
while [[ $# -gt 0 ]]; do
    case "$1" in
        --runs) runs="$2"; shift 2 ;;
        --no-static) static=0; shift ;;
        --full-stride) full_stride="$2"; shift 2 ;;
        --exhaustive) exhaustive=1; shift ;;
        -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
        *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
    esac
done

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
work="$(mktemp -d "${TMPDIR:-/tmp}/dmf-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT

say() { printf '\n== %s\n' "$*" >&2; }
seconds_since() { python3 -c "import time,sys; print(f'{time.time()-float(sys.argv[1]):.1f}')" "$1"; }

# ---------------------------------------------------------------- build
say "swift build -c release"
t0=$(python3 -c 'import time; print(time.time())')
swift build -c release --product dmf-wizard >&2
dynamic_build_s=$(seconds_since "$t0")
bin_dir="$(swift build -c release --show-bin-path)"
dynamic="$work/dmf-wizard-dynamic"
cp "$bin_dir/dmf-wizard" "$dynamic"

# The release binary people install (scripts/build-release.sh, its own scratch path).
static_bin=""
static_build_s="-"
if [[ $static == 1 ]]; then
    say "scripts/build-release.sh (Swift runtime linked in)"
    t0=$(python3 -c 'import time; print(time.time())')
    if built="$(scripts/build-release.sh)"; then
        static_build_s=$(seconds_since "$t0")
        # Stripped as the package strips it (scripts/build-deb.sh): the binary staff run.
        static_bin="$work/dmf-wizard-static"
        objcopy --strip-all --remove-section=.comment "$built" "$static_bin"
    else
        echo "static build failed; continuing with the dynamic binary only" >&2
    fi
fi

# ---------------------------------------------------------------- answers files
cp examples/ogd-share.yaml "$work/ogd-share.yaml"
cat > "$work/same-system.yaml" <<'YAML'
format: 1
transfer: {kind: share, frequency: one-off, purpose: "Team rota"}
requester: {name: "A. Person"}
data: {description: "Rota", classification: official, personal_data: no, bulk: no}
route: {type: same-system, source_system: DOM1}
recipients:
  - {name: "B. Colleague", mailbox: personal, authorised: yes, clearance: bpss}
method: within-system
retention: {period: "until the end of the month"}
YAML
cat > "$work/third-party.yaml" <<'YAML'
format: 1
transfer: {kind: move, frequency: recurring, purpose: "Quarterly payroll reconciliation"}
requester: {name: "D. Sender", team: "Finance Shared Services"}
data: {description: "Payroll extract", classification: not-sure, legacy_marking: none, personal_data: yes, records: 1200}
route: {type: third-party, source_system: DOM1, destination_organisation: "Acme Payroll Ltd",
        destination_system: "Acme Cloud", destination_accreditation: not-sure}
recipients:
  - {name: "E. Contractor", organisation: "Acme Payroll Ltd", mailbox: personal, authorised: yes, clearance: bpss}
  - {name: "F. Newstarter", organisation: "Acme Payroll Ltd", mailbox: shared, authorised: not-sure, clearance: not-sure}
method: secure-file-transfer
retention: {period: "until sign-off"}
third_party: {contract: yes, nda: not-sure, security_aspects_letter: not-sure, code_of_connection: not-needed}
authorisation: {iao_name: "G. Owner", iao_decision: pending}
helpdesk: {caller_name: "D. Sender", call_reference: "HD-0042", agent_name: "H. Helper"}
YAML

# ---------------------------------------------------------------- fill timing
say "timing fill: $runs runs per row after one warm-up"
python3 - "$runs" "$work" "$dynamic" "$static_bin" <<'PY'
import os, statistics, subprocess, sys, time
runs, work, dynamic, static = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
env = dict(os.environ, SOURCE_DATE_EPOCH="1795918450")
env.pop("TERM", None)
binaries = [("dynamic", dynamic)] + ([("static", static)] if static else [])
cases = [("--version", ["--version"])]
for name in ("ogd-share.yaml", "same-system.yaml", "third-party.yaml"):
    cases.append((f"fill {name}", ["fill", os.path.join(work, name)]))
cases.append(("fill ogd-share.yaml -f json", ["fill", os.path.join(work, "ogd-share.yaml"), "--format", "json"]))
cases.append(("fill ogd-share.yaml -f html", ["fill", os.path.join(work, "ogd-share.yaml"), "--format", "html"]))
cases.append(("fill ogd-share.yaml --output-dir", ["fill", os.path.join(work, "ogd-share.yaml"), "--output-dir", work, "--force"]))
# The decision table policy owners sign off: every row decided by the engine, printed as CSV.
cases.append(("table --format csv (decision table)", ["table", "--format", "csv"]))

def measure(binary, args):
    times = []
    for i in range(runs + 1):
        start = time.perf_counter()
        done = subprocess.run([binary] + args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              stdin=subprocess.DEVNULL, env=env)
        elapsed = (time.perf_counter() - start) * 1000
        if done.returncode != 0:
            sys.exit(f"{binary} {' '.join(args)} exited {done.returncode}: {done.stderr.decode()}")
        if i: times.append(elapsed)
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    return statistics.median(times), p95, times[0]

size = lambda p: os.path.getsize(p) / 1e6
print(f"\nfill wall time, ms, including process start ({runs} runs; target <= 20 ms)")
print(f"{'binary':8} {'case':36} {'median':>7} {'p95':>7} {'min':>7}")
for label, binary in binaries:
    for case, args in cases:
        median, p95, low = measure(binary, args)
        print(f"{label:8} {case:36} {median:7.1f} {p95:7.1f} {low:7.1f}")
print()
for label, binary in binaries:
    ldd = subprocess.run(["ldd", binary], capture_output=True, text=True)
    libraries = "no shared libraries" if ldd.returncode else f"{len(ldd.stdout.splitlines())} shared libraries"
    print(f"{label} binary: {size(binary):.1f} MB; {libraries}")
PY
echo "release build: ${dynamic_build_s} s; static release build: ${static_build_s} s (wall, incremental if already built)"

# ---------------------------------------------------------------- engine
say "compiling scripts/bench-engine.swift against the release DMFPolicy module"
modules="$bin_dir/Modules"
[[ -d "$modules" ]] || modules="$bin_dir"
objects=("$bin_dir"/DMFPolicy.build/*.o)
swiftc -O -I "$modules" scripts/bench-engine.swift "${objects[@]}" -o "$work/bench-engine" >&2
echo
echo "policy engine: PolicyEngine.evaluate per combination of the choice answers (target: all < 2 s)"
echo "(sampled spaces evaluate every k-th combination and extrapolate; --exhaustive runs core in full)"
if [[ $exhaustive == 1 ]]; then "$work/bench-engine" core; else "$work/bench-engine" core 7; fi
"$work/bench-engine" third-party 13
"$work/bench-engine" full "$full_stride"
