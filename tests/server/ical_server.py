#!/usr/bin/env python3
"""ical_server.py: a loopback HTTP server for the calendar-source tests: serves the files of a folder, with faults.

Usage: ical_server.py --root DIR --port-file FILE [--log FILE]
GET /<path> answers DIR/<path> as text/calendar. The file DIR/fault, read on
every request, switches a fault on: "404", "html" (a login page), "garbage"
(text that is not iCalendar), "big" (a body of 3 MiB), "drop" (the connection
closed without an answer); empty or absent: serve normally. Each request's
path is appended to --log, so a test can see the secret did reach the server
(and nowhere else).
"""
import argparse
import http.server
import os
import socketserver


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--log")
    args = ap.parse_args()

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, fmt, *a):
            pass

        def answer(self, status, body, ctype="text/calendar; charset=utf-8"):
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            if args.log:
                with open(args.log, "a") as f:
                    f.write(self.path + "\n")
            fault = ""
            try:
                with open(os.path.join(args.root, "fault")) as f:
                    fault = f.read().strip()
            except OSError:
                pass
            if fault == "404":
                return self.answer(404, b"Not Found\n", "text/plain")
            if fault == "html":
                return self.answer(200, b"<!DOCTYPE html>\n<html><body>Sign in</body></html>\n",
                                   "text/html")
            if fault == "garbage":
                return self.answer(200, b"this is not a calendar\n", "text/plain")
            if fault == "big":
                return self.answer(200, b"BEGIN:VCALENDAR\r\n" + b"X-PAD:" + b"x" * (3 << 20) + b"\r\n")
            if fault == "drop":
                self.close_connection = True
                self.wfile.flush()
                self.connection.shutdown(2)
                return
            path = os.path.normpath(self.path.split("?", 1)[0]).lstrip("/")
            full = os.path.join(args.root, path)
            if ".." in path or not os.path.isfile(full):
                return self.answer(404, b"Not Found\n", "text/plain")
            with open(full, "rb") as f:
                self.answer(200, f.read())

    class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
        daemon_threads = True
        allow_reuse_address = True

    srv = Server(("127.0.0.1", 0), Handler)
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(srv.server_address[1]))
    os.rename(tmp, args.port_file)
    srv.serve_forever()


if __name__ == "__main__":
    main()
