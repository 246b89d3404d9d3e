#!/usr/bin/env python3
"""mlflow_replay.py: a loopback MLflow 2.9.2 registry server for tests and the bench.

Serves the captured responses in the fixtures folder (MANIFEST.tsv) and
answers a sync (registered-models/search and model-versions/search with
page_token paging, filters `name = '...'`, `name LIKE`, `name ILIKE` and
`order_by=last_updated_timestamp DESC`; registered-models/get,
registered-models/alias, model-versions/get, runs/get, experiments/search,
runs/search with `attributes.run_id IN (...)`) from a consistent snapshot of
the six captured models, in the exact shapes MLflow 2.9.2 sends
(pretty-printed, \\uXXXX escapes, omitted empty fields, string versions).

Write calls change the served state the way 2.9.2 does (docs/registry.md,
"Facts"): registered-models/create, model-versions/create, set-tag and
delete-tag (model and version), alias set/delete, transition-stage,
registered-models/update and model-versions/update (PATCH: description),
delete of a model or a version. A model's last_updated_timestamp moves when
a version is created or deleted, a stage changes or its description
changes; not on an alias or a tag. A version's moves on a stage or
description change; not on a tag or an alias. `name IN (...)` is refused in
both searches (only runs/search takes `run_id IN`).

    mlflow_replay.py --port-file FILE [--fixtures DIR] [--generate N]
                     [--token T] [--gzip] [--strip-search-aliases] [--fork]
                     [--latency-ms MS] [--item-ms MODEL VERSION RUN] [--workers N]
                     [--tls CERT KEY]

The port chosen by the OS is written to FILE once the server listens.
--generate N serves N generated models x 3 versions (each with a run)
instead of the fixtures (the bench). --latency-ms is a server's cost per API
request, --item-ms its cost per registered model, version and run in an
answer (a real MLflow does SQL for each), --workers how many requests it
serves at once (gunicorn's workers; default: no limit).

Control endpoints (tests only, never part of MLflow):
  POST /__faults  {"kind": K, "route": SUBSTRING, "count": N, ...}
      K: 500 | 429 (with "retry_after" seconds) | stall | truncate | html |
         oversize (streams "mib" MiB, default 65) | 401 | body (answers
         "body" with "status" and "content_type": a wrong shape) |
         hang (accepts and never answers, "seconds") |
         hold (answers normally once POST /__release is called: a test's sync held mid-way)
      A list of such objects is accepted too. Each fault answers the next
      N requests whose path contains SUBSTRING (default: any /api/ path).
  POST /__config  {"strip_search_aliases": bool, "token": str|null,
                   "basic": "user:password"|null, "refuse_runs_search": bool,
                   "latency_ms": MS}
  POST /__bulk    {"alias": A, "version": V, "value": X}: every model's alias A -> version V
      (when it has V), and a tag "bulk" = X on the model and on that version only (the kill test)
  POST /__release let the requests held by a "hold" fault go on
  POST /__run     {"run_id": ID, "status": "RUNNING"|"FINISHED", "metrics": {"k": v},
                   "params": {"k": "v"}}
      changes a run (a run that finishes after a sync saw it running)
  GET  /__stats   {"requests": {path: n}, "total": n, "early_retries": n, "early_any": n
                   (requests of any path sent while a 429's Retry-After was in force:
                   from 0.3 s after it, as earlier ones were already on their way),
                   "auth_headers": n, "gzipped": n, "connections": n,
                   "log": ["GET /path?query", ...]}
  POST /__reset   clear the statistics and faults
"""
import argparse
import base64
import copy
import gzip
import hashlib
import json
import os
import re
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, HTTPServer, ThreadingHTTPServer
from socketserver import ForkingMixIn

API = "/api/2.0/mlflow/"
JSON = "application/json"
HTML = "text/html; charset=utf-8"
SHUTDOWN = threading.Event()


def dumps(obj):
    return json.dumps(obj, indent=2).encode()


def err(code, message):
    return json.dumps({"error_code": code, "message": message}).encode()


def vnum(v):
    try:
        return int(v)
    except ValueError:
        return 0


