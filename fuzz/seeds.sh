#!/usr/bin/env bash
# seeds.sh: writes a seed corpus per fuzz target from files the tree ships (demo pod, templates, fixtures, cards, themes, docs)
#
#   fuzz/seeds.sh OUTDIR        (OUTDIR/<target>/ for each target; run from anywhere)
#
# A target whose first input byte picks a parser gets that byte in front of each file.
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
out=${1:?usage: fuzz/seeds.sh OUTDIR}
mkdir -p "$out"
out=$(cd "$out" && pwd)	# before the cd below: a relative OUTDIR is the caller's
cd "$src"
n=0

# seed TARGET SELECTOR FILE...: one seed per file, the selector byte (or "-" for none) first
seed() {
	local target=$1 sel=$2 f
	shift 2
	mkdir -p "$out/$target"
	for f in "$@"; do
		[ -f "$f" ] || continue
		n=$((n + 1))
		if [ "$sel" = - ]; then
			cp "$f" "$out/$target/$(printf '%04d' "$n")-$(basename "$f")"
		else
			{ printf "\\$(printf '%03o' "$sel")"; cat "$f"; } >"$out/$target/$(printf '%04d' "$n")-$(basename "$f")"
		fi
	done
}

# blocks NAME FILE...: the fenced code blocks of Markdown files that hold a configuration section
blocks() {
	local name=$1 f i=0
	shift
	mkdir -p "$out/tmp"
	for f in "$@"; do
		awk -v dir="$out/tmp" -v base="$name-$(basename "$f" .md)" '
			/^```/ { if (inb) { close(file); inb = 0 } else { inb = 1; k++; file = dir "/" base "-" k ".ini" } next }
			inb { print > file }' "$f"
	done
	grep -l '^\[' "$out/tmp/$name"-* 2>/dev/null || true
}

pod=data/demo/pod
tpl=data/templates
# fuzz_podfile: the selector picks pod.json, contract, readiness, card, checklist, rotation, sprint
seed fuzz_podfile 0 $pod/pod.json $tpl/pod.json
seed fuzz_podfile 1 $pod/models/*/contract.json $tpl/models/*/contract.json
seed fuzz_podfile 2 $pod/models/*/readiness.json $tpl/models/*/readiness.json
seed fuzz_podfile 3 $pod/models/*/MODEL_CARD.md $tpl/models/*/MODEL_CARD.md
seed fuzz_podfile 4 data/checklists/*.json
seed fuzz_podfile 5 $pod/oncall/*.json $tpl/oncall/*.json
seed fuzz_podfile 6 $pod/sprints/*.json "$tpl"/sprints/*.json

# fuzz_card: 0 a whole card, 1 one heading line, 2 a checklist
seed fuzz_card 0 $pod/models/*/MODEL_CARD.md $tpl/models/*/MODEL_CARD.md tests/shared/cards/*.md
mkdir -p "$out/tmp"
grep -h '^#' tests/shared/cards/*.md | sort -u | head -200 | split -l 1 - "$out/tmp/heading-"
seed fuzz_card 1 "$out/tmp"/heading-*
seed fuzz_card 2 data/checklists/*.json

# fuzz_mlflow: 0 registered-models search, 1 model-versions search, 2 a run or runs search, 3 a model get
fx=tests/shared/fixtures/mlflow
seed fuzz_mlflow 0 $fx/registered-models-search*.json
seed fuzz_mlflow 1 $fx/model-versions-search*.json $fx/model-versions-get*.json
seed fuzz_mlflow 2 $fx/runs-get*.json $fx/runs-search*.json
seed fuzz_mlflow 3 $fx/registered-models-get*.json $fx/registered-models-alias-get*.json

# fuzz_conf: every configuration the README and docs show; fuzz_theme: the shipped themes
seed fuzz_conf - $(blocks conf README.md docs/*.md)
seed fuzz_theme - themes/*.theme

# fuzz_jsonedit: the selector picks the action (0 tick, 1 waive, 2 reopen, 3 note, 4 sprint-add,
# 5 sprint-remove, 6 sprint-set, 7 capacity, 8 override); each golden edit case's input under its
# own action, and the demo pod's files under the actions that edit them
ge=tests/golden/edit
for act in $ge/*.act; do
	in=${act%.act}.in
	[ -f "$in" ] || continue
	case $(sed -n 's/.*"action": *"\([a-z-]*\)".*/\1/p' "$act") in
	tick) sel=0 ;; waive) sel=1 ;; reopen) sel=2 ;; note) sel=3 ;; sprint-add) sel=4 ;;
	sprint-remove) sel=5 ;; sprint-set) sel=6 ;; capacity) sel=7 ;; override) sel=8 ;; *) continue ;;
	esac
	seed fuzz_jsonedit $sel "$in"
done
for sel in 0 1 2 3; do seed fuzz_jsonedit $sel $pod/models/*/readiness.json; done
for sel in 4 5 6 7; do seed fuzz_jsonedit $sel $pod/sprints/*.json; done
seed fuzz_jsonedit 8 $pod/oncall/*.json

# fuzz_sanitize: text from outside in many scripts, hostile answers included
seed fuzz_sanitize - tests/shared/cards/*.md $fx/*hostile*.json $fx/*special-chars*.json $pod/pod.json

rm -rf "$out/tmp"
for d in "$out"/fuzz_*; do
	printf '%-14s %4d seeds\n' "$(basename "$d")" "$(find "$d" -type f | wc -l)"
done
