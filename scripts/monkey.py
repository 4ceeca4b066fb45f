#!/usr/bin/env python3
"""Monkey test for the full-screen wizard: random input in private tmux servers.

Each run starts a new tmux server on its own socket, runs the real `dmf-wizard` in it (bare,
--helpdesk, --projector, `resume` of a draft left by an earlier run, or `train`), sends random
keys, typed text (UTF-8, wide characters), pastes, resizes, and ends the run in one of several
ways: q, Ctrl-C, kill -TERM, kill -HUP, kill -9 at a random moment, or closing the tmux session.
Then it checks that nothing broke:

  * no crash: the exit status is the one the ending calls for (0, 1, 128+signal), never a
    crash signal, and no Swift fatal-error text on the screen or on the wizard's stderr;
  * no hang: after the ending the wizard is gone within 5 s;
  * the terminal is restored: `stty -g` after equals before, and the main screen is back
    (skipped after kill -9, and after the session was closed, when there is no terminal left);
  * every draft parses and resumes (`dmf-wizard resume DRAFT --plain < /dev/null`, no TERM,
    must end with "input ended", exit 1), has mode 0600, and no temporary file is left over
    (except right after kill -9, where it is only noted); training leaves no draft;
  * no process of the campaign is left (found by a marker variable in /proc/*/environ).

The plan of every run (mode, sizes, every action and its pause, the ending) comes only from
`--seed` and the run number, so a seed always sends the same sequence of actions. Modes and
endings take turns in an order drawn from the seed, so even the 60 s CI campaign meets each one.
What the wizard does with the actions can still depend on timing (a key that arrives during a
resize, say), and a run stops early when the random keys quit the wizard themselves. Long
inputs are worked through before the next action (a debug build redraws a 400x120 window for
every pasted character); q and Ctrl-C are sent once earlier input is done, since they queue
behind it in the terminal, while the signals and kill -9 strike at once.

The wizard runs with SWIFT_BACKTRACE=interactive=no,color=no so that a crash is reported on its
stderr instead of waiting at the backtracer's prompt (which would look like a hang).

  scripts/monkey.py                      # CI mode: 60 s, fixed seed
  scripts/monkey.py --duration 1800      # long local run
  scripts/monkey.py --seed 7 --runs 12   # replay the first 12 runs of seed 7
  scripts/monkey.py --seed 7 --only-run 9 --keep

Exit status: 0 every run passed (or tmux is missing outside CI), 1 a run failed (or tmux is
missing with CI=true), 2 the binary was not found or bad usage.

Python 3 standard library only; needs tmux (3.x) and Linux (/proc).
"""

import argparse
import hashlib
import os
import random
import shlex
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
import uuid

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_SEED = 20261129
MARKER = "DMF_MONKEY_RUN"
HANG_LIMIT = 5.0          # seconds from the ending to the wizard being gone
KILL9_LIMIT = 2.0         # kill -9 is immediate; this only absorbs scheduling delays
START_LIMIT = 30.0        # first screen of a debug build on a busy machine
BUSY_LIMIT = 120.0        # seconds a backlog of input may take before it counts as a hang
CRASH_STATUSES = {132: "SIGILL", 133: "SIGTRAP", 134: "SIGABRT", 135: "SIGBUS", 136: "SIGFPE", 139: "SIGSEGV"}
CRASH_TEXTS = ["Fatal error", "Segmentation", "Illegal instruction", "Program crashed", "Bus error",
               "Trace/breakpoint trap", "Aborted (core dumped)", "Abort trap"]
DRAFT_REFUSALS = ["cannot be resumed", "cannot be used"]

# ---------------------------------------------------------------------------------------------
# Plans: everything random is drawn here, from the seed and the run number only.

# tmux key names, with weights. Ctrl-Z is left out on purpose: it would stop the wizard
# (SIGTSTP) with no shell to continue it.
KEYS = [
    ("Enter", 12), ("Escape", 1), ("Up", 7), ("Down", 8), ("Left", 3), ("Right", 3), ("Tab", 2),
    ("BTab", 1), ("BSpace", 4), ("DC", 1), ("F1", 2), ("?", 2), ("q", 1), ("C-s", 3), ("C-g", 2),
    ("PPage", 2), ("NPage", 2), ("Home", 2), ("End", 2), ("Space", 3), ("g", 1), ("a", 1), ("c", 1),
    ("d", 1), ("s", 1),
]
# Bursts leave out the two keys that quit from most screens, or few runs would last long enough
# to reach their ending (single q and Escape keys still come), and Ctrl-S: a burst can outlive a
# quit, and once the terminal is restored (XON/XOFF back on) Ctrl-S freezes its output, which
# would stop the wizard's last message and look like a hang.
BURST_KEYS = [(key, weight) for key, weight in KEYS if key not in ("q", "Escape", "C-s")]
WORDS = [
    "Alex", "Monkey", "a.monkey@justice.gov.uk", "someone@example.org", "prison", "records", "HMPPS",
    "2027-03-31", "2020-02-30", "until the report is published", "R2", "Y1", "K1", "x", "0", "-1", "99999",
    "café", "Zoë", "naïve", "Ünïcödé", "señor", "Øresund", "Łódź", "ß", "ﬁ", "e\u0301", "a\u0308\u0308",
    "漢字テスト", "データ移動", "데이터", "中文字符", "ＦＵＬＬ", "📁🔒", "👩\u200d💻", "🇬🇧", "🙂", "\u200b",
    "بيانات", "\u202eevil", "ऩ", "Ἀθῆναι", "∑∫√", "\u00a0", "—", "“quoted”", "'single'", '"double"',
    "back\\slash", "$HOME", "%s%n", "{{x}}", "<b>", "&amp;", "key: value", "- item", "# not a comment",
]
# Bytes that must never be typed or pasted: with ISIG on, ^C, ^\ and ^Z become signals
# (^C is an ending of its own; ^Z would stop the wizard with nothing to continue it).
FORBIDDEN = {"\x03", "\x1c", "\x1a"}
ESCAPES = ["\x1b[A", "\x1b[B", "\x1b[2J", "\x1b[H", "\x1b]0;title\x07", "\x1b[200~", "\x1b[201~", "\x1bOP",
           "\x1b[31m", "\x1b[0m", "\x1b[6n", "\x1b[?1049l", "\x1bc", "\x1b[1;5A", "\x1b[M !!", "\x1b", "\x9b"]
