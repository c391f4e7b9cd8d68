#!/usr/bin/env python3
"""Round-75 corpus (capture-round75.sh): the two small helpers the incident
needs, both on 127.0.0.1 in 61200-61299.

  deps.py sleeper PORT   a TCP "tracking service" that accepts, reads the
                         request and never answers (holds each connection
                         20 s): the apps' own dependency timeout (their 504).
  deps.py nxdns PORT     a DNS server (UDP and TCP) that answers NXDOMAIN to
                         every query: the resolver nginx, HAProxy and Caddy
                         are told to use, so a host name in their config
                         does not resolve (nothing leaves the machine).
                         Caddy's Go resolver asks over TCP.
"""
import socket
import sys
import threading
import time


def sleeper(port):
    srv = socket.socket()
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", port))
    srv.listen(64)

    def hold(conn):
        try:
            conn.settimeout(20)
            conn.recv(65536)
            time.sleep(20)
        except OSError:
            pass
        finally:
            conn.close()

    while True:
        conn, _ = srv.accept()
        threading.Thread(target=hold, args=(conn,), daemon=True).start()


def nx_reply(data):
    # same id and question; QR=1, opcode copied, RD copied, RA=1, RCODE=3 (NXDOMAIN)
    flags = 0x8000 | (data[2] & 0x79) << 8 | 0x80 | 3
    reply = data[:2] + flags.to_bytes(2, "big") + data[4:6] + b"\x00\x00\x00\x00\x00\x00"
    # copy the question section only
    i = 12
    while i < len(data) and data[i] != 0:
        i += data[i] + 1
    return reply + data[12:i + 5]


def nxdns_tcp(port):
    srv = socket.socket()
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", port))
    srv.listen(16)

    def serve(conn):
        try:
            conn.settimeout(5)
            while True:
                head = conn.recv(2)
                if len(head) < 2:
                    return
                n = int.from_bytes(head, "big")
                data = b""
                while len(data) < n:
                    chunk = conn.recv(n - len(data))
                    if not chunk:
                        return
                    data += chunk
                if len(data) >= 12:
                    r = nx_reply(data)
                    conn.sendall(len(r).to_bytes(2, "big") + r)
        except OSError:
            pass
        finally:
            conn.close()

    while True:
        conn, _ = srv.accept()
        threading.Thread(target=serve, args=(conn,), daemon=True).start()


def nxdns(port):
    threading.Thread(target=nxdns_tcp, args=(port,), daemon=True).start()
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", port))
    while True:
        data, addr = s.recvfrom(4096)
        if len(data) >= 12:
            s.sendto(nx_reply(data), addr)


if __name__ == "__main__":
    {"sleeper": sleeper, "nxdns": nxdns}[sys.argv[1]](int(sys.argv[2]))
