#!/usr/bin/env bash
# Remakes scripts/startup-order.txt, the order in which scripts/build-release.sh asks the linker
# to place the program's code and read-only data. First the functions run up to the wizard's
# first screen, then those of the rest of a short session (the start menu, a few keys, quit),
# then those of `--version` and `fill`; after them, the read-only data such a session reads.
# Placed together, the pages a start touches are few (DECISIONS.md, "Where the first screen's
# time goes"). Run it after changes that move much of the start-up path; a stale list costs only
# locality, never correctness (the linker skips names that no longer exist).
#
#   scripts/startup-order.sh [BINARY]    (default: the binary of scripts/build-release.sh)
#
# Needs valgrind and python3. Valgrind counts what ran and what was read, whatever the load of
# the machine: callgrind names the functions, lackey traces every load and store.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
command -v valgrind >/dev/null || { echo "startup-order: needs valgrind (apt-get install valgrind)" >&2; exit 2; }
built="${1:-$(scripts/build-release.sh)}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# valgrind cannot read the toolchain's DWARF 5; the symbol table is all it needs here.
objcopy --strip-debug "$built" "$work/dmf-wizard"
callgrind=(valgrind --tool=callgrind --demangle=no --compress-strings=no)
# As a person runs it: no SOURCE_DATE_EPOCH (the clock would be another), no drafts, no register.
export XDG_STATE_HOME="$work/state" XDG_DATA_HOME="$work/data"
unset DMF_REGISTER_URL SOURCE_DATE_EPOCH

# The wizard in a pseudo-terminal under a valgrind tool: the start screen, a few keys, q. With
# a trace file, valgrind's log goes through a pipe and the 64-byte lines of the binary that were
# loaded or stored are kept (the binary's load address is read from the process's map).
cat > "$work/session.py" <<'PY'
import os, re, select, subprocess, sys, threading, time
trace, binary, argv = sys.argv[1], sys.argv[2], sys.argv[3:]
lines, base = set(), None
if trace != "-":
    log_read, log_write = os.pipe()
    argv = argv[:1] + [f"--log-fd={log_write}"] + argv[1:]
    def collect():
        with os.fdopen(log_read, errors="replace") as log:
            for line in log:  # lackey: " L 04a2b3c0,8" (load), " S" store, " M" modify
                if line[:1] == " " and line[1:2] in ("L", "S", "M"):
                    lines.add(int(line[3:line.index(",")], 16) >> 6)
    reader = threading.Thread(target=collect)
    reader.start()
master, slave = os.openpty()
env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8")
child = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True,
                         pass_fds=(log_write,) if trace != "-" else ())
os.close(slave)
if trace != "-":
    os.close(log_write)
seen, deadline = b"", time.time() + 300
def pump(seconds):
    global seen
    end = time.time() + seconds
    while (left := end - time.time()) > 0:
        if select.select([master], [], [], left)[0]:
            try: seen += os.read(master, 65536)
            except OSError: return
while b"Quit" not in seen and time.time() < deadline: pump(0.5)
if b"Quit" not in seen: child.kill(); sys.exit("startup-order: the wizard's start screen never came")
with open(f"/proc/{child.pid}/maps") as maps:
    for entry in maps:
        fields = entry.split()
        if len(fields) >= 6 and fields[5] == binary:
            start, offset = int(fields[0].split("-")[0], 16), int(fields[2], 16)
            base = start - offset if base is None else min(base, start - offset)
pump(2)
for key in [b"\x1bOB"] * 4 + [b"\x1bOA"] * 4:  # down and up, as the benchmark presses them
    os.write(master, key); pump(0.5)
os.write(master, b"q")
while child.poll() is None: pump(0.5)
if trace != "-":
    reader.join()
    if base is None: sys.exit("startup-order: the binary's load address was not found")
    with open(trace, "w") as out:
        out.write("\n".join(str((line << 6) - base) for line in sorted(lines) if line << 6 >= base))
PY

# Functions: the profile is cut at the first doupdate, when the first frame is on the terminal.
python3 "$work/session.py" - "$work/dmf-wizard" \
    "${callgrind[@]}" --dump-before=doupdate --callgrind-out-file="$work/screen" "$work/dmf-wizard"
"${callgrind[@]}" --callgrind-out-file="$work/version" "$work/dmf-wizard" --version >/dev/null 2>&1
n=0
for args in "" "--format json" "--format html" "--output-dir $work --force"; do
    n=$((n + 1))
    # shellcheck disable=SC2086 # the options are words
    "${callgrind[@]}" --callgrind-out-file="$work/fill$n" "$work/dmf-wizard" fill examples/ogd-share.yaml $args \
        >/dev/null 2>&1
done
# Read-only data: what the same session reads.
python3 "$work/session.py" "$work/read" "$work/dmf-wizard" \
    valgrind --tool=lackey --trace-mem=yes "$work/dmf-wizard"

# The binary's functions in the order the profiles name them (callgrind lists a function when it
# first costs something), first screen first; then the data symbols in .rodata the session read.
# A name defined in several files (a file's private helpers) brings every copy along: it is
# listed only while all of them together are small.
python3 - "$work/dmf-wizard" "$work/read" "$work"/screen* "$work/version" "$work"/fill* \
    > scripts/startup-order.txt <<'PY'
import bisect, collections, re, subprocess, sys
binary, read, profiles = sys.argv[1], sys.argv[2], sys.argv[3:]
# callgrind names the parts of a run screen.1, screen.2, ... and what is left after them screen.
part = lambda path: int(m.group(1)) if (m := re.search(r"screen\.(\d+)$", path)) else 1 << 30
profiles.sort(key=lambda path: (0, part(path)) if "/screen" in path else (1, 0))
sections = subprocess.run(["readelf", "-SW", binary], capture_output=True, text=True, check=True).stdout
rodata = re.search(r"\] \.rodata\s+\S+\s+([0-9a-f]+)\s+[0-9a-f]+\s+([0-9a-f]+)", sections)
rodata = range(int(rodata.group(1), 16), int(rodata.group(1), 16) + int(rodata.group(2), 16))
size, copies, data = collections.Counter(), collections.Counter(), []
nm = ["nm", "--defined-only", "--print-size", binary]
for line in subprocess.run(nm, capture_output=True, text=True, check=True).stdout.splitlines():
    parts = line.split()
    if len(parts) == 4:
        size[parts[3]] += int(parts[1], 16)
        copies[parts[3]] += 1
        if parts[2] in "rRdD" and int(parts[0], 16) in rodata:
            data.append((int(parts[0], 16), int(parts[1], 16), parts[3]))
listed = lambda name: copies[name] == 1 or 0 < size[name] <= 16384
# The entry point, which callgrind calls "(below main)", and the C runtime's start-up code
# (one section with frame_dummy) start the list.
print("_start\nframe_dummy")
seen = {"_start", "frame_dummy"}
for path in profiles:
    for line in open(path, errors="replace"):
        if (match := re.match(r"fn=(?:\(\d+\) )?(.+)$", line.rstrip("\n"))):
            name = match.group(1)
            if name in size and listed(name) and name not in seen:
                seen.add(name)
                print(name)
data.sort()
starts = [address for address, _, _ in data]
for address in map(int, open(read).read().split()):
    if address not in rodata:
        continue
    index = bisect.bisect_right(starts, address + 63) - 1
    while index >= 0 and data[index][0] + max(data[index][1], 1) > address:
        name = data[index][2]
        if listed(name) and name not in seen:
            seen.add(name)
            print(name)
        index -= 1
PY
echo "startup-order: $(wc -l < scripts/startup-order.txt) names in scripts/startup-order.txt" >&2
