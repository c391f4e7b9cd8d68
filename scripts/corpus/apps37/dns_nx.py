#!/usr/bin/env python3
"""Round 37: a local DNS responder that answers NXDOMAIN to every question.

The fronts that take a resolver of their own (nginx `resolver`, HAProxy
`resolvers`) are pointed at it, so an upstream name that does not resolve
fails here, on 127.0.0.1, with no query leaving the machine.

Usage: dns_nx.py PORT
"""
import socket
import sys

s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", int(sys.argv[1])))
while True:
    q, addr = s.recvfrom(2048)
    if len(q) < 12:
        continue
    s.sendto(q[:2] + bytes([0x80 | (q[2] & 1), 0x83])  # response, RD copied, RA, NXDOMAIN
                + q[4:6] + b"\0\0\0\0\0\0" + q[12:], addr)
