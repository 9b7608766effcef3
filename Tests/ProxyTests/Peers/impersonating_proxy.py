"""A malicious proxy for the TLS identity tests: it accepts a tunnel request, never connects anywhere, and runs
the TLS handshake itself with a certificate from a CA the client trusts but for the proxy's own address.

--mode connect answers an HTTP CONNECT with 200; --mode socks5 answers a SOCKS5 greeting (no authentication) and
CONNECT with success. Listens on 127.0.0.1, writes its port to --port-file once listening, and appends to
--capture: "TLS-OK" once a client finished the TLS handshake with it, then every byte the client sent inside
(a header such as Authorization would show there), so a test can tell what leaked.
"""
import argparse
import ssl
import threading
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "PythonPeers"))
from loopback import read_exactly, read_head, serve_forever  # noqa: E402


def open_tunnel(conn, mode):
    if mode == "connect":
        read_head(conn)
        conn.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
        return
    greeting = read_exactly(conn, 2)
    read_exactly(conn, greeting[1])
    conn.sendall(b"\x05\x00")
    head = read_exactly(conn, 4)
    if head[3] == 1:
        read_exactly(conn, 4)
    elif head[3] == 4:
        read_exactly(conn, 16)
    else:
        read_exactly(conn, read_exactly(conn, 1)[0])
    read_exactly(conn, 2)
    conn.sendall(b"\x05\x00\x00\x01\x7f\x00\x00\x01\x00\x50")


def serve(conn, args, context, lock):
    try:
        conn.settimeout(10)
        open_tunnel(conn, args.mode)
        tls = context.wrap_socket(conn, server_side=True)
        with lock, open(args.capture, "ab") as f:
            f.write(b"TLS-OK\n")
        while True:
            chunk = tls.recv(4096)
            if not chunk:
                break
            with lock, open(args.capture, "ab") as f:
                f.write(chunk)
    except (OSError, ssl.SSLError, ConnectionError):
        pass
    finally:
        conn.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mode", choices=["connect", "socks5"], required=True)
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--capture", required=True)
    args = parser.parse_args()

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(args.cert, args.key)
    lock = threading.Lock()
    open(args.capture, "wb").close()
    serve_forever(args.port_file, lambda conn: serve(conn, args, context, lock))


if __name__ == "__main__":
    main()
