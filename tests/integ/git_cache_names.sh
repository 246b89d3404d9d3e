# tests/integ/git_cache_names.sh: sources whose names differ only in characters a folder name cannot hold ('a/b', 'a_b', 'a%2Fb') keep separate caches
. "$HF_SRCDIR/tests/lib/gitd.sh"

names=("a/b" "a_b" "a%2Fb" ".a b")
cfg="$XDG_CONFIG_HOME/handoff/config"
: >"$cfg"
for i in "${!names[@]}"; do
	make_pod "$T/w$i"
	echo "$i" >"$T/w$i/which.txt"
	commit_all "$T/w$i" "Repository $i"
	printf '[source "%s"]\n\ttype = git\n\turl = %s\n' "${names[$i]}" "$T/w$i" >>"$cfg"
done
"$HANDOFF_BIN" sync >/dev/null 2>"$T/err" || { cat "$T/err"; fail "sync of four sources"; }
assert_eq "cache folders" "${#names[@]}" "$(find "$XDG_CACHE_HOME/handoff/repos" -mindepth 1 -maxdepth 1 -type d | wc -l)"
for d in "$XDG_CACHE_HOME/handoff/repos"/*; do
	case "$(basename "$d")" in ..*|.|*/*) fail "cache folder '$d' is not a plain name" ;; esac
done
# each source's cache holds its own tip, and each source's synced commit is its repository's
for i in "${!names[@]}"; do
	n=${names[$i]}
	want=$("$GIT" -C "$T/w$i" rev-parse main)
	assert_eq "synced commit of '$n'" "$want" "$(sql "SELECT value FROM source_state WHERE source='$n' AND key='commit'")"
	found=0
	for d in "$XDG_CACHE_HOME/handoff/repos"/* "$XDG_CACHE_HOME/handoff/repos"/.[!.]*; do
		[ -d "$d" ] || continue
		[ "$("$GIT" --git-dir="$d" rev-parse refs/handoff/tip 2>/dev/null)" = "$want" ] && found=$((found + 1))
	done
	assert_eq "caches holding the tip of '$n'" 1 "$found"
done
echo ok
