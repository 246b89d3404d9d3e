#!/usr/bin/env bash
# dev_script.sh: ./dev on a machine without the build packages: says what to do before anything when it cannot install, shows apt's progress in a few lines when it can; no ar noise in the build
. "${HF_SRCDIR:?}/tests/lib/common.sh" dev-script

# a PATH of only what ./dev needs, with stand-ins for id, dpkg-query and apt-get (no sudo on it)
b=$t/bin
mkdir -p "$b"
for tool in bash env dirname grep cat mktemp date rm tail sed; do
	ln -s "$(command -v "$tool")" "$b/$tool"
done
cat >"$b/dpkg-query" <<'SH'
#!/bin/bash
# every package is missing
exit 1
SH
cat >"$b/apt-get" <<'SH'
#!/bin/bash
echo "apt-get $*" >>"$APT_LOG"
case "$*" in
*update*) echo "Hit:1 http://deb.debian.org/debian bookworm InRelease" ;;
*" -s "*) for i in 1 2 3 4; do echo "Inst pkg$i (1.0 Debian:12)"; done ;;
*) for i in 1 2 3 4; do echo "Get:$i http://deb.debian.org/debian bookworm/main amd64 pkg$i amd64 1.0 [10 kB]"; done
   for i in 1 2 3 4; do echo "Unpacking pkg$i (1.0) ..."; echo "Setting up pkg$i (1.0) ..."; done ;;
esac
SH
chmod +x "$b/dpkg-query" "$b/apt-get"
export APT_LOG=$t/apt.log

# a normal user, no sudo: what to do, before anything runs
printf '#!/bin/bash\ncase "$1" in -u) echo 1000 ;; -un) echo alice ;; esac\n' >"$b/id"
chmod +x "$b/id"
PATH=$b "$HF_SRCDIR/dev" test >"$t/out" 2>&1
check "without root or sudo, ./dev stops with status 1" test $? -eq 1
check "it says how to go on" grep -q "^dev: either run this as root (su -c '.*/dev test'), or install sudo as root$" "$t/out"
check "it names the missing packages" grep -q "^dev:   build-essential autoconf .* man-db$" "$t/out"
check "nothing was run" test ! -e "$APT_LOG"
check "nothing was built" test "$(grep -c . "$t/out")" -eq 5

# root: apt's output becomes a few progress lines, not its own hundreds
printf '#!/bin/bash\ncase "$1" in -u) echo 0 ;; -un) echo root ;; esac\n' >"$b/id"
PATH=$b "$HF_SRCDIR/dev" deps >"$t/out" 2>&1
check "as root, the packages install" test $? -eq 0
check "progress, step by step" diff - <(grep -v '^dev: installing [0-9]* Debian packages' "$t/out" | sed 's/ in [0-9]* s$/ in N s/') <<'OUT'
dev: apt-get update
dev: installing packages: 12% (downloaded 1 of 4)
dev: installing packages: 25% (downloaded 2 of 4)
dev: installing packages: 37% (downloaded 3 of 4)
dev: installing packages: 50% (downloaded 4 of 4)
dev: installing packages: 62% (set up 1 of 4)
dev: installing packages: 75% (set up 2 of 4)
dev: installing packages: 87% (set up 3 of 4)
dev: installing packages: 100% (set up 4 of 4)
dev: installed 4 packages in N s
OUT
check "it says what it installs first" grep -q "^dev: installing [0-9]* Debian packages and what they need" "$t/out"
check "apt installs them all at once" grep -q "^apt-get install -y -q build-essential .* man-db$" "$APT_LOG"

# the build's archives are made without the 'u' modifier Debian's ar ignores aloud
check "ARFLAGS without u" grep -qx "ARFLAGS = cr" "${HF_BUILDDIR:?}/Makefile"
exit $fail
