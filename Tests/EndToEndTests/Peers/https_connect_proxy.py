"""An HTTPS proxy for the end-to-end tests: TLS with --cert/--key, then HTTP CONNECT to a port on 127.0.0.1 only
(anything else gets 403), relaying both ways. Writes its port to --port-file once listening."""
import argparse
import os
import select
import socket
import ssl
import threading


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
        head = b""
        while b"\r\n\r\n" not in head and len(head) < 16384:
            chunk = tls.recv(4096)
            if not chunk:
                return
            head += chunk
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
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    with open(args.port_file + ".tmp", "w") as f:
        f.write(str(listener.getsockname()[1]))
    os.replace(args.port_file + ".tmp", args.port_file)
    while True:
        conn, _ = listener.accept()
        threading.Thread(target=serve, args=(conn, context), daemon=True).start()


if __name__ == "__main__":
    main()