class State:
    """The registry: models by name, versions by (name, version), runs by id."""

    def __init__(self):
        self.lock = threading.RLock()
        self.models = {}
        self.versions = {}
        self.runs = {}
        self.recorded = {}      # (method, path?query) -> (file, status, ctype)
        self.files = {}
        self.fixtures = None
        self.strip_search_aliases = False
        self.token = None
        self.basic = None
        self.gzipped = 0
        self.connections = 0
        self.faults = []
        self.stats = {}
        self.log = []
        self.early = 0
        self.auth_headers = 0
        self.retry_not_before = {}
        self.quiet_from = 0.0   # a Retry-After asks every client request to wait until quiet_until
        self.quiet_until = 0.0  # (from quiet_from: requests already on their way arrive just after)
        self.early_any = 0
        self.run_cache = {}
        self.index = {}         # model name -> its versions (rebuilt when versions come or go)
        self.index_size = -1
        self.refuse_runs_search = False
        self.release = threading.Event()  # lets "hold" faults go on
        self.held = 0
        self.writes = 0         # writes since start: recorded answers are only exact before the first
        self.item_cost = (0.0, 0.0, 0.0)  # seconds per model, version, run in an answer

    def now_ms(self):
        """A write's time, always after every timestamp already served (so it moves)."""
        t = int(time.time() * 1000)
        latest = max([m.get("last_updated_timestamp", 0) for m in self.models.values()] +
                     [v.get("last_updated_timestamp", 0) for v in self.versions.values()] + [0])
        return max(t, latest + 1)

    def experiments(self):
        ids = sorted({r["info"].get("experiment_id", "0") for r in self.runs.values()} | {"0"}, key=vnum)
        out = []
        for e in ids:
            x = {"experiment_id": e, "name": "Default" if e == "0" else "experiment-%s" % e,
                 "artifact_location": "mlflow-artifacts:/%s" % e, "lifecycle_stage": "active",
                 "last_update_time": 1795945000000, "creation_time": 1795945000000}
            out.append(x)
        return out

    # -- loading ------------------------------------------------------
    def file(self, name):
        if name not in self.files:
            with open(os.path.join(self.fixtures, name), "rb") as f:
                self.files[name] = f.read()
        return self.files[name]

    def jfile(self, name):
        return json.loads(self.file(name))

    def load_fixtures(self, d):
        self.fixtures = d
        with open(os.path.join(d, "MANIFEST.tsv"), encoding="utf-8") as f:
            next(f)
            for line in f:
                cols = line.rstrip("\n").split("\t")
                if len(cols) < 6:
                    continue
                name, method, req, _body, status, ctype = cols[:6]
                key = (method, req)
                # keep the first capture of a request (later ones repeat it)
                self.recorded.setdefault(key, (name, int(status), ctype))
        for page in ("page1", "page2", "page3"):
            for m in self.jfile("registered-models-search.%s.json" % page).get("registered_models", []):
                self.models[m["name"]] = m
        for page in ("page1", "page2", "page3"):
            for v in self.jfile("model-versions-search.%s.json" % page).get("model_versions", []):
                self.versions[(v["name"], v["version"])] = v
        for fn in os.listdir(d):
            if fn.startswith("runs-get") and fn.endswith(".json") and "error" not in fn:
                r = self.jfile(fn)["run"]
                self.runs[r["info"]["run_id"]] = r

    def generate(self, n):
        base = 1795945200000
        for i in range(n):
            name = "gen-model-%05d" % i
            # a registry grows over months: a model every two hours, the last one the newest
            t = base - (n - i) * 7200 * 1000
            self.models[name] = {
                "name": name, "creation_timestamp": t, "last_updated_timestamp": t + 300,
                "description": "Generated model %d for the sync benchmark." % i,
                "tags": [{"key": "team", "value": "bench"}, {"key": "handoff.stage", "value": "draft"}],
                "aliases": [{"alias": "challenger", "version": "3"}, {"alias": "champion", "version": "2"}],
            }
            for v, stage in ((1, "Archived"), (2, "Production"), (3, "Staging")):
                run_id = hashlib.md5(("%s/%d" % (name, v)).encode()).hexdigest()
                vt = t + v * 100
                self.versions[(name, str(v))] = {
                    "name": name, "version": str(v), "creation_timestamp": vt,
                    "last_updated_timestamp": vt, "current_stage": stage,
                    "description": "version %d" % v,
                    "source": "mlflow-artifacts:/1/%s/artifacts/model" % run_id,
                    "run_id": run_id, "status": "READY",
                    "tags": [{"key": "validation_status", "value": "passed"}], "run_link": "",
                }
                self.runs[run_id] = {
                    "info": {"run_uuid": run_id, "experiment_id": "1", "run_name": "%s-v%d" % (name, v),
                             "user_id": "bench", "status": "FINISHED", "start_time": vt - 90,
                             "end_time": vt - 10,
                             "artifact_uri": "mlflow-artifacts:/1/%s/artifacts" % run_id,
                             "lifecycle_stage": "active", "run_id": run_id},
                    "data": {"metrics": [
                        {"key": "accuracy", "value": 0.8 + (i % 17) / 100.0, "timestamp": vt - 20, "step": 2},
                        {"key": "auc", "value": 0.9 + (i % 7) / 100.0, "timestamp": vt - 20, "step": 2},
                        {"key": "latency_p99_ms", "value": 20.0 + (i % 40), "timestamp": vt - 20, "step": 2},
                        {"key": "throughput_rps", "value": 700.0 + (i % 300), "timestamp": vt - 20, "step": 2}],
                        "params": [{"key": "learning_rate", "value": "0.05"}],
                        "tags": [{"key": "mlflow.user", "value": "bench"}]},
                    "inputs": {},
                }

    # -- views ----------------------------------------------------------
    def model_versions(self, name):
        if self.index_size != len(self.versions):
            self.index = {}
            for (n, _), v in self.versions.items():
                self.index.setdefault(n, []).append(v)
            self.index_size = len(self.versions)
        return sorted(self.index.get(name, []), key=lambda v: vnum(v["version"]))

    def model_view(self, name, for_search):
        m = copy.deepcopy(self.models[name])
        latest = {}
        for v in self.model_versions(name):
            latest[v.get("current_stage", "None")] = v
        m.pop("latest_versions", None)
        if latest:
            lv = []
            for v in sorted(latest.values(), key=lambda v: vnum(v["version"])):
                v = copy.deepcopy(v)
                v.pop("aliases", None)
                lv.append(v)
            # MLflow lists latest_versions after description and before tags
            out = {}
            for k in ("name", "creation_timestamp", "last_updated_timestamp", "description"):
                if k in m:
                    out[k] = m.pop(k)
            out["latest_versions"] = lv
            out.update(m)
            m = out
        if for_search and self.strip_search_aliases:
            m.pop("aliases", None)
        return m

    def version_view(self, name, version, with_aliases):
        v = copy.deepcopy(self.versions[(name, version)])
        if with_aliases:
            al = sorted(a["alias"] for a in self.models[name].get("aliases", []) if a["version"] == version)
            if al:
                v["aliases"] = al
        return v


