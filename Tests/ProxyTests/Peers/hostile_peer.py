"""Hostile peers for the proxy and handshake tests, each breaking one rule after looking normal.

--mode socks-unknown-address-type  SOCKS5: no authentication, then a CONNECT reply with address type 0x07.
--mode socks-bad-auth-version      SOCKS5: asks for username/password, then answers it with version 0x05
                                   (RFC 1929 says 0x01) and status 0 ("success" to a lax client).
--mode huge-head                   WebSocket server: a correct 101 answer whose head is 24 KiB, sent at once.

Listens on 127.0.0.1, writes its port to --port-file, and appends to --capture every byte a client sends after
the step the mode breaks (a WebSocket upgrade request there means the client went on regardless).
"""
import argparse
import base64
import hashlib
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "PythonPeers"))
from loopback import read_exactly, read_head, serve_forever  # noqa: E402

GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


def socks_connect_request(conn):
    head = read_exactly(conn, 4)
    if head[3] == 1:
        read_exactly(conn, 4)
    elif head[3] == 4:
        read_exactly(conn, 16)
    else:
        read_exactly(conn, read_exactly(conn, 1)[0])
    read_exactly(conn, 2)


def serve(conn, args):
    try:
        conn.settimeout(10)
        if args.mode == "socks-unknown-address-type":
            greeting = read_exactly(conn, 2)
            read_exactly(conn, greeting[1])
            conn.sendall(b"\x05\x00")
            socks_connect_request(conn)
            conn.sendall(b"\x05\x00\x00\x07\x00\x00\x00\x00\x00\x00")
        elif args.mode == "socks-bad-auth-version":
            greeting = read_exactly(conn, 2)
            read_exactly(conn, greeting[1])
            conn.sendall(b"\x05\x02")
            read_exactly(conn, 2)  # version, user length
            conn.recv(1024)  # the rest of the credentials
            conn.sendall(b"\x05\x00")
            socks_connect_request(conn)
            conn.sendall(b"\x05\x00\x00\x01\x7f\x00\x00\x01\x00\x50")
        else:
            request = read_head(conn).decode("latin-1")
            if not request:
                return
            key = next(line.split(":", 1)[1].strip() for line in request.split("\r\n")
                       if line.lower().startswith("sec-websocket-key:"))
            accept = base64.b64encode(hashlib.sha1((key + GUID).encode()).digest()).decode()
            start = ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                     f"Sec-WebSocket-Accept: {accept}\r\nX-Padding: ")
            head = start + "a" * (24 * 1024 - len(start) - 4) + "\r\n\r\n"
            conn.sendall(head.encode())
        while True:
            chunk = conn.recv(4096)
            if not chunk:
                break
            with open(args.capture, "ab") as f:
                f.write(chunk)
    except (OSError, ConnectionError):
        pass
    finally:
        conn.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mode", required=True,
                        choices=["socks-unknown-address-type", "socks-bad-auth-version", "huge-head"])
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--capture", required=True)
    args = parser.parse_args()
    open(args.capture, "wb").close()
    serve_forever(args.port_file, lambda conn: serve(conn, args))


if __name__ == "__main__":
    main()
