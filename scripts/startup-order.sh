#!/usr/bin/env bash
# Remakes scripts/startup-order.txt, the order in which scripts/build-release.sh asks the linker
# to place functions: first those run up to the wizard's first screen, then those of the rest of
# a short session (the start menu, a few keys, quit), then `--version` and `fill`. Placed
# together, the pages a start touches are few (DECISIONS.md, "Where the first screen's time
# goes"). Run it after changes that move much of the start-up path; a stale list costs only
# locality, never correctness (the linker skips names that no longer exist).
#
#   scripts/startup-order.sh [BINARY]    (default: the binary of scripts/build-release.sh)
#
# Needs valgrind (callgrind: which functions ran, whatever the machine's load) and python3.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
command -v valgrind >/dev/null || { echo "startup-order: needs valgrind (apt-get install valgrind)" >&2; exit 2; }
built="${1:-$(scripts/build-release.sh)}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# valgrind cannot read the toolchain's DWARF 5; the symbol table is all it needs here.
objcopy --strip-debug "$built" "$work/dmf-wizard"
callgrind=(valgrind --tool=callgrind --demangle=no --compress-strings=no)
export SOURCE_DATE_EPOCH=1795918450 XDG_STATE_HOME="$work/state" XDG_DATA_HOME="$work/data"
unset DMF_REGISTER_URL

# The wizard in a pseudo-terminal: the profile is cut at the first doupdate (the first frame is
# on the terminal), then the start menu gets a few keys and q.
python3 - "$work" "${callgrind[@]}" --dump-before=doupdate --callgrind-out-file="$work/screen" \
    "$work/dmf-wizard" <<'PY'
import os, select, signal, subprocess, sys, time
work, argv = sys.argv[1], sys.argv[2:]
master, slave = os.openpty()
env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8")
child = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
os.close(slave)
seen, deadline = b"", time.time() + 120
def pump(seconds):
    global seen
    end = time.time() + seconds
    while (left := end - time.time()) > 0:
        if select.select([master], [], [], left)[0]:
            try: seen += os.read(master, 65536)
            except OSError: return
while b"Quit" not in seen and time.time() < deadline: pump(0.5)
if b"Quit" not in seen: child.kill(); sys.exit("startup-order: the wizard's start screen never came")
pump(2)
for key in [b"\x1bOB"] * 4 + [b"\x1bOA"] * 4:  # down and up, as the benchmark presses them
    os.write(master, key); pump(0.5)
os.write(master, b"q")
while child.poll() is None: pump(0.5)
PY

"${callgrind[@]}" --callgrind-out-file="$work/version" "$work/dmf-wizard" --version >/dev/null 2>&1
n=0
for args in "" "--format json" "--format html" "--output-dir $work --force"; do
    n=$((n + 1))
    # shellcheck disable=SC2086 # the options are words
    "${callgrind[@]}" --callgrind-out-file="$work/fill$n" "$work/dmf-wizard" fill examples/ogd-share.yaml $args \
        >/dev/null 2>&1
done

# The binary's functions in the order the profiles name them (callgrind lists a function when it
# first costs something), first screen first. A name defined in several files (a file's private
# helpers, the compiler's merged thunks) brings every copy along: it is listed only while all of
# them together are small.
python3 - "$work/dmf-wizard" "$work"/screen* "$work/version" "$work"/fill* \
    > scripts/startup-order.txt <<'PY'
import collections, re, subprocess, sys
binary, profiles = sys.argv[1], sys.argv[2:]
# callgrind names the parts of a run screen.1, screen.2, ... and what is left after them screen.
part = lambda path: int(m.group(1)) if (m := re.search(r"screen\.(\d+)$", path)) else 1 << 30
profiles.sort(key=lambda path: (0, part(path)) if "/screen" in path else (1, 0))
size, copies = collections.Counter(), collections.Counter()
nm = ["nm", "--defined-only", "--print-size", binary]
for line in subprocess.run(nm, capture_output=True, text=True, check=True).stdout.splitlines():
    parts = line.split()
    if len(parts) == 4 and parts[2] in "tTwW":
        size[parts[3]] += int(parts[1], 16)
        copies[parts[3]] += 1
seen = set()
for path in profiles:
    for line in open(path, errors="replace"):
        if (match := re.match(r"fn=(?:\(\d+\) )?(.+)$", line.rstrip("\n"))):
            name = match.group(1)
            if (copies[name] == 1 or 0 < size[name] <= 16384) and name not in seen:
                seen.add(name)
                print(name)
PY
echo "startup-order: $(wc -l < scripts/startup-order.txt) functions in scripts/startup-order.txt" >&2