def page(items, params, default, limit):
    """Slice items like MLflow 2.9.2: offset tokens, max_results bounds. (status, body|None, next)."""
    mr = params.get("max_results", [str(default)])[0]
    try:
        mr = int(mr)
    except ValueError:
        return 500, None, None
    if mr > limit:
        return 400, err("INVALID_PARAMETER_VALUE",
                        "Invalid value for request parameter max_results. It must be at most %d, "
                        "but got value %d" % (limit, mr)), None
    offset = 0
    if "page_token" in params:
        try:
            offset = int(json.loads(base64.b64decode(params["page_token"][0], validate=True))["offset"])
        except Exception:
            return 400, err("INVALID_PARAMETER_VALUE", "Invalid page token, could not base64-decode"), None
    chunk = items[offset:offset + mr]
    nxt = None
    if offset + mr < len(items):
        nxt = base64.b64encode(json.dumps({"offset": offset + mr}).encode()).decode()
    return 200, chunk, nxt


def refused_in(flt):
    """2.9.2 refuses `name IN (...)` in both registry searches (only runs/search takes IN)."""
    return flt is not None and re.match(r"\s*name\s+IN\s*\(", flt, re.I) is not None


IN_REFUSED = err("INVALID_PARAMETER_VALUE",
                 "Invalid comparator 'IN' not one of '['=', '!=', 'LIKE', 'ILIKE']'")


def order_key(params, default):
    """The sort a search asks for: None for the default, 'updated' for last_updated_timestamp DESC."""
    ob = params.get("order_by", [])
    if not ob:
        return default
    o = ob[0].strip()
    if re.fullmatch(r"last_updated_timestamp\s+DESC", o, re.I):
        return "updated"
    if re.fullmatch(r"name(\s+ASC)?", o, re.I):
        return "name"
    return "bad"


