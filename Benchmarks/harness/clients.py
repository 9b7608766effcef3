"""The clients, each a command line taking the same arguments: WORKLOAD URL COUNT SIZE [--deflate] [--timeout S]."""

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Client:
    key: str  # column name
    argv: list[str]  # command prefix; the workload arguments follow
    ours: bool = False
    # Which workload modes it runs (the inspector's --dump only floods).
    modes: frozenset[str] = frozenset({"flood", "rtt", "sink", "bulk"})


def all_clients(root: Path, binaries: Path, python: str, default_binaries: Path | None = None) -> list[Client]:
    here = root / "Benchmarks" / "clients"
    # The event API as a library user's plain `swift build -c release` builds it (no static stdlib, no LTO).
    default = [Client(DEFAULT_BUILD, [str(default_binaries / "wsbench")], ours=True)] if default_binaries else []
    return default + [
        Client("wsinspect-event", [str(binaries / "wsbench")], ours=True),
        Client("wsinspect-stream", [str(binaries / "wsbench"), "--api", "stream"], ours=True),
        # The same workloads in a task that prefers the stream's taskExecutor (the connection's thread).
        Client("wsinspect-stream-on-loop", [str(binaries / "wsbench"), "--api", "stream-on-loop"], ours=True),
        # Not a client to compare but the floor of rtt: blocking socket calls and one prebuilt frame, no library.
        Client("rtt-floor", [str(binaries / "wsbench"), "--api", "blocking-socket"], modes=frozenset({"rtt"})),
        # The same polling the socket instead of sleeping: what a client that spins a core while it waits would get.
        Client("rtt-floor-spinning", [str(binaries / "wsbench"), "--api", "spinning-socket"], modes=frozenset({"rtt"})),
        Client("undici", ["node", "--experimental-websocket", "--no-warnings", str(here / "undici.mjs")]),
        Client("ws", ["node", str(here / "ws.js")]),
        Client("websockets", [python, str(here / "websockets_client.py")]),
    ]


PEERS = ("undici", "ws", "websockets")
DEFAULT_BUILD = "wsinspect-event-default-build"
# Who runs against the servers that are not ours: our event API (both builds) and the peers.
ANY_SERVER = ("wsinspect-event", DEFAULT_BUILD, *PEERS)
