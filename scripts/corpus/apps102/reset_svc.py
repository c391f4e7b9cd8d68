"""Round 102 (round 97's, round 23's reset_svc.py): a service that resets every connection.

It accepts, reads the request, and closes with SO_LINGER 0 so the peer sees
a TCP RST instead of an answer. Bound to 127.0.0.1 only; stops after 600 s.
"""
import socket
import struct
import sys
import time

port = int(sys.argv[1])
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", port))
s.listen(16)
s.settimeout(1.0)
end = time.time() + 600
while time.time() < end:
    try:
        c, _ = s.accept()
    except socket.timeout:
        continue
    c.settimeout(1.0)
    try:
        c.recv(65536)
    except OSError:
        pass
    c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    c.close()
