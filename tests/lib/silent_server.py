#!/usr/bin/env python3
"""silent_server.py: a TCP listener on 127.0.0.1 that accepts every connection and never answers (tests of timeouts and cancel).

    silent_server.py PORT_FILE [ACCEPTED_FILE]

Writes the chosen port to PORT_FILE once listening; appends a line to
ACCEPTED_FILE (when given) for each connection accepted, so a test can wait
until a client is stuck on it. Runs until killed.
"""
import os
import socket
import sys

port_file = sys.argv[1]
accepted = sys.argv[2] if len(sys.argv) > 2 else None
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", 0))
s.listen(64)
with open(port_file + ".tmp", "w") as f:
    f.write("%d\n" % s.getsockname()[1])
os.rename(port_file + ".tmp", port_file)
held = []
while True:
    c, _ = s.accept()
    held.append(c)      # kept open, never read, never written
    if accepted:
        with open(accepted, "a") as f:
            f.write("accepted\n")
