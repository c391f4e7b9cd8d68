"""Round-48 corpus: two misbehaving upstreams, Python standard library only.

  edge_upstream.py junk PORT   answers every request with a debug line
                               printed between the status line and the
                               headers (a worker that writes to stdout on
                               the HTTP socket): a header line no front can
                               parse
  edge_upstream.py race PORT   keeps connections alive (Keep-Alive:
                               timeout=60) but, like a server whose own idle
                               timeout has just fired, closes a reused
                               connection as the next request arrives,
                               without answering it; every first request on
                               a connection gets a normal 200

Binds 127.0.0.1 only; one thread per connection; every socket times out.
"""
import socket
import sys
import threading


def read_request(conn):
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip() or 0)
    while len(rest) < length:
        chunk = conn.recv(65536)
        if not chunk:
            break
        rest += chunk
    return head


def junk(conn):
    if read_request(conn) is None:
        return
    body = b'{"items": []}'
    conn.sendall(b"HTTP/1.1 200 OK\r\nDEBUG cart=[] user=42 took=3ms\r\n"
                 b"Content-Type: application/json\r\nContent-Length: "
                 + str(len(body)).encode() + b"\r\n\r\n" + body)


def race(conn):
    served = 0
    while True:
        if read_request(conn) is None:
            return
        if served:
            return  # closed as the reused connection's next request came in
        body = b'{"status": "accepted"}'
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nKeep-Alive: timeout=60\r\n"
                     b"Connection: keep-alive\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
        served += 1


def serve(handler, conn):
    conn.settimeout(30)
    try:
        handler(conn)
    except OSError:
        pass
    finally:
        conn.close()


def main():
    mode, port = sys.argv[1], int(sys.argv[2])
    handler = {"junk": junk, "race": race}[mode]
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", port))
    srv.listen(16)
    while True:
        conn, _ = srv.accept()
        threading.Thread(target=serve, args=(handler, conn), daemon=True).start()


if __name__ == "__main__":
    main()