RESIZES = [
    ((20, 5), 3), ((1, 1), 1), ((10, 3), 1), ((59, 19), 2), ((59, 20), 1), ((60, 19), 1), ((60, 20), 2),
    ((61, 21), 1), ((80, 24), 4), ((100, 30), 2), ((120, 40), 2), ((132, 43), 1), ((200, 60), 1),
    ((300, 100), 1), ((400, 120), 1), ((70, 200), 1), ((500, 20), 1),
]
START_SIZES = [((80, 24), 5), ((100, 30), 2), ((60, 20), 1), ((132, 43), 1), ((40, 12), 1), ((250, 70), 1)]
MODES = ["bare", "helpdesk", "projector", "resume", "train"]
ENDINGS = ["q", "ctrl-c", "term", "hup", "kill9", "close"]


def pick(rng, weighted):
    values, weights = zip(*weighted)
    return rng.choices(values, weights=weights, k=1)[0]


def random_text(rng, length):
    parts = []
    while sum(len(p) for p in parts) < length:
        roll = rng.random()
        if roll < 0.55:
            parts.append(rng.choice(WORDS))
        elif roll < 0.75:
            # No 'q' in typed text: on a choice screen it quits, and the run would end too soon
            # (single q keys are sent on their own).
            parts.append("".join(rng.choice("abcdefghijklmnoprstuvwxyzQ0123456789 .,-/") for _ in range(rng.randint(1, 12))))
        elif roll < 0.9:
            parts.append(chr(rng.choice([rng.randint(0x4E00, 0x9FFF), rng.randint(0xAC00, 0xD7A3),
                                         rng.randint(0x1F300, 0x1F64F), rng.randint(0x00C0, 0x024F),
                                         rng.randint(0x0300, 0x036F), rng.randint(0x0590, 0x06FF)])))
        else:
            parts.append(" ")
    return "".join(parts)[: max(1, length)]


def paste_text(rng):
    """Long text for a paste: lines, tabs, escape sequences, control bytes."""
    # Every pasted character is a key and a redraw: a debug build at 400x120 needs several
    # milliseconds for each, so the longest paste is kept to what a run can afford.
    size = rng.choice([40, 200, 500, 1000, 2000])
    chunks = []
    while sum(len(c) for c in chunks) < size:
        roll = rng.random()
        if roll < 0.45:
            chunks.append(random_text(rng, rng.randint(5, 80)))
        elif roll < 0.65:
            chunks.append("\n" * rng.randint(1, 3))
        elif roll < 0.75:
            chunks.append("\t")
        elif roll < 0.77:
            # Each escape sequence is read as one key, or swallowed whole when it names none.
            chunks.append(rng.choice(ESCAPES))
        elif roll < 0.95:
            # Control bytes, but not ^S (see BURST_KEYS).
            chunks.append(chr(rng.choice([0x01, 0x02, 0x04, 0x07, 0x08, 0x0B, 0x0C, 0x0E, 0x15, 0x17, 0x7F])))
        else:
            chunks.append(rng.choice(["1\n", "2\n", "\n", "y\n", "c\n", "a\n"]))
    text = "".join(chunks)
    return "".join(ch for ch in text if ch not in FORBIDDEN)


