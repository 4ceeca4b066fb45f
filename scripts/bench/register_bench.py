"""Times the register's commands as whole processes; see scripts/bench-register.sh."""

import argparse
import os
import shutil
import statistics
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCENARIO = os.path.join(ROOT, "Tests/DMFPolicyTests/Scenarios/02-nightly-disc-quantum.yaml")
RESULTS = os.path.join(ROOT, "bench-results")
ENTRIES = 100_000


def timed(command, env=None, quiet=False):
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env,
                   stderr=subprocess.DEVNULL if quiet else None)
    return (time.perf_counter() - start) * 1000


def summary(name, samples, budget=None):
    median = statistics.median(samples)
    line = f"{name:<44} median {median:8.1f} ms   min {min(samples):8.1f} ms"
    if budget is not None:
        line += f"   (budget {budget} ms: {'ok' if median <= budget else 'OVER'})"
    print(line)
    return median


def filled_register(loader):
    """A register of ENTRIES entries, made once by four loaders at once and kept."""
    os.makedirs(RESULTS, exist_ok=True)
    path = os.path.join(RESULTS, f"register-{ENTRIES}.sqlite")
    if not os.path.exists(path):
        print(f"Filling {path} with {ENTRIES} entries (once)...")
        share = ENTRIES // 4
        loaders = [
            subprocess.Popen([loader, path + ".new", str(share), f"B{i}", "600", "--entries-only"])
            for i in range(4)
        ]
        if any(p.wait() != 0 for p in loaders):
            raise SystemExit("filling the register failed")
        os.rename(path + ".new", path)
    return path


def signed_register(loader, scratch):
    """A register of ENTRIES entries, each authorised with a signed decision, made once by four
    loaders at once and kept, with the key that signed and an allowed-signers file listing it."""
    os.makedirs(RESULTS, exist_ok=True)
    path = os.path.join(RESULTS, f"register-{ENTRIES}-signed.sqlite")
    key = os.path.join(RESULTS, "bench-key")
    allowed = os.path.join(RESULTS, "bench-allowed_signers")
    if not os.path.exists(key):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "bench", "-f", key], check=True)
    with open(key + ".pub") as handle:
        public = " ".join(handle.read().split()[:2])
    with open(allowed, "w") as handle:
        handle.write(f'iao@moj.example namespaces="dmf-wizard-decision" {public}\n')
    if not os.path.exists(path):
        print(f"Filling {path} with {ENTRIES} signed decisions (once)...")
        share = ENTRIES // 4
        loaders = [
            subprocess.Popen([loader, path + ".new", str(share), f"S{i}", "600", "--account", "bench",
                              "--signed", key], env=dict(os.environ, DMF_ALLOWED_SIGNERS=allowed))
            for i in range(4)
        ]
        if any(p.wait() != 0 for p in loaders):
            raise SystemExit("filling the signed register failed")
        os.rename(path + ".new", path)
    copy = os.path.join(scratch, "signed.sqlite")
    shutil.copy(path, copy)
    return copy, allowed


