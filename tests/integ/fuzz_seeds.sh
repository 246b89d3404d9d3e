#!/usr/bin/env bash
# fuzz_seeds.sh: every fuzz target has a seed corpus from the tree (each parser its first byte picks included) and fuzz/README.md gives the coverage each reaches
set -u
export LC_ALL=C.UTF-8 TZ=UTC HOME=/nonexistent
: "${HF_SRCDIR:?run through make check}"
fail=0
t=$(mktemp -d "${TMPDIR:-/tmp}/hf-fuzz-seeds.XXXXXX")
trap 'rm -rf "$t"' EXIT
bash "$HF_SRCDIR/fuzz/seeds.sh" "$t/seeds" >/dev/null || { echo "FAIL: fuzz/seeds.sh failed"; exit 1; }
for c in "$HF_SRCDIR"/fuzz/fuzz_*.c; do
	target=$(basename "$c" .c)
	n=$(find "$t/seeds/$target" -type f 2>/dev/null | wc -l)
	[ "$n" -ge 4 ] || { echo "FAIL: $target has $n seeds"; fail=1; }
	grep -qE "^\| *\`$target\` *\| *[0-9]+ *\| *[0-9]+ *\| *[0-9]+ *\|" "$HF_SRCDIR/fuzz/README.md" ||
		{ echo "FAIL: fuzz/README.md gives no coverage figures for $target"; fail=1; }
done
# targets whose first byte picks the parser: a seed for each parser
first_bytes() { for f in "$t/seeds/$1"/*; do head -c1 "$f" | od -An -tu1; done | sort -un | tr -d ' ' | tr '\n' ' '; }
check_bytes() { # TARGET EXPECTED
	local got
	got=$(first_bytes "$1")
	[ "$got" = "$2" ] || { echo "FAIL: $1 seeds start with [$got], want [$2]"; fail=1; }
}
check_bytes fuzz_podfile "0 1 2 3 4 5 6 "
check_bytes fuzz_card "0 1 2 "
check_bytes fuzz_mlflow "0 1 2 3 "
check_bytes fuzz_jsonedit "0 1 2 3 4 5 6 7 8 "
# the configurations the docs show are seeds, and they are configurations
grep -lq '^\[source "' "$t/seeds/fuzz_conf"/* || { echo "FAIL: no configuration among fuzz_conf's seeds"; fail=1; }
exit $fail