def name_filter(flt):
    """A predicate for the simple filters a client sends, or None when not understood."""
    if flt is None:
        return lambda name: True
    m = re.fullmatch(r"\s*name\s*(=|LIKE|ILIKE)\s*(['\"])(.*)\2\s*", flt, re.S)
    if not m:
        return None
    op, value = m.group(1), m.group(3)
    if op == "=":
        return lambda name: name == value
    rx = "".join(".*" if c == "%" else "." if c == "_" else re.escape(c) for c in value)
    flags = re.I if op == "ILIKE" else 0
    return lambda name: re.fullmatch(rx, name, flags | re.S) is not None


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out as separate writes
    server_version = "gunicorn"
    sys_version = ""

    def log_message(self, *args):
        pass

    api_seen = False  # per connection (one handler instance each)

    @property
    def st(self):
        return self.server.state

    # -- plumbing -----------------------------------------------------
    defer = False     # an API answer waits for its cost (outside the state lock) before it goes out
    pending = None
    items = None

    def send(self, status, body, ctype=JSON, headers=None):
        if self.defer:
            self.pending = (status, body, ctype, headers)
            return
        if isinstance(body, str):
            body = body.encode()
        enc = None
        if self.server.gzip and "gzip" in self.headers.get("Accept-Encoding", "") and len(body) > 200:
            body = gzip.compress(body, 1)
            enc = "gzip"
            with self.st.lock:
                self.st.gzipped += 1
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        if enc:
            self.send_header("Content-Encoding", enc)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def recorded(self, method, raw):
        rec = self.st.recorded.get((method, raw))
        if not rec:
            return False
        name, status, ctype = rec
        self.send(status, self.st.file(name), ctype)
        return True

    def not_found(self):
        self.send(404, self.st.file("unknown-endpoint.error-404.html") if self.st.fixtures else
                  b"<!doctype html>\n<title>404 Not Found</title>\n", HTML)

    def take_fault(self, path):
        with self.st.lock:
            for f in self.st.faults:
                if f["count"] > 0 and f.get("route", API) in path:
                    f["count"] -= 1
                    return f
        return None

    def body_json(self):
        n = int(self.headers.get("Content-Length", "0") or 0)
        raw = self.rfile.read(n) if n else b""
        try:
            return json.loads(raw or b"{}")
        except ValueError:
            return None

    # -- faults ---------------------------------------------------------
    def fault(self, f):
        kind = str(f["kind"])
        if kind == "500":
            self.send(int(f.get("status", 500)), err("INTERNAL_ERROR", "injected server error"))
        elif kind == "429":
            ra = int(f.get("retry_after", 1))
            with self.st.lock:
                self.st.retry_not_before[self.path] = time.monotonic() + ra
                self.st.quiet_from = time.monotonic() + 0.3
                self.st.quiet_until = max(self.st.quiet_until, time.monotonic() + ra)
            self.send(429, err("REQUEST_LIMIT_EXCEEDED", "too many requests"), JSON,
                      {"Retry-After": str(ra)})
        elif kind == "401":
            self.send(401, b"You are not authenticated. Please see the documentation.", "text/plain",
                      {"WWW-Authenticate": 'Bearer realm="mlflow"'})
        elif kind == "body":
            self.send(int(f.get("status", 200)), f.get("body", ""), f.get("content_type", JSON))
        elif kind == "html":
            self.send(int(f.get("status", 200)),
                      b"<!doctype html>\n<html><head><title>502 Bad Gateway</title></head>"
                      b"<body><h1>Proxy error</h1></body></html>\n", HTML)
        elif kind == "truncate":
            body = self.answer_body()
            body = body[: max(1, len(body) // 2)]
            self.send(200, body)
        elif kind == "stall":
            body = dumps({"registered_models": []})
            self.send_response(200)
            self.send_header("Content-Type", JSON)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[:5])
            self.wfile.flush()
            SHUTDOWN.wait(float(f.get("seconds", 60)))
            self.close_connection = True
        elif kind == "hold":
            with self.st.lock:
                self.st.held += 1
            self.st.release.wait(float(f.get("seconds", 60)))
            if self.command == "GET":
                return self.route_get()
            return self.route_write()
        elif kind == "hang":
            # accept and never answer: no status line, no byte
            SHUTDOWN.wait(float(f.get("seconds", 60)))
            self.close_connection = True
        elif kind == "oversize":
            mib = int(f.get("mib", 65))
            self.send_response(200)
            self.send_header("Content-Type", JSON)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            chunk = b" " * (1 << 20)
            try:
                self.wfile.write(b"%x\r\n{\r\n" % 1)
                for _ in range(mib):
                    self.wfile.write(b"%x\r\n" % len(chunk) + chunk + b"\r\n")
                self.wfile.write(b"1\r\n}\r\n0\r\n\r\n")
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True
        else:
            self.send(500, err("INTERNAL_ERROR", "unknown injected fault %s" % kind))

    def answer_body(self):
        """The body a GET would get without faults (for truncation)."""
        saved = self.send
        out = {}

        def capture(status, body, ctype=JSON, headers=None):
            out["body"] = body.encode() if isinstance(body, str) else body
        self.send = capture
        try:
            self.route_get()
        finally:
            self.send = saved
        return out.get("body", b"{}")

    # -- control ----------------------------------------------------------
    def control(self):
        st = self.st
        if self.path == "/__stats":
            with st.lock:
                self.send(200, json.dumps({"requests": st.stats, "total": sum(st.stats.values()),
                                           "early_retries": st.early, "early_any": st.early_any, "held": st.held,
                                           "auth_headers": st.auth_headers,
                                           "gzipped": st.gzipped, "connections": st.connections,
                                           "log": st.log[-2000:]}))
            return
        body = self.body_json() or {}
        with st.lock:
            if self.path == "/__faults":
                for f in body if isinstance(body, list) else [body]:
                    f.setdefault("count", 1)
                    st.faults.append(f)
            elif self.path == "/__config":
                if "strip_search_aliases" in body:
                    st.strip_search_aliases = bool(body["strip_search_aliases"])
                if "token" in body:
                    st.token = body["token"]
                if "basic" in body:
                    st.basic = body["basic"]
                if "refuse_runs_search" in body:
                    st.refuse_runs_search = bool(body["refuse_runs_search"])
                if "latency_ms" in body:
                    self.server.latency = float(body["latency_ms"]) / 1000.0
            elif self.path == "/__release":
                st.release.set()
            elif self.path == "/__bulk":
                alias, version, value = body.get("alias"), str(body.get("version")), str(body.get("value", ""))
                for name, m in st.models.items():
                    if (name, version) not in st.versions:
                        continue
                    if alias:
                        al = [a for a in m.get("aliases", []) if a["alias"] != alias]
                        al.append({"alias": alias, "version": version})
                        m["aliases"] = sorted(al, key=lambda a: a["alias"])
                    for o in [m] + st.model_versions(name):   # one "bulk" tag: on the model and on V
                        o["tags"] = [t for t in o.get("tags", []) if t["key"] != "bulk"]
                        if o is m or o is st.versions[(name, version)]:
                            o["tags"].append({"key": "bulk", "value": value})
                st.writes += 1
            elif self.path == "/__run":
                r = st.runs.get(body.get("run_id"))
                if r is None:
                    return self.send(404, err("RESOURCE_DOES_NOT_EXIST", "no run %s" % body.get("run_id")))
                if "status" in body:
                    r["info"]["status"] = body["status"]
                for k, v in (body.get("metrics") or {}).items():
                    ms = [x for x in r["data"].get("metrics", []) if x["key"] != k]
                    ms.append({"key": k, "value": v, "timestamp": st.now_ms(), "step": 9})
                    r["data"]["metrics"] = ms
                for k, v in (body.get("params") or {}).items():
                    ps = [x for x in r["data"].get("params", []) if x["key"] != k]
                    ps.append({"key": k, "value": str(v)})
                    r["data"]["params"] = ps
                st.run_cache.pop(body.get("run_id"), None)
            elif self.path == "/__reset":
                st.faults = []
                st.stats = {}
                st.log = []
                st.early = 0
                st.early_any = 0
                st.held = 0
                st.release.clear()
                st.quiet_until = 0.0
                st.auth_headers = 0
                st.connections = 0
            else:
                return self.not_found()
        self.send(200, b"{}")

    # -- dispatch ---------------------------------------------------------
    def handle_any(self):
        if self.path.startswith("/__"):
            return self.control()
        path = self.path.split("?")[0]
        st = self.st
        with st.lock:
            if path.startswith(API) and not self.api_seen:
                self.api_seen = True
                st.connections += 1     # connections that carried API requests
            st.stats[path] = st.stats.get(path, 0) + 1
            st.log.append("%s %s [%d]" % (self.command, self.path, self.client_address[1]))
            nb = st.retry_not_before.pop(self.path, None)
            if nb is not None and time.monotonic() < nb - 0.05:
                st.early += 1
            if path.startswith(API) and st.quiet_from < time.monotonic() < st.quiet_until - 0.05:
                st.early_any += 1
            if self.headers.get("Authorization"):
                st.auth_headers += 1
        want = None
        if st.token is not None:
            want = "Bearer " + st.token
        elif st.basic is not None:
            want = "Basic " + base64.b64encode(st.basic.encode()).decode()
        if path.startswith(API) and want is not None:
            if self.headers.get("Authorization") != want:
                if self.command in ("POST", "DELETE"):
                    self.body_json()
                return self.fault({"kind": "401"})
        workers = self.server.workers if path.startswith(API) else None
        if workers:
            workers.acquire()
        try:
            self.items = [0, 0, 0]
            if self.server.latency and path.startswith(API):
                time.sleep(self.server.latency)
            f = self.take_fault(path) if path.startswith(API) else None
            if f:
                if self.command in ("POST", "DELETE"):
                    self.body_json()
                return self.fault(f)
            self.pending = None
            self.defer = True
            try:
                if self.command == "GET":
                    self.route_get()
                else:
                    self.route_write()
            finally:
                self.defer = False
            cost = sum(n * c for n, c in zip(self.items, st.item_cost))
            if cost > 0:
                time.sleep(cost)
            if self.pending:
                self.send(*self.pending)
        finally:
            if workers:
                workers.release()

    do_GET = handle_any
    do_POST = handle_any
    do_DELETE = handle_any
    do_PATCH = handle_any

    def route_get(self):
        st = self.st
        raw = self.path
        url = urllib.parse.urlsplit(raw)
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        ep = url.path[len(API):] if url.path.startswith(API) else None
        one = lambda k: params.get(k, [None])[0]
        with st.lock:
            if ep == "registered-models/search" and order_key(params, "name") != "bad":
                flt = one("filter")
                if refused_in(flt):
                    return self.send(400, IN_REFUSED)
                pred = name_filter(flt)
                if pred is None:
                    if self.recorded("GET", raw):
                        return
                    return self.send(400, err("INVALID_PARAMETER_VALUE", "Invalid filter '%s'" % flt))
                if "order_by" in params and not st.writes and self.recorded("GET", raw):
                    return      # the capture, exact while nothing changed
                names = sorted((n for n in st.models if pred(n)), key=lambda n: n.encode())
                if order_key(params, "name") == "updated":
                    names.sort(key=lambda n: -st.models[n].get("last_updated_timestamp", 0))
                status, chunk, nxt = page(names, params, 100, 1000)
                if status == 500:
                    return self.send(500, st.file("registered-models-search.error-500-max-results-nan.html")
                                     if st.fixtures else b"<title>500</title>", HTML)
                if status != 200:
                    return self.send(status, chunk)
                out = {}
                if chunk:
                    out["registered_models"] = [st.model_view(n, True) for n in chunk]
                    self.items[0] += len(chunk)
                if nxt:
                    out["next_page_token"] = nxt
                return self.send(200, dumps(out))
            if ep == "model-versions/search" and order_key(params, "updated") == "updated":
                flt = one("filter")
                if refused_in(flt):
                    return self.send(400, IN_REFUSED)
                pred = name_filter(flt)
                if pred is None:
                    m = re.fullmatch(r"\s*run_id\s*=\s*'([0-9a-f]+)'\s*", flt or "")
                    if m:
                        pred_v = lambda v: v.get("run_id") == m.group(1)
                    elif self.recorded("GET", raw):
                        return
                    else:
                        return self.send(400, err("INVALID_PARAMETER_VALUE", "Invalid filter '%s'" % flt))
                else:
                    pred_v = lambda v: pred(v["name"])
                one_name = re.fullmatch(r"\s*name\s*=\s*(['\"])(.*)\1\s*", flt or "", re.S)
                if one_name and "'" not in one_name.group(2) and '"' not in one_name.group(2):
                    vs = list(st.model_versions(one_name.group(2)))   # one model: its index, not a scan
                else:
                    vs = [v for v in st.versions.values() if pred_v(v)]
                # 2.9.2: last_updated_timestamp DESC, name ASC, version DESC
                vs.sort(key=lambda v: -vnum(v["version"]))
                vs.sort(key=lambda v: v["name"].encode())
                vs.sort(key=lambda v: -v["last_updated_timestamp"])
                status, chunk, nxt = page(vs, params, 10000, 200000)
                if status == 500:
                    return self.send(500, b"<title>500</title>", HTML)
                if status != 200:
                    return self.send(status, chunk)
                out = {}
                if chunk:
                    out["model_versions"] = chunk
                    self.items[1] += len(chunk)
                if nxt:
                    out["next_page_token"] = nxt
                return self.send(200, dumps(out))
            if ep == "experiments/search":
                return self.experiments_search(params)
            if ep == "registered-models/get":
                name = one("name")
                if name is None:
                    return self.recorded("GET", raw) or self.send(400, err("INVALID_PARAMETER_VALUE", "Missing value for required parameter 'name'."))
                if name not in st.models:
                    return self.send(404, err("RESOURCE_DOES_NOT_EXIST", "Registered Model with name=%s not found" % name))
                self.items[0] += 1
                return self.send(200, dumps({"registered_model": st.model_view(name, False)}))
            if ep == "model-versions/get" and one("name") is not None:
                key = (one("name"), one("version"))
                if key not in st.versions:
                    if one("version") is not None and not one("version").isdigit():
                        return self.send(400, err("INVALID_PARAMETER_VALUE", "Model version must be an integer, got '%s'" % one("version")))
                    return self.send(404, err("RESOURCE_DOES_NOT_EXIST", "Model Version (name=%s, version=%s) not found" % key))
                return self.send(200, dumps({"model_version": st.version_view(*key, True)}))
            if ep == "registered-models/alias" and one("name") is not None:
                name, alias = one("name"), one("alias")
                for a in st.models.get(name, {}).get("aliases", []):
                    if a["alias"] == alias:
                        return self.send(200, dumps({"model_version": st.version_view(name, a["version"], True)}))
                return self.send(400, err("INVALID_PARAMETER_VALUE", "Registered model alias %s not found." % alias))
            if ep == "runs/get" and one("run_id") is not None:
                rid = one("run_id")
                if rid not in st.runs:
                    return self.send(404, err("RESOURCE_DOES_NOT_EXIST", "Run with id=%s not found" % rid))
                body = st.run_cache.get(rid)
                if body is None:
                    body = st.run_cache[rid] = dumps({"run": st.runs[rid]})
                self.items[2] += 1
                return self.send(200, body)
        if st.fixtures and self.recorded("GET", raw):
            return
        if ep in ("registered-models/search", "model-versions/search") or ep is None and url.path in ("/health", "/version"):
            return self.send(200, b"OK" if url.path == "/health" else b"2.9.2", HTML)
        return self.not_found()

    def experiments_search(self, params):
        """GET or POST experiments/search: every experiment the runs live in (one page)."""
        out = {"experiments": self.st.experiments()}
        return self.send(200, dumps(out))

    def runs_search(self, b):
        """POST runs/search with `attributes.run_id IN ('a', ...)`: the runs of the listed experiments."""
        st = self.st
        if st.refuse_runs_search:
            return self.send(400, err("INVALID_PARAMETER_VALUE",
                                      "Invalid clause(s) in filter string: 'attributes.run_id IN'"))
        exps = [str(e) for e in b.get("experiment_ids", [])]
        flt = str(b.get("filter", "") or "")
        try:
            mr = int(b.get("max_results", 1000))
        except (TypeError, ValueError):
            return self.send(400, err("INVALID_PARAMETER_VALUE", "Invalid value for max_results"))
        if mr > 50000:
            return self.send(400, err("INVALID_PARAMETER_VALUE",
                                      "Invalid value for request parameter max_results. It must be at "
                                      "most 50000, but got value %d" % mr))
        ids = None
        if flt.strip():
            m = re.fullmatch(r"\s*(?:attributes?\.)?run_id\s+IN\s*\((.*)\)\s*", flt, re.I | re.S)
            m1 = re.fullmatch(r"\s*(?:attributes?\.)?run_id\s*=\s*'([^']*)'\s*", flt, re.I)
            if m:
                ids = re.findall(r"'([^']*)'", m.group(1))
            elif m1:
                ids = [m1.group(1)]
            else:
                return self.send(400, err("INVALID_PARAMETER_VALUE", "Invalid filter '%s'" % flt))
        runs = [r for rid, r in sorted(st.runs.items())
                if (ids is None or rid in ids) and r["info"].get("experiment_id", "0") in exps]
        offset = 0
        if b.get("page_token"):
            try:
                offset = int(json.loads(base64.b64decode(b["page_token"], validate=True))["offset"])
            except Exception:
                return self.send(400, err("INVALID_PARAMETER_VALUE", "Invalid page token"))
        chunk = runs[offset:offset + mr]
        out = {}
        if chunk:
            out["runs"] = chunk
            self.items[2] += len(chunk)
        if offset + mr < len(runs):
            out["next_page_token"] = base64.b64encode(json.dumps({"offset": offset + mr}).encode()).decode()
        return self.send(200, dumps(out))

    def model_write(self, ep, method, b):
        """The writes that make or change models and versions, with 2.9.2's timestamp rules."""
        st = self.st
        name = b.get("name")
        now = st.now_ms()
        if ep == "registered-models/create":
            if not name:
                return self.send(400, err("INVALID_PARAMETER_VALUE", "Missing value for required parameter 'name'."))
            if name in st.models:
                return self.send(400, err("RESOURCE_ALREADY_EXISTS", "Registered Model (name=%s) already exists." % name))
            m = {"name": name, "creation_timestamp": now, "last_updated_timestamp": now}
            if b.get("description"):
                m["description"] = b["description"]
            if b.get("tags"):
                m["tags"] = b["tags"]
            st.models[name] = m
            return self.send(200, dumps({"registered_model": st.model_view(name, False)}))
        if name not in st.models:
            return self.send(404, err("RESOURCE_DOES_NOT_EXIST", "Registered Model with name=%s not found" % name))
        m = st.models[name]
        if ep == "registered-models/update":
            m["description"] = b.get("description", "")
            m["last_updated_timestamp"] = now
            return self.send(200, dumps({"registered_model": st.model_view(name, False)}))
        if ep == "model-versions/create":
            n = max([vnum(v["version"]) for v in st.model_versions(name)] + [0]) + 1
            v = {"name": name, "version": str(n), "creation_timestamp": now, "last_updated_timestamp": now,
                 "current_stage": "None", "source": b.get("source", ""), "run_id": b.get("run_id", ""),
                 "status": "READY", "run_link": ""}
            if b.get("description"):
                v["description"] = b["description"]
            if b.get("tags"):
                v["tags"] = b["tags"]
            st.versions[(name, str(n))] = v
            m["last_updated_timestamp"] = now
            return self.send(200, dumps({"model_version": st.version_view(name, str(n), False)}))
        key = (name, str(b.get("version")))
        if key not in st.versions:
            return self.send(404, err("RESOURCE_DOES_NOT_EXIST", "Model Version (name=%s, version=%s) not found" % key))
        v = st.versions[key]
        if ep == "model-versions/update":
            v["description"] = b.get("description", "")
            v["last_updated_timestamp"] = now
        elif ep == "model-versions/transition-stage":
            stage = str(b.get("stage", ""))
            canon = {s.lower(): s for s in ("None", "Staging", "Production", "Archived")}
            if stage.lower() not in canon:
                return self.send(400, err("INVALID_PARAMETER_VALUE", "Invalid Model Version stage: %s." % stage))
            v["current_stage"] = canon[stage.lower()]
            v["last_updated_timestamp"] = now
            m["last_updated_timestamp"] = now
            if b.get("archive_existing_versions") and v["current_stage"] in ("Staging", "Production"):
                for o in st.model_versions(name):
                    if o is not v and o.get("current_stage") == v["current_stage"]:
                        o["current_stage"] = "Archived"
                        o["last_updated_timestamp"] = now
        return self.send(200, dumps({"model_version": st.version_view(name, key[1], True)}))

    def route_write(self):
        st = self.st
        path = self.path.split("?")[0]
        ep = path[len(API):] if path.startswith(API) else None
        method = self.command
        routes = {
            ("POST", "model-versions/set-tag"), ("DELETE", "model-versions/delete-tag"),
            ("POST", "registered-models/set-tag"), ("DELETE", "registered-models/delete-tag"),
            ("POST", "registered-models/alias"), ("DELETE", "registered-models/alias"),
            ("DELETE", "registered-models/delete"), ("DELETE", "model-versions/delete"),
        }
        made = {
            ("POST", "registered-models/create"), ("POST", "model-versions/create"),
            ("PATCH", "registered-models/update"), ("PATCH", "model-versions/update"),
            ("POST", "model-versions/transition-stage"),
        }
        reads = {("POST", "runs/search"), ("POST", "experiments/search")}
        if (method, ep) not in routes | made | reads:
            n = int(self.headers.get("Content-Length", "0") or 0)
            if n:
                self.rfile.read(n)
            if ep in {e for _, e in routes} | {"registered-models/search", "model-versions/search"}:
                return self.send(405, st.file("registered-models-search.error-405-method.html")
                                 if st.fixtures else b"<title>405</title>", HTML)
            return self.not_found()
        if "application/json" not in self.headers.get("Content-Type", ""):
            self.body_json()
            return self.send(400, err("INVALID_PARAMETER_VALUE",
                                      "Bad Request. Content-Type must be one of ['application/json']."))
        b = self.body_json()
        if not isinstance(b, dict):
            return self.send(400, err("MALFORMED_REQUEST", "Malformed request body"))
        if (method, ep) in reads:
            with st.lock:
                if ep == "runs/search":
                    return self.runs_search(b)
                return self.experiments_search({})
        name = b.get("name")
        with st.lock:
            st.writes += 1
            if (method, ep) in made:
                return self.model_write(ep, method, b)
            if name not in st.models:
                return self.send(404, err("RESOURCE_DOES_NOT_EXIST", "Registered Model with name=%s not found" % name))
            m = st.models[name]
            if ep.startswith("model-versions/") or (ep == "registered-models/alias" and method == "POST"):
                key = (name, str(b.get("version")))
                if key not in st.versions:
                    return self.send(404, err("RESOURCE_DOES_NOT_EXIST",
                                              "Model Version (name=%s, version=%s) not found" % key))
            # 2.9.2: tags and aliases move no timestamp; deleting a version moves the model's
            if ep == "model-versions/set-tag":
                if not re.fullmatch(r"[\w./\- ]+", str(b.get("key", ""))) or " " in b["key"] or "!" in b["key"]:
                    return self.send(400, err("INVALID_PARAMETER_VALUE", "Invalid tag name: '%s'." % b.get("key")))
                v = st.versions[key]
                tags = [t for t in v.get("tags", []) if t["key"] != b["key"]]
                tags.append({"key": b["key"], "value": str(b.get("value", ""))})
                v["tags"] = tags
            elif ep == "model-versions/delete-tag":
                v = st.versions[key]
                v["tags"] = [t for t in v.get("tags", []) if t["key"] != b.get("key")]
                if not v["tags"]:
                    del v["tags"]
            elif ep == "model-versions/delete":
                del st.versions[key]
                m["last_updated_timestamp"] = st.now_ms()
                m["aliases"] = [a for a in m.get("aliases", []) if a["version"] != key[1]]
                if not m["aliases"]:
                    del m["aliases"]
            elif ep == "registered-models/set-tag":
                tags = [t for t in m.get("tags", []) if t["key"] != b.get("key")]
                tags.append({"key": b.get("key"), "value": str(b.get("value", ""))})
                m["tags"] = tags
            elif ep == "registered-models/delete-tag":
                m["tags"] = [t for t in m.get("tags", []) if t["key"] != b.get("key")]
                if not m["tags"]:
                    del m["tags"]
            elif ep == "registered-models/alias" and method == "POST":
                alias = str(b.get("alias", ""))
                if re.fullmatch(r"[vV]\d+|latest", alias):
                    return self.send(400, err("INVALID_PARAMETER_VALUE",
                                              "Invalid alias name: '%s'. Aliases of the format 'v<number>' and 'latest' are reserved." % alias))
                al = [a for a in m.get("aliases", []) if a["alias"] != alias]
                al.append({"alias": alias, "version": key[1]})
                m["aliases"] = sorted(al, key=lambda a: a["alias"])
            elif ep == "registered-models/alias":
                m["aliases"] = [a for a in m.get("aliases", []) if a["alias"] != b.get("alias")]
                if not m["aliases"]:
                    del m["aliases"]
            elif ep == "registered-models/delete":
                del st.models[name]
                for k in [k for k in st.versions if k[0] == name]:
                    del st.versions[k]
        return self.send(200, b"{}")


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128


class ForkingServer(ForkingMixIn, HTTPServer):
    """One process per connection: parallel answers past the GIL (read-only state: the bench)."""
    allow_reuse_address = True
    request_queue_size = 128


def main():
    ap = argparse.ArgumentParser(description="loopback MLflow 2.9.2 registry replay server")
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--fixtures", default=None)
    ap.add_argument("--generate", type=int, default=0)
    ap.add_argument("--token", default=None)
    ap.add_argument("--gzip", action="store_true")
    ap.add_argument("--strip-search-aliases", action="store_true")
    ap.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"),
                    help="serve HTTPS with this certificate and key (PEM)")
    ap.add_argument("--latency-ms", type=float, default=0,
                    help="wait this long before each API answer (a server doing real work per request)")
    ap.add_argument("--item-ms", type=float, nargs=3, default=(0, 0, 0), metavar=("MODEL", "VERSION", "RUN"),
                    help="extra cost per registered model, version and run in an answer")
    ap.add_argument("--workers", type=int, default=0,
                    help="requests served at once (gunicorn workers; 0: no limit)")
    ap.add_argument("--fork", action="store_true",
                    help="a process per connection (bench; writes, faults and stats stay per process)")
    a = ap.parse_args()
    st = State()
    if a.generate:
        st.generate(a.generate)
    else:
        d = a.fixtures or os.path.join(os.environ.get("SHARED_DIR", ""), "fixtures", "mlflow")
        st.load_fixtures(d)
    st.token = a.token
    st.strip_search_aliases = a.strip_search_aliases
    if a.generate:
        for name in st.models:  # build the answers' indexes before any fork
            st.model_versions(name)
            break
    srv = (ForkingServer if a.fork else Server)(("127.0.0.1", 0), Handler)
    srv.state = st
    srv.gzip = a.gzip
    srv.latency = a.latency_ms / 1000.0
    srv.workers = threading.Semaphore(a.workers) if a.workers > 0 else None
    st.item_cost = tuple(x / 1000.0 for x in a.item_ms)
    if a.tls:
        import ssl
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(a.tls[0], a.tls[1])
        srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
    tmp = a.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % srv.server_address[1])
    os.rename(tmp, a.port_file)
    try:
        srv.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        SHUTDOWN.set()


if __name__ == "__main__":
    import signal
    signal.signal(signal.SIGTERM, lambda *_: (SHUTDOWN.set(), sys.exit(0)))
    main()