def tree(wizard, env, scratch, runs):
    """The register's tree over the 100,000 events: a signed checkpoint (the tree's edge is kept
    with every event, so this reads O(log n) rows and signs), `check --checkpoint`, and `prove` of
    one entry's event against the latest checkpoint (whole commands, ssh-keygen's signing
    included)."""
    key = os.path.join(scratch, "keeper")
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "keeper", "-f", key], check=True)
    with open(key + ".pub") as handle:
        public = " ".join(handle.read().split()[:2])
    allowed = os.path.join(scratch, "keeper-allowed_signers")
    with open(allowed, "w") as handle:
        handle.write(f'keeper@moj.example namespaces="dmf-wizard-checkpoint" {public}\n')
    tree_env = dict(env, DMF_SIGNING_KEY=key, DMF_ALLOWED_SIGNERS=allowed)
    checkpoint = os.path.join(scratch, "daily.checkpoint")
    # A register filled before the tree was kept works its edge out once, on first use: not timed.
    subprocess.run([wizard, "register", "checkpoint", "--output", checkpoint], check=True,
                   stdout=subprocess.DEVNULL, env=tree_env)
    samples = [timed([wizard, "register", "checkpoint", "--output", checkpoint, "--force"], tree_env)
               for _ in range(runs)]
    summary("register checkpoint, 100k events (signed)", samples, 1000)
    samples = [timed([wizard, "register", "check", "--checkpoint", checkpoint], tree_env)
               for _ in range(max(3, runs // 3))]
    summary("register check --checkpoint, 100k entries", samples, 5000)
    listed = subprocess.run([wizard, "register", "list", "--limit", "1", "--format", "csv"], check=True,
                            capture_output=True, text=True, env=tree_env).stdout.splitlines()
    reference = listed[1].split(",")[0]
    samples = [timed([wizard, "register", "prove", reference], tree_env, quiet=True) for _ in range(runs)]
    summary("register prove (one event), 100k events", samples, 50)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--wizard", required=True)
    parser.add_argument("--loader", required=True)
    args = parser.parse_args()
    wizard = args.wizard
    big = filled_register(args.loader)

    with tempfile.TemporaryDirectory() as scratch:
        register = os.path.join(scratch, "register.sqlite")
        shutil.copy(big, register)
        # The documents' time is fixed; the register keeps its own clock, the computer's.
        env = dict(os.environ, DMF_REGISTER_URL=register, SOURCE_DATE_EPOCH="1795918450")
        with open(SCENARIO) as handle:
            answers = handle.read()
        # Recording beside `fill` of the same answers, turn about: what recording adds.
        recorded, filled = [], []
        for run in range(args.runs):
            path = os.path.join(scratch, f"answers-{run}.yaml")
            with open(path, "w") as handle:
                handle.write(answers.replace("purpose:", f"purpose: run {run}", 1))
            recorded.append(timed([wizard, "register", "add", path], env))
            filled.append(timed([wizard, "fill", "--format", "json", path], env))
        summary("record one entry (register add), 100k register", recorded, 20)
        summary("fill the same answers (json), no register", filled)

        samples = [timed([wizard, "register", "list", "--search", "organisation 77"], env) for _ in range(args.runs)]
        summary("register list --search, 100k entries", samples, 100)

        samples = [timed([wizard, "register", "check"], env) for _ in range(max(3, args.runs // 3))]
        summary("register check, 100k entries", samples, 5000)

        tree(wizard, env, scratch, args.runs)

        signed, allowed = signed_register(args.loader, scratch)
        signed_env = dict(env, DMF_REGISTER_URL=signed, DMF_ALLOWED_SIGNERS=allowed)
        samples = [timed([wizard, "register", "check"], signed_env) for _ in range(max(3, args.runs // 3))]
        summary("register check, 100k signed events", samples, 5000)

        # The sealed file alone in its folder: anything beside it would be "not in the manifest".
        sealed = os.path.join(scratch, "sealed")
        os.makedirs(sealed)
        big_file = os.path.join(sealed, "data.bin")
        with open(big_file, "wb") as handle:
            for _ in range(1024):
                handle.write(os.urandom(1 << 20))
        seal_env = dict(env, DMF_REGISTER_URL=os.path.join(scratch, "seal.sqlite"))
        subprocess.run(
            [wizard, "seal", "DMF-20261129-BNCH", big_file, "--by", "Bench", "--no-record"],
            check=True, stdout=subprocess.DEVNULL, env=seal_env)
        manifest = os.path.join(sealed, "DMF-20261129-BNCH.manifest.json")
        ours, theirs = [], []
        for _ in range(3):
            ours.append(timed([wizard, "verify", manifest], seal_env))
            theirs.append(timed(["sha256sum", big_file]))
        mine = summary("verify, 1 GiB", ours)
        base = summary("sha256sum, 1 GiB", theirs)
        print(f"verify hashes at {100 * base / mine:.0f} % of sha256sum's speed (budget: at least 80 %)")


if __name__ == "__main__":
    main()
