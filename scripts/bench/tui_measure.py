#!/usr/bin/env python3
"""Measures full-screen terminal programs as a person feels them, several side by side.

Each program runs in its own pseudo-terminal (default 80x24, TERM=xterm-256color); its output
goes to a terminal emulator (pyte), so "the screen changed" means what a person would see: text
or attributes (a highlight that moves changes only attributes). One run of a target measures:

  first screen  ms from posix_spawn until the screen matches the target's `ready` regex;
  keys          per press, ms from writing the key's bytes to the screen's first change (median,
                p95); a press ends after settle_ms of quiet, which is not counted;
  resize        ms from TIOCSWINSZ (the kernel sends SIGWINCH) to the last byte of the redraw,
                i.e. the screen changed and then stayed quiet for settle_ms (not counted);
  idle          CPU (utime+stime, /proc/PID/stat) and wake-ups (voluntary context switches of
                every thread) over idle_s seconds after the keys; then peak memory (VmHWM);
  quit          the quit key; a program still running after quit_timeout_s is killed and marked.

Targets take turns in each repetition, so load that comes and goes hits them alike, after one
uncounted warm-up round. A figure shown is the median over repetitions of one run's figure; the
ratio column divides by the --baseline target; --json-out keeps every run.

  scripts/bench/tui_measure.py --suite suite.json --baseline floor --reps 7 --json-out out.json
  scripts/bench/tui_measure.py --ready Quit --keys 'down*4,up*4' --resize -- ./menu

Suite file: {"defaults": {...}, "targets": [{"name", "cmd", "ready", ...}]}, with any key of
DEFAULTS below in "defaults" or in a target; options on the command line win. Keys: up down
left right home end pgup pgdn backspace delete enter tab esc space ctrl-X, or literal text.
Linux only (/proc, ptys). Needs Python 3.11 and the pyte terminal emulator:  pip install pyte
"""
import argparse, curses, fcntl, glob, json, math, os, re, select, signal, statistics, struct, sys, termios, time

try:
    import pyte
except ImportError:
    sys.exit("tui_measure: needs the pyte terminal emulator: pip install pyte")

DEFAULTS = {"size": "80x24", "term": "xterm-256color", "keys": "down*4,up*4", "presses": 48,
            "settle_ms": 100.0, "gap_ms": 100.0, "timeout_s": 5.0, "idle_s": 3.0, "idle_grace_s": 0.5,
            "resize": False, "resize_to": "100x30", "resizes": 2, "quit_key": "q", "quit_timeout_s": 3.0,
            "env": {}}
# Keys whose bytes depend on the terminal come from its terminfo entry: once ncurses has put the
# keypad in application mode, xterm sends ESC O B for down, not ESC [ B.
TERMINFO_KEYS = {"up": "kcuu1", "down": "kcud1", "left": "kcub1", "right": "kcuf1", "home": "khome",
                 "end": "kend", "pgup": "kpp", "pgdn": "knp", "backspace": "kbs", "delete": "kdch1"}
PLAIN_KEYS = {"enter": b"\r", "tab": b"\t", "esc": b"\x1b", "space": b" "}


def key_bytes(name, term):
    if name in TERMINFO_KEYS:
        with open(os.devnull, "w") as null:  # setupterm wants a descriptor, not a terminal
            curses.setupterm(term, null.fileno())
        if not (seq := curses.tigetstr(TERMINFO_KEYS[name])):
            sys.exit(f"tui_measure: terminal {term} has no {name} key")
        return seq
    if re.fullmatch(r"ctrl-[a-z]", name):
        return bytes([ord(name[-1]) - 96])
    return PLAIN_KEYS.get(name, name.encode())


def key_plan(spec, presses, term):
    """'down*4,up*4' and 48 presses: that pattern of 8 keys, six times, as (name, bytes)."""
    pattern = []
    for item in filter(None, (part.strip() for part in spec.split(","))):
        name, _, count = item.partition("*")
        pattern += [(name, key_bytes(name, term))] * int(count or 1)
    return [pattern[i % len(pattern)] for i in range(presses)] if pattern else []


def parse_size(text):
    return tuple(int(n) for n in text.lower().split("x"))  # "80x24": columns, rows


