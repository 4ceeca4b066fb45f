#!/usr/bin/env bash
# Fuzzes the answers-file reader (AnswersParser.parse, via Yams and libyaml) with libFuzzer.
#
#   scripts/fuzz-answers.sh [SECONDS] [LIBFUZZER-OPTION...]     (default 60 seconds)
#
# Needs only the Swift toolchain: `-sanitize=fuzzer` links clang's libFuzzer runtime, which ships
# with it (/opt/swift/usr/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a here). No network
# when .build/checkouts exists (copied, as in build-release.sh). The first build compiles the
# reader, Yams and libyaml with coverage instrumentation, optimised, in .build-fuzz (ignored by
# git): about a minute on 2 cores; later builds take seconds.
#
# What is checked, for any bytes (Sources/AnswersFuzz/AnswersFuzz.swift): the reader returns or
# throws AnswersFileError with at least one problem, in both modes, without crashing, hanging
# (-timeout=5 s an input) or growing past 2 GB; whatever it accepts reads back the same after
# AnswersWriter.yaml.
#
# The fuzzer starts from a temporary copy of Tests/Fuzz/corpus, so the committed seeds never
# grow by themselves. Crash, timeout and out-of-memory inputs are moved to Tests/Fuzz/crashes/
# and the script exits 1; `swift test` (FuzzCorpusTests) replays that folder too, so it fails
# until the bug is fixed. Exit 0: nothing found. Exit 2: bad usage or the build failed.
# Works from any folder, with no terminal (CI=true). Ends with a one-line summary.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root="$PWD"

seconds="${1:-60}"
[[ $# -gt 0 ]] && shift
if ! [[ "$seconds" =~ ^[1-9][0-9]*$ ]]; then
    echo "usage: scripts/fuzz-answers.sh [SECONDS] [LIBFUZZER-OPTION...]" >&2
    exit 2
fi

scratch=.build-fuzz
if [[ ! -d $scratch/checkouts && -d .build/checkouts ]]; then
    mkdir -p "$scratch"
    cp -R .build/checkouts .build/repositories .build/workspace-state.json "$scratch/" 2>/dev/null || true
fi
# Release (libFuzzer runs about twice as many inputs a second as with -Onone). -DFUZZING gives
# AnswersFuzz the @main that hands over to libFuzzer; `Extern` allows its @_extern(c) declaration
# of LLVMFuzzerRunDriver; -fsanitize=fuzzer-no-link instruments libyaml's C code too (Yams's
# scanner and parser), so coverage guides the fuzzer through YAML syntax.
flags=(-c release --scratch-path "$scratch"
       -Xswiftc -DFUZZING -Xswiftc -sanitize=fuzzer
       -Xswiftc -enable-experimental-feature -Xswiftc Extern
       -Xcc -fsanitize=fuzzer-no-link)
echo "fuzz-answers: building the fuzzer in $scratch"
build_start=$(date +%s)
if ! nice -n 10 swift build "${flags[@]}" --product AnswersFuzz >&2; then
    echo "fuzz-answers: the build failed" >&2
    exit 2
fi
build_seconds=$(( $(date +%s) - build_start ))
bin="$(swift build "${flags[@]}" --show-bin-path)/AnswersFuzz"
[[ -x $bin ]] || { echo "fuzz-answers: no fuzzer at $bin" >&2; exit 2; }

work="$(mktemp -d "${TMPDIR:-/tmp}/fuzz-answers.XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus" "$work/artifacts"
cp -R Tests/Fuzz/corpus/. "$work/corpus/"
seeds=$(find "$work/corpus" -type f | wc -l)

echo "fuzz-answers: fuzzing for ${seconds} s from $seeds seeds (log: only status lines shown)"
# Swift's own crash backtracer would take SIGILL/SIGSEGV before libFuzzer (which then neither
# reports the crash nor saves the input), so it is off; libFuzzer prints the stack itself.
run_start=$(date +%s)
set +e
SWIFT_BACKTRACE=enable=no nice -n 10 "$bin" "$work/corpus" \
    -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 -max_len=65536 \
    -artifact_prefix="$work/artifacts/" -print_final_stats=1 "$@" > "$work/log" 2>&1
status=$?
set -e
run_seconds=$(( $(date +%s) - run_start ))
grep -E 'INITED|pulse|DONE' "$work/log" | cut -c1-160 || true

shopt -s nullglob
artifacts=("$work"/artifacts/*)
shopt -u nullglob
found=()
if [[ ${#artifacts[@]} -gt 0 ]]; then
    mkdir -p Tests/Fuzz/crashes
    for file in "${artifacts[@]}"; do
        mv -f "$file" Tests/Fuzz/crashes/
        found+=("Tests/Fuzz/crashes/$(basename "$file")")
    done
fi

# The last status line ("#N DONE cov: C ft: F corp: N/SIZE exec/s: ...") and the final stats.
last="$(grep -E '^#[0-9]+' "$work/log" | tail -n 1 || true)"
runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log" | tail -n 1)"
[[ -n $runs ]] || runs="$(sed -n 's/^#\([0-9]*\).*/\1/p' <<< "$last")"
rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$work/log" | tail -n 1)"
cov="$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<< "$last")"
features="$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<< "$last")"
corpus="$(sed -n 's/.* corp: \([0-9]*\/[0-9]*[a-zA-Z]*\).*/\1/p' <<< "$last")"
peak="$(sed -n 's/^stat::peak_rss_mb: *//p' "$work/log" | tail -n 1)"

if [[ ${#found[@]} -gt 0 || $status -ne 0 ]]; then
    echo
    echo "fuzz-answers: libFuzzer stopped with status $status; the end of its log:"
    grep -v -E '^#[0-9]+.*(NEW|REDUCE|pulse)|NEW_FUNC' "$work/log" | tail -n 60
    echo
    if [[ ${#found[@]} -gt 0 ]]; then
        echo "Found (kept in Tests/Fuzz/crashes/, which \`swift test\` replays, so it fails until fixed):"
        printf '  %s\n' "${found[@]}"
        echo "To see it again with the Swift stack (the plain build replays files; SIGQUIT stops a hang"
        echo "and prints where it was):"
        echo "  swift build --scratch-path $scratch --product AnswersFuzz"
        echo "  timeout -s QUIT 30 $scratch/debug/AnswersFuzz ${found[0]}"
        echo "Once fixed, keep it as a regression seed under a name that says what it is, e.g."
        echo "  mv ${found[0]} Tests/Fuzz/corpus/regress-<what-it-broke>.yaml && rmdir Tests/Fuzz/crashes"
        echo "then run \`swift test --filter FuzzCorpus\` and this script again."
    fi
fi

summary="fuzz-answers: ${runs:-?} runs in ${run_seconds} s (${rate:-?}/s), coverage ${cov:-?} edges / ${features:-?} features, corpus ${corpus:-?} (from $seeds seeds), peak ${peak:-?} MB, ${#found[@]} crash/timeout/oom, build ${build_seconds} s"
echo "$summary"
if [[ ${#found[@]} -gt 0 || $status -ne 0 ]]; then exit 1; fi
