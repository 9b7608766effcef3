"""What every raw-socket test peer shares: a listener on 127.0.0.1 with a free port, the port written to a file once
listening (atomically, so a test never reads half a number), and one thread per connection."""
import os
import socket
import threading


def serve_forever(port_file, handle):
    """Listens on 127.0.0.1, writes the port to `port_file`, and runs `handle(conn)` on a thread per connection."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    with open(port_file + ".tmp", "w") as f:
        f.write(str(listener.getsockname()[1]))
    os.replace(port_file + ".tmp", port_file)
    while True:
        conn, _ = listener.accept()
        threading.Thread(target=handle, args=(conn,), daemon=True).start()


def read_exactly(conn, count):
    """Exactly `count` bytes, or ConnectionError when the peer closes first."""
    data = b""
    while len(data) < count:
        chunk = conn.recv(count - len(data))
        if not chunk:
            raise ConnectionError("closed")
        data += chunk
    return data


def read_head(conn, limit=65536):
    """Bytes up to and including an HTTP head's blank line (or what arrived before the peer closed)."""
    data = b""
    while b"\r\n\r\n" not in data and len(data) < limit:
        chunk = conn.recv(4096)
        if not chunk:
            break
        data += chunk
    return data