class Session:
    """One program in a pty, its output shown on a pyte screen."""

    def __init__(self, argv, env, cols, rows):
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.lines = [self.line(y) for y in range(rows)]
        self.eof = False
        master, slave = os.openpty()  # neither is inherited by the program (PEP 446)
        self.set_size(slave, cols, rows)  # before the start: the program reads it at once
        # posix_spawn (vfork and exec: this process's memory is not copied) takes a third of the
        # time of fork() from Python, so less of the harness counts in the first screen. A new
        # session that then opens the pty by name has it as controlling terminal, as in a
        # terminal window: that is what makes a resize arrive as SIGWINCH.
        tty = [(os.POSIX_SPAWN_OPEN, 0, os.ttyname(slave), os.O_RDWR, 0),
               (os.POSIX_SPAWN_DUP2, 0, 1), (os.POSIX_SPAWN_DUP2, 0, 2)]
        self.started = time.perf_counter()
        self.pid = os.posix_spawnp(argv[0], argv, env, file_actions=tty, setsid=True,
                                   setsigdef=(signal.SIGPIPE, signal.SIGXFSZ))  # Python ignores them
        os.close(slave)
        self.fd = master

    @staticmethod
    def set_size(fd, cols, rows):
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))

    def line(self, y):
        row = self.screen.buffer[y]
        return tuple(row[x] for x in range(self.screen.columns))  # pyte Chars: text and attributes

    def resize(self, cols, rows):
        self.screen.resize(rows, cols)
        self.lines = [self.line(y) for y in range(rows)]  # changes are counted from here on
        self.screen.dirty.clear()
        self.set_size(self.fd, cols, rows)

    def read(self, deadline, settle=None):
        """Reads output until the deadline or, with settle, until settle s have passed without
        any (after some came). Each chunk is only stamped and kept: the emulator works on it
        later, or a chunk that came while it worked on the one before would be stamped late: a
        screen arrives in dozens of small reads, and pyte takes far longer on each than that."""
        chunks = []
        while not self.eof:
            until = deadline if settle is None or not chunks else min(deadline, chunks[-1][0] + settle)
            if (left := until - time.perf_counter()) <= 0 or not select.select([self.fd], [], [], left)[0]:
                break
            arrived = time.perf_counter()
            try:
                data = os.read(self.fd, 65536)
            except OSError:  # EIO: the program has ended and its side of the pty is closed
                data = b""
            if data:
                chunks.append((arrived, data))
            self.eof = not data
        return chunks

    def show(self, chunks, check):
        """Puts chunks on the screen in order; returns when the first came after which check()
        holds, or None."""
        hit = None
        for arrived, data in chunks:
            self.stream.feed(data)
            if check() and hit is None:
                hit = arrived
        return hit

    def changed(self):
        """True if a line written since the last call now looks different. Only the lines pyte
        marks dirty are compared, so a press costs the harness little."""
        differs = False
        for y in self.screen.dirty:
            if y < len(self.lines):
                new = self.line(y)
                differs |= new != self.lines[y]
                self.lines[y] = new
        self.screen.dirty.clear()
        return differs

    def drain(self, seconds):
        """Keeps showing output for the given time; returns how many reads brought some."""
        chunks = self.read(time.perf_counter() + seconds)
        self.show(chunks, self.changed)
        return len(chunks)

    def wait_ready(self, pattern, settle, timeout):
        """ms from the start to the output that made the screen match. Returns once the program
        has then been quiet for settle s, so that the keys start from a finished screen."""
        shows = lambda: pattern.search("\n".join(self.screen.display)) if self.changed() else None
        end, ready = self.started + timeout, None
        while ready is None and time.perf_counter() < end and not self.eof:
            ready = self.show(self.read(end, settle), shows)
        if ready is None:
            raise RuntimeError(f"never showed {pattern.pattern!r}; the screen:\n" + "\n".join(self.screen.display))
        return (ready - self.started) * 1000

    def wait_redraw(self, since, settle, timeout):
        """(ms to the first change, ms to the last byte before settle s of quiet) from `since`;
        (None, None) if nothing changed within timeout s."""
        end, first, last = since + timeout, None, None
        while first is None and time.perf_counter() < end and not self.eof:
            if chunks := self.read(end, settle):
                first, last = self.show(chunks, self.changed), chunks[-1][0]
        return (None, None) if first is None else ((first - since) * 1000, (last - since) * 1000)

    def quit(self, key, timeout):
        """Sends the quit key; returns (whether it ended by itself within timeout s, exit code)."""
        os.write(self.fd, key)
        end = time.perf_counter() + timeout
        while not (ended := os.waitpid(self.pid, os.WNOHANG))[0] and time.perf_counter() < end:
            self.read(time.perf_counter() + 0.005)  # keep reading: a program blocked writing its last screen never ends
        if not (clean := bool(ended[0])):
            os.kill(self.pid, signal.SIGKILL)
            ended = os.waitpid(self.pid, 0)
        os.close(self.fd)
        return clean, os.waitstatus_to_exitcode(ended[1])


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()  # after the command name, which may hold spaces
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime+stime, all threads


