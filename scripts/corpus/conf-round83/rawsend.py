#!/usr/bin/env python3
"""A request typed into `nc 127.0.0.1 PORT`, as a terminal shows it.

Usage: rawsend.py PORT REQUEST [WAIT]

REQUEST uses \\r and \\n escapes. It is sent as is (a partial request is
left unfinished); the script then reads until the server closes or WAIT
seconds (default 6) pass. The output is the command, the lines as typed, and
the response as the terminal printed it (the CRs gone, as copying does).
Only 127.0.0.1.
"""
import socket
import sys
import time

port = int(sys.argv[1])
req = sys.argv[2].encode().decode("unicode_escape").encode("latin-1")
wait = float(sys.argv[3]) if len(sys.argv) > 3 else 6.0
out = sys.stdout
out.write("$ nc 127.0.0.1 %d\n" % port)
typed = req.decode("latin-1").replace("\r", "")
out.write(typed if typed.endswith("\n") else typed + "\n")
s = socket.create_connection(("127.0.0.1", port), timeout=wait)
s.sendall(req)
got = b""
end = time.monotonic() + wait
while time.monotonic() < end:
    s.settimeout(max(0.1, end - time.monotonic()))
    try:
        chunk = s.recv(65536)
    except socket.timeout:
        break
    except ConnectionResetError:
        break
    if not chunk:
        break
    got += chunk
s.close()
out.write(got.decode("utf-8", "replace").replace("\r", ""))
