# bench/git_gen.py: write a `git fast-import` stream of a pod repository with N models (3 files each) and C commits
# usage: git_gen.py MODELS COMMITS | git -C REPO fast-import --quiet
import json
import os
import random
import sys

models, commits = int(sys.argv[1]), int(sys.argv[2])
rng = random.Random(42)
out = sys.stdout.buffer
mark = 0
when = 1767225600 - commits * 3600  # hourly commits ending on 2026-01-01


def blob(text):
    global mark
    data = text.encode()
    mark += 1
    out.write(b"blob\nmark :%d\ndata %d\n%s\n" % (mark, len(data), data))
    return mark


def contract(i, target):
    return ('{ "registry": {"source": "registry", "name": "model-%05d", "candidate": "challenger"},\n'
            '  "owners": {"research": "ana", "engineering": "raj"},\n'
            '  "inputs":  [{"name": "x", "dtype": "float32", "shape": [8]}],\n'
            '  "outputs": [{"name": "score", "dtype": "float32", "range": [0, 1]}],\n'
            '  "slos": [ {"metric": "latency_p99_ms", "op": "<=", "target": %d},\n'
            '            {"metric": "auc", "op": ">=", "target": 0.9} ] }\n' % (i, target))


# items people tick in the default checklist (a made-up id is an error in the pod, and sync then exits 1)
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "checklists", "default.json")) as f:
    TICKABLE = [i["id"] for i in json.load(f)["items"] if "auto" not in i]


def readiness(n):
    items = ", ".join('"%s": {"state": "done", "by": "raj", "at": "2026-11-%02d"}' % (TICKABLE[k], k % 28 + 1)
                      for k in range(n))
    return '{ "checklist": "default", "items": { %s } }\n' % items


CARD = "".join("## %s\nText about %s.\n\n" % (s, s.lower()) for s in (
    "Model details", "Intended use", "Factors", "Metrics", "Evaluation data", "Training data",
    "Quantitative analyses", "Ethical considerations", "Caveats and recommendations"))

POD = ('{ "name": "bench-pod", "members": [ {"handle": "ana", "name": "Ana", "role": "research"},\n'
       '  {"handle": "raj", "name": "Raj", "role": "engineering"} ] }\n')


def commit(message, files):
    global when
    when += 3600
    msg = message.encode()
    out.write(b"commit refs/heads/main\n")
    out.write(b"author Ana Ruiz <ana@pod.example> %d +0000\n" % when)
    out.write(b"committer Ana Ruiz <ana@pod.example> %d +0000\n" % when)
    out.write(b"data %d\n%s\n" % (len(msg), msg))
    for path, m in files:
        out.write(b"M 100644 :%d %s\n" % (m, path.encode()))
    out.write(b"\n")


card = blob(CARD)
files = [("pod.json", blob(POD))]
for i in range(models):
    d = "models/model-%05d/" % i
    files += [(d + "contract.json", blob(contract(i, 50))), (d + "readiness.json", blob(readiness(1))),
              (d + "MODEL_CARD.md", card)]
commit("Start the bench pod with %d models" % models, files)
for c in range(1, commits):
    i = rng.randrange(models)
    d = "models/model-%05d/" % i
    if c % 2:
        f = (d + "readiness.json", blob(readiness(c % 7 + 1)))
    else:
        f = (d + "contract.json", blob(contract(i, 40 + c % 20)))
    commit("model-%05d: update %d" % (i, c), [f])