def paste_bytes(rng):
    """Raw bytes for load-buffer: NUL bytes and broken UTF-8, which argv cannot carry."""
    pieces = [paste_text(rng).encode("utf-8")[: rng.randint(20, 600)]]
    for _ in range(rng.randint(1, 6)):
        pieces.append(rng.choice([b"\x00", b"\xff\xfe", b"\xe6\xbc", b"\xc3", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\x80\x81"]))
        pieces.append(random_text(rng, rng.randint(1, 20)).encode("utf-8"))
    return b"".join(pieces)


def make_plan(seed, run):
    """Everything the run will do, drawn from (seed, run) only."""
    # Modes and endings take turns, in an order drawn from the seed, so that even a short
    # campaign meets every one (5 and 6 are coprime: every pairing within 30 runs).
    order = random.Random(f"dmf-monkey/{seed}")
    modes, endings = MODES[:], ENDINGS[:]
    order.shuffle(modes)
    order.shuffle(endings)
    rng = random.Random(f"dmf-monkey/{seed}/{run}")
    plan = {"mode": modes[(run - 1) % len(modes)], "size": pick(rng, START_SIZES), "actions": []}
    plan["lang"] = pick(rng, [("C.UTF-8", 7), ("C", 1), (None, 1)])
    plan["no_color"] = rng.random() < 0.2
    plan["pool_pick"] = rng.random()
    plan["resume_named"] = rng.random() < 0.7
    plan["extra"] = pick(rng, [([], 6), (["--projector"], 1), (["--helpdesk"], 1)])
    actions = plan["actions"]
    # Most runs get into the questions first, so the monkey does not spend every run on the
    # start menu (where Escape and q quit).
    if rng.random() < 0.7:
        if plan["mode"] == "train":
            actions += [{"kind": "key", "arg": "Enter", "pause": 0.15}, {"kind": "key", "arg": "Enter", "pause": 0.15}]
        elif plan["mode"] != "resume":
            actions.append({"kind": "key", "arg": "Enter", "pause": 0.15})      # "Start a new transfer"
    for _ in range(rng.randint(5, 45)):
        roll = rng.random()
        pause = rng.choice([0, 0, 0.01, 0.03, 0.05, 0.1, 0.15, 0.3]) if rng.random() < 0.95 else rng.uniform(0.4, 1.2)
        if roll < 0.42:
            key = pick(rng, KEYS) if rng.random() < 0.75 else rng.choice("0123456789abcdefghijklmnopqrstuvwxyz")
            actions.append({"kind": "key", "arg": key, "pause": pause})
        elif roll < 0.55:
            keys = [pick(rng, BURST_KEYS) for _ in range(rng.randint(2, 12))]
            actions.append({"kind": "keys", "arg": keys, "pause": pause})
        elif roll < 0.70:
            # An answer: a number, or words, then Enter.
            answer = str(rng.randint(1, 6)) if rng.random() < 0.6 else random_text(rng, rng.randint(1, 30))
            actions.append({"kind": "type", "arg": answer, "pause": 0.02})
            actions.append({"kind": "key", "arg": "Enter", "pause": pause})
        elif roll < 0.80:
            actions.append({"kind": "type", "arg": random_text(rng, rng.choice([1, 5, 20, 60, 150, 300])), "pause": pause})
        elif roll < 0.87:
            if rng.random() < 0.8:
                actions.append({"kind": "paste", "arg": paste_text(rng), "raw": rng.random() < 0.3, "pause": pause})
            else:
                actions.append({"kind": "paste-bytes", "arg": paste_bytes(rng), "raw": rng.random() < 0.3, "pause": pause})
        elif roll < 0.96:
            actions.append({"kind": "resize", "arg": pick(rng, RESIZES), "pause": pause})
        else:
            actions.append({"kind": "sleep", "arg": round(rng.uniform(0.2, 1.5), 2), "pause": 0})
    plan["ending"] = endings[(run - 1) % len(endings)]
    # kill -9 lands right after the last action half the time (mid-redraw, mid-save).
    plan["ending_delay"] = 0 if (plan["ending"] == "kill9" and rng.random() < 0.5) else round(rng.uniform(0, 0.8), 2)
    return plan


def describe_action(action):
    kind, arg = action["kind"], action["arg"]
    if kind == "key":
        return f"key {arg}"
    if kind == "keys":
        return "keys " + " ".join(arg)
    if kind == "type":
        return f"type {arg!r}" if len(arg) <= 60 else f"type {arg[:60]!r}... ({len(arg)} chars)"
    if kind in ("paste", "paste-bytes"):
        flag = " (no LF->CR)" if action.get("raw") else ""
        return f"{kind} {len(arg)} {'bytes' if kind == 'paste-bytes' else 'chars'}{flag}: {arg[:50]!r}..."
    if kind == "resize":
        return f"resize {arg[0]}x{arg[1]}"
    return f"{kind} {arg}"


# ---------------------------------------------------------------------------------------------
# Processes and files.

def alive(pid):
    """True while the process exists and is not a zombie."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            data = f.read()
    except OSError:
        return False
    return data[data.rindex(b")") + 2:][:1] not in (b"Z", b"X")


def marked_processes(marker_value):
    """Pids whose initial environment has MARKER=<marker_value>... (this campaign)."""
    needle = f"{MARKER}={marker_value}".encode()
    found = []
    for name in os.listdir("/proc"):
        if not name.isdigit() or int(name) == os.getpid():
            continue
        try:
            with open(f"/proc/{name}/environ", "rb") as f:
                env = f.read()
        except OSError:
            continue
        if any(item.startswith(needle) for item in env.split(b"\0")) and alive(int(name)):
            found.append(int(name))
    return found


def process_line(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            cmd = f.read().replace(b"\0", b" ").decode(errors="replace").strip()
        with open(f"/proc/{pid}/wchan") as f:
            wchan = f.read().strip()
        with open(f"/proc/{pid}/stat") as f:
            state = f.read().rsplit(")", 1)[1].split()[0]
        return f"pid {pid} state {state} wchan {wchan or '-'}: {cmd}"
    except OSError:
        return f"pid {pid} (gone)"


def waiting_for_key(pid):
    """True when the wizard sleeps waiting for input: in poll() (its wait for the next key), or
    in read() on the terminal (curses waiting for the rest of a multibyte character or an
    escape sequence). Not when it is working, or blocked writing to the terminal."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            state = f.read().rsplit(")", 1)[1].split()[0]
        if state != "S":
            return False
        try:
            with open(f"/proc/{pid}/syscall") as f:
                fields = f.read().split()
        except OSError:
            fields = []
        if fields and fields[0].isdigit():
            number = int(fields[0])
            if number in (7, 271):                       # poll, ppoll (x86_64)
                return True
            if number == 0:                              # read: from the terminal?
                return os.readlink(f"/proc/{pid}/fd/{int(fields[1], 16)}").startswith("/dev/pts/")
            return False
        # Without ptrace rights on /proc/PID/syscall (Yama), or on other architectures: the
        # kernel function it sleeps in (a terminal read sleeps in wait_woken).
        with open(f"/proc/{pid}/wchan") as f:
            wchan = f.read()
        return "poll" in wchan or wchan in ("wait_woken", "n_tty_read")
    except (OSError, ValueError, IndexError):
        return False


def wait_idle(pid, limit):
    """Waits until the wizard has worked through the input sent so far.

    Every key is a redraw, and a debug build at 300x100 takes milliseconds for each, so a long
    paste can keep it busy for many seconds. Keys typed meanwhile (q, Ctrl-C) queue behind the
    paste in the terminal, as they would in any terminal, so they are sent only once it waits
    for a key again. Returns False when it is still busy after `limit` seconds."""
    deadline = time.monotonic() + limit
    streak = 0
    while time.monotonic() < deadline:
        if not alive(pid):
            return True
        streak = streak + 1 if waiting_for_key(pid) else 0
        if streak >= 3:
            return True
        time.sleep(0.05)
    return False


def read_int(path):
    try:
        with open(path) as f:
            return int(f.read().strip())
    except (OSError, ValueError):
        return None


def wait_for(predicate, timeout, step=0.02):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() >= deadline:
            return value
        time.sleep(step)


class Tmux:
    def __init__(self, tmux, socket, env):
        self.base = [tmux, "-L", socket]
        self.env = env

    def __call__(self, *args, check=False):
        try:
            result = subprocess.run(self.base + list(args), env=self.env, stdin=subprocess.DEVNULL,
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=15)
        except subprocess.TimeoutExpired:
            return None
        if check and result.returncode != 0:
            raise RuntimeError(f"tmux {' '.join(map(str, args))[:80]}: {result.stderr.decode(errors='replace').strip()}")
        return result

    def output(self, *args):
        result = self(*args)
        if result is None or result.returncode != 0:
            return None
        return result.stdout.decode("utf-8", errors="replace")


# ---------------------------------------------------------------------------------------------
# The campaign.

class Campaign:
    def __init__(self, args, binary, tmux):
        self.args = args
        self.tmux_path = tmux
        self.id = uuid.uuid4().hex
        self.marker = f"monkey-{self.id}"
        self.work = tempfile.mkdtemp(prefix="dmf-monkey-")
        os.chmod(self.work, 0o700)
        # Our own copy: the checkout's binary may be rebuilt while the campaign runs.
        os.makedirs(os.path.join(self.work, "bin"))
        self.binary = os.path.join(self.work, "bin", "dmf-wizard")
        shutil.copy2(binary, self.binary)
        self.assets = os.environ.get("DMF_WIZARD_ASSETS") or os.path.join(REPO_ROOT, "assets")
        self.pool = os.path.join(self.work, "pool")
        os.makedirs(self.pool)
        self.counts = {k: 0 for k in [
            "runs", "keys", "pastes", "resizes", "kill9", "signals", "sigint", "sigterm", "sighup", "closed",
            "quits", "self_exits", "crashes", "hangs", "unrestored", "unreadable_drafts",
            "draft_file_problems", "training_drafts", "leftover_processes", "drafts_checked",
            "tmp_after_kill9", "harness_errors", "passed", "failed"]}
        self.failures = []
        self.crash_kinds = {}      # first line of each distinct crash -> runs
        self.started = time.monotonic()

    # -- helpers --------------------------------------------------------------------------

    def tmux_env(self):
        env = {k: v for k, v in os.environ.items() if not k.startswith("TMUX")}
        env.update({"LANG": "C.UTF-8", "TMUX_TMPDIR": self.work, "SHELL": "/bin/sh"})
        env.pop("LC_ALL", None)
        env.pop(MARKER, None)
        return env

    def wizard_env(self, home, state, lang, no_color, marker):
        env = {"PATH": "/usr/bin:/bin", "HOME": home, "XDG_STATE_HOME": state, "TERM": "xterm-256color",
               MARKER: marker, "DMF_WIZARD_ASSETS": self.assets,
               # A crash must report, not wait at the backtracer's prompt (that would look like a hang).
               "SWIFT_BACKTRACE": "interactive=no,color=no"}
        if lang:
            env["LANG"] = lang
        if no_color:
            env["NO_COLOR"] = "1"
        return env

    def check_draft(self, path, scratch):
        """Resumes a copy of the draft in plain mode with no input. Returns a problem or None."""
        os.makedirs(scratch, exist_ok=True)
        folder = os.path.join(scratch, "state", "dmf-wizard", "drafts")
        os.makedirs(folder, mode=0o700, exist_ok=True)
        copy = os.path.join(folder, os.path.basename(path))
        shutil.copyfile(path, copy)
        os.chmod(copy, 0o600)
        env = {"PATH": "/usr/bin:/bin", "HOME": scratch, "XDG_STATE_HOME": os.path.join(scratch, "state"),
               "LANG": "C.UTF-8", "DMF_WIZARD_ASSETS": self.assets, "SWIFT_BACKTRACE": "interactive=no,color=no"}
        try:
            result = subprocess.run([self.binary, "resume", copy, "--plain"], stdin=subprocess.DEVNULL,
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=scratch, timeout=60)
        except subprocess.TimeoutExpired:
            return "resume --plain < /dev/null did not end within 60 s"
        output = (result.stdout + result.stderr).decode("utf-8", errors="replace")
        refusal = [text for text in DRAFT_REFUSALS if text in output]
        if refusal or result.returncode != 1 or "Input ended" not in output:
            tail = "\n".join(output.strip().splitlines()[-6:])
            return f"resume --plain < /dev/null exited {result.returncode} (want 1, input ended):\n{tail}"
        return None

    def seed_pool(self):
        """Drafts for `resume` runs before any run has left one: typed into --plain, plus the example."""
        scripts = [
            ([], "Alex Monkey\na.monkey@justice.gov.uk\n" + "1\n" * 12),
            (["--helpdesk"], "Caller Name\nTeam X\nCALL-123\nAgent Smith\n" + "2\n" * 10),
            ([], "Sam Seed\n\n" + "3\n2\n1\n" * 5),
        ]
        for index, (flags, typed) in enumerate(scripts):
            scratch = os.path.join(self.work, f"seed{index}")
            state = os.path.join(scratch, "state")
            os.makedirs(state)
            env = {"PATH": "/usr/bin:/bin", "HOME": scratch, "XDG_STATE_HOME": state, "LANG": "C.UTF-8",
                   "DMF_WIZARD_ASSETS": self.assets}
            try:
                subprocess.run([self.binary, *flags, "--plain"], input=typed.encode(), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, env=env, cwd=scratch, timeout=60)
            except subprocess.TimeoutExpired:
                print(f"monkey: warning: making seed draft {index} with --plain did not end within 60 s", flush=True)
            folder = os.path.join(state, "dmf-wizard", "drafts")
            for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
                if name.startswith("draft-") and name.endswith(".yaml"):
                    self.add_to_pool(os.path.join(folder, name), f"seed{index}")
            shutil.rmtree(scratch, ignore_errors=True)
        example = os.path.join(REPO_ROOT, "examples", "ogd-share.yaml")
        if os.path.exists(example):
            scratch = os.path.join(self.work, "seedx")
            os.makedirs(scratch)
            candidate = os.path.join(scratch, "draft-20260101-000000-EX01.yaml")
            shutil.copyfile(example, candidate)
            if self.check_draft(candidate, os.path.join(scratch, "check")) is None:
                self.add_to_pool(candidate, "seedx")
            shutil.rmtree(scratch, ignore_errors=True)

    def add_to_pool(self, path, tag):
        folder = os.path.join(self.pool, tag)
        os.makedirs(folder, exist_ok=True)
        copy = os.path.join(folder, os.path.basename(path))
        shutil.copyfile(path, copy)
        os.chmod(copy, 0o600)    # as the wizard writes drafts (it warns about, and fixes, any other mode)
        # Keep the seeds and the 40 newest run drafts.
        runs = sorted(d for d in os.listdir(self.pool) if d.startswith("r"))
        for old in runs[:-40]:
            shutil.rmtree(os.path.join(self.pool, old), ignore_errors=True)

    def pool_files(self):
        files = []
        for tag in sorted(os.listdir(self.pool)):
            for name in sorted(os.listdir(os.path.join(self.pool, tag))):
                files.append(os.path.join(self.pool, tag, name))
        return files

    # -- one run ---------------------------------------------------------------------------

    def run(self, number):
        plan = make_plan(self.args.seed, number)
        run_dir = os.path.join(self.work, f"run{number:05d}")
        home, state, cwd = (os.path.join(run_dir, d) for d in ("home", "state", "work"))
        for d in (home, state, cwd):
            os.makedirs(d, mode=0o700)
        drafts_folder = os.path.join(state, "dmf-wizard", "drafts")
        log = []
        t0 = time.monotonic()

        def note(text):
            log.append(f"{time.monotonic() - t0:8.3f}  {text}")

        # The command line for this mode.
        mode = plan["mode"]
        if mode == "bare":
            argv = []
        elif mode == "helpdesk":
            argv = ["--helpdesk"]
        elif mode == "projector":
            argv = ["--projector"]
        elif mode == "train":
            argv = ["train"] + (["--projector"] if plan["extra"] == ["--projector"] else [])
            # A draft from an earlier run sits in the folder: training must neither add a draft
            # nor change this one (the start menu can be reached from training).
            if self.pool_files():
                pool = self.pool_files()
                os.makedirs(drafts_folder, mode=0o700)
                shutil.copy2(pool[int(plan["pool_pick"] * len(pool))], drafts_folder)
        elif not self.pool_files():
            argv = []
            note("no draft to resume (the seed drafts could not be made): bare wizard instead")
        else:
            pool = self.pool_files()
            source = pool[int(plan["pool_pick"] * len(pool))]
            os.makedirs(drafts_folder, mode=0o700)
            shutil.copy2(source, drafts_folder)
            resumed = os.path.join(drafts_folder, os.path.basename(source))
            argv = ["resume"] + ([resumed] if plan["resume_named"] else []) + plan["extra"]
            note(f"resume draft from {os.path.relpath(source, self.work)}")
        outcome_before = folder_digest(drafts_folder)
        marker = f"{self.marker}-{number}"
        env = self.wizard_env(home, state, plan["lang"], plan["no_color"], marker)
        wrapper = os.path.join(run_dir, "wrapper.sh")
        with open(wrapper, "w") as f:
            f.write(WRAPPER.format(
                run=number, dir=shlex.quote(run_dir), cwd=shlex.quote(cwd), self=shlex.quote(wrapper),
                command=" ".join(shlex.quote(x) for x in
                                 ["env", "-i"] + [f"{k}={v}" for k, v in env.items()] + [self.binary] + argv)))
        width, height = plan["size"]
        socket = f"dmfm-{self.id[:10]}-{number}"
        tmux = Tmux(self.tmux_path, socket, self.tmux_env())
        note(f"start {mode}: dmf-wizard {' '.join(argv)}  ({width}x{height}, LANG={plan['lang']}, "
             f"NO_COLOR={'1' if plan['no_color'] else 'unset'})")
        outcome = {"plan": plan, "log": log, "screen": "", "problems": [], "notes": [], "status": None,
                   "drafts_before": outcome_before}
        server_pid = None
        try:
            tmux("start-server", ";", "set-option", "-g", "remain-on-exit", "on", ";",
                 "new-session", "-d", "-x", str(width), "-y", str(height), "-s", "monkey",
                 "env", f"{MARKER}={marker}", "/bin/sh", wrapper, check=True)
            server_pid = read_int_from(tmux.output("display-message", "-p", "#{pid}"))
            self.execute(plan, tmux, run_dir, outcome, note, marker)
        except (RuntimeError, OSError) as error:
            outcome["problems"].append(("harness_errors", f"the monkey itself failed: {error}"))
        finally:
            tmux("kill-server")
            if server_pid:
                wait_for(lambda: not alive(server_pid), 5)
            if server_pid and alive(server_pid):
                outcome["problems"].append(("leftover_processes", f"tmux server {server_pid} still running after kill-server"))
                try:
                    os.kill(server_pid, signal.SIGKILL)
                except OSError:
                    pass
            # The same marker scan once more, now that the server is gone.
            for pid in marked_processes(marker):
                outcome["problems"].append(("leftover_processes", "left after kill-server: " + process_line(pid)))
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
        self.check_files(plan, run_dir, drafts_folder, cwd, outcome, note, number)
        return self.finish(number, plan, run_dir, outcome, time.monotonic() - t0)

    def execute(self, plan, tmux, run_dir, outcome, note, marker):
        counts = self.counts
        pid = wait_for(lambda: read_int(os.path.join(run_dir, "wizard.pid")), START_LIMIT)
        if not pid:
            outcome["problems"].append(("hangs", f"the wrapper did not start the wizard within {START_LIMIT:.0f} s"))
            return
        outcome["pid"] = pid

        def screen():
            text = tmux.output("capture-pane", "-p", "-t", "monkey")
            if text is not None:
                outcome["screen"] = text
            return text

        painted = wait_for(lambda: (not alive(pid)) or bool((screen() or "").strip()), START_LIMIT, step=0.05)
        if not painted:
            outcome["problems"].append(("hangs", f"no first screen within {START_LIMIT:.0f} s"))
        note(f"wizard pid {pid} {'running' if alive(pid) else 'already gone'}")
        size = plan["size"]
        exited_early = False
        last = len(plan["actions"]) - 1
        outcome["sent"] = 0
        for index, action in enumerate(plan["actions"]):
            if not alive(pid):
                exited_early = True
                break
            outcome["sent"] = index + 1
            self.send(action, tmux, run_dir, note)
            if action["kind"] == "resize":
                size = action["arg"]
            if action["pause"]:
                time.sleep(action["pause"])
            big = action["kind"] in ("paste", "paste-bytes", "keys") or (action["kind"] == "type" and len(action["arg"]) >= 100)
            if big and index < last:
                # Let a long input be worked through before the next action (the last one is
                # left in flight on purpose, so an ending can land in the middle of it).
                waited = time.monotonic()
                if not wait_idle(pid, BUSY_LIMIT):
                    outcome["problems"].append(("hangs", f"still busy {BUSY_LIMIT:.0f} s after: {describe_action(action)}"))
                    break
                if time.monotonic() - waited > 1:
                    note(f"busy with that input for {time.monotonic() - waited:.1f} s")
            if alive(pid):
                screen()          # the last one before the wizard ends is the one reported
        time.sleep(0.1)
        if not alive(pid):
            exited_early = True
        if not exited_early:
            screen()
        ending = "self" if exited_early else plan["ending"]
        outcome["ending"] = ending
        if ending == "self":
            note("the wizard ended by itself before the ending action")
            counts["self_exits"] += 1
            gone_after = 0.0
        else:
            if plan["ending_delay"]:
                time.sleep(plan["ending_delay"])
            ending, gone_after = self.end(ending, pid, tmux, size, note, outcome)
            outcome["ending"] = ending
        outcome["gone_after"] = gone_after
        # The wrapper writes the exit status and stty -g once the wizard has gone.
        result_path = os.path.join(run_dir, "result")
        if not wait_for(lambda: os.path.exists(result_path), 10):
            outcome["problems"].append(("hangs", "the wrapper wrote no exit status within 10 s of the wizard ending"))
        else:
            with open(result_path) as f:
                outcome["result"] = dict(line.rstrip("\n").split("=", 1) for line in f if "=" in line)
        if ending != "close" and "result" in outcome:
            # The wrapper waits for us before it exits, so the pane is still alive: the screen
            # the person would see after the wizard, and the pane's modes (a dead pane hides
            # its cursor, so they must be read now).
            final = tmux.output("capture-pane", "-p", "-t", "monkey")
            modes = tmux.output("display-message", "-p", "-t", "monkey", "#{alternate_on} #{cursor_flag} #{pane_dead}")
            if final is not None:
                outcome["final_screen"] = final
            if modes and modes.split()[2:] == ["0"]:
                outcome["alternate_on"], outcome["cursor_flag"] = modes.split()[:2]
        with open(os.path.join(run_dir, "release"), "w"):
            pass
        # No process of this run may outlive it (the wrapper itself takes a moment to exit).
        if not wait_for(lambda: not marked_processes(marker), 5):
            for p in marked_processes(marker):
                outcome["problems"].append(("leftover_processes", "still running 5 s after the run: " + process_line(p)))
                try:
                    os.kill(p, signal.SIGKILL)
                except OSError:
                    pass

    def send(self, action, tmux, run_dir, note):
        kind, arg = action["kind"], action["arg"]
        counts = self.counts
        note(describe_action(action))
        if kind == "key":
            if len(arg) == 1:
                tmux("send-keys", "-t", "monkey", "-l", "--", literal(arg))
            else:
                tmux("send-keys", "-t", "monkey", arg)
            counts["keys"] += 1
        elif kind == "keys":
            # One tmux call, so the keys arrive as a fast burst (a single character that is not
            # a key name is sent as itself).
            tmux("send-keys", "-t", "monkey", *[literal(k) for k in arg])
            counts["keys"] += len(arg)
        elif kind == "type":
            tmux("send-keys", "-t", "monkey", "-l", "--", literal(arg))
            counts["keys"] += len(arg)
        elif kind in ("paste", "paste-bytes"):
            data = arg if isinstance(arg, bytes) else arg.encode("utf-8")
            flags = ["-r"] if action.get("raw") else []
            if kind == "paste" and len(data) < 4000:
                tmux("set-buffer", "-b", "monkey", "--", literal(arg))
            else:
                path = os.path.join(run_dir, "paste.bin")
                with open(path, "wb") as f:
                    f.write(data)
                tmux("load-buffer", "-b", "monkey", path)
            tmux("paste-buffer", "-d", "-b", "monkey", *flags, "-t", "monkey")
            counts["pastes"] += 1
        elif kind == "resize":
            tmux("resize-window", "-t", "monkey", "-x", str(arg[0]), "-y", str(arg[1]))
            counts["resizes"] += 1
        elif kind == "sleep":
            time.sleep(arg)

    def end(self, ending, pid, tmux, size, note, outcome):
        """Sends the ending; returns (ending as it happened, seconds until the wizard was gone)."""
        counts = self.counts

        def gone_within(limit):
            started = time.monotonic()
            gone = wait_for(lambda: not alive(pid), limit, step=0.01)
            return gone, time.monotonic() - started

        if ending in ("q", "ctrl-c"):
            # These go through the terminal's input, behind any keys still queued there.
            waited = time.monotonic()
            if not wait_idle(pid, BUSY_LIMIT):
                outcome["problems"].append(("hangs", f"still busy with earlier input {BUSY_LIMIT:.0f} s after the last action"))
            elif time.monotonic() - waited > 1:
                note(f"waited {time.monotonic() - waited:.1f} s for the queued input to be worked through")
        if ending == "q":
            if size[0] < 60 or size[1] < 20:
                # Below 60x20 the wizard ignores keys until the window is larger.
                note("resize 80x24 (so q is not ignored)")
                tmux("resize-window", "-t", "monkey", "-x", "80", "-y", "24")
                time.sleep(0.2)
            for attempt in range(4):
                note("ending: key q")
                tmux("send-keys", "-t", "monkey", "-l", "q")
                counts["keys"] += 1
                gone, took = gone_within(1.5)
                if gone:
                    counts["quits"] += 1
                    note(f"wizard gone after {took:.3f} s")
                    return "q", took
                # In a text field q is a letter; Escape goes back towards a screen where q quits.
                note("still running: key Escape")
                tmux("send-keys", "-t", "monkey", "Escape")
                counts["keys"] += 1
                time.sleep(0.3)
                if not alive(pid):
                    counts["quits"] += 1
                    note("wizard gone after Escape")
                    return "q", 0.0
            note("q did not end it: falling back to Ctrl-C")
            ending = "q/ctrl-c"
        if ending in ("ctrl-c", "q/ctrl-c"):
            note("ending: Ctrl-C")
            tmux("send-keys", "-t", "monkey", "C-c")
            counts["signals"] += 1
            counts["sigint"] += 1
        elif ending in ("term", "hup", "kill9"):
            number = {"term": signal.SIGTERM, "hup": signal.SIGHUP, "kill9": signal.SIGKILL}[ending]
            note(f"ending: kill -{number.name[3:] if ending != 'kill9' else '9'} {pid}")
            try:
                os.kill(pid, number)
            except ProcessLookupError:
                note("the wizard had already ended")
                counts["self_exits"] += 1
                return "self", 0.0
            if ending == "kill9":
                counts["kill9"] += 1
            else:
                counts["signals"] += 1
                counts["sigterm" if ending == "term" else "sighup"] += 1
        elif ending == "close":
            note("ending: tmux kill-session (the window is closed)")
            tmux("kill-session", "-t", "monkey")
            counts["signals"] += 1
            counts["closed"] += 1
        limit = KILL9_LIMIT if ending == "kill9" else HANG_LIMIT
        gone, took = gone_within(limit)
        if gone:
            note(f"wizard gone after {took:.3f} s")
            return ending, took
        outcome["problems"].append(("hangs", f"still running {limit:.0f} s after the ending ({ending}): {process_line(pid)}"))
        try:
            with open(f"/proc/{pid}/stack") as f:
                outcome["notes"].append("kernel stack of the hung wizard:\n" + f.read())
        except OSError:
            pass
        text = tmux.output("capture-pane", "-p", "-t", "monkey")
        if text is not None:
            outcome["screen"] = text
        # Slow or stuck? Give it 25 s more before killing it.
        gone, more = gone_within(25)
        if gone:
            outcome["notes"].append(f"it did end, {limit + more:.1f} s after the ending")
        else:
            outcome["notes"].append("still running 30 s after the ending: killed with -9")
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
            outcome["hang_killed"] = True
            wait_for(lambda: not alive(pid), 5)
        return ending, limit + more

    # -- checks ----------------------------------------------------------------------------

    def check_files(self, plan, run_dir, drafts_folder, cwd, outcome, note, number):
        problems = outcome["problems"]
        ending = outcome.get("ending")
        killed = ending == "kill9" or outcome.get("hang_killed")
        result = outcome.get("result")
        # Exit status.
        if result is not None:
            status = int(result.get("status", "-1"))
            outcome["status"] = status
            allowed = {
                "self": {0}, "q": {0}, "q/ctrl-c": {0, 130}, "ctrl-c": {0, 130}, "term": {0, 143}, "hup": {0, 129},
                "kill9": {137}, "close": {0, 1, 129},
            }.get(ending, set())
            if outcome.get("hang_killed"):
                allowed = allowed | {137}
            refused = any(text in self.stderr_of(run_dir) for text in DRAFT_REFUSALS)
            if status in CRASH_STATUSES:
                problems.append(("crashes", f"exit status {status} ({CRASH_STATUSES[status]})"))
            elif status == 1 and refused:
                pass    # reported below as an unreadable draft
            elif status not in allowed:
                problems.append(("crashes", f"exit status {status}, expected one of {sorted(allowed)} after ending {ending}"))
            # Terminal restored: stty -g after equals before, and the main screen is back.
            if killed:
                outcome["notes"].append("terminal check skipped: the wizard was killed with -9")
            elif ending == "close":
                outcome["notes"].append("terminal check skipped: the window was closed, so there is no terminal left")
            else:
                if result.get("after") != result.get("before"):
                    problems.append(("unrestored", f"stty -g before {result.get('before')!r}, after {result.get('after')!r}"))
                if outcome.get("alternate_on") == "1":
                    problems.append(("unrestored", "the pane is still on the alternate screen after the wizard ended"))
                if outcome.get("cursor_flag") == "0":
                    problems.append(("unrestored", "the cursor is still hidden after the wizard ended"))
        # Crash texts on stderr and on the screen.
        stderr_text = self.stderr_of(run_dir)
        outcome["stderr"] = stderr_text
        for where, text in (("stderr", stderr_text), ("screen", outcome.get("screen", "")),
                            ("final screen", outcome.get("final_screen", ""))):
            for needle in CRASH_TEXTS:
                if needle in text:
                    problems.append(("crashes", f"{needle!r} on the {where}"))
        for needle in DRAFT_REFUSALS:
            if needle in stderr_text:
                problems.append(("unreadable_drafts", f"the wizard said {needle!r}: {stderr_text.strip()[:300]}"))
        # Drafts.
        drafts = []
        if os.path.isdir(drafts_folder):
            mode = stat.S_IMODE(os.stat(drafts_folder).st_mode)
            if mode & 0o077:
                problems.append(("draft_file_problems", f"the drafts folder has mode {mode:04o}, not private"))
            for name in sorted(os.listdir(drafts_folder)):
                path = os.path.join(drafts_folder, name)
                if name.startswith("draft-") and name.endswith(".yaml"):
                    drafts.append(path)
                elif name.startswith(".") and name.endswith(".tmp"):
                    if killed:
                        self.counts["tmp_after_kill9"] += 1
                        outcome["notes"].append(f"temporary file left by kill -9 (expected): {name}")
                    else:
                        problems.append(("draft_file_problems", f"temporary file left over: {name}"))
        if plan["mode"] == "train":
            after = folder_digest(drafts_folder)
            before = outcome["drafts_before"]
            changed = sorted(name for name in set(before) | set(after)
                             if name.endswith(".yaml") and before.get(name) != after.get(name))
            if changed:
                problems.append(("training_drafts", "training added or changed a draft: " + ", ".join(changed)))
        for index, path in enumerate(drafts):
            self.counts["drafts_checked"] += 1
            mode = stat.S_IMODE(os.stat(path).st_mode)
            if mode != 0o600:
                problems.append(("draft_file_problems", f"{os.path.basename(path)} has mode {mode:04o}, not 0600"))
            problem = self.check_draft(path, os.path.join(run_dir, f"check{index}"))
            if problem:
                problems.append(("unreadable_drafts", f"{os.path.basename(path)}: {problem}"))
                try:
                    with open(path, encoding="utf-8", errors="replace") as f:
                        outcome["notes"].append(f"{os.path.basename(path)}:\n{f.read()[:3000]}")
                except OSError:
                    pass
            elif plan["mode"] != "train":
                self.add_to_pool(path, f"r{number:05d}")
        note(f"{len(drafts)} draft(s) checked")
        # Outputs saved from the outcome screen: private, no temporary files.
        for name in sorted(os.listdir(cwd)):
            path = os.path.join(cwd, name)
            if name.startswith(".") and name.endswith(".tmp"):
                if killed:
                    outcome["notes"].append(f"temporary output file left by kill -9 (expected): {name}")
                else:
                    problems.append(("draft_file_problems", f"temporary output file left over: {name}"))
            elif os.path.isfile(path) and stat.S_IMODE(os.stat(path).st_mode) != 0o600:
                problems.append(("draft_file_problems", f"output {name} has mode {stat.S_IMODE(os.stat(path).st_mode):04o}"))
            elif os.path.isfile(path):
                outcome["notes"].append(f"output saved: {name}")

    @staticmethod
    def stderr_of(run_dir):
        try:
            with open(os.path.join(run_dir, "stderr.txt"), "rb") as f:
                return f.read().decode("utf-8", errors="replace")
        except OSError:
            return ""

    def finish(self, number, plan, run_dir, outcome, elapsed):
        counts = self.counts
        counts["runs"] += 1
        problems = outcome["problems"]
        for category in {category for category, _ in problems}:
            counts[category] += 1         # runs with that kind of problem
        if any(category == "crashes" for category, _ in problems):
            kind = next((line.strip() for line in (outcome.get("stderr") or "").splitlines() if "Fatal error" in line), None)
            kind = kind or next(text for category, text in problems if category == "crashes")
            kind = f"{kind[:160]} (ending {outcome.get('ending')})"
            self.crash_kinds[kind] = self.crash_kinds.get(kind, 0) + 1
        status = outcome.get("status")
        outputs = sum(1 for n in outcome["notes"] if n.startswith("output saved"))
        summary = (f"run {number}: {plan['mode']:<9} {outcome.get('sent', 0):3d}/{len(plan['actions']):3d} actions, ending {outcome.get('ending', '?'):<8} "
                   f"exit {status if status is not None else '?'}"
                   f" (gone {outcome.get('gone_after', 0):.3f} s){', saved outputs' if outputs else ''} {elapsed:5.1f} s")
        if not problems:
            counts["passed"] += 1
            print(summary + "  ok", flush=True)
            shutil.rmtree(run_dir, ignore_errors=True)
            return True
        counts["failed"] += 1
        self.failures.append(number)
        lines = [summary + "  FAILED", "=" * 100,
                 f"FAILURE: seed {self.args.seed}, run {number}",
                 f"  replay: scripts/monkey.py --seed {self.args.seed} --runs {number}"
                 f"   (or --only-run {number}; resume runs then pick from the seed drafts only)"]
        for category, text in problems:
            lines.append(f"  [{category}] {text}")
        lines.append(f"  plan: mode {plan['mode']}, start size {plan['size'][0]}x{plan['size'][1]}, LANG {plan['lang']}, "
                     f"NO_COLOR {plan['no_color']}, ending {plan['ending']} after {plan['ending_delay']} s")
        for n in outcome["notes"]:
            lines.append("  note: " + n.replace("\n", "\n        "))
        lines.append("  action log (seconds since start):")
        lines += ["    " + entry for entry in outcome["log"]]
        lines.append("  last screen capture before the ending:")
        lines += ["    |" + row for row in trimmed(outcome.get("screen", ""))]
        if outcome.get("final_screen") is not None:
            lines.append("  screen after the wizard ended:")
            lines += ["    |" + row for row in trimmed(outcome["final_screen"])]
        lines.append("  wizard stderr:")
        lines += ["    " + row for row in (outcome.get("stderr") or "(empty)").rstrip("\n").split("\n")[-40:]]
        if outcome.get("result"):
            lines.append(f"  wrapper result: {outcome['result']}")
        if self.args.keep:
            lines.append(f"  work folder kept: {run_dir}")
        lines.append("=" * 100)
        print("\n".join(lines), flush=True)
        return False

    def summary(self):
        c = self.counts
        elapsed = time.monotonic() - self.started
        print(f"monkey summary (seed {self.args.seed}): runs {c['runs']}, keys sent {c['keys']}, pastes {c['pastes']}, "
              f"resizes {c['resizes']}, kill -9s {c['kill9']}, signals {c['signals']} (Ctrl-C {c['sigint']}, "
              f"TERM {c['sigterm']}, HUP {c['sighup']}, window closed {c['closed']}), quits with q {c['quits']}, "
              f"ended by itself {c['self_exits']}; drafts checked {c['drafts_checked']}; "
              f"crashes {c['crashes']}, hangs {c['hangs']}, unrestored terminals {c['unrestored']}, "
              f"unreadable drafts {c['unreadable_drafts']}, draft file problems {c['draft_file_problems']}, "
              f"training drafts {c['training_drafts']}, leftover processes {c['leftover_processes']}, "
              f"harness errors {c['harness_errors']}; "
              f"temporary files left by kill -9 {c['tmp_after_kill9']}; elapsed {elapsed:.0f} s", flush=True)
        for kind, runs in sorted(self.crash_kinds.items(), key=lambda item: -item[1]):
            print(f"  crash in {runs} run(s): {kind}", flush=True)
        print(f"{c['passed']} passed, {c['failed']} failed", flush=True)


def folder_digest(folder):
    """{file name: SHA-256 of its content} for the files in `folder` (empty if there is none)."""
    digests = {}
    if os.path.isdir(folder):
        for name in sorted(os.listdir(folder)):
            path = os.path.join(folder, name)
            if os.path.isfile(path):
                with open(path, "rb") as f:
                    digests[name] = hashlib.sha256(f.read()).hexdigest()
    return digests


def trimmed(screen):
    """The rows of a capture without trailing blanks (a 400x120 window is mostly spaces)."""
    return "\n".join(row.rstrip() for row in screen.split("\n")).rstrip("\n").split("\n")


def literal(text):
    """tmux reads an argument that ends in ';' as the end of a command; '\\;' keeps the ';'."""
    return text[:-1] + "\\;" if text.endswith(";") else text


def read_int_from(text):
    try:
        return int((text or "").strip())
    except ValueError:
        return None


# The pane's program. Stage 1 is the session leader, like the shell of a terminal window: when the
# window closes, the hangup kills it and the kernel sends SIGHUP to the foreground job, the
# wizard. Stage 2 (same process group) survives that to record the exit status and the modes.
# Both ignore Ctrl-C etc. while the wizard runs (trapped, so the wizard gets default handling).
WRAPPER = """#!/bin/sh
# dmf-wizard monkey test, run {run} (written by scripts/monkey.py)
trap ':' INT TERM QUIT
if [ "${{1-}}" != record ]; then
  echo $$ > {dir}/leader.pid
  /bin/sh {self} record
  exit 0
fi
trap ':' HUP INT TERM QUIT
cd {cwd} || exit 99
before=$(stty -g 2>/dev/null) || before=ERROR
/bin/sh -c 'echo $$ > "$0"; exec "$@"' {dir}/wizard.pid {command} 2> {dir}/stderr.txt
status=$?
after=$(stty -g 2>/dev/null) || after=ERROR
printf 'status=%s\\nbefore=%s\\nafter=%s\\n' "$status" "$before" "$after" > {dir}/result.tmp
mv {dir}/result.tmp {dir}/result
# Wait (at most 5 s) until the monkey has read the pane's modes: a dead pane hides its cursor.
i=0
while [ ! -e {dir}/release ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="See the top of scripts/monkey.py for what is checked.")
    parser.add_argument("--binary", help="the wizard (default: $DMF_WIZARD_BINARY, else .build/debug/dmf-wizard)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"seed for the plans (default {DEFAULT_SEED})")
    parser.add_argument("--duration", type=float, default=None,
                        help="seconds to keep starting runs (default 60; unlimited when --runs is given)")
    parser.add_argument("--runs", type=int, help="stop after this many runs")
    parser.add_argument("--only-run", type=int, metavar="N", help="do run N of the seed only")
    parser.add_argument("--keep", action="store_true", help="keep the work folder when a run fails")
    parser.add_argument("--fail-fast", action="store_true", help="stop at the first failed run")
    args = parser.parse_args()
    if args.duration is None:
        args.duration = float("inf") if (args.runs or args.only_run) else 60.0

    tmux = shutil.which("tmux") or ("/usr/bin/tmux" if os.access("/usr/bin/tmux", os.X_OK) else None)
    if tmux is None:
        print("skipped: tmux is not installed (the monkey test drives the wizard in tmux)")
        sys.exit(1 if os.environ.get("CI") == "true" else 0)
    binary = args.binary or os.environ.get("DMF_WIZARD_BINARY") or os.path.join(REPO_ROOT, ".build", "debug", "dmf-wizard")
    if not os.path.isabs(binary) and not args.binary and not os.environ.get("DMF_WIZARD_BINARY"):
        binary = os.path.join(REPO_ROOT, binary)
    if not (os.path.isfile(binary) and os.access(binary, os.X_OK)):
        print(f"monkey: the wizard binary was not found at {binary}. Build it first (swift build), or name it with "
              f"--binary PATH or DMF_WIZARD_BINARY.", file=sys.stderr)
        sys.exit(2)

    campaign = Campaign(args, binary, tmux)

    def stop(signum, frame):
        raise KeyboardInterrupt
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGHUP, stop)
    interrupted = False
    try:
        print(f"monkey: seed {args.seed}, binary {binary}, tmux {tmux}, work folder {campaign.work}", flush=True)
        campaign.seed_pool()
        numbers = [args.only_run] if args.only_run else None
        number = 0
        while True:
            if numbers is not None:
                if not numbers:
                    break
                number = numbers.pop(0)
            else:
                number += 1
                if args.runs and number > args.runs:
                    break
                if time.monotonic() - campaign.started >= args.duration:
                    break
            ok = campaign.run(number)
            if not ok and args.fail_fast:
                break
    except KeyboardInterrupt:
        interrupted = True
        print("monkey: interrupted", flush=True)
    finally:
        # Nothing of this campaign may outlive it, whatever happened above.
        for pid in marked_processes(campaign.marker):
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        campaign.summary()
        if campaign.failures and args.keep:
            print(f"monkey: work folder kept: {campaign.work}")
        else:
            shutil.rmtree(campaign.work, ignore_errors=True)
    sys.exit(1 if campaign.failures or interrupted else 0)


if __name__ == "__main__":
    main()
