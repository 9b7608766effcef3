"""An HTTPS proxy for the end-to-end tests: TLS with --cert/--key, then HTTP CONNECT to a port on 127.0.0.1 only
(anything else gets 403), relaying both ways. Writes its port to --port-file once listening."""
import argparse
import select
import socket
import ssl
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "PythonPeers"))
from loopback import read_exactly, read_head, serve_forever  # noqa: E402


def relay(tls, upstream):
    """Both directions on one thread (an SSL socket is not safe to read and write from two): the client's end
    half-closes the upstream socket; the upstream's end closes TLS with a close_notify."""
    client_open = True
    while True:
        readable = [tls] if tls.pending() else select.select([tls, upstream] if client_open else [upstream], [], [], 30)[0]
        if not readable:
            return
        if tls in readable:
            data = tls.recv(65536)
            if data:
                upstream.sendall(data)
            else:
                client_open = False
                upstream.shutdown(socket.SHUT_WR)
        if upstream in readable:
            data = upstream.recv(65536)
            if not data:
                try:
                    tls.unwrap()
                except (OSError, ssl.SSLError):
                    pass
                return
            tls.sendall(data)


def serve(conn, context):
    try:
        tls = context.wrap_socket(conn, server_side=True)
        tls.settimeout(10)
        head = read_head(tls, limit=16384)
        target = head.split(b"\r\n", 1)[0].split(b" ")[1].decode()
        host, _, port = target.rpartition(":")
        if host.strip("[]") not in ("127.0.0.1", "localhost", "::1"):
            tls.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")
            return
        upstream = socket.create_connection(("127.0.0.1", int(port)), timeout=10)
        tls.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
        relay(tls, upstream)
    except (OSError, ssl.SSLError, IndexError, ValueError):
        pass
    finally:
        conn.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--port-file", required=True)
    args = parser.parse_args()
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(args.cert, args.key)
    serve_forever(args.port_file, lambda conn: serve(conn, context))


if __name__ == "__main__":
    main()
