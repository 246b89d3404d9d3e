# tests/lib/writeback.sh: write-back test helpers: a served pod that takes pushes, people with their own clone and database, checks on the remote
# Source it after tests/lib/gitd.sh: . "$HF_SRCDIR/tests/lib/writeback.sh"

# wb_pod DIR: make_pod plus the files people act on: readiness in handoff's own formatting and a
# hand-formatted one (tabs, other key order), a sprint and a rotation
wb_pod() {
	local d=$1
	make_pod "$d"
	cp "$HF_SRCDIR/data/demo/pod/models/fraud-detector/readiness.json" "$d/models/fraud-detector/readiness.json"
	printf '{\n\t"items": {\n\t\t"data.sources": {\n\t\t\t"at": "2026-10-01",\n\t\t\t"state": "todo",\n\t\t\t"by": "raj"\n\t\t},\n\t\t"eval.slices":   { "by" : "ana", "state" : "done", "at" : "2026-10-10" }\n\t},\n\t"checklist": "default"\n}\n' \
		>"$d/models/ranker/readiness.json"
	cat >"$d/sprints/2026-12.json" <<'EOF'
{ "id": "2026-12", "name": "December joint sprint", "start": "2026-11-23", "end": "2026-12-18",
  "goal": "fraud-detector into serving",
  "capacity": {"ana": 8, "raj": 10},
  "items": [ {"id": "S-1", "title": "Retrain on distilled features", "kind": "research", "owner": "ana",
              "model": "fraud-detector", "points": 3, "status": "doing", "blocked_by": null, "links": []},
             {"id": "S-2", "title": "Cut p99 latency below 50 ms", "kind": "engineering", "owner": "raj",
              "model": "fraud-detector", "points": 5, "status": "todo", "blocked_by": null, "links": []} ] }
EOF
	mkdir -p "$d/oncall"
	cat >"$d/oncall/serving.json" <<'EOF'
{ "name": "serving", "timezone": "Europe/Berlin",
  "start": "2026-11-23", "shift": "1w", "handoff": "mon 09:00",
  "members": ["ana", "raj"],
  "overrides": [ ],
  "covers": ["fraud-detector", "ranker"] }
EOF
	commit_all "$d" "Readiness, sprint and rotation" "2026-11-03T10:00:00Z"
}

# wb_serve WORK BARE: a bare copy that takes only fast-forwards and logs every update of its branches
wb_serve() {
	"$GIT" clone -q --bare "$1" "$2"
	"$GIT" -C "$2" config receive.denyNonFastForwards true
	"$GIT" -C "$2" config core.logAllRefUpdates always
	"$GIT" -C "$2" config http.receivepack true
}

# gitd_start_rw BASE: git daemon serving BASE that takes pushes (receive-pack); sets GITD_PORT
gitd_start_rw() {
	GITD_PORT=${GITD_PORT:-$(free_port)}
	"$GIT" daemon --reuseaddr --export-all --enable=receive-pack --base-path="$1" \
		--listen=127.0.0.1 --port="$GITD_PORT" --informative-errors "$1" \
		>/dev/null 2>>"$T/gitd.log" &
	GITD_PID=$!
	HF_PIDS+=("$GITD_PID")
	wait_port "$GITD_PORT"
}

# wb_person ID NAME EMAIL URL: a laptop of its own: home (with a git identity), config, database
wb_person() {
	local id=$1 name=$2 email=$3 url=$4 h="$T/people/$1"
	mkdir -p "$h/config/handoff" "$h/cache" "$h/data"
	printf '[user]\n\tname = %s\n\temail = %s\n' "$name" "$email" >"$h/.gitconfig"
	printf '[source "pod"]\n\ttype = git\n\turl = %s\n[user]\n\thandle = %s\n' "$url" "$id" \
		>"$h/config/handoff/config"
}

# run_as ID ARGS...: run handoff as that person (their home, config, cache and database)
run_as() {
	local h="$T/people/$1"
	shift
	HOME=$h XDG_CONFIG_HOME=$h/config XDG_CACHE_HOME=$h/cache XDG_DATA_HOME=$h/data \
		HANDOFF_DB=$h/handoff.db "$HANDOFF_BIN" "$@"
}

# sql_as ID QUERY: read a person's database
sql_as() {
	sqlite3 -batch -noheader "$T/people/$1/handoff.db" "$2"
}

# assert_fast_forwards BARE: every update the server logged for its branches kept the old tip as an ancestor
assert_fast_forwards() {
	local bare=$1 old new rest n=0
	while read -r old new rest; do
		n=$((n + 1))
		case $old in 0000000000000000000000000000000000000000) continue ;; esac
		"$GIT" -C "$bare" merge-base --is-ancestor "$old" "$new" ||
			fail "the remote's reflog has an update that is not a fast-forward: $old -> $new ($rest)"
	done <"$bare/logs/refs/heads/main"
	[ "$n" -gt 0 ] || fail "the remote logged no update of main"
}

# served_file BARE PATH: a file at the tip of main on the server
served_file() {
	"$GIT" -C "$1" show "main:$2"
}

# wb_start: the pod of wb_pod served by git daemon at $url ($bare on disk); ana (synced) acts on it
wb_start() {
	wb_pod "$T/work"
	mkdir -p "$T/served"
	wb_serve "$T/work" "$T/served/pod.git"
	bare=$T/served/pod.git
	gitd_start_rw "$T/served"
	url="git://127.0.0.1:$GITD_PORT/pod.git"
	wb_person ana "Ana Ruiz" ana@pod.example "$url"
	run_as ana sync >/dev/null || fail "ana's sync"
}
