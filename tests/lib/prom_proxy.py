#!/usr/bin/env python3
# prom_proxy.py: a reverse proxy in front of the test's real Prometheus that can misbehave on request (stall, an HTML error page), as proxies do
"""Usage: prom_proxy.py --upstream http://127.0.0.1:PORT --port-file FILE

Listens on 127.0.0.1 on a free port (written to FILE) and forwards every
GET to the upstream Prometheus, unless told otherwise by a POST to
/__mode with a JSON body:
  {"mode": "pass"}                      forward (the default)
  {"mode": "stall"}                     accept, send nothing, hold the connection
  {"mode": "html", "status": 502}       a proxy's HTML error page with that status
  {"mode": "bearer", "token": "T"}      an auth proxy: 401 unless "Authorization: Bearer T",
                                        then forward without the header
GET /__stats gives {"requests": N} (requests forwarded or answered since start).
"""
import argparse
import json
import os
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

STATE = {"mode": "pass", "status": 502, "requests": 0}
LOCK = threading.Lock()

HTML = (b"<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n"
        b"<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center>\n"
        b"</body></html>\n")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def send(self, status, ctype, body):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if self.path == "/__mode":
            with LOCK:
                STATE.update(json.loads(body or b"{}"))
            self.send(200, "application/json", b"{}")
        else:
            self.send(404, "text/plain", b"not here\n")

    def do_GET(self):
        if self.path == "/__stats":
            with LOCK:
                body = json.dumps({"requests": STATE["requests"]}).encode()
            self.send(200, "application/json", body)
            return
        with LOCK:
            STATE["requests"] += 1
            mode, status = STATE["mode"], STATE.get("status", 502)
            token = STATE.get("token")
        if mode == "stall":
            # headers never come: the client's timeout has to end it
            time.sleep(60)
            return
        if mode == "html":
            self.send(status, "text/html; charset=utf-8", HTML)
            return
        req = urllib.request.Request(UPSTREAM + self.path)
        auth = self.headers.get("Authorization")
        if mode == "bearer":
            if auth != "Bearer " + token:
                self.send_response(401)
                self.send_header("WWW-Authenticate", 'Bearer realm="prometheus"')
                self.send_header("Content-Type", "text/plain; charset=utf-8")
                self.send_header("Content-Length", "13")
                self.end_headers()
                self.wfile.write(b"Unauthorized\n")
                return
        elif auth:
            req.add_header("Authorization", auth)
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                self.send(r.status, r.headers.get("Content-Type", "application/json"), r.read())
        except urllib.error.HTTPError as e:
            self.send(e.code, e.headers.get("Content-Type", "application/json"), e.read())


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    global UPSTREAM
    ap = argparse.ArgumentParser()
    ap.add_argument("--upstream", required=True)
    ap.add_argument("--port-file", required=True)
    a = ap.parse_args()
    UPSTREAM = a.upstream.rstrip("/")
    srv = Server(("127.0.0.1", 0), Handler)
    with open(a.port_file + ".tmp", "w") as f:
        f.write(str(srv.server_address[1]))
    os.rename(a.port_file + ".tmp", a.port_file)
    srv.serve_forever()


UPSTREAM = ""
if __name__ == "__main__":
    main()
