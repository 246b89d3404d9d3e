#!/usr/bin/env bash
# run.sh: runs each libFuzzer target for a given time from its seed corpus (make fuzz) and prints the coverage it reached
#
#   ./configure CC=clang --enable-fuzzing --enable-sanitizers && make fuzz [FUZZ_TIME=60] [FUZZ_TARGETS='fuzz_podfile ...']
#   fuzz/run.sh [SECONDS] [TARGET...]        (from the build directory)
#
# The corpus grows in fuzz/corpus/<target>/ of the build directory (kept between runs, seeded
# from fuzz/seeds.sh the first time). A crash leaves its input as fuzz/crash-<target>-* and
# makes the run fail. FUZZ_NOSEEDS=1 starts from an empty corpus instead (to compare).
set -uo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-60}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
	for c in "$src"/fuzz/fuzz_*.c; do targets+=("$(basename "$c" .c)"); done
fi
for t in "${targets[@]}"; do
	[ -x "fuzz/$t" ] || {
		echo "run.sh: no fuzz/$t here: configure with CC=clang --enable-fuzzing and run make fuzz" >&2
		exit 2
	}
done
seeds=fuzz/seeds
if [ "${FUZZ_NOSEEDS:-}" = 1 ]; then
	corpus=$(mktemp -d "${TMPDIR:-/tmp}/hf-fuzz-empty.XXXXXX")
	trap 'rm -rf "$corpus"' EXIT
else
	corpus=fuzz/corpus
	rm -rf "$seeds"
	bash "$src/fuzz/seeds.sh" "$seeds" >/dev/null
fi
fail=0
printf '%-14s %6s %9s %9s %10s\n' target seeds "cov seeds" "cov end" runs
for t in "${targets[@]}"; do
	mkdir -p "$corpus/$t"
	nseeds=0
	if [ "${FUZZ_NOSEEDS:-}" != 1 ]; then
		nseeds=$(find "$seeds/$t" -type f | wc -l)
		# the seeds join the corpus (libFuzzer keeps what adds coverage)
		cp -n "$seeds/$t"/* "$corpus/$t"/ 2>/dev/null || true
	fi
	log=fuzz/$t.log
	"./fuzz/$t" -max_total_time="$secs" -print_final_stats=1 -artifact_prefix="fuzz/crash-$t-" \
		-max_len=65536 "$corpus/$t" >"$log" 2>&1
	rc=$?
	start=$(grep -m1 'INITED' "$log" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
	end=$(grep ' cov: ' "$log" | tail -1 | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	printf '%-14s %6s %9s %9s %10s\n' "$t" "$nseeds" "${start:-?}" "${end:-?}" "${runs:-?}"
	if [ $rc -ne 0 ]; then
		echo "$t: failed (exit $rc), see $log:" >&2
		grep -m5 -E 'ERROR|SUMMARY|Test unit written' "$log" >&2
		fail=1
	fi
done
exit $fail
