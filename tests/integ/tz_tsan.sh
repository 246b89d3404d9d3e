#!/usr/bin/env bash
# tz_tsan.sh: tests/unit/test_tz.c built with ThreadSanitizer (threads sharing zone handles and opening zones at once) must report no race
. "${HF_SRCDIR:?}/tests/lib/common.sh" tsan
cc=${CC:-cc}
src=$HF_SRCDIR/src
# shellcheck disable=SC2046
if ! "$cc" -std=c11 -g -O1 -fsanitize=thread -pthread -I"$HF_SRCDIR/include" -I"${HF_BUILDDIR:?}" \
	-DHF_ABS_SRCDIR="\"$HF_SRCDIR\"" -DHF_ABS_BUILDDIR="\"$HF_BUILDDIR\"" -DHF_PKGDATADIR="\"$HF_SRCDIR\"" \
	$(pkg-config --cflags libical cmocka) -o "$t/test_tz" "$HF_SRCDIR/tests/unit/test_tz.c" \
	"$src"/util/*.c "$src"/core/rotation*.c \
	$(pkg-config --libs libical cmocka) >"$t/cc.out" 2>&1; then
	cat "$t/cc.out"
	echo "FAIL: test_tz does not build with -fsanitize=thread"
	exit 1
fi
TSAN_OPTIONS="halt_on_error=1 exitcode=66 second_deadlock_stack=1" "$t/test_tz" >"$t/run.out" 2>&1
rc=$?
if [ $rc -ne 0 ] && grep -q "ThreadSanitizer: unexpected memory mapping\|FATAL: ThreadSanitizer" "$t/run.out"; then
	# some kernels' address-space randomisation leaves no room for TSan's shadow memory
	echo "SKIP: ThreadSanitizer cannot start on this kernel"; head -n 3 "$t/run.out"
	exit 77
fi
check "test_tz under ThreadSanitizer exits 0 (no data race)" test $rc -eq 0 || tail -n 60 "$t/run.out"
exit $fail
