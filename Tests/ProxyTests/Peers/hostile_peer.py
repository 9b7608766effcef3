"""Hostile peers for the proxy and handshake tests, each breaking one rule after looking normal.

--mode socks-unknown-address-type  SOCKS5: no authentication, then a CONNECT reply with address type 0x07.
--mode socks-bad-auth-version      SOCKS5: asks for username/password, then answers it with version 0x05
                                   (RFC 1929 says 0x01) and status 0 ("success" to a lax client).
--mode socks-reply                 SOCKS5: no authentication, then a CONNECT reply with --reply-code (RFC 1928 §6).
--mode socks-auth-refused          SOCKS5: asks for username/password and refuses them (RFC 1929 status 0x01).
--mode huge-head                   WebSocket server: a correct 101 answer whose head is 24 KiB, sent at once.
--mode plain-http                  a plain HTTP server: answers 400 to whatever arrives (a TLS port mix-up).
--mode tls-stall                   a TLS port that reads the ClientHello and never answers it (a stalled
                                   handshake): the client's handshake timeout must end it.
--mode close-then-reset            WebSocket server: a correct 101, then after the client's first frame a Close
                                   1000; once the client's Close has arrived, a TCP reset instead of a FIN (what a
                                   server does that closes a socket with unread bytes).

Listens on 127.0.0.1, writes its port to --port-file, and appends to --capture every byte a client sends after
the step the mode breaks (a WebSocket upgrade request there means the client went on regardless).
"""
import argparse
import base64
import hashlib
import socket
import struct
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


def upgrade_answer(conn, extra_header=None):
    """A correct 101 for the upgrade request read from `conn`, with one extra header line if given."""
    request = read_head(conn).decode("latin-1")
    key = next(line.split(":", 1)[1].strip() for line in request.split("\r\n")
               if line.lower().startswith("sec-websocket-key:"))
    accept = base64.b64encode(hashlib.sha1((key + GUID).encode()).digest()).decode()
    head = ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Accept: {accept}\r\n")
    if extra_header:
        head += extra_header + "\r\n"
    return (head + "\r\n").encode()


def read_frame(conn):
    """One client frame (masked), returned as (opcode, payload)."""
    first, second = read_exactly(conn, 2)
    length = second & 0x7F
    if length == 126:
        length = struct.unpack("!H", read_exactly(conn, 2))[0]
    elif length == 127:
        length = struct.unpack("!Q", read_exactly(conn, 8))[0]
    mask = read_exactly(conn, 4) if second & 0x80 else b"\0\0\0\0"
    payload = bytes(b ^ mask[i % 4] for i, b in enumerate(read_exactly(conn, length)))
    return first & 0x0F, payload


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
        elif args.mode == "socks-reply":
            greeting = read_exactly(conn, 2)
            read_exactly(conn, greeting[1])
            conn.sendall(b"\x05\x00")
            socks_connect_request(conn)
            conn.sendall(bytes([5, args.reply_code, 0, 1, 0, 0, 0, 0, 0, 0]))
        elif args.mode == "socks-auth-refused":
            greeting = read_exactly(conn, 2)
            read_exactly(conn, greeting[1])
            conn.sendall(b"\x05\x02")
            read_exactly(conn, 2)  # version, user length
            conn.recv(1024)  # the rest of the credentials
            conn.sendall(b"\x01\x01")
        elif args.mode == "plain-http":
            conn.recv(4096)
            conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        elif args.mode == "tls-stall":
            conn.recv(4096)  # the ClientHello; no ServerHello ever follows
            conn.settimeout(60)
        elif args.mode == "huge-head":
            padding = "X-Padding: " + "a" * (24 * 1024)
            conn.sendall(upgrade_answer(conn, padding)[:24 * 1024 - 4] + b"\r\n\r\n")
        else:
            conn.sendall(upgrade_answer(conn))
            read_frame(conn)
            conn.sendall(b"\x88\x02\x03\xe8")  # Close 1000, unmasked
            read_frame(conn)  # the client's Close
            # SO_LINGER with a zero timeout makes close() send RST instead of FIN.
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            conn.close()
            return
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
                        choices=["socks-unknown-address-type", "socks-bad-auth-version", "huge-head", "plain-http",
                                 "close-then-reset", "tls-stall", "socks-reply", "socks-auth-refused"])
    parser.add_argument("--reply-code", type=int, default=1)
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--capture", required=True)
    args = parser.parse_args()
    open(args.capture, "wb").close()
    serve_forever(args.port_file, lambda conn: serve(conn, args))


if __name__ == "__main__":
    main()
