#!/usr/bin/env bash
# What a start of the wizard costs, in figures that hold on a busy machine: instructions
# (valgrind's callgrind), page faults and peak memory, rather than milliseconds. For each binary
# given (default: the release binary of scripts/build-release.sh, stripped as the package strips
# it), one table row:
#
#   size         the file, MB;
#   screen Ir    instructions from exec to the first frame on the terminal (the first doupdate),
#                and the dynamic loader's share of them (_dl_start);
#   faults       page faults up to the first frame plus 100 ms, of `--version` and of `fill`;
#   VmHWM        peak memory once the start screen is up (median of 5), after the binary was
#                dropped from the page cache and read back by one start, as an installed binary
#                is: how the cache holds a file changes how much of it a start maps;
#   --version, fill Ir   instructions of the whole command.
#
#   scripts/bench-startup.sh [BINARY ...]
#
# Compare binaries within one run. Needs valgrind and python3; Linux (/proc, pseudo-terminals).
# DECISIONS.md, "Where the first screen's time goes", has figures and what each change bought.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
command -v valgrind >/dev/null || { echo "bench-startup: needs valgrind (apt-get install valgrind)" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
[[ $# -gt 0 ]] || set -- "$(scripts/build-release.sh)"
binaries=()
for given in "$@"; do
    mkdir -p "$work/${#binaries[@]}"
    copy="$work/${#binaries[@]}/$(basename "$given")"
    objcopy --strip-all --remove-section=.comment "$given" "$copy"
    binaries+=("$copy")
done
cp examples/ogd-share.yaml "$work/answers.yaml"

python3 - "$work" "${binaries[@]}" <<'PY'
import os, re, resource, select, statistics, subprocess, sys, time
work, binaries = sys.argv[1], sys.argv[2:]
env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "DMF_REGISTER_URL")}
env.update(TERM="xterm-256color", LANG="C.UTF-8", XDG_STATE_HOME=f"{work}/state", XDG_DATA_HOME=f"{work}/data")

def start_screen(argv):
    """Starts argv in a pseudo-terminal, waits for the start screen and 100 ms of quiet; returns
    (minor faults, VmHWM in KiB) read then, and quits with q."""
    master, slave = os.openpty()
    child = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
    os.close(slave)
    seen, deadline = b"", time.time() + 300
    while time.time() < deadline:
        ready = select.select([master], [], [], 0.1 if b"Quit" in seen else 1)[0]
        if not ready and b"Quit" in seen:
            break
        if ready:
            try: seen += os.read(master, 65536)
            except OSError: break
        elif child.poll() is not None:
            sys.exit(f"bench-startup: {argv[-1]} ended before its start screen: {seen[-300:]!r}")
    stat = open(f"/proc/{child.pid}/stat").read().rsplit(")", 1)[1].split()
    hwm = int(re.search(r"VmHWM:\s+(\d+)", open(f"/proc/{child.pid}/status").read()).group(1))
    os.write(master, b"q")
    child.wait()
    os.close(master)
    return int(stat[7]), hwm

def faults(argv):
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_minflt
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_minflt - before

def callgrind(argv, *options, screen=False):
    """Instructions of a run, and the dynamic loader's (_dl_start, inclusive)."""
    out = f"{work}/callgrind.out"
    for name in os.listdir(work):
        if name.startswith("callgrind.out"): os.unlink(f"{work}/{name}")
    command = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *options] + argv
    if screen: start_screen(command)
    else: subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    profile = f"{out}.1" if screen else out  # with --dump-before, part 1 ends at the first frame
    total = int(re.search(r"^totals: (\d+)", open(profile).read(), re.M).group(1))
    annotated = subprocess.run(["callgrind_annotate", "--inclusive=yes", profile], capture_output=True, text=True).stdout
    loader = re.search(r"^\s*([\d,]+) .*:_dl_start \[", annotated, re.M)
    return total, int(loader.group(1).replace(",", "")) if loader else 0

def evict(path):
    fd = os.open(path, os.O_RDONLY)
    os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    os.close(fd)

fill = ["fill", f"{work}/answers.yaml"]
print(f"{'binary':24} {'size':>6} {'screen Ir':>10} {'loader':>9} {'faults: screen':>14} {'--version':>9} {'fill':>5}"
      f" {'VmHWM KiB':>9} {'--version Ir':>12} {'fill Ir':>10}")
for binary in binaries:
    subprocess.run(["sync", binary])
    evict(binary)
    start_screen([binary])  # read back by one start
    hwm = statistics.median(start_screen([binary])[1] for _ in range(5))
    screen_faults = statistics.median(start_screen([binary])[0] for _ in range(5))
    version_faults = statistics.median(faults([binary, "--version"]) for _ in range(5))
    fill_faults = statistics.median(faults([binary] + fill) for _ in range(5))
    screen, loader = callgrind([binary], "--dump-before=doupdate", screen=True)
    version, _ = callgrind([binary, "--version"])
    filled, _ = callgrind([binary] + fill)
    print(f"{os.path.basename(binary)[-24:]:24} {os.path.getsize(binary) / 1e6:6.1f} {screen / 1e6:9.2f}M {loader / 1e6:8.2f}M"
          f" {screen_faults:14.0f} {version_faults:9.0f} {fill_faults:5.0f} {hwm:9.0f}"
          f" {version / 1e6:11.2f}M {filled / 1e6:9.2f}M")
PY
