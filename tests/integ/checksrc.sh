#!/usr/bin/env bash
# checksrc.sh: no unbounded string functions, a what-for line atop every source file, layers, no oversized files
set -u
# nothing from the caller's locale, zone or home
export LC_ALL=C.UTF-8 TZ=UTC HOME=/nonexistent GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
cd "${HF_SRCDIR:?}" || exit 2
fail=0

# strcpy & co: bounded helpers (snprintf, hf_strbuf, hf_strlcpy, strtol) instead
banned='\b(strcpy|strcat|sprintf|vsprintf|strtok|atoi|atol|atoll|gets|strncat)[[:space:]]*\('
hits=$(grep -nE "$banned" $(git ls-files 'src/*.c' 'src/**/*.c' 'include/*.h' 'include/**/*.h' 2>/dev/null || find src include -name '*.[ch]') | grep -vE '(snprintf|vsnprintf|hf_)' || true)
if [ -n "$hits" ]; then
	echo "banned string functions:"
	echo "$hits"
	fail=1
fi

# every C file and header starts with a comment saying what it is for
for f in $(find src include tests/unit bench -name '*.[ch]' 2>/dev/null); do
	first=$(head -n 1 "$f")
	case "$first" in
	"/* "*) ;;
	*) echo "$f: first line is not a one-line comment saying what the file is for"; fail=1 ;;
	esac
done

# config.h first in every .c (after the comment), never in a header
for f in $(find src tests/unit bench -name '*.c' 2>/dev/null); do
	inc=$(grep -m1 '^#include' "$f")
	[ "$inc" = '#include "config.h"' ] || { echo "$f: first include is not config.h"; fail=1; }
done
if grep -ln '#include "config.h"' $(find include -name '*.h') 2>/dev/null; then
	echo "headers must not include config.h"
	fail=1
fi

# src/core is pure: no I/O libraries
if grep -nE '#include <(sqlite3|jansson|curl/curl|git2|ncurses|curses|libical/ical|unistd|fcntl)\.h>|\b(fopen|fprintf|printf|puts|fputs|fwrite|fread|getenv|system|popen)[[:space:]]*\(' src/core/*.c 2>/dev/null; then
	echo "src/core must stay free of I/O and external libraries"
	fail=1
fi

# SQL lives in src/store only
if grep -lE '#include <sqlite3\.h>' $(find src -name '*.c' -not -path 'src/store/*') 2>/dev/null; then
	echo "sqlite3 used outside src/store"
	fail=1
fi

# memory through the x* wrappers (xmalloc.h: they die with a message, restoring the terminal)
hits=$(grep -nE '(^|[^_[:alnum:]])((malloc|calloc|realloc|strdup|strndup|asprintf|vasprintf)[[:space:]]*\(|abort[[:space:]]*\([[:space:]]*\))' \
	$(find src -name '*.c' -not -path src/util/xmalloc.c) 2>/dev/null || true)
if [ -n "$hits" ]; then
	echo "raw allocation or abort() outside src/util/xmalloc.c (use xmalloc.h):"
	echo "$hits"
	fail=1
fi

# statements are bound and stepped through db.c's helpers, which turn a failed bind or a
# statement that did not prepare into an error instead of a step with the parameter NULL
hits=$(grep -nE '\bsqlite3_(step|bind_[a-z0-9]+)[[:space:]]*\(' $(find src -name '*.c' -not -path src/store/db.c) 2>/dev/null || true)
if [ -n "$hits" ]; then
	echo "sqlite3_step or sqlite3_bind_* outside src/store/db.c (use hf_bind_*, hf_store_exec_stmt, hf_store_read_rows/one):"
	echo "$hits"
	fail=1
fi

# tui and cmd are siblings: the TUI uses neither the CLI's headers nor its functions
# (what both need, the context and the error output, is in ctx.h, below both)
if grep -nE '#include "handoff/(cmd|cmd_status|out|report_out)\.h"|\bhf_cmd_[a-z_]*[[:space:]]*\(' \
	src/tui/*.c include/handoff/tui*.h 2>/dev/null; then
	echo "src/tui must not use the CLI (src/cmd, cmd.h): move what both need below both"
	fail=1
fi
# and the layers below both include neither of them
if grep -nE '#include "handoff/(cmd|cmd_status|out|report_out|tui[a-z_]*)\.h"' \
	$(find src/report src/sources src/podfile src/config src/store src/core src/util -name '*.[ch]') \
	include/handoff/ctx.h include/handoff/report.h 2>/dev/null; then
	echo "the layers below the CLI and the TUI must not include their headers"
	fail=1
fi

exit $fail