def status_field(pid, field, threads=False):
    """A number from /proc/PID/status, or its sum over the threads (context switches are counted
    per thread, and a Swift program may wait in several)."""
    total = 0
    for path in glob.glob(f"/proc/{pid}/task/*/status") if threads else [f"/proc/{pid}/status"]:
        try:
            with open(path) as f:
                total += int(re.search(rf"^{field}:\s*(\d+)", f.read(), re.M)[1])
        except FileNotFoundError:  # a thread that ended meanwhile
            pass
    return total


def percentile(values, p):
    """Nearest rank: the smallest value with at least p % of them at or below it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)] if ordered else None


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def measure(o):
    """One run of one target (o: its settings); returns its figures."""
    cols, rows = parse_size(o["size"])
    # COLUMNS and LINES would win over the pty's size in ncurses, and resizes would do nothing.
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")} | {"TERM": o["term"]} | o["env"]
    settle, timeout, result = o["settle_ms"] / 1000, o["timeout_s"], {}
    s = Session(o["cmd"], env, cols, rows)
    try:
        result["first_screen_ms"] = s.wait_ready(re.compile(o["ready"]), settle, timeout)
        presses = []
        for _, seq in key_plan(o["keys"], o["presses"], o["term"]):
            sent = time.perf_counter()
            os.write(s.fd, seq)
            presses.append(s.wait_redraw(sent, settle, timeout)[0])
            s.drain(o["gap_ms"] / 1000)
        seen = [p for p in presses if p is not None]
        result |= {"key_median_ms": median(seen), "key_p95_ms": percentile(seen, 95),
                   "keys_unchanged": len(presses) - len(seen), "key_ms": presses}
        if o["resize"]:
            redraws, sizes = [], [parse_size(o["resize_to"]), (cols, rows)]
            for i in range(o["resizes"]):
                sent = time.perf_counter()
                s.resize(*sizes[i % 2])
                redraws.append(s.wait_redraw(sent, settle, timeout)[1])
                s.drain(o["gap_ms"] / 1000)
            result |= {"resize_ms": median(redraws), "resize_each_ms": redraws}
        s.drain(o["idle_grace_s"])  # what a program does just after the last event is not idling
        cpu, wakes = cpu_seconds(s.pid), status_field(s.pid, "voluntary_ctxt_switches", threads=True)
        reads = s.drain(o["idle_s"])
        cpu, wakes = cpu_seconds(s.pid) - cpu, status_field(s.pid, "voluntary_ctxt_switches", threads=True) - wakes
        result |= {"idle_cpu_pct": 100 * cpu / o["idle_s"], "idle_wakeups_per_s": wakes / o["idle_s"],
                   "idle_output_reads": reads, "peak_rss_mib": status_field(s.pid, "VmHWM") / 1024}
    finally:
        sent = time.perf_counter()
        result["quit_ok"], result["exit_code"] = s.quit(key_bytes(o["quit_key"], o["term"]), o["quit_timeout_s"])
        result["quit_ms"] = (time.perf_counter() - sent) * 1000 if result["quit_ok"] else None
    return result


ROWS = [("first_screen_ms", "first screen (ms)", "{:.1f}"), ("key_median_ms", "key to screen, median (ms)", "{:.2f}"),
        ("key_p95_ms", "key to screen, p95 (ms)", "{:.2f}"), ("resize_ms", "resize to redrawn (ms)", "{:.1f}"),
        ("peak_rss_mib", "peak memory, VmHWM (MiB)", "{:.1f}"), ("idle_cpu_pct", "CPU while idle (%)", "{:.2f}"),
        ("idle_wakeups_per_s", "wake-ups while idle (/s)", "{:.1f}"), ("quit_ms", "quit to exit (ms)", "{:.1f}")]


def summarise(name, runs):
    return {"name": name, **{key: median(r.get(key) for r in runs) for key, _, _ in ROWS},
            "keys_unchanged": sum(r["keys_unchanged"] for r in runs), "quit_ok": all(r["quit_ok"] for r in runs)}


def table(summaries, baseline):
    base = next((s for s in summaries if s["name"] == baseline), None)
    others = [s for s in summaries if base and s is not base]
    rows = [["", *(s["name"] for s in summaries), *(f"{s['name']} / {baseline}" for s in others)]]
    for key, label, fmt in ROWS:
        if any(s[key] is not None for s in summaries):
            rows.append([label, *("-" if s[key] is None else fmt.format(s[key]) for s in summaries),
                         *(f"{s[key] / base[key]:.1f}x" if s[key] is not None and base[key] else "-" for s in others)])
    rows.append(["keys that changed nothing", *(str(s["keys_unchanged"]) for s in summaries)])
    rows.append(["quit by its key every run", *("yes" if s["quit_ok"] else "NO" for s in summaries)])
    widths = [max(len(row[i]) for row in rows if i < len(row)) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.rjust(w) if i else cell.ljust(w) for i, (cell, w) in enumerate(zip(row, widths)))
                     for row in rows)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0], epilog="See the top of this file.")
    ap.add_argument("--suite", help="JSON file: defaults and targets")
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--warmup", type=int, default=1, help="rounds run first and not counted (default 1)")
    ap.add_argument("--baseline", help="name of the target the ratio column divides by")
    ap.add_argument("--json-out", help="file for every run's figures and the medians")
    ap.add_argument("--quiet", action="store_true", help="no line per run on stderr")
    ap.add_argument("--ready", help="regex the first screen shows")
    for key, default in DEFAULTS.items():
        if key not in ("env", "resize"):
            ap.add_argument("--" + key.replace("_", "-"), type=type(default))
    ap.add_argument("--resize", action="store_true", default=None)
    ap.add_argument("cmd", nargs="*", help="the program and its arguments, after --, without --suite")
    args = ap.parse_args()
    suite = json.load(open(args.suite)) if args.suite else {"targets": [{"name": os.path.basename(args.cmd[0] if args.cmd else "?"), "cmd": args.cmd}]}
    given = {k: v for k, v in vars(args).items() if (k in DEFAULTS or k == "ready") and v is not None}
    targets = [DEFAULTS | suite.get("defaults", {}) | t | given for t in suite["targets"]]
    if not all(t.get("cmd") and t.get("ready") for t in targets):
        ap.error("every target needs a command and a ready regex")
    runs = {t["name"]: [] for t in targets}
    for rep in range(-args.warmup, args.reps):
        for t in targets:
            try:
                result = measure(t)
            except RuntimeError as error:  # the screen never showed `ready`: nothing else to measure
                sys.exit(f"tui_measure: {t['name']}: {error}")
            if rep >= 0:
                runs[t["name"]].append(result)
            if not args.quiet:
                shown = ", ".join(f"{k} {v:.2f}" for k, v in result.items() if isinstance(v, float))
                print(f"{f'rep {rep + 1}' if rep >= 0 else 'warm-up'} {t['name']}: {shown}", file=sys.stderr)
    summaries = [summarise(name, r) for name, r in runs.items()]
    print(table(summaries, args.baseline))
    if args.json_out:
        with open(args.json_out, "w") as f:
            json.dump({"reps": args.reps, "targets": targets, "summary": summaries, "runs": runs}, f, indent=1)


if __name__ == "__main__":
    main()
