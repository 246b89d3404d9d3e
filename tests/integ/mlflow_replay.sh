# mlflow_replay.sh: the replay server answers every captured GET exactly as the real MLflow 2.9.2 did (status, type, bytes)
. "$HF_SRCDIR/tests/integ/mlflow_lib.sh"

start_server
"$PYTHON3" - "$URL" "$FIX" <<'PY' || fail "replay server differs from the captures"
import os, sys, urllib.error, urllib.request
url, fix = sys.argv[1], sys.argv[2]
rows = [l.rstrip("\n").split("\t") for l in open(os.path.join(fix, "MANIFEST.tsv"), encoding="utf-8")][1:]
seen, bad, checked = set(), [], 0
for name, method, req, body, status, ctype in (r[:6] for r in rows):
    if method != "GET" or req in seen:
        continue        # the first capture of a request is the one to match
    seen.add(req)
    try:
        resp = urllib.request.urlopen(url + req)
        got = (resp.status, resp.headers["Content-Type"], resp.read())
    except urllib.error.HTTPError as e:
        got = (e.code, e.headers["Content-Type"], e.read())
    want = (int(status), ctype, open(os.path.join(fix, name), "rb").read())
    checked += 1
    if got != want:
        bad.append("%s %s: got %s %s (%d bytes), want %s %s (%d bytes)" % (
            name, req, got[0], got[1], len(got[2]), want[0], want[1], len(want[2])))
# the method-not-allowed page, as 2.9.2 answers a DELETE on a search
req = urllib.request.Request(url + "/api/2.0/mlflow/registered-models/search", method="DELETE")
try:
    urllib.request.urlopen(req)
    bad.append("DELETE on a search was accepted")
except urllib.error.HTTPError as e:
    if e.code != 405 or e.read() != open(os.path.join(fix, "registered-models-search.error-405-method.html"), "rb").read():
        bad.append("DELETE on a search: %d" % e.code)
print("%d captured GETs replayed, %d differ" % (checked, len(bad)))
for b in bad:
    print("  " + b)
sys.exit(1 if bad else 0)
PY
echo "ok"
