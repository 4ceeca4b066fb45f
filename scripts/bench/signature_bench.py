"""Times seal and verify with a signature beside ssh-keygen signing alone; see scripts/bench-signatures.sh."""

import argparse
import os
import statistics
import subprocess
import tempfile
import time


def timed(command, env=None):
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return (time.perf_counter() - start) * 1000


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--wizard", required=True)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        key = os.path.join(scratch, "key")
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "bench", "-f", key], check=True)
        with open(key + ".pub") as handle:
            public = " ".join(handle.read().split()[:2])
        allowed = os.path.join(scratch, "allowed_signers")
        with open(allowed, "w") as handle:
            handle.write(f'bench@moj.example namespaces="dmf-wizard-manifest,dmf-wizard-receipt" {public}\n')
        folder = os.path.join(scratch, "send")
        os.makedirs(folder)
        data = os.path.join(folder, "extract.csv")
        with open(data, "wb") as handle:
            handle.write(os.urandom(64 * 1024))
        message = os.path.join(scratch, "message")
        with open(message, "wb") as handle:
            handle.write(os.urandom(600))
        env = dict(os.environ, DMF_SIGNING_KEY=key, DMF_ALLOWED_SIGNERS=allowed)
        manifest = os.path.join(folder, "DMF-20261206-BNCH.manifest.json")
        seal = [args.wizard, "seal", "DMF-20261206-BNCH", data, "--by", "Bench", "--no-record", "--force"]
        keygen, sealed, verified = [], [], []
        # Turn about, in one run: ssh-keygen alone, then seal and verify with a signature.
        for _ in range(args.runs):
            if os.path.exists(message + ".sig"):
                os.remove(message + ".sig")
            keygen.append(timed(["ssh-keygen", "-q", "-Y", "sign", "-f", key, "-n", "dmf-wizard-manifest", message]))
            sealed.append(timed(seal, env))
            verified.append(timed([args.wizard, "verify", manifest, "--require-signature"], env))
        base = statistics.median(keygen)
        for name, samples in [("ssh-keygen -Y sign alone", keygen), ("seal, signed", sealed),
                              ("verify, signature checked", verified)]:
            median = statistics.median(samples)
            line = f"{name:<28} median {median:7.1f} ms   min {min(samples):7.1f} ms"
            if samples is not keygen:
                line += f"   (budget {base + 10:.1f} ms: {'ok' if median <= base + 10 else 'OVER'})"
            print(line)


if __name__ == "__main__":
    main()
